import type { ProtectedResourceScopes as TheirScopes } from '@azure/msal-angular';
import type { ProtectedResourceMap, ProtectedResourceScopes } from 'ngx-msal-http';

/** One request of a scenario. */
export interface BenchRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
}

/** The same protected resources written in each library's syntax. */
export interface BenchMaps {
  readonly ours: ProtectedResourceMap;
  readonly theirs: Map<string, (string | TheirScopes)[] | null>;
  /** A GET to a sub-path of the exact-origin key nearest the middle of the map. */
  readonly middle: BenchRequest;
  /** One request per kind of key present (origin, path, wildcard host, method entry, relative). */
  readonly samples: readonly BenchRequest[];
}

type Kind = 'origin' | 'path' | 'wildcard' | 'method' | 'exclusion' | 'relative';

// 20 keys: 8 exact origins, 5 paths, 2 wildcard hosts, 2 per-method entries, 2 exclusions, 1
// relative path. Interleaved so that even the 10-key map has every kind but the relative one.
const PATTERN: readonly Kind[] = [
  'origin',
  'path',
  'origin',
  'wildcard',
  'origin',
  'method',
  'path',
  'origin',
  'exclusion',
  'origin',
  'path',
  'relative',
  'origin',
  'path',
  'wildcard',
  'origin',
  'method',
  'exclusion',
  'origin',
  'path',
];

/**
 * A deterministic map of `size` keys and the equivalent msal-angular map. msal-angular's strict
 * matching (its default) anchors each key, so a key covering a subtree is written `…/*` there; it
 * also takes the first matching key in map order, so its exclusions come first. Our keys cover
 * their subtree and the most specific key wins whatever the order.
 */
export function generateMaps(size: number): BenchMaps {
  const ours: [string, ProtectedResourceScopes][] = [];
  const theirs: [string, (string | TheirScopes)[] | null][] = [];
  const exclusions: [string, null][] = [];
  const samples = new Map<Kind, BenchRequest>();
  let lastOrigin = -1;
  let middle: BenchRequest | null = null;

  for (let i = 0; i < size; i++) {
    const kind = PATTERN[i % PATTERN.length];
    const read = `api://k${i}/read`;
    let request: BenchRequest | null = null;
    switch (kind) {
      case 'origin':
        lastOrigin = i;
        ours.push([`https://api${i}.contoso.com`, [read]]);
        theirs.push([`https://api${i}.contoso.com/*`, [read]]);
        request = { method: 'GET', url: `https://api${i}.contoso.com/v1/items/42` };
        if (!middle && i >= size / 2) middle = request;
        break;
      case 'path':
        ours.push([`https://svc${i}.fabrikam.net/v2/orders`, [read]]);
        theirs.push([`https://svc${i}.fabrikam.net/v2/orders/*`, [read]]);
        request = { method: 'GET', url: `https://svc${i}.fabrikam.net/v2/orders/7` };
        break;
      case 'wildcard':
        ours.push([`https://*.t${i}.contoso.net`, [read]]);
        theirs.push([`https://*.t${i}.contoso.net/*`, [read]]);
        request = { method: 'GET', url: `https://eu.t${i}.contoso.net/data/1` };
        break;
      case 'method': {
        const byMethod = [
          { httpMethod: 'GET', scopes: [read] },
          { httpMethod: 'POST', scopes: [`api://k${i}/write`] },
        ];
        ours.push([`https://m${i}.contoso.org/items`, byMethod]);
        theirs.push([`https://m${i}.contoso.org/items/*`, byMethod]);
        request = { method: 'POST', url: `https://m${i}.contoso.org/items/3` };
        break;
      }
      case 'exclusion': {
        const key = `https://api${Math.max(lastOrigin, 0)}.contoso.com/health${i}`;
        ours.push([key, null]);
        exclusions.push([key, null]);
        break;
      }
      case 'relative':
        ours.push([`/api/r${i}`, [read]]);
        theirs.push([`/api/r${i}/*`, [read]]);
        request = { method: 'GET', url: `/api/r${i}/list` };
        break;
    }
    if (request && !samples.has(kind)) samples.set(kind, request);
  }
  return {
    ours,
    theirs: new Map([...exclusions, ...theirs]),
    middle: middle ?? samples.get('origin')!,
    samples: [...samples.values()],
  };
}

/** Requests no key names: an asset on a CDN, a relative asset and an unmapped API. */
export const PASS_THROUGH_REQUESTS: readonly BenchRequest[] = [
  { method: 'GET', url: 'https://cdn.example.net/assets/app.json' },
  { method: 'GET', url: '/assets/i18n/en.json' },
  { method: 'POST', url: 'https://telemetry.example.org/v1/events' },
];
