// Builds the ng-add schematic into the packaged library (dist/ngx-msal-http/schematics), and adds
// the documentation (README.md, docs/*.md; see package-docs.mjs).
// Runs after `ng build ngx-msal-http`, because ng-packagr empties dist/ngx-msal-http first.
//   node scripts/build-schematics.mjs          compile (CommonJS) + copy the JSON files
//   node scripts/build-schematics.mjs --test   the same, then compile the specs and run them with node --test
//                                              (with scripts/package-docs.test.mjs)
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { shippedDocs, writePackageDocs } from './package-docs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const library = join(root, 'projects/ngx-msal-http');
const sources = join(library, 'schematics');
const packageDir = join(root, 'dist/ngx-msal-http');
const out = join(packageDir, 'schematics');
const specOut = join(root, 'out-tsc/schematics-spec');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

if (!existsSync(join(packageDir, 'package.json'))) {
  fail(`${relative(root, packageDir)}/package.json not found: run \`npx ng build ngx-msal-http\` first.`);
}

rmSync(out, { recursive: true, force: true });
run(process.execPath, [tsc, '-p', join(library, 'tsconfig.schematics.json')]);
// The JSON files, and the files a schematic writes into apps (redirect-bridge.html), read at run time.
for (const file of files(sources, (name) => name.endsWith('.json') || name.endsWith('.html'))) {
  cpSync(file, join(out, relative(sources, file)));
}
writePackageDocs(root, packageDir);
// The library's package.json says "type": "module"; the CLI require()s the schematic.
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
// ng-packagr's .npmignore drops every nested package.json ("only needed for development"); this
// one is needed at run time, so let it into the tarball and check that npm pack agrees.
const npmignore = join(packageDir, '.npmignore');
if (!(existsSync(npmignore) && readFileSync(npmignore, 'utf8').includes('!schematics/package.json'))) {
  appendFileSync(npmignore, '\n!schematics/package.json\n');
}
const packed = spawnSync('npm', ['pack', '--dry-run', '--json', `./${relative(root, packageDir)}`], { cwd: root, encoding: 'utf8' });
const packedFiles = packed.status === 0 ? JSON.parse(packed.stdout)[0].files.map((file) => file.path) : [];
for (const needed of [
  'schematics/package.json',
  'schematics/collection.json',
  'schematics/ng-add/index.js',
  'schematics/ng-add/redirect-bridge.html',
  'README.md',
  ...shippedDocs(root).map((name) => `docs/${name}`),
]) {
  if (!packedFiles.includes(needed)) fail(`npm pack would leave out ${needed}\n${packed.stderr}`);
}
console.log(`schematics built into ${relative(root, out)}`);

if (process.argv.includes('--test')) {
  rmSync(specOut, { recursive: true, force: true });
  run(process.execPath, [tsc, '-p', join(library, 'tsconfig.schematics.spec.json')]);
  // node 20's --test does not pick up *.spec.js by itself: name the files.
  // With the package's own README rewriting (package-docs.mjs), which this script applies.
  run(process.execPath, ['--test', ...files(specOut, (name) => name.endsWith('.spec.js')), join(root, 'scripts/package-docs.test.mjs')]);
}

function files(dir, keep) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

function run(command, args) {
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (status !== 0) fail(`${relative(root, args[0]) || command} ${args.slice(1).join(' ')} exited with ${status}`);
}

function fail(message) {
  console.error(`build-schematics: ${message}`);
  process.exit(1);
}
