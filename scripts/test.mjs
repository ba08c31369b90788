// `npm test`: everything that must pass before a change lands, in order, stopping at the first
// failure. Installs what a fresh clone lacks (see ensure-env.mjs). Ends with one line that adds up
// the test counts the runners reported (Karma, node:test), so the total is visible at a glance.
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { ensureChromium, ensureDependencies, root } from './ensure-env.mjs';

ensureDependencies();
process.env.CHROME_BIN = ensureChromium();

const steps = [
  ['lint (ESLint + Prettier)', 'npm', ['run', '--silent', 'lint']],
  ['error codes documented (docs/errors.md)', 'node', ['scripts/check-docs.mjs']],
  ['library unit tests (Karma, headless Chromium)', 'npx', ['ng', 'test', 'ngx-msal-http', '--watch=false']],
  ['demo unit tests (Karma, with ngx-msal-http/testing)', 'npx', ['ng', 'test', 'demo', '--watch=false']],
  ['library build (ng-packagr)', 'npx', ['ng', 'build', 'ngx-msal-http']],
  ['benchmark smoke test (harness and concurrency counts, no timings)', 'node', ['bench/smoke.mjs', '--skip-lib-build']],
  ['public API reports (API Extractor)', 'node', ['scripts/check-api.mjs']],
  ['e2e servers self-test (provider, API, headless PKCE login)', 'node', ['--test', 'e2e/servers/']],
  ['end-to-end tests (demo app, OpenID provider, API, Playwright)', 'node', ['e2e/run.mjs']],
  ['ng-add schematic (build into dist, node --test)', 'node', ['scripts/build-schematics.mjs', '--test']],
  ['packed package (publint, attw, install, peers)', 'node', ['scripts/check-package.mjs']],
  ['fresh CLI 21 apps: ng add, build, sign in, call the API (Playwright)', 'node', ['scripts/fresh-app.mjs', '--skip-lib-build']],
];

const total = { passed: 0, failed: 0 };

for (const [title, command, args] of steps) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const { status, counts } = await run(command, args);
  total.passed += counts.passed;
  total.failed += counts.failed;
  console.log(`=== ${title}: ${status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (status !== 0) {
    console.log(`\ntests: ${total.passed} passed, ${Math.max(total.failed, 1)} failed`);
    process.exit(status ?? 1);
  }
}
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed`);

/** Runs a step with its output passed through, and reads the test counts its runner printed. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['inherit', 'pipe', 'pipe'], env: process.env });
    let text = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      text += chunk;
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (status) => resolve({ status, counts: testCounts(text) }));
  });
}

// Karma's closing line ("Executed 452 of 452 SUCCESS" / "(3 FAILED)") and node:test's summary
// ("# pass 18" in TAP, "ℹ pass 9" in the spec reporter). Colours are stripped first.
function testCounts(output) {
  const text = stripVTControlCharacters(output);
  const karma = [...text.matchAll(/Executed (\d+) of \d+(?: \((\d+) FAILED\))?/g)].at(-1);
  if (karma) {
    const failed = Number(karma[2] ?? 0);
    return { passed: Number(karma[1]) - failed, failed };
  }
  const pass = [...text.matchAll(/^[#ℹ] pass (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  const fail = [...text.matchAll(/^[#ℹ] fail (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
  return { passed: pass, failed: fail };
}
