// Times a scenario's variants in interleaved rounds. The figure per round is the renderer main
// thread's CPU time (CDP Performance.getMetrics ThreadTime) divided by the requests sent: on a
// machine busy with other work, wall-clock time also counts the moments the page was not running
// at all; thread CPU time does not. Wall-clock figures are kept alongside.

/** Starts CPU-time metrics for `page`; resolves to a reader of the main thread's CPU time in µs. */
export async function threadClock(page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable', { timeDomain: 'threadTicks' });
  return async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'ThreadTime').value * 1e6;
  };
}

/**
 * Opens `spec` in the page, runs one untimed warm-up round per variant, then `rounds` timed rounds
 * in which the variants take turns (reversed every other round, so drift falls on all alike),
 * with garbage collected before each. Resolves to `{ timings, startupMs }`; each timing has the
 * median CPU µs per request (`medianUs`), every round's figure, and the same for wall time.
 */
export async function measureScenario(page, clock, spec, { rounds, budgetMs, minRequests = 3 }, only) {
  const overheadUs = await callOverhead(page, clock);
  const { id, variants, startupMs } = await page.evaluate(([s, o]) => window.bench.openSession(s, o), [spec, only]);
  try {
    const samples = new Map(variants.map((name) => [name, { cpu: [], wall: [], count: 0 }]));
    const round = async (name, keep) => {
      await page.evaluate(() => window.bench.collectGarbage());
      const before = await clock();
      const { count, wallUs } = await page.evaluate(
        ([i, n, b, m]) => window.bench.sessionRound(i, n, b, m),
        [id, name, budgetMs, minRequests],
      );
      const cpuUs = (await clock()) - before - overheadUs;
      if (!keep) return;
      const s = samples.get(name);
      s.cpu.push(cpuUs / count);
      s.wall.push(wallUs / count);
      s.count = Math.max(s.count, count);
    };
    for (const name of variants) await round(name, false);
    for (let r = 0; r < rounds; r++) {
      for (const name of r % 2 === 0 ? variants : [...variants].reverse()) await round(name, true);
    }
    const timings = {};
    for (const [name, s] of samples) {
      timings[name] = {
        medianUs: round2(median(s.cpu)),
        wallMedianUs: round2(median(s.wall)),
        roundsUs: s.cpu.map(round2),
        wallRoundsUs: s.wall.map(round2),
        requestsPerRound: s.count,
      };
    }
    return { timings, startupMs };
  } finally {
    await page.evaluate((i) => window.bench.closeSession(i), id);
  }
}

// CPU time of the measuring itself (two metric reads and one page call), subtracted per round.
async function callOverhead(page, clock) {
  const costs = [];
  for (let i = 0; i < 9; i++) {
    const before = await clock();
    await page.evaluate(([a, b, c, d]) => a + b + c + d, [0, 0, 0, 0]);
    costs.push((await clock()) - before);
  }
  return median(costs);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round2(value) {
  return Math.round(value * 100) / 100;
}
