// Popup sign-in, then a protected GET, in both ways of setting the library up.
import assert from 'node:assert/strict';
import { callApi, eventRows, signInWithPopup } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';
import { grants, requestsTo } from '../support/api-records.mjs';

for (const variant of ['standalone', 'module']) {
  e2eTest(`popup sign-in, then GET /orders carries a valid orders.read token (${variant} variant)`, async ({ env, open }) => {
    const { page } = await open(`?variant=${variant}`);
    assert.equal(await page.textContent('[data-variant]'), variant);

    await signInWithPopup(page);
    const outcome = await callApi(page, 'get-orders');

    assert.equal(outcome.state, 'ok', outcome.text);
    const [get, ...more] = requestsTo(await env.received(), 'GET', '/orders');
    assert.equal(more.length, 0);
    assert.equal(get.status, 200);
    assert.equal(get.tokenError, null);
    assert.equal(get.token.aud, 'api://demo-orders');
    assert.ok(grants(get, 'api://demo-orders/orders.read'), `scope was "${get.token.scope}"`);
    // The panel shows the interceptor's acquisition for that request, with the account.
    const success = (await eventRows(page)).find((row) => row.type === 'msal:acquireTokenSuccess' && row.source === 'ngx-msal-http');
    assert.equal(success?.request, `GET ${env.apiUrl}/orders`);
    assert.match(success.scopes, /api:\/\/demo-orders\/orders\.read/);
    assert.equal(await page.textContent('[data-account]'), 'alice');
  });
}
