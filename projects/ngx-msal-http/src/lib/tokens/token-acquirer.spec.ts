import { HttpContext } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CacheLookupPolicy, EventType, InteractionType } from '@azure/msal-browser';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { popupBlockedError, serverError } from '../../../testing/src/fake-msal-errors';
import { expectRequest, settle, outcomeOf, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpError } from '../config/msal-http-error';
import { MSAL_HTTP_SCOPES } from '../interceptor/http-context-tokens';

const ORDERS = 'https://api.contoso.test/orders';
const PROFILE = 'https://profile.contoso.test/me';

describe('single-flight acquisition and one interaction for many requests', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('opens one popup for 50 parallel requests that need interaction, and every request carries its token', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    client.interactionRequired = true;

    const outcomes = Array.from({ length: 50 }, (_, i) => outcomeOf(http.get(`${ORDERS}/${i}`)));
    await settle();
    const requests = backend.match((r) => r.url.startsWith(ORDERS));
    const headers = new Set(requests.map((r) => r.request.headers.get('Authorization')));
    requests.forEach((r) => r.flush({ ok: true }));
    const results = await Promise.all(outcomes);

    expect(client.calls.acquireTokenSilent.length).toBe(1);
    expect(client.calls.acquireTokenPopup.length).toBe(1);
    expect(requests.length).toBe(50);
    expect(results.filter((r) => r.error !== undefined).length).toBe(0);
    expect([...headers]).toEqual([jasmine.stringMatching(/^Bearer fake-at\.ada-contoso-test\.api:\/\/orders\/orders\.read\.1$/)]);
  });

  it('starts one redirect for 50 parallel requests and fails each with MSALHTTP204, never completing empty', async () => {
    const { http, backend, client } = setUpMsalHttp({ config: { interactionType: 'redirect' } });
    client.signIn(fakeAccount(), true);
    client.interactionRequired = true;

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => outcomeOf(http.get(`${ORDERS}/${i}`))));

    expect(client.calls.acquireTokenRedirect.length).toBe(1);
    expect(results.map((r) => (r.error as MsalHttpError).code)).toEqual(Array(50).fill('MSALHTTP204'));
    backend.expectNone((r) => r.url.startsWith(ORDERS));
  });

  it('shares one silent acquisition per scope set across mixed parallel requests', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);

    for (let i = 0; i < 10; i++) {
      http.get(`${ORDERS}/${i}`).subscribe();
      http.get(`${PROFILE}/${i}`).subscribe();
    }
    await settle();
    backend.match(() => true).forEach((r) => r.flush({}));

    expect(client.calls.acquireTokenSilent.map((r) => r.scopes).sort()).toEqual([
      ['api://orders/orders.read'],
      ['api://profile/profile.read'],
    ]);
  });

  it('treats scope lists in any order as the same acquisition', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);

    for (const scopes of [
      ['a', 'b', 'c'],
      ['c', 'a', 'b'],
      ['b', 'c', 'a'],
    ]) {
      http.get(ORDERS, { context: new HttpContext().set(MSAL_HTTP_SCOPES, scopes) }).subscribe();
    }
    await settle();
    backend.match(() => true).forEach((r) => r.flush({}));

    expect(client.calls.acquireTokenSilent.length).toBe(1);
    expect(client.calls.acquireTokenSilent[0].scopes).toEqual(['a', 'b', 'c']);
  });

  it('lets requests for other scopes retry silently after the one popup', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    client.interactionRequired = true;

    const orders = outcomeOf(http.get(ORDERS));
    const profile = outcomeOf(http.get(PROFILE));
    await settle();
    backend.match(() => true).forEach((r) => r.flush({}));

    expect((await orders).error).toBeUndefined();
    expect((await profile).error).toBeUndefined();
    expect(client.calls.acquireTokenPopup.length).toBe(1);
    expect(client.calls.acquireTokenSilent.map((r) => r.scopes[0])).toEqual([
      'api://orders/orders.read',
      'api://profile/profile.read',
      'api://profile/profile.read',
    ]);
  });

  it('signs in with the consent scopes in the popup when nobody is signed in, and makes that account active', async () => {
    const { http, client } = setUpMsalHttp({ config: { consentScopes: ['openid', 'api://orders/orders.read'] } });

    http.get(PROFILE).subscribe();
    (await expectRequest(PROFILE)).flush({});

    expect(client.calls.acquireTokenSilent.length).toBe(0);
    expect(client.calls.acquireTokenPopup[0].scopes).toEqual(['openid', 'api://orders/orders.read', 'api://profile/profile.read']);
    expect(client.calls.acquireTokenPopup[0].account).toBeUndefined();
    expect(client.getActiveAccount()?.username).toBe('ada@contoso.test');
  });

  it("never sends a popup's token issued for another API: the request's own token comes silently", async () => {
    const { http, client } = setUpMsalHttp({ config: { consentScopes: ['api://orders/orders.read'] } });
    const popup = client.acquireTokenPopup.bind(client);
    // A provider issues one token per API: for the consent scopes' API, not the request's.
    spyOn(client, 'acquireTokenPopup').and.callFake(async (request) => ({
      ...(await popup(request)),
      scopes: ['api://orders/orders.read'],
      accessToken: 'token-for-the-orders-api',
    }));

    http.get(PROFILE).subscribe();
    const request = await expectRequest(PROFILE);

    expect(request.request.headers.get('Authorization')).not.toContain('token-for-the-orders-api');
    expect(client.calls.acquireTokenSilent.map((r) => r.scopes)).toEqual([['api://profile/profile.read']]);
    request.flush({});
  });

  it('fails with MSALHTTP203 and opens nothing when interaction is required and interactionType is none', async () => {
    const { http, backend, client } = setUpMsalHttp({ config: { interactionType: 'none' } });
    client.signIn(fakeAccount(), true);
    client.interactionRequired = true;

    const { error } = await outcomeOf(http.get(ORDERS));

    expect((error as MsalHttpError).code).toBe('MSALHTTP203');
    expect(client.calls.acquireTokenPopup.length + client.calls.acquireTokenRedirect.length).toBe(0);
    backend.expectNone(ORDERS);
  });

  it('waits for an interaction started elsewhere in the app, then retries silently without a popup', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    await settle();
    client.emit(EventType.ACQUIRE_TOKEN_START, InteractionType.Redirect);
    client.interactionRequired = true;

    const outcome = outcomeOf(http.get(ORDERS));
    await settle();
    backend.expectNone(ORDERS);
    client.interactionRequired = false;
    client.emit(EventType.ACQUIRE_TOKEN_SUCCESS, InteractionType.Redirect);
    (await expectRequest(ORDERS)).flush({ done: true });

    expect((await outcome).value).toEqual({ done: true });
    expect(client.calls.acquireTokenPopup.length).toBe(0);
    expect(client.calls.acquireTokenSilent.length).toBe(2);
  });

  it('sends nothing for a request unsubscribed while it waits, and still serves the others', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    let release!: () => void;
    client.silent = () => new Promise((resolve) => (release = () => resolve({ kind: 'ok' })));

    const cancelled = http.get(`${ORDERS}/cancelled`).subscribe();
    const kept = outcomeOf(http.get(`${ORDERS}/kept`));
    await settle();
    cancelled.unsubscribe();
    release();
    (await expectRequest(`${ORDERS}/kept`)).flush({ kept: true });

    expect((await kept).value).toEqual({ kept: true });
    backend.expectNone(`${ORDERS}/cancelled`);
    expect(client.calls.acquireTokenSilent.length).toBe(1);
  });
});

describe('TokenAcquirer: what msal-browser returns and how it fails', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('treats a silent result without an access token as interaction required, never sending an empty bearer', async () => {
    const { http, client, msal } = setUpMsalHttp({ account: fakeAccount() });
    let silentCalls = 0;
    client.silent = () => {
      silentCalls++;
      return { kind: 'ok' };
    };
    client.accessTokenFor = (scopes) => (silentCalls === 1 && client.calls.acquireTokenPopup.length === 0 ? '' : `token-${scopes[0]}`);

    http.get(ORDERS).subscribe();
    const request = await msal.expectRequest(ORDERS);

    expect(request.request.headers.get('Authorization')).toBe('Bearer token-api://orders/orders.read');
    expect(client.calls.acquireTokenPopup.length).toBe(1);
    request.flush({});
  });

  it('fails with MSALHTTP203 on an empty silent access token when interaction is off', async () => {
    const { http, client } = setUpMsalHttp({ account: fakeAccount(), config: { interactionType: 'none' } });
    client.accessTokenFor = () => '';

    const { error } = await outcomeOf(http.get(ORDERS));

    expect((error as MsalHttpError).code).toBe('MSALHTTP203');
  });

  it('fails with MSALHTTP218 when even the popup returns no access token', async () => {
    const { http, client } = setUpMsalHttp({ account: fakeAccount() });
    client.accessTokenFor = () => '';

    const { error } = await outcomeOf(http.get(ORDERS));

    expect((error as MsalHttpError).code).toBe('MSALHTTP218');
  });

  it('fails every request waiting for a blocked popup at once with MSALHTTP213, saying what to do, and retries nothing', async () => {
    const { http, client } = setUpMsalHttp({ account: fakeAccount() });
    client.interactionRequired = true;
    client.popup = () => ({ kind: 'error', error: popupBlockedError() });
    jasmine.clock().install();
    try {
      // No timer runs: the failure comes without advancing the clock.
      const results = await Promise.all([outcomeOf(http.get(ORDERS)), outcomeOf(http.get(PROFILE))]);

      expect(results.map((r) => (r.error as MsalHttpError).code)).toEqual(['MSALHTTP213', 'MSALHTTP213']);
      const message = (results[0].error as MsalHttpError).message;
      expect(message).toContain('click handler');
      expect(message).toContain('allow popups');
      expect(message).toContain("interactionType 'redirect'");
      expect(client.calls.acquireTokenPopup.length).toBe(1);
    } finally {
      jasmine.clock().uninstall();
    }
  });

  for (const code of ['invalid_grant', 'invalid_scope']) {
    it(`lets the user fix ${code} in a popup instead of failing with MSALHTTP202`, async () => {
      const { http, client, msal } = setUpMsalHttp({ account: fakeAccount() });
      client.silent = () => ({ kind: 'error', error: serverError(code) });

      http.get(ORDERS).subscribe();
      (await msal.expectRequest(ORDERS)).flush({});

      expect(client.calls.acquireTokenPopup.length).toBe(1);
    });
  }

  it('asks for the consent scopes when it re-authenticates a signed-in account, so consent does not shrink', async () => {
    const { http, client, msal } = setUpMsalHttp({
      account: fakeAccount(),
      config: { consentScopes: ['openid', 'api://profile/profile.read'] },
    });
    client.interactionRequired = true;

    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});

    expect(client.calls.acquireTokenPopup[0].scopes).toEqual(['openid', 'api://profile/profile.read', 'api://orders/orders.read']);
    expect(client.calls.acquireTokenPopup[0].account?.username).toBe('ada@contoso.test');
  });
});

describe('TokenAcquirer: request fields', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('acquires with authRequest fields that cannot be serialised (popupWindowParent: window)', async () => {
    const { http, client, msal } = setUpMsalHttp({ account: fakeAccount(), config: { authRequest: { popupWindowParent: window } } });

    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});

    expect(client.calls.acquireTokenSilent[0].scopes).toEqual(['api://orders/orders.read']);
  });

  it('runs an authRequest function once for a request memory does not hold, while memory holds others', async () => {
    const authRequest = jasmine.createSpy('authRequest').and.returnValue({});
    const { http, msal } = setUpMsalHttp({ account: fakeAccount(), config: { authRequest } });
    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});
    authRequest.calls.reset();

    http.get(PROFILE).subscribe();
    (await msal.expectRequest(PROFILE)).flush({});

    expect(authRequest).toHaveBeenCalledTimes(1);
  });

  it('runs an authRequest function once for a request that needs a popup, with the chosen account', async () => {
    const authRequest = jasmine.createSpy('authRequest').and.returnValue({ prompt: 'select_account' });
    const account = fakeAccount();
    const { http, client, msal } = setUpMsalHttp({ account, config: { authRequest } });
    client.interactionRequired = true;

    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});

    expect(client.calls.acquireTokenSilent.length).toBe(1);
    expect(client.calls.acquireTokenPopup.length).toBe(1);
    expect(authRequest).toHaveBeenCalledOnceWith(jasmine.objectContaining({ url: ORDERS }), ['api://orders/orders.read'], { account });
  });
});

describe('TokenAcquirer: refresh-token redemption', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('redeems one account refresh token one scope set at a time (GET /orders, POST /orders, GET /profile in one tick)', async () => {
    const { http, client, msal } = setUpMsalHttp({ account: fakeAccount() });
    let inFlight = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    client.silent = () => {
      most = Math.max(most, ++inFlight);
      return new Promise((resolve) =>
        releases.push(() => {
          inFlight--;
          resolve({ kind: 'ok' });
        }),
      );
    };

    const outcomes = [outcomeOf(http.get(ORDERS)), outcomeOf(http.post(ORDERS, {})), outcomeOf(http.get(PROFILE))];
    for (let call = 0; call < 3; call++) {
      await msal.settle();
      expect(releases.length).toBe(call + 1);
      releases[call]();
    }
    (await msal.requests(() => true)).forEach((r) => r.flush({}));

    expect((await Promise.all(outcomes)).map((o) => o.error)).toEqual([undefined, undefined, undefined]);
    expect(most).toBe(1);
    expect(client.calls.acquireTokenSilent.map((r) => r.scopes[0]).sort()).toEqual([
      'api://orders/orders.read',
      'api://orders/orders.write',
      'api://profile/profile.read',
    ]);
  });
});

describe('TokenAcquirer: a silent call that never answers', () => {
  beforeEach(() => jasmine.clock().install());
  afterEach(() => {
    jasmine.clock().uninstall();
    TestBed.inject(HttpTestingController).verify();
  });

  it('fails with MSALHTTP206, and the next acquisition reaches the provider instead of joining the stuck call', async () => {
    const { http, client, msal } = setUpMsalHttp({ account: fakeAccount(), config: { timeouts: { silent: 1_000 } } });
    client.silent = () => ({ kind: 'never' });

    const first = outcomeOf(http.get(ORDERS));
    await msal.settle();
    jasmine.clock().tick(1_000);
    expect(((await first).error as MsalHttpError).code).toBe('MSALHTTP206');

    client.silent = () => ({ kind: 'ok' });
    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});

    const [stuck, next] = client.calls.acquireTokenSilent;
    // msal-browser de-duplicates in-flight calls by a key that includes the cache lookup policy.
    expect(next.cacheLookupPolicy).not.toBe(stuck.cacheLookupPolicy);
  });
});

describe('TokenAcquirer: tokens that live shorter than msal renewal offset', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('warns once in development mode', async () => {
    const warn = spyOn(console, 'warn');
    const { http, client, msal } = setUpMsalHttp({ account: fakeAccount() });
    client.tokenLifetimeMs = 120_000;

    for (let i = 0; i < 2; i++) {
      http.get(ORDERS).subscribe();
      (await msal.expectRequest(ORDERS)).flush({});
    }

    expect(warn).toHaveBeenCalledOnceWith(jasmine.stringMatching(/tokenRenewalOffsetSeconds/));
    expect(client.calls.acquireTokenSilent.length).toBe(2);
  });
});

describe('TokenAcquirer: tokens held in memory', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function warmUp(options: Parameters<typeof setUpMsalHttp>[0] = {}) {
    const harness = setUpMsalHttp({ account: fakeAccount(), ...options });
    harness.http.get(`${ORDERS}/warm-up`).subscribe();
    (await harness.msal.expectRequest(`${ORDERS}/warm-up`)).flush({});
    return harness;
  }

  it('attaches a token msal would return from its cache synchronously, without calling msal', async () => {
    const { http, backend, client, msal } = await warmUp();

    http.get(`${ORDERS}/1`).subscribe();
    // No await: the request is at the backend as soon as it is subscribed.
    const request = backend.expectOne(`${ORDERS}/1`);

    msal.expectTokenFor(request, ['api://orders/orders.read']);
    expect(client.calls.acquireTokenSilent.length).toBe(1);
    request.flush({});
  });

  it('reports a memory hit as an acquisition from cache', async () => {
    const { http, backend, seen } = await warmUp();
    seen.length = 0;

    http.get(`${ORDERS}/1`).subscribe();
    backend.expectOne(`${ORDERS}/1`).flush({});

    expect(seen.map((e) => e.type)).toEqual(['msal:acquireTokenStart', 'msal:acquireTokenSuccess']);
    expect(seen[1]).toEqual(jasmine.objectContaining({ result: jasmine.objectContaining({ fromCache: true }) }));
  });

  for (const [name, authRequest] of [
    ['forceRefresh', { forceRefresh: true }],
    ['a cache lookup policy that skips the access-token cache', { cacheLookupPolicy: CacheLookupPolicy.RefreshTokenAndNetwork }],
  ] as const) {
    it(`asks msal every time for request fields with ${name}`, async () => {
      const { http, client, msal } = await warmUp({ config: { authRequest } });

      http.get(`${ORDERS}/1`).subscribe();
      (await msal.expectRequest(`${ORDERS}/1`)).flush({});

      expect(client.calls.acquireTokenSilent.length).toBe(2);
    });
  }

  const drops: readonly (readonly [string, (client: FakeMsalClient) => void])[] = [
    ['the active account changes', (c) => c.setActiveAccount(c.signIn(fakeAccount('bob@contoso.test')))],
    ['msal relays a sign-out from another tab', (c) => c.emit(EventType.LOGOUT_SUCCESS)],
    ['msal relays a sign-in from another tab', (c) => c.emit(EventType.LOGIN_SUCCESS)],
    ['the app clears msal cache', (c) => void c.clearCache().then(() => c.signIn(fakeAccount(), true))],
  ];
  for (const [name, act] of drops) {
    it(`forgets its tokens when ${name}`, async () => {
      const { http, client, msal } = await warmUp();

      act(client);
      await msal.settle();
      http.get(`${ORDERS}/1`).subscribe();
      (await msal.expectRequest(`${ORDERS}/1`)).flush({});

      expect(client.calls.acquireTokenSilent.length).toBe(2);
    });
  }

  it('forgets a token the API answered 401 to', async () => {
    const { http, client, msal } = await warmUp();

    http.get(`${ORDERS}/1`).subscribe({ error: () => undefined });
    (await msal.expectRequest(`${ORDERS}/1`)).flush(null, { status: 401, statusText: 'Unauthorized' });
    http.get(`${ORDERS}/2`).subscribe();
    (await msal.expectRequest(`${ORDERS}/2`)).flush({});

    expect(client.calls.acquireTokenSilent.length).toBe(2);
  });
});

describe('TokenAcquirer: memory and time', () => {
  beforeEach(() => {
    jasmine.clock().install();
    jasmine.clock().mockDate(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => {
    jasmine.clock().uninstall();
    TestBed.inject(HttpTestingController).verify();
  });

  it("stops serving a token from memory at its expiry minus msal's renewal offset", async () => {
    const { http, backend, client, msal } = setUpMsalHttp({ account: fakeAccount() });
    client.renewalOffsetSeconds = 60;
    http.get(`${ORDERS}/0`).subscribe();
    (await msal.expectRequest(`${ORDERS}/0`)).flush({});

    jasmine.clock().tick(3_540_000 - 1);
    http.get(`${ORDERS}/1`).subscribe();
    backend.expectOne(`${ORDERS}/1`).flush({});
    expect(client.calls.acquireTokenSilent.length).toBe(1);

    jasmine.clock().tick(1);
    http.get(`${ORDERS}/2`).subscribe();
    (await msal.expectRequest(`${ORDERS}/2`)).flush({});
    expect(client.calls.acquireTokenSilent.length).toBe(2);
  });
});
