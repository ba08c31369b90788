// Chromium's CPU profiler around one scenario (CDP Profiler domain through Playwright), and a
// summary of where the time went: self time per function, heaviest first.
import { writeFileSync } from 'node:fs';

/** Starts sampling in `page`; the returned function stops, saves the profile and summarizes it. */
export async function startProfiler(page, { intervalUs = 50 } = {}) {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.send('Profiler.start');
  return async function stop(file) {
    const { profile } = await session.send('Profiler.stop');
    await session.detach();
    if (file) writeFileSync(file, JSON.stringify(profile));
    return summarize(profile);
  };
}

/**
 * Per function (name, script, line): self time and total time (the function anywhere on the
 * stack, counted once per sample), in ms and percent of the sampled time, heaviest self first.
 */
export function summarize(profile, limit = 25) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  const deltas = profile.timeDeltas ?? [];
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = deltas[i + 1] ?? 0;
    totalUs += dt;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  });
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (id) => {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    return `${functionName || '(anonymous)'}  ${url.split('/').pop()}:${lineNumber + 1}:${columnNumber + 1}`;
  };
  const self = new Map();
  const total = new Map();
  for (const [id, us] of selfUs) {
    self.set(label(id), (self.get(label(id)) ?? 0) + us);
    const seen = new Set();
    for (let node = id; node !== undefined; node = parent.get(node)) seen.add(label(node));
    for (const fn of seen) total.set(fn, (total.get(fn) ?? 0) + us);
  }
  const ms = (us) => Math.round(us / 100) / 10;
  const percent = (us) => Math.round((1000 * us) / totalUs) / 10;
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([fn, us]) => ({ fn, selfMs: ms(us), selfPercent: percent(us), totalPercent: percent(total.get(fn) ?? 0) }));
}
