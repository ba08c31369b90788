// Takes the README's picture of the demo's events panel (docs/demo-events-panel.png) the way a
// user would produce it: sign in with the popup, press the API buttons, keep ngx-msal-http's rows.
//
//   node e2e/readme-screenshot.mjs      (builds what is stale first, like `npm run e2e`)
import { join } from 'node:path';
import { buildDemo, buildLibrary } from '../scripts/build-demo.mjs';
import { ensureChromium, ensureDependencies, root } from '../scripts/ensure-env.mjs';

ensureDependencies();
const chromiumPath = ensureChromium();
buildLibrary();
buildDemo();

const { startEnvironment } = await import('./support/environment.mjs');
const { callApi, signInWithPopup } = await import('./support/demo-page.mjs');
const output = join(root, 'docs', 'demo-events-panel.png');

// npm start's default ports, so the picture shows the URLs a reader will see.
const env = await startEnvironment({ chromiumPath, oidcPort: 3443, apiPort: 3001 });
try {
  const { page } = await env.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInWithPopup(page);
  await page.click('[data-action=clear-events]');
  for (const id of ['get-orders', 'post-orders', 'get-profile', 'get-public', 'claims']) await callApi(page, id);
  await page.check('[data-filter-library]');
  await page.locator('[data-panel=events]').screenshot({ path: output });
  console.log(`[screenshot] ${output}`);
} finally {
  await env.stop();
}
