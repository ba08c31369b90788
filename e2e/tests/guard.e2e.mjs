// msalHttpGuard on the demo's /account route: signed out, following the link signs in first (popup,
// or a redirect that comes back to /account); signed in, the route opens without a prompt.
import assert from 'node:assert/strict';
import { completeLogin } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

for (const variant of ['standalone', 'module']) {
  e2eTest(`the guarded route signs in by popup first, then opens without a prompt (${variant} variant)`, async ({ open }) => {
    const { page } = await open(`?variant=${variant}`);
    const popup = page.waitForEvent('popup');
    await page.click('[data-action=account-page]');
    await completeLogin(await popup);
    await page.waitForSelector('[data-page=account]');
    assert.equal(await page.textContent('[data-account-page-user]'), 'alice');

    let popups = 0;
    page.on('popup', () => popups++);
    await page.goBack();
    await page.waitForSelector('[data-page=account]', { state: 'detached' });
    await page.click('[data-action=account-page]');
    await page.waitForSelector('[data-page=account]');
    assert.equal(popups, 0, 'no second sign-in');
  });
}

e2eTest('in redirect mode the guard signs in by redirect and comes back to the guarded route', async ({ env, open }) => {
  const { page } = await open('?interaction=redirect');
  await page.click('[data-action=account-page]');
  await page.waitForURL((url) => url.origin === env.issuer);
  await completeLogin(page);
  await page.waitForURL((url) => url.origin === env.appOrigin && url.pathname === '/account');
  await page.waitForSelector('[data-page=account]');
  assert.equal(await page.textContent('[data-account-page-user]'), 'alice');
  assert.equal(new URL(page.url()).searchParams.get('interaction'), 'redirect', 'the query survived the round trip');
});
