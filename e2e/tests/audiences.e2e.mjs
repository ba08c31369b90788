// Same URL, different methods, different scopes; different APIs, different audiences.
import assert from 'node:assert/strict';
import { assertNoTokenCrossedAudiences, grants, requestsTo } from '../support/api-records.mjs';
import { callApi, signInWithPopup } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

e2eTest('POST /orders gets orders.write, /profile gets its own audience, no token crosses APIs', async ({ env, open }) => {
  const { page } = await open();
  await signInWithPopup(page);

  for (const id of ['post-orders', 'get-profile', 'get-orders', 'get-profile']) {
    const outcome = await callApi(page, id);
    assert.equal(outcome.state, 'ok', `${id}: ${outcome.text}`);
  }

  const records = await env.received();
  const [post] = requestsTo(records, 'POST', '/orders');
  assert.equal(post.status, 201);
  assert.equal(post.token.aud, 'api://demo-orders');
  assert.ok(grants(post, 'api://demo-orders/orders.write'), `scope was "${post.token.scope}"`);

  const profiles = requestsTo(records, 'GET', '/profile');
  assert.equal(profiles.length, 2);
  for (const profile of profiles) {
    assert.equal(profile.status, 200);
    assert.equal(profile.token.aud, 'api://demo-profile');
    assert.ok(grants(profile, 'api://demo-profile/profile.read'), `scope was "${profile.token.scope}"`);
    assert.ok(!grants(profile, 'api://demo-orders/orders.read'));
  }
  assertNoTokenCrossedAudiences(records);
});
