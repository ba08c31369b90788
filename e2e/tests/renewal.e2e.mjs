// Expired tokens for two APIs and two scope sets, renewed by three requests in one tick: msal-browser
// would redeem the account's one refresh token three times at once; oidc-provider rotates refresh
// tokens, takes the second redemption for replay and revokes the grant. ngx-msal-http redeems it
// one scope set at a time, so every request gets a fresh token and the session survives.
import assert from 'node:assert/strict';
import { assertNoTokenCrossedAudiences } from '../support/api-records.mjs';
import { callApi, signInWithPopup } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

const CALLS = ['get-orders', 'post-orders', 'get-profile'];

e2eTest('renews expired tokens for three scope sets at once without revoking the grant', async ({ env, open }) => {
  const { page } = await open();
  await signInWithPopup(page);
  for (const id of CALLS) assert.equal((await callApi(page, id)).state, 'ok', `${id} before expiry`);

  // The provider issues 600 s tokens; msal-browser treats them as expired 300 s early.
  await page.clock.install();
  await page.clock.fastForward('06:40');
  await env.resetApi();
  const runs = await page.$$eval('[data-result]', (els) => Object.fromEntries(els.map((el) => [el.dataset.result, el.dataset.run])));
  await page.evaluate((ids) => ids.forEach((id) => document.querySelector(`[data-call="${id}"]`).click()), CALLS);
  for (const id of CALLS) {
    const settled = page.locator(`[data-result="${id}"]:not([data-run="${runs[id]}"]):not([data-state=pending])`);
    await settled.waitFor({ timeout: 20_000 });
    assert.equal(await settled.getAttribute('data-state'), 'ok', `${id} after expiry: ${await settled.textContent()}`);
  }

  // The grant is still alive: another round, with the tokens just renewed, works too.
  for (const id of CALLS) assert.equal((await callApi(page, id)).state, 'ok', `${id} after the renewal`);
  const records = await env.received();
  assert.equal(records.filter((r) => r.status >= 400).length, 0, JSON.stringify(records.map((r) => [r.method, r.path, r.status])));
  assertNoTokenCrossedAudiences(records);
});
