// Builds the benchmark page with esbuild: one production-like bundle (partial declarations linked
// ahead of time, ngDevMode off, minified syntax but readable names for the profiler) holding
// Angular, RxJS, msal-browser, both interceptor libraries and the scenarios.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { angularLinkerPlugin } from './angular-linker-plugin.mjs';
import { root } from '../../scripts/ensure-env.mjs';

const BRIDGE = join(root, 'node_modules/@azure/msal-browser/lib/redirect-bridge/msal-redirect-bridge.min.js');

/**
 * Writes index.html, main.js, redirect-bridge.html and its script into `outDir`. `libDir` is the
 * built ngx-msal-http package (default dist/ngx-msal-http).
 */
export async function buildPage(outDir, { libDir = join(root, 'dist/ngx-msal-http') } = {}) {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'bench/page/main.ts')],
    outfile: join(outDir, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: join(root, 'tsconfig.json'),
    // The library snapshot lives outside the checkout; its imports resolve in ours.
    nodePaths: [join(root, 'node_modules')],
    alias: {
      'ngx-msal-http': libDir,
    },
    // What the Angular CLI defines in production builds.
    define: { ngDevMode: 'false', ngJitMode: 'false', ngI18nClosureMode: 'false', ngServerMode: 'false' },
    plugins: [angularLinkerPlugin()],
  });
  copyFileSync(BRIDGE, join(outDir, 'redirect-bridge.js'));
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><base href="/"><title>ngx-msal-http bench</title><link rel="icon" href="data:,"></head>' +
      '<body><script type="module" src="main.js"></script></body></html>\n',
  );
  // msal-browser's popup returns its result through this page (see TOOLCHAIN.md).
  writeFileSync(
    join(outDir, 'redirect-bridge.html'),
    '<!doctype html><script src="redirect-bridge.js"></script><script>msalRedirectBridge.broadcastResponseToMainFrame();</script>\n',
  );
}
