// Sender-constrained tokens (RFC 9449) through HttpClient: withDpop() names the API's https DPoP
// route; msal-browser gets a DPoP-bound token from the provider and signs a proof per request; the
// API verifies each proof with jose. A captured request replayed from Node is refused, and so is
// its token sent as a bearer token.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLoopbackFetch } from '../servers/loopback-fetch.mjs';
import { callApi, completeLogin, signInWithPopup } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

for (const variant of ['standalone', 'module']) {
  e2eTest(`${variant}: a DPoP call carries a fresh verified proof per request, and a replay is refused`, async ({ env, open }) => {
    const { page } = await open(`?variant=${variant}`);
    const sent = [];
    page.on('request', (request) => {
      if (request.url() === `${env.apiHttpsUrl}/dpop` && request.method() === 'GET') sent.push(request.headers());
    });
    await signInWithPopup(page);

    for (let i = 0; i < 3; i++) {
      const outcome = await callApi(page, 'get-dpop');
      assert.equal(outcome.state, 'ok', outcome.text);
      assert.match(outcome.text, /"bound":true/);
    }

    const records = (await env.received()).filter((r) => r.path === '/dpop' && r.method === 'GET');
    assert.equal(records.length, 3, JSON.stringify(records.map((r) => [r.status, r.dpopError])));
    for (const record of records) {
      assert.equal(record.status, 200, record.dpopError ?? '');
      assert.equal(record.scheme, 'DPoP');
      assert.equal(record.dpop.htm, 'GET');
      assert.equal(record.dpop.htu, `${env.apiHttpsUrl}/dpop`);
      assert.equal(record.dpop.alg, 'ES256');
      assert.equal(record.token.aud, 'api://demo-dpop');
      assert.equal(record.token.jkt, record.dpop.jkt, 'the token is bound to the proof key');
    }
    assert.equal(new Set(records.map((r) => r.dpop.jti)).size, 3, 'every request has a proof of its own');
    // Bearer calls on the same page are unaffected.
    assert.equal((await callApi(page, 'get-orders')).state, 'ok');
    const orders = (await env.received()).find((r) => r.path === '/orders' && r.status === 200);
    assert.equal(orders.scheme, 'Bearer');
    assert.equal(orders.hasDpopProof, false);

    // What an attacker who copied one request's headers can do with them: nothing.
    assert.equal(sent.length, 3);
    const { authorization, dpop } = sent[0];
    assert.match(authorization, /^DPoP /);
    const fetchLocal = createLoopbackFetch({ ca: readFileSync(env.caCertPath) });
    const replay = await fetchLocal(`${env.apiHttpsUrl}/dpop`, { headers: { authorization, dpop } });
    assert.equal(replay.status, 401);
    assert.match(replay.headers.get('www-authenticate'), /^DPoP .*error="invalid_dpop_proof".*replay/);
    const asBearer = await fetchLocal(`${env.apiHttpsUrl}/dpop`, { headers: { authorization: authorization.replace(/^DPoP/, 'Bearer') } });
    assert.equal(asBearer.status, 401);
    assert.match(asBearer.headers.get('www-authenticate'), /^DPoP .*error="invalid_token"/);
    const onBearerRoute = await fetchLocal(`${env.apiUrl}/orders`, {
      headers: { authorization: authorization.replace(/^DPoP/, 'Bearer') },
    });
    assert.equal(onBearerRoute.status, 401);
  });
}

e2eTest('after expiry, a DPoP call gets a new token, bound to the key of its proof', async ({ env, open }) => {
  const { page } = await open();
  await signInWithPopup(page);
  assert.equal((await callApi(page, 'get-dpop')).state, 'ok');
  const [before] = (await env.received()).filter((r) => r.path === '/dpop' && r.method === 'GET');

  // DPoP tokens live 330 s (oidc.mjs); msal-browser treats them as expired 300 s early. A short
  // jump keeps the proofs' iat within the API's and the provider's windows.
  await page.clock.install();
  await page.clock.fastForward('00:45');
  await env.resetApi();
  const outcome = await callApi(page, 'get-dpop', { timeout: 20_000 });
  assert.equal(outcome.state, 'ok', outcome.text);

  const [after] = (await env.received()).filter((r) => r.path === '/dpop' && r.method === 'GET');
  assert.equal(after.status, 200, after.dpopError ?? '');
  assert.notEqual(after.token.jti, before.token.jti, 'a new token');
  assert.equal(after.token.jkt, after.dpop.jkt);
  assert.notEqual(after.dpop.jti, before.dpop.jti);
});

e2eTest('an API demanding a DPoP nonce fails the call with MSALHTTP241 after one request, no loop', async ({ env, open }) => {
  const { page } = await open();
  await signInWithPopup(page);

  const outcome = await callApi(page, 'dpop-nonce');

  assert.equal(outcome.state, 'error');
  assert.match(outcome.text, /^MSALHTTP241: /);
  const records = (await env.received()).filter((r) => r.path === '/dpop/nonce' && r.method === 'GET');
  assert.deepEqual(
    records.map((r) => [r.status, r.dpopError?.split(':')[0]]),
    [[401, 'use_dpop_nonce']],
  );
});

e2eTest('a DPoP call before sign-in signs in by popup, then keeps working after expiry, bearer calls too', async ({ env, open }) => {
  const { page } = await open();
  const popup = page.waitForEvent('popup');
  const first = callApi(page, 'get-dpop', { timeout: 30_000 });
  await completeLogin(await popup);
  const outcome = await first;
  assert.equal(outcome.state, 'ok', outcome.text);

  // The popup was a bearer one, so the account's refresh token is not bound to a key msal-browser
  // will not use again: after expiry, DPoP and bearer renewals both work without the user.
  await page.clock.install();
  await page.clock.fastForward('00:45');
  let popups = 0;
  page.on('popup', () => popups++);
  assert.equal((await callApi(page, 'get-dpop', { timeout: 20_000 })).state, 'ok');
  assert.equal((await callApi(page, 'get-orders', { timeout: 20_000 })).state, 'ok');
  assert.equal(popups, 0);
  const calls = (await env.received()).filter((r) => r.path === '/dpop' && r.method === 'GET');
  assert.deepEqual(
    calls.map((r) => [r.status, r.token?.aud, r.token?.jkt === r.dpop?.jkt]),
    [
      [200, 'api://demo-dpop', true],
      [200, 'api://demo-dpop', true],
    ],
  );
});
