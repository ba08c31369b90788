import { BenchMsalClient } from './bench-msal-client';
import { send } from './measure';
import { generateMaps } from './resource-maps';
import { createVariant } from './variants';

/** Scenario 7 settings: token lifetime and renewal offset (short, so renewals happen), fetch latency, duration. */
export interface RenewalOptions {
  readonly tokenLifetimeMs: number;
  readonly renewalOffsetMs: number;
  readonly fetchLatencyMs: number;
  readonly durationMs: number;
}

/** What one variant's requests saw while its token kept coming up for renewal. */
export interface RenewalResult {
  readonly requests: number;
  /** Refreshes the client made (token fetches). */
  readonly renewals: number;
  /** Requests that waited for a refresh: one finished while they were pending. */
  readonly waited: number;
  /** Wall time per request over the run. */
  readonly meanUs: number;
  /**
   * The time requests spent waiting for refreshes, spread over all requests: the latency renewals
   * added per request. (The page clock is coarse, 0.1 ms without cross-origin isolation; a 20 ms
   * wait is well above it, a cached request far below.)
   */
  readonly addedUs: number;
  readonly maxMs: number;
}

/**
 * Scenario 7: sequential requests (each awaited) to one mapped URL for `durationMs`, with tokens
 * that live `tokenLifetimeMs` and a renewal offset of `renewalOffsetMs`, so the token is about to
 * expire again and again. Per request, the wall-clock latency: a request that meets a refresh
 * waits `fetchLatencyMs`, unless the token was renewed before it was needed.
 */
export async function renewal(library: 'ours' | 'ours-renewal' | 'theirs', options: RenewalOptions): Promise<RenewalResult> {
  const maps = generateMaps(10);
  const client = new BenchMsalClient({
    fetchLatencyMs: options.fetchLatencyMs,
    tokenLifetimeMs: options.tokenLifetimeMs,
    renewalOffsetMs: options.renewalOffsetMs,
  });
  const variant = await createVariant(library === 'theirs' ? 'theirs' : 'ours', client.asClient(), maps, {
    renewal: library === 'ours-renewal',
  });
  const url = maps.middle.url;
  try {
    await send(variant.http, { method: 'GET', url });
    const fetchesBefore = client.counts.tokenFetches;
    const latencies: number[] = [];
    const waits: number[] = [];
    const end = performance.now() + options.durationMs;
    let n = 0;
    while (performance.now() < end) {
      const start = performance.now();
      const fetches = client.fetchesCompleted;
      await send(variant.http, { method: 'GET', url: `${url}?r=${n++}` });
      const us = (performance.now() - start) * 1000;
      latencies.push(us);
      // Wall time alone would also count the moments another process had the CPU.
      if (client.fetchesCompleted !== fetches) waits.push(us);
      // Let timers (renewals, the fetch) run between requests, as an app's event loop would.
      if (n % 50 === 0) await new Promise((resolve) => setTimeout(resolve));
    }
    return {
      requests: latencies.length,
      renewals: client.counts.tokenFetches - fetchesBefore,
      waited: waits.length,
      meanUs: round((options.durationMs * 1000) / latencies.length),
      addedUs: round(waits.reduce((sum, us) => sum + us, 0) / latencies.length),
      maxMs: round(Math.max(...latencies) / 1000),
    };
  } finally {
    variant.destroy();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
