// Runs every scenario once and returns the results object that run.mjs prints and saves and
// smoke.mjs checks. Builds the library (unless told not to), snapshots it, builds the page,
// serves it on loopback and drives it in headless Chromium.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPage } from '../build/build-page.mjs';
import { bundleCost } from '../build/bundle-cost.mjs';
import { openBenchPage } from './browser.mjs';
import { startProfiler } from './profiler.mjs';
import { runRealClient } from './real-client.mjs';
import { checkTargets } from './report.mjs';
import { serveDirectory } from './static-server.mjs';
import { measureScenario, threadClock } from './timing.mjs';

/** Full run: enough rounds for stable medians, well under five minutes on two cores. */
export const FULL = {
  rounds: 25,
  budgetMs: 60,
  sizes: [10, 100, 1000, 10000],
  concurrency: { requests: 50, fetchLatencyMs: 20, popupLatencyMs: 50, timeoutMs: 5000 },
  // Scenario 7: tokens served for 1 s (2 s lifetime, 1 s renewal offset), so renewals keep coming.
  renewal: { tokenLifetimeMs: 2000, renewalOffsetMs: 1000, fetchLatencyMs: 20, durationMs: 4000 },
  realClient: true,
};

/** Smoke run: every scenario once, minimal rounds; checks the harness, not the timings. */
export const SMOKE = {
  ...FULL,
  rounds: 1,
  budgetMs: 5,
  sizes: [10, 100],
  renewal: { ...FULL.renewal, durationMs: 1500 },
  realClient: false,
};

/**
 * @param {{ root: string, chromium: string, settings: typeof FULL, buildLibrary: boolean, libraryDir?: string, profile?: string, log: (line: string) => void }} run
 *   `libraryDir`: a built ngx-msal-http package to measure instead of dist/ngx-msal-http.
 */
export async function runBench({ root, chromium, settings, buildLibrary, libraryDir, profile, log }) {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'ngx-msal-http-bench-'));
  try {
    const libDir = prepareLibrary(root, work, libraryDir ? false : buildLibrary, libraryDir, log);
    log('[bench] building the page (esbuild + Angular linker)');
    await buildPage(join(work, 'page'), { libDir });
    log('[bench] 5. bundle cost');
    const bundle = await bundleCost({ root, libDir });
    const server = await serveDirectory(join(work, 'page'));
    const loadStart = loadavg()[0].toFixed(2);
    const { browser, page, version } = await openBenchPage(chromium, `${server.origin}/`);
    try {
      const options = { rounds: settings.rounds, budgetMs: settings.budgetMs };
      const clock = await threadClock(page);
      const scenarios = { bundle };
      log('[bench] building blocks');
      scenarios.buildingBlocks = await page.evaluate((rounds) => window.bench.buildingBlocks(rounds), settings.rounds);
      log('[bench] 1. pass-through');
      scenarios.passThrough = (await measureScenario(page, clock, { scenario: 'passThrough' }, options)).timings;
      log('[bench] 2. protected, token cached');
      scenarios.protectedCached = (await measureScenario(page, clock, { scenario: 'protectedCached' }, options)).timings;
      scenarios.mapScaling = [];
      for (const size of settings.sizes) {
        log(`[bench] 3. map size ${size}`);
        const { timings, startupMs } = await measureScenario(page, clock, { scenario: 'mapScaling', size }, options);
        scenarios.mapScaling.push({ size, timings, startupMs });
      }
      scenarios.concurrency = {};
      for (const mode of ['cold', 'interaction']) {
        log(`[bench] 4. concurrency, ${mode}`);
        scenarios.concurrency[mode] = {};
        for (const library of ['ours', 'theirs']) {
          scenarios.concurrency[mode][library] = await page.evaluate(
            ([l, m, o]) => window.bench.concurrency(l, m, o),
            [library, mode, settings.concurrency],
          );
        }
      }
      scenarios.renewal = {};
      for (const library of ['ours', 'ours-renewal', 'theirs']) {
        log(`[bench] 7. requests during renewal, ${library}`);
        scenarios.renewal[library] = await page.evaluate(([l, o]) => window.bench.renewal(l, o), [library, settings.renewal]);
      }
      log('[bench] 6. real client');
      scenarios.realClient = settings.realClient
        ? await runRealClient({ root, page, clock, origin: server.origin, options }).catch((error) => ({
            skipped: `failed: ${error.message.split('\n')[0]}`,
          }))
        : { skipped: 'not run in this mode' };
      log('[bench] 8. DPoP-bound requests (measured with 6)');
      scenarios.dpop = scenarios.realClient.dpop ?? { skipped: scenarios.realClient.skipped };
      delete scenarios.realClient.dpop;
      if (profile) await profileVariant(root, page, clock, profile, log);
      const results = {
        generatedAt: new Date().toISOString(),
        runtimeSeconds: 0,
        environment: {
          node: process.version,
          chromium: version,
          cpu: cpus()[0]?.model,
          cores: cpus().length,
          loadAverage: { start: loadStart, end: loadavg()[0].toFixed(2) },
        },
        versions: versionsOf(root, libDir),
        settings,
        scenarios,
      };
      results.targets = checkTargets(scenarios);
      results.runtimeSeconds = Math.round((Date.now() - started) / 100) / 10;
      return results;
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Builds dist/ngx-msal-http and copies it aside at once, so that another `ng build` running in the
// same checkout cannot empty it while the bench bundles it.
function prepareLibrary(root, work, buildLibrary, libraryDir, log) {
  const dist = libraryDir ?? join(root, 'dist/ngx-msal-http');
  if (buildLibrary || (!libraryDir && !existsSync(join(dist, 'package.json')))) {
    log('[bench] building the library (ng build ngx-msal-http)');
    const build = spawnSync('npx', ['ng', 'build', 'ngx-msal-http'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`ng build ngx-msal-http failed:\n${build.stdout}\n${build.stderr}`);
  }
  const libDir = join(work, 'ngx-msal-http');
  cpSync(dist, libDir, { recursive: true });
  return libDir;
}

async function profileVariant(root, page, clock, variant, log) {
  const dir = join(root, 'bench/profiles');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${variant}.cpuprofile`);
  log(`[bench] profiling scenario 2 with ${variant} only -> ${file}`);
  const stop = await startProfiler(page);
  await measureScenario(page, clock, { scenario: 'protectedCached' }, { rounds: 5, budgetMs: 200 }, [variant]);
  log('    self ms  self %  total %  function');
  for (const row of await stop(file)) {
    log(`   ${String(row.selfMs).padStart(8)} ${String(row.selfPercent).padStart(7)} ${String(row.totalPercent).padStart(8)}  ${row.fn}`);
  }
}

function versionsOf(root, libDir) {
  const version = (path) => JSON.parse(readFileSync(path, 'utf8')).version;
  const pkg = (name) => version(join(root, 'node_modules', name, 'package.json'));
  return {
    'ngx-msal-http': version(join(libDir, 'package.json')),
    '@azure/msal-angular': pkg('@azure/msal-angular'),
    '@azure/msal-browser': pkg('@azure/msal-browser'),
    '@angular/core': pkg('@angular/core'),
    rxjs: pkg('rxjs'),
  };
}
