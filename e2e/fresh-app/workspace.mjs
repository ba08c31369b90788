// A brand-new Angular CLI workspace, made the way `ng new` makes one, for the fresh-app test.
// `ng new` itself cannot run from this repository's node_modules: the CLI finds this repository's
// angular.json above its own folder and refuses ("not available inside a workspace"). So the
// same schematics `ng new` runs (@schematics/angular's ng-new and application, the versions this
// repository pins) run here through the schematics engine, then a real `npm install`.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from '../../scripts/ensure-env.mjs';

const require = createRequire(join(root, 'package.json'));
const { NodeWorkflow } = require('@angular-devkit/schematics/tools');
const { lastValueFrom } = require('rxjs');

const repoManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * `ng new <name> --create-application=false` in `dir`, then one `ng generate application` per
 * entry of `apps` (`{ name, standalone }`), without installing; returns nothing.
 */
export async function newWorkspace(dir, apps) {
  const version = repoManifest.devDependencies['@angular/cli'];
  await runSchematic(dir, 'ng-new', {
    name: 'fresh',
    directory: '.',
    version,
    createApplication: false,
    skipInstall: true,
    skipGit: true,
    packageManager: 'npm',
  });
  for (const { name, standalone } of apps) {
    await runSchematic(dir, 'application', {
      name,
      standalone,
      routing: true,
      style: 'css',
      skipTests: true,
      ssr: false,
      skipInstall: true,
    });
  }
  // The CLI writes ^<its version> for its own packages; the registry this project uses is a partial
  // mirror whose newest @angular/cli has no matching @angular/build (TOOLCHAIN.md), so pin the pair
  // to what this repository tests with, as a user on that registry would.
  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const name of ['@angular/cli', '@angular/build']) manifest.devDependencies[name] = repoManifest.devDependencies[name];
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

async function runSchematic(dir, schematic, options) {
  const workflow = new NodeWorkflow(dir, { packageManager: 'npm', resolvePaths: [root], schemaValidation: true });
  await lastValueFrom(workflow.execute({ collection: '@schematics/angular', schematic, options, allowPrivate: true }), {
    defaultValue: undefined,
  });
}

/**
 * Runs a command in `cwd`, output captured; rejects with the command's output when it fails or
 * runs longer than `timeoutMs`. Resolves to the output.
 */
export function run(command, args, { cwd, timeoutMs = 180_000, env = {} }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NG_CLI_ANALYTICS: 'false', NG_FORCE_TTY: 'false', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (status === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${status}`}) in ${cwd}:\n${output.slice(-4000)}`));
    });
  });
}
