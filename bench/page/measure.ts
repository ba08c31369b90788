import { HttpClient } from '@angular/common/http';

import { BenchRequest } from './resource-maps';

/** One timed round: how many requests went through and how long that took on the page's clock. */
export interface RoundResult {
  readonly count: number;
  readonly wallUs: number;
}

/** Sends one request through HttpClient and resolves when it completes (rejects on error). */
export function send(http: HttpClient, request: BenchRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    http.request(request.method, request.url).subscribe({ complete: resolve, error: reject });
  });
}

// Every request of a round gets a query parameter it never had before: apps send many distinct
// URLs (ids, cache-busting queries), so a cache keyed by URL in either library must not make this
// benchmark look better than such an app would see. No protectedResourceMap key looks at the query.
let sequence = 0;

/**
 * Sends `requests` round-robin, one after another (each awaited), until `budgetMs` have passed and
 * at least `minRequests` were sent. The Node side reads the main thread's CPU time around this call.
 */
export async function timeRound(
  http: HttpClient,
  requests: readonly BenchRequest[],
  budgetMs: number,
  minRequests: number,
): Promise<RoundResult> {
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const { method, url } of requests) await send(http, { method, url: `${url}?n=${sequence++}` });
    count += requests.length;
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs || count < minRequests);
  return { count, wallUs: elapsed * 1000 };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
