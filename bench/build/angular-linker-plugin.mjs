// An esbuild plugin that treats Angular library code the way the Angular CLI's production build
// does: partial declarations (ɵɵngDeclare*) are linked ahead of time by the compiler-cli linker, and
// with `optimize` the CLI's own babel passes mark top-level calls pure, drop Angular's
// decorator metadata and wrap static class members so unused classes tree-shake. Both libraries go
// through the same plugin, so neither pays for JIT compilation and neither gets a smaller bundle
// than a real app build would give it.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { transformAsync } from '@babel/core';
import { createEs2015LinkerPlugin } from '@angular/compiler-cli/linker/babel';

const DECLARATION = 'ɵɵngDeclare';

/**
 * @param {{ optimize?: boolean, filter?: RegExp }} options `filter` selects the files to
 *   transform (default: every .mjs/.js file); @angular/core and @angular/compiler are never linked,
 *   as in the CLI.
 * @returns {import('esbuild').Plugin}
 */
export function angularLinkerPlugin({ optimize = false, filter = /\.m?js$/ } = {}) {
  let cliPasses;
  return {
    name: 'angular-linker',
    setup(build) {
      build.onLoad({ filter }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        const link = source.includes(DECLARATION) && !/[\\/]@angular[\\/](core|compiler)[\\/]/.test(path);
        if (!link && !optimize) return undefined;
        const plugins = [];
        if (link) plugins.push(createEs2015LinkerPlugin({ linkerJitMode: false, sourceMapping: false, logger: quietLogger, fileSystem }));
        if (optimize) {
          cliPasses ??= await loadCliPasses();
          // As the CLI does for packages with "sideEffects": false (all three here declare it):
          // Angular's own packages get the unrestricted pure-marking, the others the safe mode.
          const angularPackage = /[\\/]node_modules[\\/]@angular[\\/]/.test(path);
          plugins.push(
            [cliPasses.markTopLevelPure, { topLevelSafeMode: !angularPackage }],
            cliPasses.elideAngularMetadata,
            cliPasses.adjustTypeScriptEnums,
            [cliPasses.adjustStaticMembers, { wrapDecorators: true }],
          );
        }
        const result = await transformAsync(source, {
          filename: path,
          compact: false,
          configFile: false,
          babelrc: false,
          browserslistConfigFile: false,
          sourceMaps: false,
          plugins,
        });
        return { contents: result?.code ?? source, loader: 'js' };
      });
    },
  };
}

// The CLI exposes its babel passes only through its private entry point; if a later CLI moves
// them, the bundle-cost figure falls back to linking alone and says so.
async function loadCliPasses() {
  const cli = await import('@angular/build/private');
  const passes = cli.default ?? cli;
  for (const name of ['markTopLevelPure', 'elideAngularMetadata', 'adjustTypeScriptEnums', 'adjustStaticMembers']) {
    if (typeof passes[name] !== 'function') throw new Error(`@angular/build/private has no ${name}; cannot apply the CLI's optimizations`);
  }
  return passes;
}

// What the linker reads files with (it only resolves names when source-mapping is off).
const fileSystem = { resolve, exists: existsSync, dirname, relative, readFile: readFileSync };

const quietLogger = {
  level: 1,
  debug() {},
  info() {},
  warn(...args) {
    console.warn('[linker]', ...args);
  },
  error(...args) {
    console.error('[linker]', ...args);
  },
};
