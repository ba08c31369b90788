// Five protected calls before anyone signed in: one popup, one sign-in, five successes.
import assert from 'node:assert/strict';
import { assertNoTokenCrossedAudiences, requestsTo } from '../support/api-records.mjs';
import { callApi, completeLogin } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

e2eTest('five parallel protected calls before sign-in open exactly one popup and all succeed', async ({ env, open }) => {
  const { page, context } = await open();
  const popups = [];
  context.on('page', (popup) => popups.push(popup));
  assert.equal(await page.locator('[data-account-none]').count(), 1);

  // Awaited together, so a failed sign-in cannot leave the call's rejection unhandled.
  const [result] = await Promise.all([
    callApi(page, 'parallel', { timeout: 45_000 }),
    page.waitForEvent('popup').then((popup) => completeLogin(popup)),
  ]);

  assert.equal(result.state, 'ok', result.text);
  assert.equal(result.text, '200 200 200 200 200');
  assert.equal(popups.length, 1, 'exactly one popup opened');
  const gets = requestsTo(await env.received(), 'GET', '/orders');
  assert.equal(gets.length, 5);
  assert.ok(gets.every((r) => r.status === 200 && r.hasAuthorization));
  assertNoTokenCrossedAudiences(await env.received());
  await page.waitForSelector('[data-account]');
});
