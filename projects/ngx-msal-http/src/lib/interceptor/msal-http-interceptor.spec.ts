import { HttpClient, HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { PLATFORM_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { networkError } from '../../../testing/src/fake-msal-errors';
import { expectRequest, settle, outcomeOf, REGISTRATIONS, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpError } from '../config/msal-http-error';
import { MSAL_HTTP_SCOPES, MSAL_HTTP_SKIP } from './http-context-tokens';
import { msalHttpInterceptor } from './msal-http-interceptor';

for (const registration of REGISTRATIONS) {
  describe(`msalHttpInterceptor (${registration.interceptor} interceptor, ${registration.setup})`, () => {
    afterEach(() => TestBed.inject(HttpTestingController).verify());

    it('attaches a bearer token for the mapped scopes', async () => {
      const { http, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);

      http.get('https://api.contoso.test/orders/42').subscribe();
      const request = await expectRequest('https://api.contoso.test/orders/42');

      expect(request.request.headers.get('Authorization')).toMatch(/^Bearer fake-at\.ada-contoso-test\.api:\/\/orders\/orders\.read\.\d+$/);
      expect(client.calls.acquireTokenSilent.map((r) => r.scopes)).toEqual([['api://orders/orders.read']]);
      request.flush({});
    });

    it('delivers the response of the authorized request to the caller', async () => {
      const { http, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);

      const outcome = outcomeOf(http.get('https://profile.contoso.test/me'));
      (await expectRequest('https://profile.contoso.test/me')).flush({ name: 'Ada' });

      expect((await outcome).value).toEqual({ name: 'Ada' });
    });

    it('passes requests to URLs the map does not name through untouched', async () => {
      const { http, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);

      http.get('https://api.contoso.test.evil.example/orders').subscribe();
      const request = await expectRequest('https://api.contoso.test.evil.example/orders');

      expect(request.request.headers.has('Authorization')).toBeFalse();
      expect(client.calls.acquireTokenSilent.length).toBe(0);
      request.flush({});
    });

    it('keeps an Authorization header the app set itself', async () => {
      const { http, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);

      http.get('https://api.contoso.test/orders', { headers: { Authorization: 'Basic app-own' } }).subscribe();
      const request = await expectRequest('https://api.contoso.test/orders');

      expect(request.request.headers.getAll('Authorization')).toEqual(['Basic app-own']);
      expect(client.calls.acquireTokenSilent.length).toBe(0);
      request.flush({});
    });

    it('sends no token to an excluded subtree', async () => {
      const { http, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);

      http.get('https://api.contoso.test/orders/public/list').subscribe();
      const request = await expectRequest('https://api.contoso.test/orders/public/list');

      expect(request.request.headers.has('Authorization')).toBeFalse();
      request.flush({});
    });

    it('requests the scopes of the method entry for that method', async () => {
      const { http, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);

      http.post('https://api.contoso.test/orders', { item: 1 }).subscribe();
      (await expectRequest('https://api.contoso.test/orders')).flush({});

      expect(client.calls.acquireTokenSilent.map((r) => r.scopes)).toEqual([['api://orders/orders.write']]);
    });

    it('resolves relative request URLs against the document base', async () => {
      const { http, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);

      http.get('/relative-api/items').subscribe();
      const request = await expectRequest('/relative-api/items');

      expect(request.request.headers.get('Authorization')).toContain('api://app/app.read');
      request.flush({});
    });

    it('skips requests marked with MSAL_HTTP_SKIP', async () => {
      const { http, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);

      http.get('https://api.contoso.test/orders', { context: new HttpContext().set(MSAL_HTTP_SKIP, true) }).subscribe();
      const request = await expectRequest('https://api.contoso.test/orders');

      expect(request.request.headers.has('Authorization')).toBeFalse();
      expect(client.calls.acquireTokenSilent.length).toBe(0);
      request.flush({});
    });

    it('uses MSAL_HTTP_SCOPES instead of the map scopes on a mapped URL', async () => {
      const { http, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);

      const context = new HttpContext().set(MSAL_HTTP_SCOPES, ['api://orders/orders.admin']);
      http.get('https://api.contoso.test/orders', { context }).subscribe();
      (await expectRequest('https://api.contoso.test/orders')).flush({});

      expect(client.calls.acquireTokenSilent.map((r) => r.scopes)).toEqual([['api://orders/orders.admin']]);
    });

    it('fails with MSALHTTP209 when MSAL_HTTP_SCOPES is set on a URL the map does not name', async () => {
      const { http, backend, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);

      const context = new HttpContext().set(MSAL_HTTP_SCOPES, ['api://orders/orders.read']);
      const { error } = await outcomeOf(http.get('https://elsewhere.example/data', { context }));

      expect((error as MsalHttpError).code).toBe('MSALHTTP209');
      backend.expectNone('https://elsewhere.example/data');
      expect(client.calls.acquireTokenSilent.length).toBe(0);
    });

    it('uses the only account when none is active', async () => {
      const { http, client } = setUpMsalHttp({ registration });
      const only = client.signIn(fakeAccount('only@contoso.test'));

      http.get('https://profile.contoso.test/me').subscribe();
      (await expectRequest('https://profile.contoso.test/me')).flush({});

      expect(client.calls.acquireTokenSilent[0].account?.homeAccountId).toBe(only.homeAccountId);
    });

    it('fails with MSALHTTP201 when several accounts are signed in and none is active', async () => {
      const { http, backend, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount('a@contoso.test'));
      client.signIn(fakeAccount('b@contoso.test'));

      const { error } = await outcomeOf(http.get('https://profile.contoso.test/me'));

      expect(error).toBeInstanceOf(MsalHttpError);
      expect((error as MsalHttpError).code).toBe('MSALHTTP201');
      backend.expectNone('https://profile.contoso.test/me');
    });

    it('fails with MSALHTTP200 when nobody is signed in and interaction is off', async () => {
      const { http, backend } = setUpMsalHttp({ registration, config: { interactionType: 'none' } });

      const { error } = await outcomeOf(http.get('https://profile.contoso.test/me'));

      expect((error as MsalHttpError).code).toBe('MSALHTTP200');
      backend.expectNone('https://profile.contoso.test/me');
    });

    it('fails with MSALHTTP202 carrying the msal error when the silent call fails on the network', async () => {
      const { http, backend, client } = setUpMsalHttp({ registration });
      client.signIn(fakeAccount(), true);
      const cause = networkError();
      client.silent = () => ({ kind: 'error', error: cause });

      const { error } = await outcomeOf(http.get('https://profile.contoso.test/me'));

      expect((error as MsalHttpError).code).toBe('MSALHTTP202');
      expect((error as MsalHttpError).cause).toBe(cause);
      expect(client.calls.acquireTokenPopup.length).toBe(0);
      backend.expectNone('https://profile.contoso.test/me');
    });
  });
}

for (const setup of ['provideMsalHttp', 'MsalHttpModule.forRoot'] as const) {
  describe(`msalHttpInterceptor registered twice (${setup})`, () => {
    afterEach(() => TestBed.inject(HttpTestingController).verify());

    it('acquires once and sends one Authorization header', async () => {
      const { http, client } = setUpMsalHttp({ registration: { interceptor: 'both', setup } });
      client.signIn(fakeAccount(), true);

      http.get('https://profile.contoso.test/me').subscribe();
      const request = await expectRequest('https://profile.contoso.test/me');

      expect(request.request.headers.getAll('Authorization')?.length).toBe(1);
      expect(client.calls.acquireTokenSilent.length).toBe(1);
      request.flush({});
    });
  });
}

describe('msalHttpInterceptor startup', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('waits for initialize() and handleRedirectPromise() before the first acquisition', async () => {
    const client = new FakeMsalClient();
    client.signIn(fakeAccount(), true);
    let releaseRedirect!: () => void;
    client.redirectBehavior = () => new Promise((resolve) => (releaseRedirect = () => resolve({ kind: 'ok' })));
    const { http, backend } = setUpMsalHttp({ client });

    http.get('https://profile.contoso.test/me').subscribe();
    await settle();
    expect(client.calls.acquireTokenSilent.length).toBe(0);
    backend.expectNone('https://profile.contoso.test/me');

    releaseRedirect();
    (await expectRequest('https://profile.contoso.test/me')).flush({});
    expect(client.calls.initialize).toBe(1);
    expect(client.calls.handleRedirectPromise).toBe(1);
    expect(client.calls.acquireTokenSilent.length).toBe(1);
  });

  it('initializes once however many requests are sent', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);

    for (let i = 0; i < 5; i++) http.get(`https://profile.contoso.test/me/${i}`).subscribe();
    await settle();
    backend.match(() => true).forEach((request) => request.flush({}));

    expect(client.calls.initialize).toBe(1);
    expect(client.calls.handleRedirectPromise).toBe(1);
  });

  it('makes the account of a redirect result active', async () => {
    const client = new FakeMsalClient();
    const returning = fakeAccount('returning@contoso.test');
    client.redirectResult = { ...fakeResult(), account: returning };
    const { http } = setUpMsalHttp({ client });

    http.get('https://profile.contoso.test/me').subscribe();
    (await expectRequest('https://profile.contoso.test/me')).flush({});

    expect(client.getActiveAccount()?.homeAccountId).toBe(returning.homeAccountId);
  });

  it('fails requests with MSALHTTP205 when initialization fails', async () => {
    const client = new FakeMsalClient();
    client.initializeBehavior = () => ({ kind: 'error', error: new Error('storage unavailable') });
    const { http, backend } = setUpMsalHttp({ client });

    const { error } = await outcomeOf(http.get('https://profile.contoso.test/me'));

    expect((error as MsalHttpError).code).toBe('MSALHTTP205');
    expect(((error as MsalHttpError).cause as Error).message).toBe('storage unavailable');
    backend.expectNone('https://profile.contoso.test/me');
  });

  it('fails the request with MSALHTTP117 when the interceptor is registered without the library', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(withInterceptors([msalHttpInterceptor])), provideHttpClientTesting()] });

    const { error } = await outcomeOf(TestBed.inject(HttpClient).get('https://profile.contoso.test/me'));

    expect((error as MsalHttpError).code).toBe('MSALHTTP117');
  });
});

describe('msalHttpInterceptor configuration', () => {
  it('fails the bootstrap with the map error code when a key is invalid', () => {
    expect(() => setUpMsalHttp({ config: { protectedResourceMap: { 'https://*.com': ['x'] } } })).toThrowMatching(
      (error) => (error as MsalHttpError).code === 'MSALHTTP107',
    );
  });
});

describe('msalHttpInterceptor on the server', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('passes every request through and never builds the msal client', async () => {
    const factory = jasmine.createSpy('msal client factory').and.callFake(() => new FakeMsalClient());
    const { http } = setUpMsalHttp({ config: { msal: factory }, providers: [{ provide: PLATFORM_ID, useValue: 'server' }] });

    http.get('https://profile.contoso.test/me').subscribe();
    const request = await expectRequest('https://profile.contoso.test/me');

    expect(request.request.headers.has('Authorization')).toBeFalse();
    expect(factory).not.toHaveBeenCalled();
    request.flush({});
  });
});

function fakeResult() {
  const account = fakeAccount();
  return {
    authority: 'https://login.fake.test/fake-tenant',
    uniqueId: account.localAccountId,
    tenantId: account.tenantId,
    scopes: ['openid'],
    account,
    idToken: 'fake-id-token',
    idTokenClaims: {},
    accessToken: 'fake-access-token',
    fromCache: false,
    expiresOn: null,
    tokenType: 'Bearer',
    correlationId: 'fake-correlation-id',
  };
}

describe('msalHttpInterceptor with a base URL that changes after startup', () => {
  let base: HTMLBaseElement | null = null;
  afterEach(() => {
    base?.remove();
    TestBed.inject(HttpTestingController).verify();
  });

  it('resolves path-relative request URLs against the base as it is when the request is sent', async () => {
    const { http, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    await settle();
    // The app navigated (or set <base>) after startup: "relative-api/x" now means /elsewhere/relative-api/x.
    base = document.head.appendChild(Object.assign(document.createElement('base'), { href: '/elsewhere/' }));

    http.get('relative-api/items').subscribe();
    http.get('/relative-api/items').subscribe();
    const moved = await expectRequest('relative-api/items');
    const rooted = await expectRequest('/relative-api/items');

    expect(moved.request.headers.has('Authorization')).toBeFalse();
    expect(rooted.request.headers.has('Authorization')).toBeTrue();
    moved.flush({});
    rooted.flush({});
  });
});
