// URLs the map does not name get no token, even while the user is signed in and tokens are cached.
import assert from 'node:assert/strict';
import { requestsTo } from '../support/api-records.mjs';
import { callApi, requestsUnderKey, signInWithPopup } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

e2eTest('the unprotected URL and a look-alike host receive no Authorization header', async ({ env, open }) => {
  const { page } = await open();
  await signInWithPopup(page);
  assert.equal((await callApi(page, 'get-orders')).state, 'ok'); // a token is in the cache now

  const publicCall = await callApi(page, 'get-public');
  const lookAlike = await callApi(page, 'look-alike');

  assert.equal(publicCall.state, 'ok', publicCall.text);
  assert.equal(lookAlike.state, 'error');
  assert.match(lookAlike.text, /HTTP 401/);
  const records = await env.received();
  const port = new URL(env.apiUrl).port;
  const [publicRecord] = requestsTo(records, 'GET', '/public');
  assert.equal(publicRecord.hasAuthorization, false);
  assert.equal(publicRecord.status, 200);
  const lookAlikeRecords = records.filter((r) => r.host === `127.0.0.1:${port}`);
  assert.ok(lookAlikeRecords.length >= 1, 'the look-alike host was called');
  assert.ok(
    lookAlikeRecords.every((r) => !r.hasAuthorization),
    'no request to the look-alike host carried a token',
  );
  // The demo's panel files both under "no key" and shows them without a token.
  const unmatched = await requestsUnderKey(page, '(none)');
  assert.deepEqual(
    unmatched.map((r) => r.withToken),
    [false, false],
  );
  assert.match(unmatched[1].text, /127\.0\.0\.1/);
});
