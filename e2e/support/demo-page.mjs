// What a user does on the demo page, as functions the tests read like steps. Selectors are the
// demo's data-* attributes, so restyling the page does not break the tests.

/**
 * Fills oidc-provider's development login form (any name and password work), then its consent
 * form, in a popup or in the page itself during a redirect.
 */
export async function completeLogin(target, user = 'alice') {
  await target.waitForSelector('input[name=login]');
  await target.fill('input[name=login]', user);
  await target.fill('input[name=password]', 'any password');
  await target.click('button[type=submit]');
  // The consent page follows: the demo signs in with prompt=consent.
  await target.waitForSelector('input[name=prompt][value=consent]', { state: 'attached' });
  await target.click('button[type=submit]');
}

/** Clicks "Sign in (popup)", completes the popup, and waits until the page shows the account. */
export async function signInWithPopup(page, user = 'alice') {
  const popup = page.waitForEvent('popup');
  await page.click('[data-action=login-popup]');
  await completeLogin(await popup, user);
  await page.waitForSelector(`[data-account]:text-is("${user}")`);
}

/**
 * Clicks the call button `id` (see api-calls.component.ts) and resolves to its outcome
 * `{ state: 'ok' | 'error', text }` once the call has settled.
 */
export async function callApi(page, id, { timeout = 15_000 } = {}) {
  const result = page.locator(`[data-result="${id}"]`);
  const before = (await result.count()) ? await result.getAttribute('data-run') : '0';
  await page.click(`[data-call="${id}"]`);
  const settled = page.locator(`[data-result="${id}"]:not([data-run="${before}"]):not([data-state=pending])`);
  await settled.waitFor({ timeout });
  return { state: await settled.getAttribute('data-state'), text: await settled.textContent() };
}

/** The events panel's rows, oldest first: `{ type, source, request, scopes, fromCache, detail }`. */
export async function eventRows(page) {
  const rows = await page.$$eval('[data-panel=events] tr[data-event]', (trs) =>
    trs.map((tr) => ({
      type: tr.getAttribute('data-event'),
      source: tr.getAttribute('data-source'),
      request: tr.querySelector('[data-col=request]')?.textContent.trim() ?? '',
      scopes: tr.querySelector('[data-col=scopes]')?.textContent.trim() ?? '',
      fromCache: tr.querySelector('[data-col=from-cache]')?.textContent.trim() ?? '',
      detail: tr.querySelector('.detail')?.textContent.trim() ?? '',
    })),
  );
  return rows.reverse();
}

/** Waits until the events panel shows an event of `type` (from ngx-msal-http unless `source` says otherwise). */
export async function waitForEvent(page, type, { source = 'ngx-msal-http', timeout = 15_000 } = {}) {
  await page.waitForSelector(`[data-panel=events] tr[data-event="${type}"][data-source="${source}"]`, { timeout });
}

/** The requests the "requests per key" panel lists under `key` (`'(none)'` for no key). */
export async function requestsUnderKey(page, key) {
  return page.$$eval(`[data-panel=keys] tr[data-key="${key}"] .request`, (divs) =>
    divs.map((div) => ({ text: div.textContent.replace(/\s+/g, ' ').trim(), withToken: div.getAttribute('data-with-token') === 'true' })),
  );
}

/**
 * Clicks the call buttons `ids` in one tick (their requests start together) and resolves to their
 * outcomes, `{ [id]: { state, text } }`, once all have settled.
 */
export async function callApisTogether(page, ids, { timeout = 20_000 } = {}) {
  const runs = await page.$$eval('[data-result]', (els) => Object.fromEntries(els.map((el) => [el.dataset.result, el.dataset.run])));
  await page.evaluate((list) => list.forEach((id) => document.querySelector(`[data-call="${id}"]`).click()), ids);
  const outcomes = {};
  for (const id of ids) {
    const settled = page.locator(`[data-result="${id}"]:not([data-run="${runs[id] ?? '0'}"]):not([data-state=pending])`);
    await settled.waitFor({ timeout });
    outcomes[id] = { state: await settled.getAttribute('data-state'), text: await settled.textContent() };
  }
  return outcomes;
}

/** Opens the demo in another tab of `context` (same cookies and localStorage) and waits for it to start. */
export async function openTab(context, appOrigin, query = '') {
  const page = await context.newPage();
  await page.goto(`${appOrigin}/${query}`);
  await page.waitForSelector('demo-root h1');
  return page;
}
