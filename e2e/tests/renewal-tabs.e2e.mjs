// Short-lived tokens (20 s, msal's renewal offset 5 s) in two tabs sharing msal's localStorage
// cache. oidc-provider rotates refresh tokens and revokes the grant when one is redeemed twice, so
// two tabs that refresh together sign the user out unless they take turns: ngx-msal-http runs an
// account's silent calls under one Web Lock across tabs, and the tab that comes second finds the
// renewed tokens in the shared cache.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertNoTokenCrossedAudiences } from '../support/api-records.mjs';
import { callApisTogether, eventRows, openTab, signInWithPopup } from '../support/demo-page.mjs';
import { e2eTest } from '../support/e2e-test.mjs';

const CALLS = ['get-orders', 'post-orders', 'get-profile'];
const TTL_S = 20;
const OFFSET_S = 5;

e2eTest(
  'two tabs refreshing expired tokens together redeem the refresh token once per scope set',
  async ({ env, open }) => {
    const query = `?cache=local&offset=${OFFSET_S}`;
    await withShortTokens(env, async () => {
      const { context, page: first } = await open(query);
      await signInWithPopup(first);
      const second = await openTab(context, env.appOrigin, query);
      await second.waitForSelector('[data-account]:text-is("alice")');
      await env.resetApi();
      for (const page of [first, second]) assertAllOk(await callApisTogether(page, CALLS), 'before expiry');

      // Both tabs hold the same three tokens; wait until msal stops returning them (expiresOn - offset).
      // msal counts expires_in from when it got the response, up to a second after the whole-second exp.
      const stale = Math.max(...(await env.received()).map((r) => r.token?.exp ?? 0)) * 1000 - OFFSET_S * 1000;
      await sleep(Math.max(0, stale - Date.now() + 1_500));
      env.resetTokenRequests();
      const outcomes = await Promise.all([first, second].map((page) => callApisTogether(page, CALLS)));
      outcomes.forEach((outcome) => assertAllOk(outcome, 'after expiry'));

      const refreshes = env.tokenRequests();
      assert.deepEqual(
        refreshes.map((r) => [r.grantType, r.status]),
        CALLS.map(() => ['refresh_token', 200]),
        `one refresh per scope set for both tabs: ${JSON.stringify(refreshes)}`,
      );
      // The grant is alive: both tabs keep working with the renewed tokens.
      for (const page of [first, second]) assertAllOk(await callApisTogether(page, CALLS), 'after the refresh');
      assert.equal(env.tokenRequests().length, CALLS.length);
      assertValidTokens(await env.received());
    });
  },
  // Two tabs and msal's cross-tab cache message race by design; see docs/token-cache.md.
  { retries: 1 },
);

e2eTest(
  'withTokenRenewal() keeps two tabs on fresh tokens: no request waits, no expired token, one renewal per scope set',
  async ({ env, open }) => {
    const query = `?cache=local&renewal=on&offset=${OFFSET_S}`;
    await withShortTokens(env, async () => {
      const { context, page: first } = await open(query);
      await signInWithPopup(first);
      const second = await openTab(context, env.appOrigin, query);
      await second.waitForSelector('[data-account]:text-is("alice")');
      for (const page of [first, second]) assertAllOk(await callApisTogether(page, CALLS), 'first round');
      await env.resetApi();
      env.resetTokenRequests();
      for (const page of [first, second]) await page.click('[data-action=clear-events]');

      // Calls from both tabs for 30 s: each token is renewed about 12 s after it was issued.
      const until = Date.now() + 30_000;
      let rounds = 0;
      while (Date.now() < until) {
        for (const page of [first, second]) {
          assertAllOk(await callApisTogether(page, CALLS), `round ${rounds}`);
          const waited = (await eventRows(page)).filter(
            (row) => row.type === 'msal:acquireTokenSuccess' && row.source === 'ngx-msal-http' && row.fromCache !== 'yes',
          );
          assert.deepEqual(waited, [], `round ${rounds}: requests that waited for a token`);
          await page.click('[data-action=clear-events]');
        }
        rounds++;
        await sleep(500);
      }

      const records = await env.received();
      assertValidTokens(records);
      assert.ok(records.length >= rounds * 2 * CALLS.length, `${records.length} API requests`);
      // Tokens are renewed about 12 s after they were issued, by one of the tabs: refreshes of one scope
      // set are far apart (a second tab redeeming too would follow within a fraction of a second).
      const refreshes = env.tokenRequests();
      assert.ok(
        refreshes.every((r) => r.grantType === 'refresh_token' && r.status === 200),
        JSON.stringify(refreshes),
      );
      const byScope = new Map();
      for (const r of refreshes) {
        const scope = r.scope.split(' ').sort().join(' ');
        byScope.set(scope, [...(byScope.get(scope) ?? []), r]);
      }
      assert.ok(refreshes.length >= CALLS.length, `${refreshes.length} renewals in 30 s`);
      for (const [scope, calls] of byScope) {
        calls.slice(1).forEach((call, i) => assert.ok(call.time - calls[i].time > 8_000, `${scope}: renewed twice within 8 s`));
      }
      console.log(`[e2e] renewal: ${rounds} rounds, ${records.length} API requests, ${refreshes.length} refreshes, 0 waits`);
    });
  },
);

async function withShortTokens(env, fn) {
  env.setAccessTokenTtl(TTL_S);
  try {
    await fn();
  } finally {
    env.setAccessTokenTtl(600);
  }
}

function assertAllOk(outcomes, when) {
  for (const [id, outcome] of Object.entries(outcomes)) assert.equal(outcome.state, 'ok', `${id} ${when}: ${outcome.text}`);
}

// Every request succeeded with a verified token that had not expired when the API received it.
function assertValidTokens(records) {
  assert.deepEqual(
    records.filter((r) => r.status >= 400).map((r) => [r.method, r.path, r.status, r.tokenError]),
    [],
  );
  assertNoTokenCrossedAudiences(records);
  for (const record of records.filter((r) => r.token)) {
    assert.ok(
      Date.parse(record.time) < record.token.exp * 1000,
      `${record.method} ${record.path} at ${record.time} with a token that expired at ${record.token.exp}`,
    );
  }
}
