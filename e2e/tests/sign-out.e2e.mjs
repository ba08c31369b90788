// After sign-out, protected calls never go out with a stale token: with interactionType 'none'
// they fail with a typed error; with 'popup' (the default) they ask the user to sign in again.
import assert from 'node:assert/strict';
import { requestsTo } from '../support/api-records.mjs';
import { callApi, completeLogin, signInWithPopup } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

e2eTest('sign-out: protected calls then fail with MSALHTTP200, or sign in again in popup mode', async ({ env, open }) => {
  const { page } = await open();
  await signInWithPopup(page);
  assert.equal((await callApi(page, 'get-orders')).state, 'ok');

  await page.click('[data-action=logout]');
  await page.waitForURL((url) => url.origin === env.issuer);
  await page.click('button[name=logout][value=yes]'); // the provider's "sign me out?" page
  await page.waitForURL((url) => url.origin === env.appOrigin);
  await page.waitForSelector('[data-account-none]');
  // msal leaves its state in the URL after a redirect sign-out; the library removes it.
  await page.waitForURL((url) => !url.searchParams.has('state'), { timeout: 5_000 });
  await env.resetApi();

  await page.goto(`${env.appOrigin}/?interaction=none`);
  const refused = await callApi(page, 'get-orders');
  assert.equal(refused.state, 'error');
  assert.match(refused.text, /^MSALHTTP200: /);
  assert.equal(requestsTo(await env.received(), 'GET', '/orders').length, 0, 'nothing reached the API');

  await page.goto(`${env.appOrigin}/?interaction=popup`);
  const [again] = await Promise.all([
    callApi(page, 'get-orders', { timeout: 45_000 }),
    page.waitForEvent('popup').then((popup) => completeLogin(popup)),
  ]);
  assert.equal(again.state, 'ok');
  const [get] = requestsTo(await env.received(), 'GET', '/orders');
  assert.equal(get.status, 200);
});

for (const bridge of ['on', 'off']) {
  e2eTest(`popup sign-out completes against a generic OpenID provider (bridge ${bridge})`, async ({ open }) => {
    const { page } = await open(`?bridge=${bridge}`);
    await signInWithPopup(page);

    const started = Date.now();
    const popupPromise = page.waitForEvent('popup');
    await page.click('[data-action=logout-popup]');
    const popup = await popupPromise;
    await popup.click('button[name=logout][value=yes]'); // the provider's "sign me out?" page
    await popup.waitForEvent('close', { timeout: 15_000 });
    await page.waitForSelector('[data-account-none]');
    await page.waitForSelector('[data-in-progress]:text-is("none")', { timeout: 5_000 });

    assert.ok(Date.now() - started < 15_000, `sign-out took ${Date.now() - started} ms`);
    assert.equal(await page.locator('[data-sign-in-error]').count(), 0);
  });
}
