// `npm run e2e`: the end-to-end suite alone. Installs what a fresh clone lacks, builds the library
// and the demo when their sources changed, then runs e2e/suite.mjs in one Node process (one
// browser, one set of servers) with the spec reporter and a one-line summary.
//
//   npm run e2e                      everything
//   npm run e2e -- --test-name-pattern=claims    only tests whose name matches
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildDemo, buildLibrary } from '../scripts/build-demo.mjs';
import { ensureChromium, ensureDependencies, root } from '../scripts/ensure-env.mjs';

const SUITE_TIMEOUT_MS = 10 * 60_000;

ensureDependencies();
process.env.CHROME_BIN = ensureChromium();

const started = Date.now();
try {
  buildLibrary();
  buildDemo();
} catch (error) {
  console.error(`[e2e] ${error.message}`);
  process.exit(1);
}
const built = Date.now();

const reporters = [
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'e2e', 'support', 'summary-reporter.mjs')}`,
  '--test-reporter-destination=stdout',
];
const { status, signal } = spawnSync(process.execPath, [...reporters, ...process.argv.slice(2), join(root, 'e2e', 'suite.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
  timeout: SUITE_TIMEOUT_MS,
  killSignal: 'SIGKILL',
});
const seconds = (from, to = Date.now()) => ((to - from) / 1000).toFixed(1);
console.log(`[e2e] builds ${seconds(started, built)} s, tests ${seconds(built)} s, total ${seconds(started)} s`);
if (signal) console.error(`[e2e] the suite was stopped by ${signal} (over ${SUITE_TIMEOUT_MS / 60_000} min?)`);
process.exit(status ?? 1);
