// A sign-in popup the user closes: the call fails with MSALHTTP207 within 3 s (msal-browser alone
// waits its 60 s bridge timeout), and the next call opens a new popup at once. A provider page with
// Cross-Origin-Opener-Policy severs the popup's handle: that popup is never taken for closed.
import assert from 'node:assert/strict';
import { openerPolicy } from '../servers/oidc.mjs';
import { callApi, completeLogin } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

// The provider remembers a login: a later popup may start on the consent page.
async function finishSignIn(popup) {
  await popup.waitForSelector('input[name=login], input[name=prompt][value=consent]', { state: 'attached' });
  if (await popup.locator('input[name=login]').count()) return completeLogin(popup);
  await popup.click('button[type=submit]');
}

// The next call opens a new popup at once (within 5 s), the user signs in there, and the call succeeds.
async function expectNextCallSignsIn(page) {
  const [again] = await Promise.all([
    callApi(page, 'get-orders', { timeout: 45_000 }),
    page.waitForEvent('popup', { timeout: 5_000 }).then((next) => finishSignIn(next)),
  ]);
  assert.equal(again.state, 'ok', again.text);
}

const steps = {
  'login form': async () => undefined,
  'consent page': async (popup) => {
    await popup.fill('input[name=login]', 'alice');
    await popup.fill('input[name=password]', 'any password');
    await popup.click('button[type=submit]');
    await popup.waitForSelector('input[name=prompt][value=consent]', { state: 'attached' });
  },
};

for (const [where, reach] of Object.entries(steps)) {
  e2eTest(
    `closing the sign-in popup on the ${where} fails the call with MSALHTTP207 within 3 s; the next call signs in`,
    async ({ open }) => {
      const { page } = await open();
      const popupOpened = page.waitForEvent('popup');
      const call = callApi(page, 'get-orders', { timeout: 20_000 });
      const popup = await popupOpened;
      await popup.waitForSelector('input[name=login]');
      await reach(popup);
      await popup.waitForTimeout(1_000); // the user reads the page

      const closedAt = Date.now();
      await popup.close();
      const failed = await call;
      const elapsed = Date.now() - closedAt;

      assert.equal(failed.state, 'error');
      assert.match(failed.text, /^MSALHTTP207: /);
      assert.ok(elapsed < 3_000, `noticed after ${elapsed} ms`);

      await expectNextCallSignsIn(page);
    },
  );
}

e2eTest('a popup severed by Cross-Origin-Opener-Policy is not taken for closed, and signing in there succeeds', async ({ open }) => {
  const { page } = await open();
  openerPolicy.value = 'same-origin';
  try {
    const popupOpened = page.waitForEvent('popup');
    let settled = false;
    const call = callApi(page, 'get-orders', { timeout: 45_000 }).finally(() => (settled = true));
    const popup = await popupOpened;
    await popup.waitForSelector('input[name=login]');
    const severed = await page.evaluate(() => document.querySelector('[data-in-progress]')?.textContent);
    await page.waitForTimeout(4_000);
    assert.equal(settled, false, 'the call is still waiting for the popup');

    await completeLogin(popup);
    const result = await call;
    assert.equal(result.state, 'ok', `${result.text} (status while severed: ${severed})`);
  } finally {
    openerPolicy.value = null;
  }
});

e2eTest(
  'a provider that sends COOP only from its second page looks closed there: the documented trade-off (MSALHTTP207)',
  async ({ open }) => {
    const { page } = await open();
    try {
      const popupOpened = page.waitForEvent('popup');
      const call = callApi(page, 'get-orders', { timeout: 20_000 });
      const popup = await popupOpened;
      await popup.waitForSelector('input[name=login]');
      await popup.waitForTimeout(1_000);
      openerPolicy.value = 'same-origin';
      await popup.fill('input[name=login]', 'alice');
      await popup.fill('input[name=password]', 'any password');
      await popup.click('button[type=submit]');

      const result = await call;
      assert.equal(result.state, 'error');
      assert.match(result.text, /^MSALHTTP207: /, 'watchPopupClose: false is the way out for such a provider (docs/popups.md)');
    } finally {
      openerPolicy.value = null;
    }
  },
);

e2eTest("pressing the provider's Cancel in the sign-in popup fails the call with MSALHTTP207; the next call signs in", async ({ open }) => {
  const { page } = await open();
  const popupOpened = page.waitForEvent('popup');
  const call = callApi(page, 'get-orders', { timeout: 20_000 });
  const popup = await popupOpened;
  await popup.waitForSelector('input[name=login]');
  await popup.click('a:text("[ Cancel ]")');

  const cancelled = await call;
  assert.equal(cancelled.state, 'error');
  assert.match(cancelled.text, /^MSALHTTP207: .*access_denied/);

  await expectNextCallSignsIn(page);
});

for (const again of ['get-profile', 'get-orders']) {
  e2eTest(`a call (${again}) made right after the user closes the popup opens a popup of its own and signs in`, async ({ open }) => {
    const { page } = await open();
    const popupOpened = page.waitForEvent('popup');
    const first = callApi(page, 'get-orders', { timeout: 20_000 });
    const popup = await popupOpened;
    await popup.waitForSelector('input[name=login]');
    await popup.waitForTimeout(1_000); // the user reads the page

    await popup.close();
    await page.waitForTimeout(200); // and clicks again before the close is noticed
    const nextPopup = page.waitForEvent('popup', { timeout: 8_000 });
    const second = callApi(page, again, { timeout: 45_000 });

    const failed = await first;
    assert.match(failed.text, /^MSALHTTP207: /);
    await finishSignIn(await nextPopup);
    const result = await second;
    assert.equal(result.state, 'ok', result.text);
  });
}
