// The benchmark page. The Node side (bench/node/run-bench.mjs) drives it through `window.bench`:
// it opens a scenario's applications, then times one round of one variant per call, reading the
// main thread's CPU time around each call, so other processes on the machine do not count.
import { buildingBlocks } from './building-blocks';
import { concurrency } from './concurrency';
import { realLogin } from './real-client';
import { renewal } from './renewal';
import { closeSession, collectGarbage, openSession, sessionRound } from './sessions';

const bench = { buildingBlocks, openSession, sessionRound, closeSession, collectGarbage, concurrency, renewal, realLogin };

declare global {
  interface Window {
    bench: typeof bench;
  }
}

window.bench = bench;
document.title = 'ngx-msal-http bench: ready';
