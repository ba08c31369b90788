// Scenario 6 from the Node side: starts the end-to-end tests' OpenID provider and API (when that
// work has landed), signs in once through a real msal-browser popup whose forms Playwright fills,
// then asks the page to time both interceptors against real PublicClientApplications.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureScenario } from './timing.mjs';

const FORM_TIMEOUT_MS = 15_000;

/**
 * Resolves to `{ skipped: reason }` when the e2e servers are not in this checkout or cannot start,
 * else to `{ login, timings, dpop }`: `dpop` is scenario 8 (`{ timings }`, or `{ skipped }` when it
 * failed), measured with the same servers and sign-in.
 */
export async function runRealClient({ root, page, clock, origin, options }) {
  const serversModule = join(root, 'e2e/servers/start-servers.mjs');
  if (!existsSync(serversModule)) return { skipped: 'e2e/servers/start-servers.mjs is not in this checkout' };
  const { startAll } = await import(pathToFileURL(serversModule).href);
  // Own certificate directory: the e2e tests may be using e2e/.certs at the same time.
  const certDir = mkdtempSync(join(tmpdir(), 'ngx-msal-http-bench-certs-'));
  let servers;
  try {
    servers = await startAll({ oidcPort: 0, apiPort: 0, appOrigin: origin, certDir, quiet: true });
  } catch (error) {
    rmSync(certDir, { recursive: true, force: true });
    return { skipped: `the e2e servers did not start: ${error.message}` };
  }
  try {
    const setup = { issuer: servers.issuer, clientId: servers.clientId, apiUrl: servers.apiUrl, apiHttpsUrl: servers.apiHttpsUrl, origin };
    const popup = page.waitForEvent('popup', { timeout: FORM_TIMEOUT_MS });
    const login = page.evaluate((s) => window.bench.realLogin(s), setup);
    await fillLoginForms(await popup);
    const signedIn = await login;
    if (!signedIn.fromCache.every(Boolean)) throw new Error(`the real client did not answer from its cache: ${JSON.stringify(signedIn)}`);
    const { timings } = await measureScenario(page, clock, { scenario: 'realClient', setup }, options);
    const dpop = await measureScenario(page, clock, { scenario: 'dpop', setup }, options).then(
      (measured) => ({ timings: measured.timings }),
      (error) => ({ skipped: `failed: ${error.message.split('\n')[0]}` }),
    );
    return { login: signedIn, timings, dpop };
  } finally {
    await servers.stop();
    rmSync(certDir, { recursive: true, force: true });
  }
}

// oidc-provider's development forms: login (any name), then consent.
async function fillLoginForms(popup) {
  await popup.waitForSelector('input[name=login]', { timeout: FORM_TIMEOUT_MS });
  await popup.fill('input[name=login]', 'bench-user');
  await popup.fill('input[name=password]', 'any password');
  await popup.click('button[type=submit]');
  await popup.waitForSelector('button[type=submit]', { timeout: FORM_TIMEOUT_MS });
  await popup.click('button[type=submit]');
}
