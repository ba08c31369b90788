import { HttpRequest } from '@angular/common/http';
import { compileProtectedResourceMap } from 'ngx-msal-http';

import { median } from './measure';
import { generateMaps, PASS_THROUGH_REQUESTS } from './resource-maps';

/**
 * What the pieces of a request cost on this machine, in µs per operation (median of rounds), to
 * read the scenario figures against: a URL parse, our compiled match alone, the header clone every
 * interceptor pays, a timer armed and cleared, a resolved-promise hop.
 */
export async function buildingBlocks(rounds: number): Promise<Record<string, number>> {
  const maps = generateMaps(10);
  const matcher = compileProtectedResourceMap(maps.ours, { baseUrl: document.baseURI });
  const passUrls = PASS_THROUGH_REQUESTS.map((r) => r.url);
  const mapped = maps.samples;
  const request = new HttpRequest('GET', mapped[0].url);
  let sink: unknown = null;
  const blocks: Record<string, () => unknown> = {
    'new URL (absolute)': () => new URL(mapped[0].url),
    'matcher.match, unmapped URL': () => matcher.match(passUrls[0], 'GET'),
    'matcher.match, mapped URL': () => matcher.match(mapped[0].url, mapped[0].method),
    'request.clone({ setHeaders })': () => request.clone({ setHeaders: { Authorization: 'Bearer x' } }),
    'setTimeout + clearTimeout': () => clearTimeout(setTimeout(noop, 30_000)),
  };
  const result: Record<string, number> = {};
  for (const [name, op] of Object.entries(blocks)) {
    const samples: number[] = [];
    for (let round = 0; round <= rounds; round++) {
      const start = performance.now();
      for (let i = 0; i < 2_000; i++) sink = op();
      if (round > 0) samples.push(((performance.now() - start) * 1000) / 2_000);
    }
    result[name] = median(samples);
  }
  const samples: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < 2_000; i++) sink = await Promise.resolve(i);
    if (round > 0) samples.push(((performance.now() - start) * 1000) / 2_000);
  }
  result['await of a resolved promise'] = median(samples);
  // Keeps the results reachable, so the engine cannot drop the work as dead code.
  (globalThis as { benchSink?: unknown }).benchSink = sink;
  return result;
}

function noop(): void {}
