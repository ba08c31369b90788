// redirectUri pointing at the app itself instead of the bridge page: the app boots inside the
// sign-in popup. The library notices, says which redirectUri to set, and relays the response, so
// sign-in completes at once instead of failing after msal's 60 s bridge timeout.
import assert from 'node:assert/strict';
import { callApi, completeLogin } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';
import { requestsTo } from '../support/api-records.mjs';

e2eTest('a popup that lands on the app itself is relayed, and the console names the bridge page', async ({ env, open }) => {
  const { page } = await open('?bridge=off');
  const appErrors = [];
  page.on('console', (message) => message.type() === 'error' && appErrors.push(message.text()));
  const popupErrors = [];
  const popupPromise = page.waitForEvent('popup');
  const started = Date.now();
  await page.click('[data-action=login-popup]');
  const popup = await popupPromise;
  popup.on('console', (message) => message.type() === 'error' && popupErrors.push(message.text()));
  await completeLogin(popup);
  await page.waitForSelector('[data-account]:text-is("alice")', { timeout: 20_000 });

  assert.ok(Date.now() - started < 20_000, `sign-in took ${Date.now() - started} ms`);
  await popup.waitForEvent('close', { timeout: 5_000 }).catch(() => undefined);
  assert.ok(popup.isClosed(), 'the popup closed itself');
  assert.ok(
    popupErrors.some((text) => text.includes('redirect-bridge.html') && text.includes('broadcastResponseToMainFrame')),
    `console errors in the popup: ${JSON.stringify(popupErrors)}`,
  );
  assert.ok(!popupErrors.some((text) => /code=/.test(text)), 'no authorization code in the console');
  // The popup closes at once; the app that opened it repeats the warning where the developer looks.
  assert.ok(
    appErrors.some((text) => text.includes('redirect-bridge.html')),
    `console errors in the app: ${JSON.stringify(appErrors)}`,
  );

  const outcome = await callApi(page, 'get-orders');
  assert.equal(outcome.state, 'ok', outcome.text);
  assert.equal(requestsTo(await env.received(), 'GET', '/orders')[0].status, 200);
});
