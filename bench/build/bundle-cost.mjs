// Scenario 5: the bytes each library adds to an app. A tiny entry that imports what an app
// registers (the interceptor and its providers) is bundled with esbuild the way the Angular CLI
// bundles node_modules in production (linked, CLI optimization passes, minified), with Angular,
// RxJS, msal-browser and tslib external since the app has them anyway. An empty entry's size is
// subtracted. The whole-package figure (`export *`) is the upper bound if nothing tree-shakes.
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { angularLinkerPlugin } from './angular-linker-plugin.mjs';

const EXTERNAL = ['@angular/*', 'rxjs', 'rxjs/*', '@azure/msal-browser', 'tslib'];

const APP_IMPORTS = ['provideMsalHttp', 'msalHttpInterceptor'];

// What each optional part adds to the app's imports (its own figure: the app figure leaves it out).
// A part that costs (almost) nothing here is no longer tree-shakable: the smoke test checks that.
export const OPTIONAL_PARTS = {
  'withTokenRenewal()': ['withTokenRenewal'],
  'withCrossTabSync()': ['withCrossTabSync'],
  'withDpop()': ['withDpop'],
  'withDiInterceptor()': ['withDiInterceptor'],
  'msalHttpGuard()': ['msalHttpGuard'],
  MsalHttpAuth: ['MsalHttpAuth'],
  MsalHttpEvents: ['MsalHttpEvents'],
  MsalHttpErrorCode: ['MsalHttpErrorCode'],
};

// Text only each part's code contains (a string or a property name minifiers keep): found in the
// bundle with the part, absent from the app's, or the part leaks into every app.
const MARKERS = {
  'withTokenRenewal()': 'visibilitychange',
  'withCrossTabSync()': 'msal.broadcast.cache',
  'withDpop()': 'use_dpop_nonce',
  'msalHttpGuard()': 'redirectStartPage',
  MsalHttpAuth: 'loginPopup',
  MsalHttpEvents: 'onMsalBrowser',
  MsalHttpErrorCode: 'KeyNotUrl',
};

const ENTRIES = {
  ours: {
    app: `export { ${APP_IMPORTS.join(', ')} } from 'ngx-msal-http';`,
    whole: "export * from 'ngx-msal-http';",
  },
  theirs: {
    app: "export { MsalInterceptor, MsalService, MsalBroadcastService, MSAL_INSTANCE, MSAL_INTERCEPTOR_CONFIG } from '@azure/msal-angular';",
    whole: "export * from '@azure/msal-angular';",
  },
};

/**
 * Resolves to `{ ours, theirs }`, each `{ app: { minified, gzipped }, whole: { minified, gzipped } }`
 * in bytes above the empty-entry baseline, plus `baseline` and the method used. `ours.parts` has,
 * for each of {@link OPTIONAL_PARTS}, the bytes it adds to `ours.app` when the app imports it too.
 * @param {{ root: string, libDir: string }} paths `libDir` is the built ngx-msal-http package.
 */
export async function bundleCost({ root, libDir }) {
  let optimized = true;
  let measure = (source) => measureEntry(source, root, libDir, optimized);
  try {
    await measure(ENTRIES.ours.app);
  } catch (error) {
    // The CLI's optimization passes live behind a private entry point; without them, link only.
    console.warn(`[bench] bundle cost without the CLI's optimization passes: ${error.message}`);
    optimized = false;
  }
  const baseline = await measure('export {};');
  delete baseline.code;
  const result = {
    baseline,
    method: optimized ? 'linked + Angular CLI optimization passes + esbuild minify, gzip -9' : 'linked + esbuild minify, gzip -9',
  };
  for (const [library, entries] of Object.entries(ENTRIES)) {
    result[library] = {};
    for (const [kind, source] of Object.entries(entries)) {
      const size = await measure(source);
      result[library][kind] = { minified: size.minified - baseline.minified, gzipped: size.gzipped - baseline.gzipped };
    }
  }
  const app = result.ours.app;
  const appCode = (await measure(ENTRIES.ours.app)).code;
  result.ours.parts = {};
  for (const [part, symbols] of Object.entries(OPTIONAL_PARTS)) {
    const size = await measure(`export { ${[...APP_IMPORTS, ...symbols].join(', ')} } from 'ngx-msal-http';`);
    const marker = MARKERS[part];
    result.ours.parts[part] = {
      minified: size.minified - baseline.minified - app.minified,
      gzipped: size.gzipped - baseline.gzipped - app.gzipped,
      // null: no marker for this part; otherwise whether it tree-shakes out of the app imports.
      treeShaken: marker ? size.code.includes(marker) && !appCode.includes(marker) : null,
    };
  }
  return result;
}

async function measureEntry(source, root, libDir, optimized) {
  const { outputFiles } = await build({
    stdin: { contents: source, resolveDir: root, sourcefile: 'bundle-cost-entry.js', loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
    external: EXTERNAL,
    // The library snapshot lives outside the checkout; its imports resolve in ours.
    nodePaths: [join(root, 'node_modules')],
    alias: { 'ngx-msal-http': libDir },
    define: { ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false' },
    plugins: [angularLinkerPlugin({ optimize: optimized })],
  });
  const code = outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, code: outputFiles[0].text };
}
