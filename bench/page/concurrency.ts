import { BenchClientCounts, BenchMsalClient } from './bench-msal-client';
import { send } from './measure';
import { generateMaps } from './resource-maps';
import { createVariant } from './variants';

/** Scenario 4 settings: how many parallel requests, the simulated latencies, and the give-up time. */
export interface ConcurrencyOptions {
  readonly requests: number;
  readonly fetchLatencyMs: number;
  readonly popupLatencyMs: number;
  /** A request not settled after this long counts as hung (it would wait forever in the app). */
  readonly timeoutMs: number;
}

/** What one library did with N parallel requests needing the same token. */
export interface ConcurrencyResult {
  readonly requests: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly hung: number;
  /** Failure reasons (error code) and how many requests failed with each. */
  readonly errors: Record<string, number>;
  readonly client: BenchClientCounts;
  readonly elapsedMs: number;
}

/**
 * Scenario 4: `requests` parallel GETs under one key (so one scope set) on a cold cache, either
 * with a working refresh (`cold`) or with the user needed first (`interaction`: silent calls fail
 * with InteractionRequiredAuthError until a popup succeeds).
 */
export async function concurrency(
  library: 'ours' | 'theirs',
  mode: 'cold' | 'interaction',
  options: ConcurrencyOptions,
): Promise<ConcurrencyResult> {
  const maps = generateMaps(10);
  const client = new BenchMsalClient({
    fetchLatencyMs: options.fetchLatencyMs,
    popupLatencyMs: options.popupLatencyMs,
    interactionRequired: mode === 'interaction',
  });
  const variant = await createVariant(library, client.asClient(), maps);
  const base = maps.middle.url.replace(/\/[^/]*$/, '');
  try {
    const start = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: options.requests }, (_, i) =>
        settle(send(variant.http, { method: 'GET', url: `${base}/${i}` }), options.timeoutMs),
      ),
    );
    const elapsedMs = Math.round(performance.now() - start);
    const errors: Record<string, number> = {};
    for (const outcome of outcomes) {
      if (outcome.kind === 'failed') errors[outcome.reason] = (errors[outcome.reason] ?? 0) + 1;
    }
    return {
      requests: options.requests,
      succeeded: outcomes.filter((o) => o.kind === 'ok').length,
      failed: outcomes.filter((o) => o.kind === 'failed').length,
      hung: outcomes.filter((o) => o.kind === 'hung').length,
      errors,
      client: { ...client.counts },
      elapsedMs,
    };
  } finally {
    variant.destroy();
  }
}

type Outcome = { kind: 'ok' } | { kind: 'failed'; reason: string } | { kind: 'hung' };

function settle(request: Promise<void>, timeoutMs: number): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<Outcome>((resolve) => (timer = setTimeout(() => resolve({ kind: 'hung' }), timeoutMs)));
  const done = request.then(
    (): Outcome => ({ kind: 'ok' }),
    (error: unknown): Outcome => ({ kind: 'failed', reason: reasonOf(error) }),
  );
  return Promise.race([done, hung]).finally(() => clearTimeout(timer));
}

// Our errors carry `code` (MSALHTTP2xx), msal-browser's `errorCode`.
function reasonOf(error: unknown): string {
  const { code, errorCode, name } = (error ?? {}) as { code?: unknown; errorCode?: unknown; name?: unknown };
  const reason = [code, errorCode, name].find((value) => typeof value === 'string');
  return typeof reason === 'string' ? reason : 'unknown';
}
