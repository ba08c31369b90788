// A node:test reporter that ends the run with one line: how many tests passed and failed, and
// which failed. Used next to the spec reporter by e2e/run.mjs.
export default async function* summaryReporter(source) {
  const failed = [];
  let passed = 0;
  const started = Date.now();
  for await (const event of source) {
    const isTest = event.data?.details?.type !== 'suite';
    if (event.type === 'test:pass' && isTest && !event.data.skip) passed++;
    if (event.type === 'test:fail' && isTest) failed.push(event.data.name);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const verdict = failed.length === 0 && passed > 0 ? 'PASSED' : 'FAILED';
  yield `\ne2e ${verdict}: ${passed} passed, ${failed.length} failed in ${seconds} s${failed.map((name) => `\n  ✖ ${name}`).join('')}\n`;
}
