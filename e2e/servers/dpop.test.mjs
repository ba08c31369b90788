// The sender-constrained resource end to end without a browser: the provider binds tokens for
// api://demo-dpop to the proof key, and the API's https DPoP route verifies every RFC 9449 check.
// `node --test e2e/servers/`.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { authorize, decodeJwtPayload, tokenRequest } from './headless-login.mjs';
import { createLoopbackFetch } from './loopback-fetch.mjs';
import { startAll } from './start-servers.mjs';

const APP_ORIGIN = 'http://localhost:4200';
const REDIRECT_URI = `${APP_ORIGIN}/redirect-bridge.html`;
const DPOP_SCOPE = 'api://demo-dpop/dpop.read';
const TIMEOUT = { timeout: 30_000 };
const certDir = mkdtempSync(join(tmpdir(), 'ngx-msal-http-certs-'));

let servers;
let fetchLocal;
let key; // { privateKey, jwk }
let bound; // { accessToken, refreshToken, body }

before(async () => {
  servers = await startAll({ oidcPort: 0, apiPort: 0, appOrigin: APP_ORIGIN, certDir, quiet: true });
  fetchLocal = createLoopbackFetch({ ca: readFileSync(servers.caCertPath) });
  key = await newKey();
  const { params, verifier } = await login(`openid offline_access ${DPOP_SCOPE}`);
  const token = await redeem(params.get('code'), verifier, { dpop: await proof(key, 'POST', `${servers.issuer}/token`) });
  assert.equal(token.status, 200, JSON.stringify(token.body));
  bound = { accessToken: token.body.access_token, refreshToken: token.body.refresh_token, body: token.body };
});

after(async () => {
  await servers?.stop();
  rmSync(certDir, { recursive: true, force: true });
});

describe('provider', () => {
  it('issues a DPoP-bound access token whose cnf.jkt is the proof key thumbprint', () => {
    assert.equal(bound.body.token_type, 'DPoP');
    const claims = decodeJwtPayload(bound.accessToken);
    assert.equal(claims.aud, 'api://demo-dpop');
    assert.equal(claims.cnf.jkt, key.thumbprint);
  });

  it('refuses a token request for the DPoP resource without a proof', TIMEOUT, async () => {
    const { params, verifier } = await login(`openid ${DPOP_SCOPE}`);
    const token = await redeem(params.get('code'), verifier);
    assert.equal(token.status, 400);
    assert.match(token.body.error_description, /DPoP-bound tokens only/);
  });

  it('binds the refresh token: refreshing needs a proof from the same key', TIMEOUT, async () => {
    const refresh = (headers) =>
      tokenRequest({
        fetch: fetchLocal,
        issuer: servers.issuer,
        origin: APP_ORIGIN,
        params: { grant_type: 'refresh_token', client_id: servers.clientId, refresh_token: bound.refreshToken, scope: DPOP_SCOPE },
        headers,
      });
    const other = await newKey();
    const stolen = await refresh({ dpop: await proof(other, 'POST', `${servers.issuer}/token`) });
    assert.equal(stolen.status, 400);
    assert.equal(stolen.body.error, 'invalid_grant');
    const renewed = await refresh({ dpop: await proof(key, 'POST', `${servers.issuer}/token`) });
    assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
    assert.equal(decodeJwtPayload(renewed.body.access_token).cnf.jkt, key.thumbprint);
    bound.refreshToken = renewed.body.refresh_token;
  });
});

describe('API DPoP route', () => {
  it('answers a valid proof with 200 and records it', TIMEOUT, async () => {
    const response = await callDpop({ token: bound.accessToken, dpop: await resourceProof() });
    assert.equal(response.status, 200);
    const record = await lastRecord('/dpop');
    assert.equal(record.dpop.jkt, key.thumbprint);
    assert.equal(record.dpop.htu, `${servers.apiHttpsUrl}/dpop`);
    assert.equal(record.token.jkt, key.thumbprint);
  });

  it('refuses a replayed proof', TIMEOUT, async () => {
    const dpop = await resourceProof();
    assert.equal((await callDpop({ token: bound.accessToken, dpop })).status, 200);
    const replay = await callDpop({ token: bound.accessToken, dpop });
    assert.equal(replay.status, 401);
    assert.match(replay.headers.get('www-authenticate'), /^DPoP .*error="invalid_dpop_proof".*replay/);
  });

  it('refuses the bound token sent as a bearer token', TIMEOUT, async () => {
    const response = await fetchLocal(`${servers.apiHttpsUrl}/dpop`, {
      headers: { authorization: `Bearer ${bound.accessToken}`, origin: APP_ORIGIN },
    });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate'), /^DPoP .*error="invalid_token"/);
  });

  it('refuses a proof that does not match the request, the token or the key', TIMEOUT, async () => {
    const other = await newKey();
    const cases = {
      'wrong htm': await proof(key, 'POST', `${servers.apiHttpsUrl}/dpop`, { ath: ath(bound.accessToken) }),
      'wrong htu': await proof(key, 'GET', `${servers.apiHttpsUrl}/orders`, { ath: ath(bound.accessToken) }),
      'stale iat': await proof(key, 'GET', `${servers.apiHttpsUrl}/dpop`, { ath: ath(bound.accessToken), iat: now() - 600 }),
      'no ath': await proof(key, 'GET', `${servers.apiHttpsUrl}/dpop`),
      'wrong ath': await proof(key, 'GET', `${servers.apiHttpsUrl}/dpop`, { ath: ath('another token') }),
      'wrong typ': await proof(key, 'GET', `${servers.apiHttpsUrl}/dpop`, { ath: ath(bound.accessToken) }, 'JWT'),
      'other key': await proof(other, 'GET', `${servers.apiHttpsUrl}/dpop`, { ath: ath(bound.accessToken) }),
      'not a JWT': 'not.a.proof',
    };
    for (const [name, dpop] of Object.entries(cases)) {
      const response = await callDpop({ token: bound.accessToken, dpop });
      assert.equal(response.status, 401, name);
      assert.match(response.headers.get('www-authenticate'), /^DPoP realm="[^"]+", algs="[^"]+", error="invalid_(dpop_proof|token)"/, name);
    }
  });

  it('asks for its nonce with use_dpop_nonce and a DPoP-Nonce header, then accepts it', TIMEOUT, async () => {
    const url = `${servers.apiHttpsUrl}/dpop/nonce`;
    const first = await callDpop({ token: bound.accessToken, dpop: await resourceProof(url), url });
    assert.equal(first.status, 401);
    assert.match(first.headers.get('www-authenticate'), /error="use_dpop_nonce"/);
    const nonce = first.headers.get('dpop-nonce');
    assert.ok(nonce);
    assert.match(first.headers.get('access-control-expose-headers'), /DPoP-Nonce/);
    const second = await callDpop({ token: bound.accessToken, dpop: await resourceProof(url, { nonce }), url });
    assert.equal(second.status, 200);
  });

  it('allows the DPoP header in CORS preflights', TIMEOUT, async () => {
    const response = await fetchLocal(`${servers.apiHttpsUrl}/dpop`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,dpop' },
    });
    assert.match(response.headers.get('access-control-allow-headers'), /\bDPoP\b/);
  });

  it('keeps bearer tokens for other resources off the DPoP route and DPoP routes off http', TIMEOUT, async () => {
    const response = await fetchLocal(`${servers.apiUrl}/dpop`, {
      headers: { authorization: `DPoP ${bound.accessToken}`, dpop: await resourceProof() },
    });
    assert.equal(response.status, 404);
  });
});

async function newKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  return { privateKey, jwk, thumbprint: await calculateJwkThumbprint(jwk) };
}

function proof({ privateKey, jwk }, htm, htu, claims = {}, typ = 'dpop+jwt') {
  return new SignJWT({ jti: randomUUID(), htm, htu, iat: now(), ...claims })
    .setProtectedHeader({ alg: 'ES256', typ, jwk })
    .sign(privateKey);
}

function resourceProof(url = `${servers.apiHttpsUrl}/dpop`, claims = {}) {
  return proof(key, 'GET', url, { ath: ath(bound.accessToken), ...claims });
}

function ath(token) {
  return createHash('sha256').update(token).digest('base64url');
}

function now() {
  return Math.floor(Date.now() / 1000);
}

function callDpop({ token, dpop, url = `${servers.apiHttpsUrl}/dpop` }) {
  return fetchLocal(url, { headers: { authorization: `DPoP ${token}`, dpop, origin: APP_ORIGIN } });
}

async function lastRecord(path) {
  const { requests } = await (await fetchLocal(`${servers.apiUrl}/__received`)).json();
  return requests.filter((record) => record.path === path).at(-1);
}

function login(scope) {
  return authorize({ fetch: fetchLocal, issuer: servers.issuer, clientId: servers.clientId, redirectUri: REDIRECT_URI, scope });
}

function redeem(code, verifier, headers = {}) {
  return tokenRequest({
    fetch: fetchLocal,
    issuer: servers.issuer,
    origin: APP_ORIGIN,
    params: {
      grant_type: 'authorization_code',
      client_id: servers.clientId,
      redirect_uri: REDIRECT_URI,
      code,
      code_verifier: verifier,
      scope: `openid ${DPOP_SCOPE}`,
    },
    headers,
  });
}
