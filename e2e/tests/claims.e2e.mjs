// A claims challenge: the API refuses a valid token until it carries the claims it names; the
// interceptor retries once with a token that has them.
import assert from 'node:assert/strict';
import { requestsTo } from '../support/api-records.mjs';
import { callApi, eventRows, signInWithPopup } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

e2eTest('claims challenge: one retry with the requested claims succeeds and the panel shows it', async ({ env, open }) => {
  const { page } = await open();
  await signInWithPopup(page);

  const outcome = await callApi(page, 'claims');

  assert.equal(outcome.state, 'ok', outcome.text);
  const gets = requestsTo(await env.received(), 'GET', '/orders');
  assert.equal(gets.length, 2, 'the first attempt and exactly one retry');
  const [refused, retried] = gets;
  assert.ok(refused.challengeRequested && retried.challengeRequested);
  assert.equal(refused.status, 401);
  assert.equal(refused.token.acrs, null, 'the first token had no auth context');
  assert.equal(retried.status, 200);
  assert.deepEqual(retried.token.acrs, ['c1']);
  assert.equal(retried.token.aud, 'api://demo-orders');

  const challenge = (await eventRows(page)).find((row) => row.type === 'msal:claimsChallenge');
  assert.ok(challenge, 'the events panel lists msal:claimsChallenge');
  assert.equal(challenge.request, `GET ${env.apiUrl}/orders`);
  assert.match(challenge.detail, /"acrs":\{"essential":true,"value":"c1"\}/);
});
