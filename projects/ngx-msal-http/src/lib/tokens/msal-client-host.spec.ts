import { HttpTestingController } from '@angular/common/http/testing';
import { PLATFORM_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { AuthenticationResult, EventType, InteractionStatus, InteractionType } from '@azure/msal-browser';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { authError, serverError } from '../../../testing/src/fake-msal-errors';
import { expectRequest, outcomeOf, settle, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpAuth } from '../auth/msal-http-auth';
import { MsalHttpError } from '../config/msal-http-error';
import { MsalHttpEvents } from '../events/msal-http-events';
import { MsalClientHost } from './msal-client-host';

const ORDERS = 'https://api.contoso.test/orders';

describe('MsalClientHost startup', () => {
  beforeEach(() => jasmine.clock().install());
  afterEach(() => {
    jasmine.clock().uninstall();
    TestBed.inject(HttpTestingController).verify();
  });

  it('fails only the requests that waited too long; later requests go on once msal is ready', async () => {
    const client = new FakeMsalClient();
    let finishRedirect!: () => void;
    client.redirectBehavior = () => new Promise((resolve) => (finishRedirect = () => resolve({ kind: 'ok' })));
    const { http } = setUpMsalHttp({ client, account: fakeAccount(), config: { timeouts: { initialization: 1_000 } } });

    const early = outcomeOf(http.get(`${ORDERS}/early`));
    await settle();
    jasmine.clock().tick(1_000);
    expect(((await early).error as MsalHttpError).code).toBe('MSALHTTP205');

    finishRedirect();
    http.get(`${ORDERS}/later`).subscribe();
    (await expectRequest(`${ORDERS}/later`)).flush({});
    expect(client.calls.initialize).toBe(1);
  });

  it('leaves the interaction status to msal when startup times out', async () => {
    const client = new FakeMsalClient();
    client.redirectResult = { account: fakeAccount() } as AuthenticationResult;
    client.redirectBehavior = () => ({ kind: 'never' });
    const { http } = setUpMsalHttp({ client, config: { timeouts: { initialization: 1_000 } } });

    const outcome = outcomeOf(http.get(ORDERS));
    await settle();
    jasmine.clock().tick(1_000);
    await outcome;

    expect(TestBed.inject(MsalClientHost).status()).toBe(InteractionStatus.HandleRedirect);
  });
});

describe('MsalClientHost after a redirect sign-in that failed', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  // The page came back from the provider with an error (the user cancelled there: access_denied).
  function cameBackWithError(client: FakeMsalClient): void {
    client.redirectResult = { account: fakeAccount() } as AuthenticationResult;
    client.redirectBehavior = () => ({ kind: 'error', error: serverError('access_denied') });
  }

  it('finishes startup and reports the failure once, as msal:loginFailure with MSALHTTP215', async () => {
    const client = new FakeMsalClient();
    cameBackWithError(client);
    const { http, seen } = setUpMsalHttp({ client, account: fakeAccount() });

    http.get(ORDERS).subscribe();
    (await expectRequest(ORDERS)).flush({});

    const failures = seen.filter((event) => event.type === 'msal:loginFailure');
    expect(failures.map((event) => [event.interactionType, (event.error as MsalHttpError).code])).toEqual([['redirect', 'MSALHTTP215']]);
    expect(((failures[0].error as MsalHttpError).cause as { errorCode?: string }).errorCode).toBe('access_denied');
    expect(TestBed.inject(MsalClientHost).status()).toBe(InteractionStatus.None);
  });

  it('fails a request that needs the user with MSALHTTP215 instead of redirecting straight back', async () => {
    const client = new FakeMsalClient();
    cameBackWithError(client);
    const { http } = setUpMsalHttp({ client, config: { interactionType: 'redirect' } });

    const outcome = await outcomeOf(http.get(ORDERS));

    expect((outcome.error as MsalHttpError).code).toBe('MSALHTTP215');
    expect(client.calls.acquireTokenRedirect.length).toBe(0);
  });

  it('redirects again for requests once a sign-in has succeeded since (a popup)', async () => {
    const client = new FakeMsalClient();
    cameBackWithError(client);
    const { http } = setUpMsalHttp({ client, config: { interactionType: 'redirect' } });
    await TestBed.inject(MsalHttpAuth).loginPopup();
    client.interactionRequired = true;

    const outcome = await outcomeOf(http.get(ORDERS));

    expect((outcome.error as MsalHttpError).code).toBe('MSALHTTP204');
    expect(client.calls.acquireTokenRedirect.length).toBe(1);
  });

  it('takes a rejection without a redirect response (a reload while a popup was open) for no sign-in at all', async () => {
    const client = new FakeMsalClient();
    // msal-browser 5: no msal:handleRedirectStart, then no_token_request_cache_error.
    client.redirectBehavior = () => ({ kind: 'error', error: authError('no_token_request_cache_error') });
    const { http, seen } = setUpMsalHttp({ client, config: { interactionType: 'redirect' } });

    const outcome = await outcomeOf(http.get(ORDERS));

    expect((outcome.error as MsalHttpError).code).toBe('MSALHTTP204');
    expect(client.calls.acquireTokenRedirect.length).toBe(1);
    expect(seen.filter((event) => event.type === 'msal:loginFailure')).toEqual([]);
  });

  it('still redirects when the app signs in itself (MsalHttpAuth.loginRedirect)', async () => {
    const client = new FakeMsalClient();
    cameBackWithError(client);
    setUpMsalHttp({ client, config: { interactionType: 'redirect' } });

    await TestBed.inject(MsalHttpAuth).loginRedirect();

    expect(client.calls.loginRedirect.length).toBe(1);
  });
});

describe('MsalClientHost interaction status', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('follows msal-browser events: startup, handleRedirect, then none, when a redirect response is handled', async () => {
    const client = new FakeMsalClient();
    client.redirectResult = { account: fakeAccount() } as AuthenticationResult;
    const seen: string[] = [];
    setUpMsalHttp({ client });
    const host = TestBed.inject(MsalClientHost);
    host.status$.subscribe((status) => seen.push(status));

    await host.ready();

    expect(seen).toEqual([InteractionStatus.Startup, InteractionStatus.HandleRedirect, InteractionStatus.None]);
    expect(host.status()).toBe(InteractionStatus.None);
  });

  it('ends startup with none after a plain page load, for which msal-browser 5 reports no redirect handling', async () => {
    const client = new FakeMsalClient();
    const seen: string[] = [];
    setUpMsalHttp({ client });
    const host = TestBed.inject(MsalClientHost);
    host.status$.subscribe((status) => seen.push(status));

    await host.ready();

    expect(seen).toEqual([InteractionStatus.Startup, InteractionStatus.None]);
  });

  it("keeps msal's 'acquireToken' when the app opens a popup as redirect handling ends", async () => {
    const client = new FakeMsalClient();
    client.signIn(fakeAccount(), true);
    client.redirectResult = { account: fakeAccount() } as AuthenticationResult;
    // The app's own sign-in popup, started from a HANDLE_REDIRECT_END listener.
    client.addEventCallback((message) => {
      if (message.eventType === EventType.HANDLE_REDIRECT_END) client.emit(EventType.ACQUIRE_TOKEN_START, InteractionType.Popup);
    });
    const { http } = setUpMsalHttp({ client });
    const host = TestBed.inject(MsalClientHost);
    await host.ready();
    expect(host.status()).toBe(InteractionStatus.AcquireToken);

    // A request that needs the user waits for that popup instead of opening its own.
    client.interactionRequired = true;
    const outcome = outcomeOf(http.get(ORDERS));
    await settle();
    expect(client.calls.acquireTokenPopup.length).toBe(0);
    client.interactionRequired = false;
    client.emit(EventType.ACQUIRE_TOKEN_SUCCESS, InteractionType.Popup);
    (await expectRequest(ORDERS)).flush({});

    expect((await outcome).error).toBeUndefined();
    expect(client.calls.acquireTokenPopup.length).toBe(0);
  });

  it('reports the status on the server without building a client', () => {
    const factory = jasmine.createSpy('msal client factory').and.callFake(() => new FakeMsalClient());
    setUpMsalHttp({ config: { msal: factory }, providers: [{ provide: PLATFORM_ID, useValue: 'server' }] });

    expect(TestBed.inject(MsalHttpEvents).inProgress()).toBe(InteractionStatus.Startup);
    expect(factory).not.toHaveBeenCalled();
  });
});

describe('MsalClientHost account choice', () => {
  it('keeps the account until msal reports an account change', async () => {
    const client = new FakeMsalClient();
    client.signIn(fakeAccount(), true);
    setUpMsalHttp({ client });
    const host = TestBed.inject(MsalClientHost);
    await host.ready();
    const read = spyOn(client, 'getActiveAccount').and.callThrough();

    host.account();
    host.account();
    expect(read).toHaveBeenCalledTimes(1);

    client.setActiveAccount(client.signIn(fakeAccount('bob@contoso.test')));
    expect(host.account()?.username).toBe('bob@contoso.test');
  });

  it("reads msal's renewal offset, 300 s when the client reports none", () => {
    const client = new FakeMsalClient();
    client.renewalOffsetSeconds = 60;
    setUpMsalHttp({ client });

    expect(TestBed.inject(MsalClientHost).renewalOffsetMs).toBe(60_000);
  });
});
