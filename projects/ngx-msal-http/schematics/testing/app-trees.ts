import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { SchematicTestRunner, UnitTestTree } from '@angular-devkit/schematics/testing';
import ts from 'typescript';

// Compiled to out-tsc/schematics-spec/testing/; the repository root is three folders up.
const root = join(__dirname, '..', '..', '..');
const packageDir = join(root, 'dist/ngx-msal-http');

/** A runner for the collection as shipped in dist (build it with scripts/build-schematics.mjs). */
export function createRunner(): SchematicTestRunner {
  return new SchematicTestRunner('ngx-msal-http', join(packageDir, 'schematics/collection.json'));
}

/** Our peer range for a package, as the schematic should write it. */
export function peerRange(name: string): string {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
  return manifest.peerDependencies[name] ?? '';
}

/**
 * A fresh workspace with one application, made by Angular's own `workspace` and `application`
 * schematics, in either bootstrap shape. No router, so it compiles against this repository's
 * node_modules (which has no @angular/router).
 */
export async function createApp(runner: SchematicTestRunner, standalone: boolean): Promise<UnitTestTree> {
  const workspace = await runner.runExternalSchematic('@schematics/angular', 'workspace', {
    name: 'workspace',
    newProjectRoot: 'projects',
    version: '21.2.0',
  });
  return runner.runExternalSchematic(
    '@schematics/angular',
    'application',
    { name: 'app', standalone, routing: false, skipTests: true },
    workspace,
  );
}

export const APP_CONFIG = '/projects/app/src/app/app.config.ts';
export const APP_MODULE = '/projects/app/src/app/app-module.ts';
export const MAIN = '/projects/app/src/main.ts';

/**
 * Type-checks the app's TypeScript sources with the workspace's compiler options against the real
 * Angular and ngx-msal-http (dist) typings; returns the diagnostics, empty when it compiles.
 * The files are written under out-tsc so that imports resolve through this repository's node_modules.
 */
export function compileErrors(tree: UnitTestTree): string[] {
  const dir = join(root, 'out-tsc/schematics-apps', `app-${process.pid}-${Date.now()}`);
  try {
    const sources = tree.files.filter((file) => file.startsWith('/projects/app/src/') && file.endsWith('.ts'));
    for (const file of sources) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), tree.readContent(file));
    }
    const { config } = ts.parseConfigFileTextToJson('tsconfig.json', tree.readContent('/tsconfig.json')) as {
      config: { compilerOptions: object };
    };
    const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, dir);
    const program = ts.createProgram(
      sources.map((file) => join(dir, file)),
      { ...options, noEmit: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], paths: { 'ngx-msal-http': [packageDir] } },
    );
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `dependencies` of the workspace's package.json. */
export function dependencies(tree: UnitTestTree): Record<string, string> {
  return (JSON.parse(tree.readContent('/package.json')) as { dependencies: Record<string, string> }).dependencies;
}

/** How many times `text` occurs in `content`. */
export function count(content: string, text: string): number {
  return content.split(text).length - 1;
}
