// Everything one end-to-end run shares, started once: the built demo on a spare port, the OpenID
// provider and the protected API (the same servers `npm start` runs), and one headless Chromium.
// Each test gets its own browser context (fresh cookies and sessionStorage), which is cheap.
import { chromium } from 'playwright-core';
import CHROMIUM_FLAGS from '../../chromium-flags.cjs';
import { DEMO_BROWSER_DIR } from '../../scripts/build-demo.mjs';
import { startAll } from '../servers/start-servers.mjs';
import { startAppServer } from './app-server.mjs';

// The provider's certificate comes from a CA made at run time, which the browser is told to accept
// rather than trust system-wide.
const CHROMIUM_ARGS = [...CHROMIUM_FLAGS, '--ignore-certificate-errors'];

/**
 * Starts the shared environment. `chromiumPath` is a Chromium executable (see scripts/ensure-env.mjs);
 * the provider and the API take spare ports unless `oidcPort` / `apiPort` say otherwise.
 * Resolves to `{ appOrigin, apiUrl, issuer, browser, newPage(query), received(), resetApi(), tokenRequests(),
 * resetTokenRequests(), setAccessTokenTtl(seconds), stop() }`.
 *
 * @example
 * const env = await startEnvironment({ chromiumPath: '/usr/bin/chromium' });
 * const { page } = await env.newPage('?variant=module');
 */
export async function startEnvironment({ chromiumPath, oidcPort = 0, apiPort = 0 }) {
  let settings = null;
  const app = await startAppServer({ dir: DEMO_BROWSER_DIR, settings: () => settings });
  const stops = [() => app.stop()];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch((error) => console.error('[e2e] teardown:', error.message));
  };
  try {
    const servers = await startAll({ oidcPort, apiPort, appOrigin: app.origin, quiet: true });
    stops.push(() => servers.stop());
    settings = {
      issuer: servers.issuer,
      clientId: servers.clientId,
      apiUrl: servers.apiUrl,
      dpopApiUrl: servers.apiHttpsUrl,
      variant: 'standalone',
      interactionType: 'popup',
    };
    const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, timeout: 30_000 });
    stops.push(() => browser.close());

    const apiJson = async (path, init) => {
      const response = await fetch(`${servers.apiUrl}${path}`, { ...init, signal: AbortSignal.timeout(5_000) });
      return response.status === 204 ? null : response.json();
    };
    return {
      appOrigin: app.origin,
      apiUrl: servers.apiUrl,
      apiHttpsUrl: servers.apiHttpsUrl,
      caCertPath: servers.caCertPath,
      issuer: servers.issuer,
      browser,
      /** A fresh context and page on the demo (`query` like `?variant=module`), loaded and started. */
      async newPage(query = '') {
        const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
        context.setDefaultTimeout(15_000);
        const page = await context.newPage();
        await page.goto(`${app.origin}/${query}`);
        await page.waitForSelector('demo-root h1');
        return { context, page };
      },
      /** What the API received (GET /__received), oldest first; never raw tokens. */
      received: async () => (await apiJson('/__received')).requests,
      resetApi: () => apiJson('/__reset', { method: 'POST' }),
      /** The provider's token-endpoint calls (see e2e/servers/oidc.mjs), and their reset. */
      tokenRequests: servers.tokenRequests,
      resetTokenRequests: servers.resetTokenRequests,
      /** Access tokens issued from now on live `seconds` (600 by default; put it back after a test). */
      setAccessTokenTtl: servers.setAccessTokenTtl,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
