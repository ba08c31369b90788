// Checks the end-to-end servers without a browser: `node --test e2e/servers/`.
// The file name ends in .test.mjs because Node 20's test runner only picks such names from a folder.
import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT, decodeProtectedHeader } from 'jose';
import { CLAIMS_REQUEST } from './claims-challenge.mjs';
import { makeCertificates } from './certs.mjs';
import { authorize, decodeJwtPayload, tokenRequest } from './headless-login.mjs';
import { createLoopbackFetch } from './loopback-fetch.mjs';
import { startAll } from './start-servers.mjs';

const APP_ORIGIN = 'http://localhost:4200';
const REDIRECT_URI = `${APP_ORIGIN}/redirect-bridge.html`;
const ORDERS = 'api://demo-orders';
const PROFILE = 'api://demo-profile';
const OIDC_SCOPES = 'openid profile offline_access';
const TIMEOUT = { timeout: 30_000 };

let servers;
let fetchLocal;

before(async () => {
  servers = await startAll({ oidcPort: 0, apiPort: 0, appOrigin: APP_ORIGIN });
  fetchLocal = createLoopbackFetch({ ca: readFileSync(servers.caCertPath) });
});

after(() => servers?.stop());

describe('provider and API basics', () => {
  it('serves discovery and JWKS over https trusted through the generated CA', TIMEOUT, async () => {
    assert.match(servers.issuer, /^https:\/\/localhost:\d+$/);
    const discovery = await json(`${servers.issuer}/.well-known/openid-configuration`);
    assert.equal(discovery.issuer, servers.issuer);
    assert.equal(discovery.claims_parameter_supported, true);
    assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);
    const jwks = await json(discovery.jwks_uri);
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].alg, 'RS256');
    assert.equal(jwks.keys[0].d, undefined, 'JWKS must not publish the private key');
  });

  it('answers /public with 200 and no token', TIMEOUT, async () => {
    const response = await api('/public');
    assert.equal(response.status, 200);
  });

  it('answers /orders without a token with 401 and a bare Bearer challenge', TIMEOUT, async () => {
    const response = await api('/orders');
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="ngx-msal-http demo API"');
  });

  it('answers /orders with a forged token with 401 invalid_token', TIMEOUT, async () => {
    const { kid } = (await json(`${servers.issuer}/jwks`)).keys[0];
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT({ scope: `${ORDERS}/orders.read` })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
      .setIssuer(servers.issuer)
      .setAudience(ORDERS)
      .setSubject('mallory')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    for (const token of [forged, 'not.a.jwt']) {
      const response = await api('/orders', { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 401);
      assert.match(response.headers.get('www-authenticate'), /^Bearer realm="[^"]+", error="invalid_token", error_description="[^"]+"$/);
    }
  });

  it('answers CORS preflights for the app origin only and exposes WWW-Authenticate', TIMEOUT, async () => {
    const preflight = (origin) =>
      api('/orders', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,x-demo-require-claims',
        },
      });
    const allowed = await preflight(APP_ORIGIN);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.match(allowed.headers.get('access-control-allow-headers'), /Authorization/);
    assert.match(allowed.headers.get('access-control-allow-headers'), /x-demo-require-claims/);
    assert.equal((await preflight('http://evil.localhost:4200')).headers.get('access-control-allow-origin'), null);
    const unauthorized = await api('/orders', { headers: { origin: APP_ORIGIN } });
    assert.equal(unauthorized.headers.get('access-control-expose-headers'), 'WWW-Authenticate, DPoP-Nonce');
  });

  it('records the Host of look-alike requests and clears the record on /__reset', TIMEOUT, async () => {
    await api('/__reset', { method: 'POST' });
    const port = new URL(servers.apiUrl).port;
    await fetchLocal(`http://127.0.0.1:${port}/orders`);
    const [record, ...rest] = await received();
    assert.equal(rest.length, 0);
    assert.deepEqual(pick(record, 'method', 'path', 'host', 'hasAuthorization', 'status'), {
      method: 'GET',
      path: '/orders',
      host: `127.0.0.1:${port}`,
      hasAuthorization: false,
      status: 401,
    });
    await api('/__reset', { method: 'POST' });
    assert.deepEqual(await received(), []);
  });
});

describe('authorization code + PKCE login with msal-style scopes', () => {
  let login;

  before(async () => {
    // What msal sends for loginRedirect({ scopes: [orders.read, orders.write], extraScopesToConsent: [profile.read], prompt: 'consent' }).
    login = await loginAndRedeem({
      loginScope: `${ORDERS}/orders.read ${ORDERS}/orders.write ${PROFILE}/profile.read ${OIDC_SCOPES}`,
      tokenScope: `${ORDERS}/orders.read ${ORDERS}/orders.write ${OIDC_SCOPES}`,
    });
  });

  it('issues an RS256 JWT access token for the orders API with full-form scopes', TIMEOUT, async () => {
    const { status, body, allowOrigin } = login.token;
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(allowOrigin, APP_ORIGIN, 'the SPA must be allowed to call the token endpoint');
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.scope, `${ORDERS}/orders.read ${ORDERS}/orders.write`);
    assert.ok(body.id_token && body.refresh_token);
    assert.deepEqual(decodeProtectedHeader(body.access_token).alg, 'RS256');
    const claims = decodeJwtPayload(body.access_token);
    assert.deepEqual(pick(claims, 'iss', 'aud', 'sub', 'scope'), { iss: servers.issuer, aud: ORDERS, sub: 'alice', scope: body.scope });
    assert.equal(claims.acrs, undefined);
  });

  it('gets 200 from GET /orders and 201 from POST /orders with that token', TIMEOUT, async () => {
    const authorization = `Bearer ${login.token.body.access_token}`;
    assert.equal((await api('/orders', { headers: { authorization } })).status, 200);
    const created = await api('/orders', {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: '{"item":"cake"}',
    });
    assert.equal(created.status, 201);
  });

  it('records the verified claims in /__received, never the raw token', TIMEOUT, async () => {
    await api('/__reset', { method: 'POST' });
    await api('/orders', { headers: { authorization: `Bearer ${login.token.body.access_token}` } });
    const records = await received();
    assert.equal(records.length, 1);
    const { iat, exp } = decodeJwtPayload(login.token.body.access_token);
    assert.deepEqual(records[0].token, {
      aud: ORDERS,
      scope: login.token.body.scope,
      scp: null,
      sub: 'alice',
      acrs: null,
      jkt: null,
      iat,
      exp,
      jti: records[0].token.jti,
    });
    assert.equal(records[0].hasAuthorization, true);
    assert.ok(!JSON.stringify(records).includes(login.token.body.access_token.split('.')[2]));
  });

  it('refreshes into a profile token that /profile accepts and /orders rejects for its audience', TIMEOUT, async () => {
    servers.resetTokenRequests();
    const profile = await refresh(login, `${PROFILE}/profile.read ${OIDC_SCOPES}`);
    assert.deepEqual(
      servers.tokenRequests().map((r) => [r.grantType, r.scope, r.status]),
      [['refresh_token', `${PROFILE}/profile.read ${OIDC_SCOPES}`, 200]],
    );
    assert.equal(profile.status, 200, JSON.stringify(profile.body));
    assert.equal(decodeJwtPayload(profile.body.access_token).aud, PROFILE);
    const authorization = `Bearer ${profile.body.access_token}`;
    assert.equal((await api('/profile', { headers: { authorization } })).status, 200);
    const rejected = await api('/orders', { headers: { authorization } });
    assert.equal(rejected.status, 401);
    assert.match(
      rejected.headers.get('www-authenticate'),
      /error="invalid_token", error_description="token audience api:\/\/demo-profile is not api:\/\/demo-orders"/,
    );
  });

  it('refreshes back into an orders token with the rotated refresh token', TIMEOUT, async () => {
    const orders = await refresh(login, `${ORDERS}/orders.read ${OIDC_SCOPES}`);
    assert.equal(orders.status, 200, JSON.stringify(orders.body));
    assert.equal(decodeJwtPayload(orders.body.access_token).aud, ORDERS);
    assert.equal((await api('/orders', { headers: { authorization: `Bearer ${orders.body.access_token}` } })).status, 200);
  });
});

describe('RFC 8707 resource parameter and scope enforcement', () => {
  it('redeems a code with resource=api://demo-orders and answers 403 insufficient_scope for an ungranted scope', TIMEOUT, async () => {
    const { token } = await loginAndRedeem({
      loginScope: `${ORDERS}/orders.read ${OIDC_SCOPES}`,
      tokenParams: { resource: ORDERS },
    });
    assert.equal(token.status, 200, JSON.stringify(token.body));
    assert.equal(decodeJwtPayload(token.body.access_token).scope, `${ORDERS}/orders.read`);
    const authorization = `Bearer ${token.body.access_token}`;
    assert.equal((await api('/orders', { headers: { authorization } })).status, 200);
    const denied = await api('/orders', { method: 'POST', headers: { authorization }, body: '{}' });
    assert.equal(denied.status, 403);
    assert.match(denied.headers.get('www-authenticate'), /error="insufficient_scope".*scope="api:\/\/demo-orders\/orders.write"/);
  });
});

describe('claims challenge round trip (CAE pattern)', () => {
  const challengeHeaders = (token) => ({ authorization: `Bearer ${token}`, 'x-demo-require-claims': '1' });
  let plain;

  before(async () => {
    plain = await loginAndRedeem({
      loginScope: `${ORDERS}/orders.read ${OIDC_SCOPES}`,
      tokenScope: `${ORDERS}/orders.read ${OIDC_SCOPES}`,
    });
  });

  it('challenges a valid token without the marker with insufficient_claims', TIMEOUT, async () => {
    const response = await api('/orders', { headers: challengeHeaders(plain.token.body.access_token) });
    assert.equal(response.status, 401);
    const header = response.headers.get('www-authenticate');
    assert.match(
      header,
      new RegExp(
        `^Bearer realm="[^"]+", authorization_uri="${servers.issuer}/auth", error="insufficient_claims", claims="[A-Za-z0-9+/=]+"$`,
      ),
    );
    assert.equal(Buffer.from(/claims="([^"]+)"/.exec(header)[1], 'base64').toString(), CLAIMS_REQUEST);
  });

  it('accepts a token from an authorization request that carried the claims', TIMEOUT, async () => {
    // msal also repeats `claims` on the code redemption; leaving it out here proves the code carries it.
    const { token } = await loginAndRedeem({
      loginScope: `${ORDERS}/orders.read ${OIDC_SCOPES}`,
      tokenScope: `${ORDERS}/orders.read ${OIDC_SCOPES}`,
      authorizeParams: { claims: CLAIMS_REQUEST },
    });
    assert.equal(token.status, 200, JSON.stringify(token.body));
    assert.deepEqual(decodeJwtPayload(token.body.access_token).acrs, ['c1']);
    assert.equal((await api('/orders', { headers: challengeHeaders(token.body.access_token) })).status, 200);
  });

  it('marks a refreshed token only when the refresh request carries the claims', TIMEOUT, async () => {
    const marked = await refresh(plain, `${ORDERS}/orders.read ${OIDC_SCOPES}`, { claims: CLAIMS_REQUEST });
    assert.equal(marked.status, 200, JSON.stringify(marked.body));
    assert.deepEqual(decodeJwtPayload(marked.body.access_token).acrs, ['c1']);
    assert.equal((await api('/orders', { headers: challengeHeaders(marked.body.access_token) })).status, 200);
    const unmarked = await refresh(plain, `${ORDERS}/orders.read ${OIDC_SCOPES}`);
    assert.equal(decodeJwtPayload(unmarked.body.access_token).acrs, undefined);
  });
});

describe('makeCertificates', () => {
  it('reuses a valid set and replaces a broken one', TIMEOUT, () => {
    const dir = mkdtempSync(join(tmpdir(), 'e2e-certs-'));
    try {
      const first = makeCertificates(dir);
      const server = new X509Certificate(readFileSync(first.certPath));
      assert.ok(server.checkIssued(new X509Certificate(readFileSync(first.caCertPath))));
      assert.equal(server.checkHost('localhost'), 'localhost');
      assert.equal(server.checkIP('127.0.0.1'), '127.0.0.1');
      const pem = readFileSync(first.certPath, 'utf8');
      assert.equal(readFileSync(makeCertificates(dir).certPath, 'utf8'), pem, 'a valid set is reused');
      writeFileSync(first.certPath, 'garbage');
      const replaced = readFileSync(makeCertificates(dir).certPath, 'utf8');
      assert.notEqual(replaced, pem);
      assert.ok(new X509Certificate(replaced).checkHost('localhost'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// --- helpers ---

function api(path, init) {
  return fetchLocal(`${servers.apiUrl}${path}`, init);
}

async function json(url) {
  const response = await fetchLocal(url);
  assert.equal(response.status, 200, `${url} answered ${response.status}`);
  return response.json();
}

async function received() {
  return (await json(`${servers.apiUrl}/__received`)).requests;
}

function pick(object, ...keys) {
  return Object.fromEntries(keys.map((key) => [key, object[key]]));
}

async function loginAndRedeem({ loginScope, tokenScope, authorizeParams, tokenParams = {} }) {
  const { params, verifier } = await authorize({
    fetch: fetchLocal,
    issuer: servers.issuer,
    clientId: servers.clientId,
    redirectUri: REDIRECT_URI,
    scope: loginScope,
    extraParams: authorizeParams,
  });
  assert.ok(params.get('code'), `no code: ${params}`);
  const token = await tokenRequest({
    fetch: fetchLocal,
    issuer: servers.issuer,
    origin: APP_ORIGIN,
    params: {
      grant_type: 'authorization_code',
      client_id: servers.clientId,
      redirect_uri: REDIRECT_URI,
      code: params.get('code'),
      code_verifier: verifier,
      ...(tokenScope ? { scope: tokenScope } : {}),
      ...tokenParams,
    },
  });
  return { token, refreshToken: token.body.refresh_token };
}

// Rotates the session's refresh token like msal does (oidc-provider rotates for public clients).
async function refresh(session, scope, extra = {}) {
  const result = await tokenRequest({
    fetch: fetchLocal,
    issuer: servers.issuer,
    origin: APP_ORIGIN,
    params: { grant_type: 'refresh_token', client_id: servers.clientId, refresh_token: session.refreshToken, scope, ...extra },
  });
  if (result.body.refresh_token) session.refreshToken = result.body.refresh_token;
  return result;
}
