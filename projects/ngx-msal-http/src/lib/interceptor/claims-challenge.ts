/**
 * The claims request of a CAE-style challenge, decoded, or `null` when the header is not one:
 * `WWW-Authenticate: Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3Nf..."`.
 * Only a Bearer (or, for a DPoP request, a DPoP) challenge whose `error` is `insufficient_claims`
 * and whose `claims` decodes to a JSON object counts.
 */
export function parseClaimsChallenge(header: string | null, scheme: 'bearer' | 'dpop' = 'bearer'): string | null {
  for (const params of challengeParams(header, scheme)) {
    if (params.get('error') !== 'insufficient_claims') continue;
    const encoded = params.get('claims');
    if (!encoded) continue;
    const claims = decodeBase64(encoded);
    if (claims !== null && isJsonObject(claims)) return claims;
  }
  return null;
}

// auth-param = token "=" ( token / quoted-string ), challenges separated by commas (RFC 9110 11.6.1).
const PARAM = /([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,]*)/y;
const SCHEME = /([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?=\s|,|$)/y;

/** The parameters (names lower-cased) of each challenge of `scheme` (lower case) in a `WWW-Authenticate` value. */
export function* challengeParams(header: string | null, scheme: string): Iterable<Map<string, string>> {
  if (!header) return;
  let index = 0;
  let current: Map<string, string> | null = null;
  let currentMatches = false;
  while (index < header.length) {
    while (index < header.length && /[\s,]/.test(header[index])) index++;
    PARAM.lastIndex = index;
    const param = PARAM.exec(header);
    if (param && current) {
      const raw = param[2];
      current.set(param[1].toLowerCase(), raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
      index = PARAM.lastIndex;
      continue;
    }
    SCHEME.lastIndex = index;
    const found = SCHEME.exec(header);
    if (!found) break;
    if (current && currentMatches) yield current;
    current = new Map();
    currentMatches = found[1].toLowerCase() === scheme;
    index = SCHEME.lastIndex;
  }
  if (current && currentMatches) yield current;
}

function decodeBase64(text: string): string | null {
  try {
    const standard = text.replace(/-/g, '+').replace(/_/g, '/');
    const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
