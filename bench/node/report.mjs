// Turns the scenario results into the printed table and the target verdicts. Figures are medians
// of per-request microseconds; "ours / theirs" below 1 means ngx-msal-http is faster.

/** The issue's targets, checked against the results. Each entry: `{ target, measured, met }`. */
export function checkTargets(s) {
  const targets = [];
  const add = (target, measured, met) => targets.push({ target, measured, met });
  const pass = s.passThrough;
  add(
    'pass-through within 1.2x of the trivial-interceptor floor',
    `${ratio(pass.ours.medianUs, pass.trivial.medianUs)}x`,
    pass.ours.medianUs <= 1.2 * pass.trivial.medianUs,
  );
  const first = s.mapScaling[0];
  const last = s.mapScaling[s.mapScaling.length - 1];
  const speedup = first.timings.theirs.medianUs / first.timings.ours.medianUs;
  add(`protected cached path >= 3x faster than MsalInterceptor at ${first.size} keys`, `${speedup.toFixed(2)}x faster`, speedup >= 3);
  const flat = last.timings.ours.medianUs / first.timings.ours.medianUs;
  add(`flat in map size: ${last.size} keys within 1.5x of ${first.size} keys`, `${flat.toFixed(2)}x`, flat <= 1.5);
  for (const mode of ['cold', 'interaction']) {
    const c = s.concurrency[mode].ours;
    const acquisitions = mode === 'cold' ? c.client.tokenFetches : c.client.popupsOpened;
    add(
      `concurrency (${mode}): 1 ${mode === 'cold' ? 'client acquisition' : 'popup'}, 0 failures for ${c.requests} requests`,
      `${c.client.silentCalls} silent calls, ${c.client.tokenFetches} fetches, ${c.client.popupsOpened} popups, ${c.failed + c.hung} failed`,
      c.client.silentCalls <= 1 + (mode === 'interaction' ? 1 : 0) &&
        acquisitions === 1 &&
        c.client.popupCalls === (mode === 'cold' ? 0 : 1) &&
        c.failed + c.hung === 0,
    );
  }
  const cached = s.protectedCached;
  add(
    'protected cached path (fake client) within 2.5x of the trivial floor',
    `${ratio(cached.ours.medianUs, cached.trivial.medianUs)}x`,
    cached.ours.medianUs <= 2.5 * cached.trivial.medianUs,
  );
  const real = s.realClient;
  if (!real.skipped) {
    const t = real.timings;
    add(
      'real client: cached path within 2.5x of trivial, at most 1/30 of MsalInterceptor',
      `${ratio(t.ours.medianUs, t.trivial.medianUs)}x trivial, 1/${(t.theirs.medianUs / t.ours.medianUs).toFixed(0)} of theirs`,
      t.ours.medianUs <= 2.5 * t.trivial.medianUs && t.ours.medianUs * 30 <= t.theirs.medianUs,
    );
  }
  const r = s.renewal;
  add(
    'requests during renewal: with withTokenRenewal() no request waits for a refresh',
    `${r['ours-renewal'].waited} of ${r['ours-renewal'].requests} waited (theirs: ${r.theirs.waited})`,
    r['ours-renewal'].waited === 0 && r['ours-renewal'].renewals > 0,
  );
  const b = s.bundle;
  // Like for like: what an app's imports pull in from each package.
  add(
    'bundle cost no larger than msal-angular',
    `${kb(b.ours.app.gzipped)} vs ${kb(b.theirs.app.gzipped)} (their whole package: ${kb(b.theirs.whole.gzipped)})`,
    b.ours.app.gzipped <= b.theirs.app.gzipped,
  );
  add('bundle cost of the app imports at most 5 KB gzip', kb(b.ours.app.gzipped), b.ours.app.gzipped <= 5 * 1024);
  const parts = Object.entries(b.ours.parts ?? {});
  add(
    'optional parts tree-shake: each costs nothing until imported',
    parts.map(([part, size]) => `${part} +${kb(size.gzipped)}`).join(', '),
    parts.length > 0 && parts.every(([, size]) => size.treeShaken !== false && size.minified >= 100),
  );
  return targets;
}

/** The printed report, as lines. */
export function formatReport(results) {
  const { scenarios: s, versions: v, settings } = results;
  const lines = [];
  const out = (...cells) => lines.push(cells.join(''));
  out(
    `ngx-msal-http ${v['ngx-msal-http']} vs @azure/msal-angular ${v['@azure/msal-angular']}  (msal-browser ${v['@azure/msal-browser']}, Angular ${v['@angular/core']}, RxJS ${v.rxjs}, Chromium ${results.environment.chromium})`,
  );
  out(
    `µs per request: median over ${settings.rounds} interleaved rounds (>= ${settings.budgetMs} ms each) of the page's main-thread CPU time;`,
  );
  out(
    `wall-clock medians are in results.json. Load average ${results.environment.loadAverage.start} at start, ${results.environment.loadAverage.end} at end.`,
  );
  out('');
  out('1. Pass-through (no key matches)        none   trivial      ours    theirs   ours/trivial  ours/theirs');
  const p = s.passThrough;
  out(
    pad('', 38),
    num(p.none),
    num(p.trivial),
    num(p.ours),
    num(p.theirs),
    col(ratio(p.ours.medianUs, p.trivial.medianUs), 15),
    col(ratio(p.ours.medianUs, p.theirs.medianUs), 13),
  );
  out('2. Protected, token cached (10 keys)         trivial      ours   ours-di    theirs   ours/theirs');
  const c = s.protectedCached;
  out(pad('', 44), num(c.trivial), num(c.ours), num(c['ours-di']), num(c.theirs), col(ratio(c.ours.medianUs, c.theirs.medianUs), 14));
  out('3. Map size        keys      ours    theirs   ours/theirs  ours vs 10 keys  startup ms ours/theirs');
  for (const row of s.mapScaling) {
    const t = row.timings;
    out(
      pad('', 14),
      col(row.size, 10),
      num(t.ours),
      num(t.theirs),
      col(ratio(t.ours.medianUs, t.theirs.medianUs), 14),
      col(`${ratio(t.ours.medianUs, s.mapScaling[0].timings.ours.medianUs)}x`, 17),
      col(`${row.startupMs.ours} / ${row.startupMs.theirs}`, 23),
    );
  }
  out(
    `4. Concurrency (${s.concurrency.cold.ours.requests} parallel requests, same token)   silent calls  fetches  popups opened/refused  ok  failed  hung    ms`,
  );
  for (const mode of ['cold', 'interaction']) {
    for (const lib of ['ours', 'theirs']) {
      const r = s.concurrency[mode][lib];
      out(
        pad(`   ${mode === 'cold' ? 'cold cache' : 'interaction required'}, ${lib}`, 50),
        col(r.client.silentCalls, 12),
        col(r.client.tokenFetches, 9),
        col(`${r.client.popupsOpened}/${r.client.popupsRefused}`, 23),
        col(r.succeeded, 4),
        col(r.failed, 8),
        col(r.hung, 6),
        col(r.elapsedMs, 6),
        r.failed
          ? `   (${Object.entries(r.errors)
              .map(([k, n]) => `${n}x ${k}`)
              .join(', ')})`
          : '',
      );
    }
  }
  const b = s.bundle;
  out('5. Bundle cost (bytes above an empty entry)      app imports: min / gzip     whole package: min / gzip');
  for (const lib of ['ours', 'theirs'])
    out(
      pad(`   ${lib}`, 50),
      col(`${b[lib].app.minified} / ${b[lib].app.gzipped}`, 24),
      col(`${b[lib].whole.minified} / ${b[lib].whole.gzipped}`, 28),
    );
  out(
    pad('   ours / theirs', 50),
    col(`${ratio(b.ours.app.gzipped, b.theirs.app.gzipped)} (gzip)`, 24),
    col(`${ratio(b.ours.whole.gzipped, b.theirs.whole.gzipped)} (gzip)`, 28),
  );
  for (const [part, size] of Object.entries(b.ours.parts ?? {}))
    out(pad(`   ours + ${part}`, 50), col(`+${size.minified} / +${size.gzipped}`, 24));
  out(`   (${b.method})`);
  const rn = s.renewal;
  out(
    `7. Requests during renewal (${settings.renewal.tokenLifetimeMs / 1000} s tokens, ${settings.renewal.renewalOffsetMs / 1000} s offset, ${settings.renewal.fetchLatencyMs} ms refresh)   requests  refreshes  waited  µs/request  added µs/request  max ms`,
  );
  for (const lib of ['ours', 'ours-renewal', 'theirs']) {
    const r = rn[lib];
    out(
      pad(`   ${lib === 'ours-renewal' ? 'ours + withTokenRenewal()' : lib}`, 50),
      col(r.requests, 9),
      col(r.renewals, 11),
      col(r.waited, 8),
      col(r.meanUs.toFixed(1), 12),
      col(r.addedUs.toFixed(1), 18),
      col(r.maxMs.toFixed(1), 8),
    );
  }
  const real = s.realClient;
  if (real.skipped) {
    out(`6. Real PublicClientApplication: skipped (${real.skipped})`);
  } else {
    const t = real.timings;
    out('6. Real PublicClientApplication, cached token    trivial      ours   ours-di    theirs   ours/theirs');
    out(pad('', 46), num(t.trivial), num(t.ours), num(t['ours-di']), num(t.theirs), col(ratio(t.ours.medianUs, t.theirs.medianUs), 14));
    // msal-browser awaits work off the main thread here; its wall time says more than CPU time.
    const wall = (v) => t[v].wallMedianUs.toFixed(1);
    out(`   wall clock: trivial ${wall('trivial')}, ours ${wall('ours')}, ours-di ${wall('ours-di')}, theirs ${wall('theirs')} µs`);
  }
  const dpop = s.dpop;
  if (!dpop || dpop.skipped) {
    out(`8. DPoP-bound requests: skipped (${dpop?.skipped ?? 'not measured'})`);
  } else {
    const t = dpop.timings;
    out('8. DPoP-bound requests (real client)             trivial      ours ours-dpop   dpop/ours');
    out(pad('   CPU µs', 46), num(t.trivial), num(t.ours), num(t['ours-dpop']), col(ratio(t['ours-dpop'].medianUs, t.ours.medianUs), 12));
    // The proof's signature runs in WebCrypto, off the main thread: wall time shows its cost.
    const wall = (v) => col(t[v].wallMedianUs.toFixed(1), 10);
    out(
      pad('   wall µs', 46),
      wall('trivial'),
      wall('ours'),
      wall('ours-dpop'),
      col(ratio(t['ours-dpop'].wallMedianUs, t.ours.wallMedianUs), 12),
    );
  }
  out('Building blocks on this machine (µs per operation, to read the figures above against)');
  for (const [name, us] of Object.entries(s.buildingBlocks)) out(pad(`   ${name}`, 50), col(us.toFixed(2), 8));
  out('');
  out('Targets');
  for (const t of results.targets) out(`   ${t.met ? 'met   ' : 'MISSED'}  ${pad(t.target, 72)} ${t.measured}`);
  return lines;
}

function num(timing) {
  return col(timing.medianUs.toFixed(1), 10);
}

function col(value, width) {
  return String(value).padStart(width);
}

function pad(text, width) {
  return String(text).padEnd(width);
}

function ratio(a, b) {
  return (a / b).toFixed(2);
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB gzip`;
}
