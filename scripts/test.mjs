// `npm test`: everything that must pass before a change lands, in order, stopping at the first
// failure. Installs what a fresh clone lacks (see ensure-env.mjs).
import { spawnSync } from 'node:child_process';
import { ensureChromium, ensureDependencies, root } from './ensure-env.mjs';

ensureDependencies();
process.env.CHROME_BIN = ensureChromium();

const steps = [
  ['lint (ESLint + Prettier)', 'npm', ['run', '--silent', 'lint']],
  ['error codes documented (docs/errors.md)', 'node', ['scripts/check-docs.mjs']],
  ['library unit tests (Karma, headless Chromium)', 'npx', ['ng', 'test', 'ngx-msal-http', '--watch=false']],
  ['library build (ng-packagr)', 'npx', ['ng', 'build', 'ngx-msal-http']],
  ['benchmark smoke test (harness and concurrency counts, no timings)', 'node', ['bench/smoke.mjs', '--skip-lib-build']],
  ['public API reports (API Extractor)', 'node', ['scripts/check-api.mjs']],
  ['end-to-end tests (demo app, OpenID provider, API, Playwright)', 'node', ['e2e/run.mjs']],
  ['ng-add schematic (build into dist, node --test)', 'node', ['scripts/build-schematics.mjs', '--test']],
  ['packed package (publint, attw, install, peers)', 'node', ['scripts/check-package.mjs']],
];

for (const [title, command, args] of steps) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  console.log(`=== ${title}: ${status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (status !== 0) process.exit(status ?? 1);
}
