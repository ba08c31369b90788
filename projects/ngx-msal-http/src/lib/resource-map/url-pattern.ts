import {
  emptyKey,
  invalidHostWildcard,
  invalidPathWildcard,
  keyNotUrl,
  keyWithQueryOrFragment,
  keyWithUserInfo,
  malformedScheme,
  relativeKeyWithoutBase,
  unsupportedScheme,
  warnKeyLooksLikeHost,
} from './map-errors';
import { hostLikeKey, misspelledScheme, withLikelyScheme } from './key-hints';

// As in map-errors.ts: plain Node (ngx-msal-http/matching) has no ngDevMode, so the `typeof` form.
declare const ngDevMode: boolean | object | null | undefined;

/** One path segment of a key: a literal, `*` (one segment) or `**` (any number of segments). */
export type PathSegment = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'star' | 'globstar' };

/** A key parsed into the parts matching compares: origin, host wildcard count, path segments. */
export interface UrlPattern {
  readonly protocol: string;
  /** The host without its leading `*` labels, lower case (the parser lower-cases and punycodes). */
  readonly hostSuffix: string;
  /** How many leading `*` labels the host has; 0 for an exact host. */
  readonly hostWildcards: number;
  readonly port: string;
  readonly segments: readonly PathSegment[];
  /** A canonical text form; two keys with the same one are duplicates. */
  readonly canonical: string;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** The port the URL parser leaves empty when it is the scheme's default, made explicit. */
export function effectivePort(protocol: string, port: string): string {
  return port || DEFAULT_PORTS[protocol] || '';
}

/** Resolves a protectedResourceMap key with the WHATWG parser and validates it (rules 1-5, 8). */
export function parseUrlPattern(key: string, baseUrl: string | undefined): UrlPattern {
  const written = key.replace(IGNORED_INSIDE, '').trim();
  const url = resolveKey(key, written, baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    // "localhost:4200/api" parses as the scheme "localhost:": name the URL it most likely meant.
    // Hints only feed messages, which exist in development builds only (as do the hints' code).
    const hint =
      (typeof ngDevMode === 'undefined' || ngDevMode) && HOST_PORT_AS_SCHEME.test(written) ? withLikelyScheme(written) : undefined;
    throw unsupportedScheme(key, url.protocol, hint);
  }
  if (key.includes('?') || key.includes('#')) {
    throw keyWithQueryOrFragment(key);
  }
  if (url.username || url.password) {
    throw keyWithUserInfo(key);
  }
  const { hostSuffix, hostWildcards } = parseHost(key, url.hostname);
  const segments = parsePath(key, url.pathname);
  const port = effectivePort(url.protocol, url.port);
  const path = segments.map((s) => (s.kind === 'literal' ? `=${s.text}` : s.kind)).join('/');
  // A relative key that starts like a host is valid (a path on the app) but rarely meant.
  if ((typeof ngDevMode === 'undefined' || ngDevMode) && baseUrl !== undefined && !ABSOLUTE.test(written)) {
    const meant = hostLikeKey(written);
    if (meant !== undefined) warnKeyLooksLikeHost(key, url.href, meant);
  }
  return {
    protocol: url.protocol,
    hostSuffix,
    hostWildcards,
    port,
    segments,
    canonical: `${url.protocol}//${'*.'.repeat(hostWildcards)}${hostSuffix}:${port}/${path}`,
  };
}

// What the URL parser drops: tabs and newlines anywhere (and, as trim() does, spaces around).
const IGNORED_INSIDE = /[\t\n\r]/g;
// A scheme, which makes a key absolute: if it does not parse, a base URL would not help.
const ABSOLUTE = /^[a-z][a-z\d+.-]*:/i;
// What looks like a scheme but is a host and a port: "localhost:4200/api".
const HOST_PORT_AS_SCHEME = /^[a-z][a-z\d+.-]*:\d{1,5}(?:[/\\?#]|$)/i;

/** `written` is the key as the parser reads it (without tabs, newlines and surrounding spaces). */
function resolveKey(key: string, written: string, baseUrl: string | undefined): URL {
  if (written === '') {
    throw emptyKey();
  }
  const corrected = misspelledScheme(written);
  if (corrected !== undefined) {
    throw malformedScheme(key, corrected);
  }
  try {
    return new URL(key);
  } catch {
    // Not absolute: resolve against the base below.
  }
  if (baseUrl === undefined && ABSOLUTE.test(written)) {
    throw keyNotUrl(key);
  }
  if (baseUrl === undefined) {
    throw relativeKeyWithoutBase(key, typeof ngDevMode === 'undefined' || ngDevMode ? hostLikeKey(written) : undefined);
  }
  try {
    return new URL(key, baseUrl);
  } catch {
    throw keyNotUrl(key, baseUrl);
  }
}

function parseHost(key: string, parsedHostname: string): { hostSuffix: string; hostWildcards: number } {
  // Chromium's parser percent-encodes "*" in a host ("%2A.contoso.com"); the WHATWG spec keeps it.
  const hostname = parsedHostname.replace(/%2a/gi, '*');
  if (!hostname.includes('*')) return { hostSuffix: hostname, hostWildcards: 0 };
  const labels = hostname.split('.');
  let hostWildcards = 0;
  while (labels[hostWildcards] === '*') hostWildcards++;
  const literal = labels.slice(hostWildcards);
  if (literal.some((label) => label.includes('*'))) throw invalidHostWildcard(key, hostname, false);
  if (literal.length < 2) throw invalidHostWildcard(key, hostname, true);
  return { hostSuffix: literal.join('.'), hostWildcards };
}

function parsePath(key: string, pathname: string): PathSegment[] {
  const raw = pathname.split('/').slice(1);
  // A trailing slash adds nothing: "/a/" is "/a".
  if (raw[raw.length - 1] === '') raw.pop();
  // Trailing wildcards only say "and below", which every key means: "/a/*", "/a/**", "/a/*/*" and
  // "/a/**/*" are all "/a", so writing two of them is a duplicate (MSALHTTP108), not a tie.
  while (raw[raw.length - 1] === '*' || raw[raw.length - 1] === '**') raw.pop();
  const segments: PathSegment[] = [];
  let stars = 0;
  let globstar = false;
  // A run of wildcards with a "**" in it is "at least as many segments as it has *": written in
  // one form, stars first, so that "/a/**/*/c" and "/a/*/**/c" are the same key.
  const endRun = () => {
    for (; stars > 0; stars--) segments.push({ kind: 'star' });
    if (globstar) segments.push({ kind: 'globstar' });
    globstar = false;
  };
  for (const text of raw) {
    if (text === '**') {
      globstar = true;
    } else if (text === '*') {
      stars++;
    } else if (text.includes('*')) {
      throw invalidPathWildcard(key, text);
    } else {
      endRun();
      segments.push({ kind: 'literal', text });
    }
  }
  endRun();
  return segments;
}
