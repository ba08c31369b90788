import {
  CompileProtectedResourceMapOptions,
  ProtectedResourceMap,
  ProtectedResourceMatcher,
  ProtectedResourceScopes,
  ResourceMatch,
} from './protected-resource-map';
import { createHostPrefilter } from './host-prefilter';
import { duplicateKey, invalidMapShape, keyNotString, mapItemNotPair } from './map-errors';
import { collectPathMatches, compareAlignments, comparePaths, insertPath, PathTrie } from './path-trie';
import { compileResourceRule, ResourceRule } from './resource-rule';
import { effectivePort, parseUrlPattern, UrlPattern } from './url-pattern';

interface CompiledKey {
  readonly pattern: UrlPattern;
  readonly rule: ResourceRule;
  /** Position among the keys of the same host pattern, most specific first; equal when tied. */
  rank: number;
  /** Another key of the host is equally specific (rule 6, step 4): the request decides. */
  tied: boolean;
}

/**
 * Validates a protectedResourceMap and compiles it into a matcher, once. Pure: no Angular, no DOM.
 * Throws an `MsalHttpError` (`MSALHTTP1xx`) naming the first bad key and the fix.
 *
 * @example
 * const matcher = compileProtectedResourceMap(
 *   [['https://api.contoso.com/orders', ['api://orders/read']], ['/api/public', null]],
 *   { baseUrl: 'https://app.contoso.com/' },
 * );
 * matcher.match('https://api.contoso.com/orders/42'); // { key: 'https://api.contoso.com/orders', scopes: [...] }
 * matcher.match('https://api.contoso.com.evil.net/orders'); // null
 */
export function compileProtectedResourceMap(
  map: ProtectedResourceMap,
  options: CompileProtectedResourceMapOptions = {},
): ProtectedResourceMatcher {
  const { baseUrl } = options;
  // Rule 1: a URL with user information never gets a token, and a relative request resolved
  // against a base with user information inherits it. Keys only name an origin and a path, so
  // they resolve against the base without it.
  const base = withoutUserInfo(baseUrl);
  const baseHasUserInfo = base !== baseUrl;
  // Host pattern ("https://*.contoso.com:443" as `https:|1|contoso.com|443`) -> its path trie.
  const hosts = new Map<string, { trie: PathTrie<CompiledKey>; keys: CompiledKey[] }>();
  const canonicals = new Map<string, string>();
  const keys: string[] = [];

  for (const [key, value] of protectedResourceEntries(map)) {
    const pattern = parseUrlPattern(key, base);
    const rule = compileResourceRule(key, value);
    const earlier = canonicals.get(pattern.canonical);
    if (earlier !== undefined) {
      throw duplicateKey(earlier, key);
    }
    canonicals.set(pattern.canonical, key);
    keys.push(key);
    const hostKey = hostIndexKey(pattern.protocol, pattern.hostWildcards, pattern.hostSuffix, pattern.port);
    let host = hosts.get(hostKey);
    if (!host) hosts.set(hostKey, (host = { trie: {}, keys: [] }));
    const compiled: CompiledKey = { pattern, rule, rank: 0, tied: false };
    insertPath(host.trie, pattern.segments).value = compiled;
    host.keys.push(compiled);
  }
  for (const { keys: hostKeys } of hosts.values()) {
    hostKeys.sort((a, b) => comparePaths(a.pattern.segments, b.pattern.segments));
    // Equally specific keys share a rank, so that the sort at match time, not map order, decides.
    hostKeys.forEach((compiled, i) => {
      const previous = hostKeys[i - 1];
      if (previous && comparePaths(previous.pattern.segments, compiled.pattern.segments) === 0) {
        compiled.rank = previous.rank;
        compiled.tied = previous.tied = true;
      } else {
        compiled.rank = i;
      }
    });
  }
  const maxWildcards = Math.max(0, ...[...hosts.values()].map((h) => h.keys[0].pattern.hostWildcards));
  const mightMatch = createHostPrefilter(
    [...hosts.values()].map((h) => h.keys[0].pattern.hostSuffix),
    baseUrl,
  );

  return {
    keys: Object.freeze(keys),
    match(url: string, method = 'GET'): ResourceMatch | null {
      if (!mightMatch(url)) return null;
      const parsed = parseRequestUrl(url, baseUrl, baseHasUserInfo);
      if (!parsed) return null;
      // Each URL getter is a call into the browser that builds a new string: read each once.
      const { protocol, hostname } = parsed;
      const port = effectivePort(protocol, parsed.port);
      const verb = method.toUpperCase();
      // Exact host first, then wildcard hosts with the most literal labels (rule 6). A `*` stands
      // for one DNS label, never an empty one (the parser accepts "https://.contoso.com/").
      let labels: string[] = [];
      let lastWildcards = 0;
      if (maxWildcards > 0) {
        labels = hostname.startsWith('[') ? [hostname] : hostname.split('.');
        const firstEmpty = labels.indexOf('');
        lastWildcards = Math.min(maxWildcards, labels.length - 2, firstEmpty === -1 ? Infinity : firstEmpty);
      }
      let segments: string[] | undefined;
      for (let wildcards = 0; wildcards === 0 || wildcards <= lastWildcards; wildcards++) {
        const suffix = wildcards === 0 ? hostname : labels.slice(wildcards).join('.');
        const host = hosts.get(hostIndexKey(protocol, wildcards, suffix, port));
        if (!host) continue;
        segments ??= parsed.pathname.split('/').slice(1);
        const decision = decideForHost(host.trie, segments, verb);
        if (decision !== undefined) return decision;
      }
      return null;
    },
  };
}

function decideForHost(trie: PathTrie<CompiledKey>, segments: readonly string[], method: string): ResourceMatch | null | undefined {
  const candidates: CompiledKey[] = [];
  // Where each tied key matched, its right-most way: only keys that have an equal need it.
  let alignments: Map<CompiledKey, readonly number[]> | undefined;
  collectPathMatches(trie, segments, 0, (compiled, positions) => {
    candidates.push(compiled);
    if (!compiled.tied) return;
    alignments ??= new Map();
    const best = alignments.get(compiled);
    if (!best || compareAlignments(positions, best) > 0) alignments.set(compiled, positions.slice());
  });
  if (candidates.length > 1) {
    candidates.sort((a, b) => a.rank - b.rank || (a.tied && b.tied ? compareAlignments(alignments!.get(b)!, alignments!.get(a)!) : 0));
  }
  for (const candidate of candidates) {
    const decision = candidate.rule.decide(method);
    if (decision !== undefined) return decision;
  }
  return undefined;
}

function hostIndexKey(protocol: string, wildcards: number, suffix: string, port: string): string {
  return `${protocol}|${wildcards}|${suffix}|${port}`;
}

// An absolute http(s) URL ignores the base URL; parsing it alone spares the parser the base.
const ABSOLUTE_HTTP = /^https?:\/\//i;

/** Rule 1: only absolute http(s) URLs without user information can ever get a token. */
function parseRequestUrl(url: string, baseUrl: string | undefined, baseHasUserInfo: boolean): URL | null {
  let parsed: URL;
  try {
    parsed = ABSOLUTE_HTTP.test(url) ? new URL(url) : new URL(url, baseUrl);
  } catch {
    return null;
  }
  const { protocol } = parsed;
  if (protocol !== 'https:' && protocol !== 'http:') return null;
  // User information needs an "@" in the URL or in the base; without one, spare the two getters.
  if ((baseHasUserInfo || url.includes('@')) && (parsed.username || parsed.password)) return null;
  return parsed;
}

/** The base URL without its user information; the same string when it has none or does not parse. */
function withoutUserInfo(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined || !baseUrl.includes('@')) return baseUrl;
  try {
    const url = new URL(baseUrl);
    if (!url.username && !url.password) return baseUrl;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return baseUrl;
  }
}

/** The map's `[key, value]` pairs whatever its form, with keys checked to be strings (`MSALHTTP101`/`112`). */
export function protectedResourceEntries(map: ProtectedResourceMap): Iterable<readonly [string, ProtectedResourceScopes]> {
  let entries: Iterable<readonly [unknown, unknown]>;
  if (map instanceof Map) {
    entries = map.entries();
  } else if (Array.isArray(map)) {
    for (const pair of map as readonly unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw mapItemNotPair(pair);
      }
    }
    entries = map as readonly (readonly [unknown, unknown])[];
  } else if (map !== null && typeof map === 'object' && isPlainObject(map)) {
    entries = Object.entries(map);
  } else {
    throw invalidMapShape(map);
  }
  return checkKeys(entries);
}

function* checkKeys(entries: Iterable<readonly [unknown, unknown]>): Iterable<readonly [string, ProtectedResourceScopes]> {
  for (const [key, value] of entries) {
    if (typeof key !== 'string') {
      throw keyNotString(key);
    }
    yield [key, value as ProtectedResourceScopes];
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
