// Builds what the demo needs, skipping builds whose output is newer than every input: the library
// (dist/ngx-msal-http, which the demo imports as `ngx-msal-http`) and the demo app (dist/demo).
// Used by `npm start` and the end-to-end runner.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './ensure-env.mjs';

const NG = join(root, 'node_modules', '@angular', 'cli', 'bin', 'ng.js');

/** Where `npm start` writes the demo's run-time settings; angular.json copies it as an asset. */
export const DEMO_CONFIG_FILE = join(root, 'dist', 'demo-config', 'demo-config.json');

/** The demo's built files (`ng build demo`), served as they are by the end-to-end runner. */
export const DEMO_BROWSER_DIR = join(root, 'dist', 'demo', 'browser');

// What ng-packagr reads (not the schematics or the API reports, which have their own builds).
const LIBRARY_INPUTS = [
  'projects/ngx-msal-http/src',
  'projects/ngx-msal-http/testing',
  'projects/ngx-msal-http/msal-angular',
  'projects/ngx-msal-http/matching',
  'projects/ngx-msal-http/ng-package.json',
  'projects/ngx-msal-http/package.json',
  'projects/ngx-msal-http/tsconfig.lib.json',
  'projects/ngx-msal-http/tsconfig.lib.prod.json',
  'tsconfig.json',
];
// The redirect bridge page is the ng-add schematic's own file (angular.json's assets serve it).
const DEMO_INPUTS = [
  'projects/demo',
  'projects/ngx-msal-http/schematics/ng-add/redirect-bridge.html',
  'dist/ngx-msal-http/fesm2022',
  'dist/ngx-msal-http/types',
  'tsconfig.json',
  'angular.json',
];

/** Builds the library unless dist/ngx-msal-http is newer than its sources. Throws when the build fails. */
export function buildLibrary({ force = false } = {}) {
  const output = join(root, 'dist', 'ngx-msal-http', 'package.json');
  if (!force && !isStale(output, LIBRARY_INPUTS, (path) => !path.endsWith('.spec.ts'))) {
    console.log('[build] library is up to date (dist/ngx-msal-http)');
    return;
  }
  ng('build', 'ngx-msal-http');
}

/** Builds the demo app into dist/demo unless it is newer than its sources and the library. */
export function buildDemo({ configuration = 'development', force = false } = {}) {
  if (!force && !isStale(join(DEMO_BROWSER_DIR, 'index.html'), DEMO_INPUTS)) {
    console.log('[build] demo is up to date (dist/demo)');
    return;
  }
  ng('build', 'demo', `--configuration=${configuration}`);
}

/** Writes the settings the demo fetches at startup (ports, variant); see projects/demo/src/app/demo-settings.ts. */
export function writeDemoConfig(settings) {
  mkdirSync(dirname(DEMO_CONFIG_FILE), { recursive: true });
  writeFileSync(DEMO_CONFIG_FILE, `${JSON.stringify(settings, null, 2)}\n`);
}

/** Runs the Angular CLI in the workspace, inheriting the terminal. */
export function ng(...args) {
  console.log(`[build] ng ${args.join(' ')}`);
  const started = Date.now();
  const { status, error } = spawnSync(process.execPath, [NG, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  if (error || status !== 0) throw new Error(`ng ${args.join(' ')} failed${error ? `: ${error.message}` : ` (exit ${status})`}`);
  console.log(`[build] ng ${args.join(' ')}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function isStale(output, inputs, include = () => true) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return inputs.some((input) => newestMtime(join(root, input), include) > built);
}

function newestMtime(path, include) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return include(path) ? stat.mtimeMs : 0;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry), include));
  }
  return newest;
}
