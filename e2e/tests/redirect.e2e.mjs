// Redirect sign-in: the page leaves for the provider and comes back; the library's startup runs
// handleRedirectPromise and makes the account active.
import assert from 'node:assert/strict';
import { requestsTo } from '../support/api-records.mjs';
import { callApi, completeLogin, eventRows, waitForEvent } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

e2eTest('redirect sign-in round trip: redirect handled, account active, a call succeeds', async ({ env, open }) => {
  const { page } = await open();

  await page.click('[data-action=login-redirect]');
  await signInAtProvider(page, env);

  await waitForEvent(page, 'msal:handleRedirectEnd', { source: 'msal-browser' });
  const rows = await eventRows(page);
  const login = rows.find((row) => row.type === 'msal:loginSuccess');
  assert.equal(login?.detail, 'redirect', 'msal-browser reported a redirect login');
  assert.ok(rows.findIndex((row) => row.type === 'msal:handleRedirectEnd') > rows.indexOf(login));
  assert.equal(await page.textContent('[data-account]'), 'alice');
  assert.equal(await page.textContent('[data-in-progress]'), 'none');

  const outcome = await callApi(page, 'get-orders');
  assert.equal(outcome.state, 'ok', outcome.text);
  const [get] = requestsTo(await env.received(), 'GET', '/orders');
  assert.equal(get.status, 200);
  assert.equal(get.token.aud, 'api://demo-orders');
});

e2eTest('redirect interaction mode: five calls before sign-in start one redirect, then succeed', async ({ env, open }) => {
  const { page } = await open('?interaction=redirect');
  const authorizeRequests = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${env.issuer}/auth?`)) authorizeRequests.push(request.url());
  });

  await page.click('[data-call=parallel]');
  await page.waitForURL((url) => url.origin === env.issuer);
  await completeLogin(page);
  // msal-browser returns to the page that started the redirect, query included.
  await page.waitForURL(`${env.appOrigin}/?interaction=redirect`);
  await page.waitForSelector('[data-account]');

  assert.equal(authorizeRequests.length, 1, 'one redirect served all five requests');
  assert.equal(requestsTo(await env.received(), 'GET', '/orders').length, 0, 'the first five were never sent');
  const outcome = await callApi(page, 'parallel');
  assert.equal(outcome.text, '200 200 200 200 200');
  const gets = requestsTo(await env.received(), 'GET', '/orders');
  assert.ok(gets.length === 5 && gets.every((r) => r.status === 200 && r.token.aud === 'api://demo-orders'));
});

e2eTest(
  'a redirect sign-in cancelled at the provider: one msal:loginFailure, no redirect straight back, sign-in works after',
  async ({ env, open }) => {
    const { page } = await open('?interaction=redirect');
    await page.click('[data-call=get-orders]');
    await page.waitForURL((url) => url.origin === env.issuer);
    await page.waitForSelector('input[name=login]');
    // oidc-provider's "[ Cancel ]": back to the app with error=access_denied.
    await page.click('a:text("[ Cancel ]")');
    await page.waitForURL(`${env.appOrigin}/?interaction=redirect`);
    await waitForEvent(page, 'msal:loginFailure');
    const failures = (await eventRows(page)).filter((row) => row.type === 'msal:loginFailure' && row.source === 'ngx-msal-http');
    assert.equal(failures.length, 1);
    assert.match(failures[0].detail, /MSALHTTP215/);
    assert.equal(await page.textContent('[data-in-progress]'), 'none');

    // The app still works: the next call needs the user and fails, typed, without leaving the page.
    const again = await callApi(page, 'get-orders');
    assert.equal(again.state, 'error');
    assert.match(again.text, /^MSALHTTP215: /);
    assert.equal(new URL(page.url()).origin, env.appOrigin);

    // A sign-in the user starts redirects again, and then the call goes through.
    await page.click('[data-action=login-redirect]');
    await signInAtProvider(page, env);
    const after = await callApi(page, 'get-orders');
    assert.equal(after.state, 'ok', after.text);
  },
);

e2eTest(
  'a reload while a sign-in popup is open is no failed sign-in: no msal:loginFailure, the next call redirects',
  async ({ env, open }) => {
    const { page } = await open('?interaction=redirect');
    const popupOpened = page.waitForEvent('popup');
    await page.click('[data-action=login-popup]');
    const popup = await popupOpened;
    await popup.waitForSelector('input[name=login]');
    await page.reload();
    await page.waitForSelector('demo-root h1');
    await popup.close().catch(() => undefined);
    await page.waitForSelector('[data-in-progress]:text-is("none")');
    const failures = (await eventRows(page)).filter((row) => row.type === 'msal:loginFailure');
    assert.deepEqual(failures, []);

    await page.click('[data-call=get-orders]');
    await signInAtProvider(page, env);
    const outcome = await callApi(page, 'get-orders');
    assert.equal(outcome.state, 'ok', outcome.text);
  },
);

// The page has left for the provider: sign in there and wait until the app shows the account.
async function signInAtProvider(page, env) {
  await page.waitForURL((url) => url.origin === env.issuer);
  await completeLogin(page);
  await page.waitForURL((url) => url.origin === env.appOrigin && !url.pathname.includes('redirect-bridge'));
  await page.waitForSelector('[data-account]');
}
