// The benchmark's smoke test (a step of `npm test`): every scenario runs once with tiny rounds,
// then the harness and the concurrency counts are checked. No timing is asserted: timings on a
// shared two-core machine say nothing in a test. Pass --skip-lib-build after the library build step.
import assert from 'node:assert/strict';
import { ensureChromium, ensureDependencies, root } from '../scripts/ensure-env.mjs';
import { runBench, SMOKE } from './node/run-bench.mjs';

ensureDependencies();
const results = await runBench({
  root,
  chromium: ensureChromium(),
  settings: SMOKE,
  buildLibrary: !process.argv.includes('--skip-lib-build'),
  log: () => {},
});
const { scenarios: s } = results;

const timings = {
  ...s.passThrough,
  ...s.protectedCached,
  ...Object.fromEntries(s.mapScaling.flatMap((r) => Object.entries(r.timings).map(([k, v]) => [`${k}@${r.size}`, v]))),
};
for (const [name, timing] of Object.entries(timings)) {
  // The harness produced a figure; its value is the benchmark's business, not the smoke test's.
  assert.ok(Number.isFinite(timing.medianUs), `${name} produced no timing: ${JSON.stringify(timing)}`);
}
assert.deepEqual(Object.keys(s.passThrough).sort(), ['none', 'ours', 'theirs', 'trivial']);
assert.deepEqual(
  s.mapScaling.map((r) => r.size),
  SMOKE.sizes,
);

const { cold, interaction } = s.concurrency;
const n = SMOKE.concurrency.requests;
assert.deepEqual(
  { ...cold.ours.client, succeeded: cold.ours.succeeded },
  { silentCalls: 1, tokenFetches: 1, popupCalls: 0, popupsOpened: 0, popupsRefused: 0, redirectCalls: 0, succeeded: n },
  'ours, cold cache: one silent call for all requests, all succeed',
);
assert.deepEqual(
  {
    popupCalls: interaction.ours.client.popupCalls,
    popupsOpened: interaction.ours.client.popupsOpened,
    succeeded: interaction.ours.succeeded,
  },
  { popupCalls: 1, popupsOpened: 1, succeeded: n },
  'ours, interaction required: one popup for all requests, all succeed',
);
for (const [mode, r] of Object.entries(s.concurrency)) {
  assert.equal(r.theirs.succeeded + r.theirs.failed + r.theirs.hung, n, `theirs (${mode}): every request accounted for`);
  assert.ok(r.theirs.client.silentCalls >= 1, `theirs (${mode}): the fake client saw its calls`);
}
for (const lib of ['ours', 'theirs']) {
  assert.ok(
    s.bundle[lib].app.gzipped > 0 && s.bundle[lib].whole.gzipped >= s.bundle[lib].app.gzipped,
    `bundle cost of ${lib}: ${JSON.stringify(s.bundle[lib])}`,
  );
}
// Each optional part adds bytes only when imported: its marker text is in the bundle with it and
// absent from the app's (bundle-cost.mjs); withDiInterceptor() is one provider object, ~100 bytes.
for (const [part, size] of Object.entries(s.bundle.ours.parts)) {
  assert.notEqual(size.treeShaken, false, `${part} is not tree-shakable: its code is in the app imports' bundle`);
  assert.ok(size.minified >= 100, `${part} adds ${size.minified} bytes to the app's: is it in the app figure already?`);
}
for (const lib of ['ours', 'ours-renewal', 'theirs']) {
  const r = s.renewal[lib];
  assert.ok(r.requests > 0 && Number.isFinite(r.addedUs), `renewal (${lib}) produced no figures: ${JSON.stringify(r)}`);
}
assert.ok(s.renewal.theirs.renewals > 0, `renewal: the token came up for renewal: ${JSON.stringify(s.renewal.theirs)}`);
// The real-client target is only checked when scenario 6 ran (it does not in the smoke run).
assert.equal(results.targets.length, 10);
console.log(`bench smoke: ok (${results.runtimeSeconds} s; ${Object.keys(timings).length} timings, concurrency counts hold)`);
