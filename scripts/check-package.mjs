// `npm run package:check`: checks the package the way npm would publish it, not the dist folder.
// Packs dist/ngx-msal-http, lints the tarball (publint, are-the-types-wrong), installs it into an
// empty folder and imports every entry point from there, and checks that the peer ranges admit
// the versions the workspace tests against, and runs node:test against `ngx-msal-http/matching`
// with Angular out of reach. Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { root } from './ensure-env.mjs';
import { peerRangeProblems } from './peer-ranges.mjs';

const distDir = join(root, 'dist/ngx-msal-http');
const sourceManifest = readJson(join(root, 'projects/ngx-msal-http/package.json'));
const problems = [];
let work = null;
async function step(name, fn) {
  const before = problems.length;
  await fn();
  console.log(`[package] ${name}: ${problems.length === before ? 'ok' : 'FAILED'}`);
}

if (!existsSync(join(distDir, 'package.json'))) fail('dist/ngx-msal-http is missing: run `npm run build` first.');
work = mkdtempSync(join(tmpdir(), 'ngx-msal-http-pack-'));
try {
  await step('peer ranges vs. tested versions', () => problems.push(...peerRangeProblems(sourceManifest)));
  const tarball = pack();
  await step('publint', () => runPublint(tarball));
  await step('are-the-types-wrong (esm-only profile)', () => runAttw(tarball));
  const installed = installIntoEmptyFolder(tarball);
  await step('manifest and files', () => checkManifest(installed));
  await step('import every entry point in Node', () => importEntryPoints(installed));
  await step('ngx-msal-http/matching without Angular (node:test)', () => testMatchingEntryPoint(installed));
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`\n[package] package check FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('[package] the packed package is fine');

function pack() {
  const out = run('npm', ['pack', distDir, '--pack-destination', work, '--ignore-scripts', '--json', '--loglevel=error']);
  const [{ filename, files, size }] = JSON.parse(out);
  console.log(`[package] packed ${filename}: ${files.length} files, ${(size / 1024).toFixed(1)} kB`);
  return join(work, filename);
}

async function runPublint(tarball) {
  const buffer = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) },
    strict: true,
  });
  for (const message of messages) {
    const text = `publint ${message.type} ${message.code}: ${formatMessage(message, pkg, { color: false })}`;
    if (message.type === 'suggestion') console.log(`[package] ${text}`);
    else problems.push(text);
  }
}

// Angular packages are ESM-only (FESM2022 + "type": "module"); require() from CommonJS and
// node10 resolution are unsupported by design, which is exactly what the esm-only profile skips.
function runAttw(tarball) {
  const attw = join(root, 'node_modules/.bin/attw');
  const result = spawnSync(attw, [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji'], { encoding: 'utf8' });
  if (result.status !== 0) problems.push(`are-the-types-wrong found problems:\n${result.stdout}${result.stderr}`);
}

// A real `npm install` of the tarball into an empty folder (so its manifest and dependencies are
// installable), with --legacy-peer-deps: resolving the peers from the registry would download
// ~70 MB of whatever versions are newest. The consumer's peers are links to the workspace's
// copies instead, which checkPeerRanges() has just shown satisfy the ranges.
function installIntoEmptyFolder(tarball) {
  const app = join(work, 'consumer');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const npmArgs = ['--legacy-peer-deps', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'];
  run('npm', ['install', tarball, ...npmArgs, '--loglevel=error'], app);
  // @angular/compiler: partially compiled Angular code (ours and @angular/common's) runs in JIT
  // mode outside an Angular build, as in any Node import of an Angular library.
  for (const name of [...Object.keys(sourceManifest.peerDependencies ?? {}), '@angular/compiler']) {
    const link = join(app, 'node_modules', name);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), link, 'dir');
  }
  console.log(`[package] installed into an empty folder: ${readdirSync(join(app, 'node_modules')).join(', ')}`);
  return { app, pkgDir: join(app, 'node_modules', sourceManifest.name) };
}

function checkManifest({ pkgDir }) {
  const manifest = readJson(join(pkgDir, 'package.json'));
  if (manifest.sideEffects !== false) problems.push('package.json must say "sideEffects": false so bundlers can drop unused code.');
  for (const field of ['scripts', 'devDependencies']) if (manifest[field]) problems.push(`package.json must not publish "${field}".`);
  const files = listFiles(pkgDir);
  for (const file of files.filter((f) => /\.spec\.|test-support|(?<!\.d)\.ts$/.test(f)))
    problems.push(`the tarball contains a source or test file: ${file}`);
  for (const wanted of ['README.md', 'LICENSE'])
    if (!files.includes(wanted))
      problems.push(
        `the tarball has no ${wanted} (run \`npm run build\`: README.md comes from scripts/package-docs.mjs, LICENSE from projects/ngx-msal-http/).`,
      );
  // Every bare import must be a declared (peer) dependency, or consumers get resolution errors.
  const declared = new Set([manifest.name, ...Object.keys(manifest.peerDependencies ?? {}), ...Object.keys(manifest.dependencies ?? {})]);
  for (const file of files.filter((f) => f.endsWith('.mjs') || f.endsWith('.d.ts'))) {
    const source = readFileSync(join(pkgDir, file), 'utf8');
    for (const [, specifier] of source.matchAll(/(?:\bfrom|\bimport\(?)\s*['"]([^'"./][^'"]*)['"]/g)) {
      const name = specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
      if (!declared.has(name)) problems.push(`${file} imports "${specifier}" but ${name} is not a dependency or peer dependency.`);
    }
  }
}

function importEntryPoints({ app, pkgDir }) {
  const subpaths = Object.keys(readJson(join(pkgDir, 'package.json')).exports ?? {}).filter((s) => s !== './package.json');
  const specifiers = subpaths.map((subpath) => sourceManifest.name + subpath.slice(1));
  copyFileSync(join(root, 'scripts/package-smoke.mjs'), join(app, 'smoke.mjs'));
  const result = spawnSync(process.execPath, ['smoke.mjs', ...specifiers], { cwd: app, encoding: 'utf8' });
  if (result.status !== 0) problems.push(`importing the installed package failed:\n${result.stdout}${result.stderr}`);
  else process.stdout.write(result.stdout);
}

// The matcher's entry point is for plain Node: its bundle and types must not name @angular/* (the
// main bundle needs @angular/compiler in Node), and it must load and match with none installed.
function testMatchingEntryPoint({ app, pkgDir }) {
  const entry = readJson(join(pkgDir, 'package.json')).exports?.['./matching'];
  if (!entry) return problems.push('package.json "exports" has no "./matching" entry point.');
  for (const file of [entry.default, entry.types]) {
    const source = readFileSync(join(pkgDir, file), 'utf8');
    const angular = [...source.matchAll(/(?:\bfrom|\bimport\(?)\s*['"](@angular\/[^'"]+)['"]/g)].map((m) => m[1]);
    if (angular.length)
      problems.push(`${file} (ngx-msal-http/matching) imports ${[...new Set(angular)].join(', ')}; it must not import Angular.`);
  }
  copyFileSync(join(root, 'scripts/package-matching.test.mjs'), join(app, 'matching.test.mjs'));
  const result = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'matching.test.mjs'], { cwd: app, encoding: 'utf8' });
  // The TAP summary ("# pass 5") is what scripts/test.mjs adds to its total.
  process.stdout.write(result.stdout);
  if (result.status !== 0) problems.push(`node --test of ngx-msal-http/matching failed (TAP above):\n${result.stderr}`);
}

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function fail(message) {
  console.error(`[package] ${message}`);
  if (work) rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
