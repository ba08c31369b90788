// Two tabs of the app in one browser (the demo has withCrossTabSync()): a sign-out in one reaches
// the other within 1 s, with the default sessionStorage cache (the library's own channel; by popup
// and by redirect) and with localStorage (msal's relay); and one sign-in popup at a time across tabs.
import assert from 'node:assert/strict';
import { callApi, completeLogin, signInWithPopup, waitForEvent } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

async function signOutWithPopup(page) {
  const popupOpened = page.waitForEvent('popup');
  await page.click('[data-action=logout-popup]');
  const popup = await popupOpened;
  await popup.click('button[name=logout][value=yes]');
}

// Redirect: msal clears the cache and emits msal:logoutSuccess before it leaves for the provider,
// so the other tab hears of it while this one is on the provider's page.
async function signOutWithRedirect(page, env) {
  await page.click('[data-action=logout]');
  await page.waitForURL((url) => url.origin === env.issuer);
  await page.click('button[name=logout][value=yes]'); // the provider's "sign me out?" page
  await page.waitForURL((url) => url.origin === env.appOrigin);
}

for (const [cache, how] of [
  ['sessionStorage', 'popup'],
  ['localStorage', 'popup'],
  ['sessionStorage', 'redirect'],
]) {
  e2eTest(
    `sign-out${how === 'redirect' ? ' by redirect' : ''} in one tab reaches the other within 1 s (${cache})`,
    async ({ env, open }) => {
      const query = cache === 'localStorage' ? '?cache=local' : '';
      const { page: first, context } = await open(query);
      await signInWithPopup(first);
      assert.equal((await callApi(first, 'get-orders')).state, 'ok');

      // sessionStorage: a tab opened from another starts with a copy of its cache.
      let second;
      if (cache === 'sessionStorage') {
        const opened = first.waitForEvent('popup');
        await first.evaluate((url) => window.open(url), `${env.appOrigin}/${query}`);
        second = await opened;
      } else {
        second = await context.newPage();
        await second.goto(`${env.appOrigin}/${query}`);
      }
      await second.waitForSelector('[data-account]:text-is("alice")');
      const silent = await callApi(second, 'get-orders');
      assert.equal(silent.state, 'ok', `the second tab's call goes through silently: ${silent.text}`);

      let elapsed;
      if (how === 'popup') {
        await signOutWithPopup(first);
        await first.waitForSelector('[data-account-none]');
        const signedOutAt = Date.now();
        await second.waitForSelector('[data-account-none]', { timeout: 5_000 });
        elapsed = Date.now() - signedOutAt;
      } else {
        const clickedAt = Date.now();
        const leaving = signOutWithRedirect(first, env);
        await second.waitForSelector('[data-account-none]', { timeout: 5_000 });
        elapsed = Date.now() - clickedAt;
        await leaving;
        await first.waitForSelector('[data-account-none]');
      }
      await waitForEvent(second, 'msal:logoutSuccess', { timeout: 2_000 });
      assert.ok(elapsed < 1_000, `the second tab saw the sign-out after ${elapsed} ms`);

      // Nobody is signed in there: the next protected call asks the user (a popup), sends no token.
      await env.resetApi();
      const popupOpened = second.waitForEvent('popup', { timeout: 5_000 });
      const call = callApi(second, 'get-orders', { timeout: 20_000 });
      const popup = await popupOpened;
      await popup.waitForSelector('input[name=login], input[name=prompt][value=consent]', { state: 'attached' });
      await popup.waitForTimeout(1_000);
      await popup.close();
      const refused = await call;
      assert.equal(refused.state, 'error');
      assert.equal((await env.received()).filter((r) => r.hasAuthorization).length, 0, 'no token was sent');
    },
  );
}

e2eTest('a second tab waits for the sign-in popup the first has open, then goes through silently (localStorage)', async ({ open }) => {
  const { page: first, context } = await open('?cache=local');
  const second = await context.newPage();
  await second.goto(first.url());
  await second.waitForSelector('[data-account-none]');
  const popups = [];
  context.on('page', (page) => popups.push(page));

  const popupOpened = first.waitForEvent('popup');
  const firstCall = callApi(first, 'get-orders', { timeout: 45_000 });
  const popup = await popupOpened;
  await popup.waitForSelector('input[name=login]');
  const secondCall = callApi(second, 'get-orders', { timeout: 45_000 });
  await second.waitForTimeout(2_000);
  const opened = popups.filter((page) => page !== second).length;

  await completeLogin(popup);
  const [a, b] = await Promise.all([firstCall, secondCall]);
  assert.equal(a.state, 'ok', a.text);
  assert.equal(b.state, 'ok', b.text);
  assert.equal(opened, 1, 'the second tab opened no popup of its own');
  assert.equal(popups.filter((page) => page !== second).length, 1);
});
