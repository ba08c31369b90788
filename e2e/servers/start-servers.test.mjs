// The provider as a development IdP for someone else's app: origins and callback paths come from
// options (and from APP_ORIGIN / REDIRECT_PATHS on the command line). `node --test e2e/servers/`.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { authorize } from './headless-login.mjs';
import { createLoopbackFetch } from './loopback-fetch.mjs';
import { startAll } from './start-servers.mjs';

const ORIGINS = ['http://localhost:4300', 'http://127.0.0.1:8080'];
const TIMEOUT = { timeout: 30_000 };
// Certificates of its own: the self-test runs in parallel and writes the shared folder.
const certDir = mkdtempSync(join(tmpdir(), 'ngx-msal-http-certs-'));
let servers;
let fetchLocal;

before(async () => {
  servers = await startAll({ oidcPort: 0, apiPort: 0, appOrigin: ORIGINS, redirectPaths: ['/auth/callback', '/'], certDir, quiet: true });
  fetchLocal = createLoopbackFetch({ ca: readFileSync(servers.caCertPath) });
});

after(async () => {
  await servers?.stop();
  rmSync(certDir, { recursive: true, force: true });
});

it('registers each callback path on each origin, and nothing else', () => {
  assert.deepEqual(servers.redirectUris, [
    'http://localhost:4300/auth/callback',
    'http://localhost:4300/',
    'http://127.0.0.1:8080/auth/callback',
    'http://127.0.0.1:8080/',
  ]);
});

it('signs in through a configured callback and refuses the default bridge path', TIMEOUT, async () => {
  const login = (redirectUri) =>
    authorize({
      fetch: fetchLocal,
      issuer: servers.issuer,
      clientId: servers.clientId,
      redirectUri,
      scope: 'openid api://demo-orders/orders.read',
    });
  const { params } = await login('http://127.0.0.1:8080/auth/callback');
  assert.ok(params.get('code'), `no code: ${params}`);
  await assert.rejects(login('http://localhost:4300/redirect-bridge.html'));
});

it('answers CORS for every configured origin', TIMEOUT, async () => {
  for (const origin of ORIGINS) {
    const response = await fetchLocal(`${servers.apiUrl}/public`, { headers: { origin } });
    assert.equal(response.headers.get('access-control-allow-origin'), origin);
  }
});
