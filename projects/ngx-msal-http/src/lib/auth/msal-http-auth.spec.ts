import { PLATFORM_ID } from '@angular/core';
import { ProtocolMode } from '@azure/msal-browser';
import { TestBed } from '@angular/core/testing';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { networkError, userCancelledError } from '../../../testing/src/fake-msal-errors';
import { settle, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpError } from '../config/msal-http-error';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { MsalHttpAuth } from './msal-http-auth';

const CONSENT = ['openid', 'api://orders/orders.read'];

describe('MsalHttpAuth', () => {
  function setUp(client = new FakeMsalClient()) {
    const harness = setUpMsalHttp({ client, config: { consentScopes: CONSENT } });
    return { ...harness, auth: TestBed.inject(MsalHttpAuth) };
  }

  it('signs in with the consent scopes in a popup and makes the account active', async () => {
    const { auth, client } = setUp();

    const result = await auth.loginPopup({ scopes: ['api://profile/profile.read'] });

    expect(client.calls.loginPopup[0].scopes).toEqual([...CONSENT, 'api://profile/profile.read']);
    expect(client.getActiveAccount()?.homeAccountId).toBe(result.account.homeAccountId);
    expect(auth.account()?.username).toBe('ada@contoso.test');
  });

  it('exposes the account without its id token', async () => {
    const { auth } = setUp();

    await auth.loginPopup();

    expect(auth.account()).not.toBeNull();
    expect('idToken' in auth.account()!).toBeFalse();
  });

  it('rethrows a cancelled popup as MSALHTTP207 and emits msal:loginFailure', async () => {
    const client = new FakeMsalClient();
    client.popup = () => ({ kind: 'error', error: userCancelledError() });
    const { auth, seen } = setUp(client);

    const error = await auth.loginPopup().catch((e: unknown) => e);

    expect((error as MsalHttpError).code).toBe('MSALHTTP207');
    expect(seen.filter((e) => e.type === 'msal:loginFailure')).toEqual([jasmine.objectContaining({ interactionType: 'popup', error })]);
  });

  it('starts a redirect sign-in with the consent scopes', async () => {
    const { auth, client } = setUp();

    await auth.loginRedirect();

    expect(client.calls.loginRedirect.map((r) => r.scopes)).toEqual([CONSENT]);
  });

  it('picks up the active account restored at startup', async () => {
    const client = new FakeMsalClient();
    client.signIn(fakeAccount('returning@contoso.test'), true);
    const { auth } = setUp(client);

    await TestBed.inject(MsalHttpAuth).loginRedirect();

    expect(auth.account()?.username).toBe('returning@contoso.test');
  });

  it('signs out in a popup and clears the active account', async () => {
    const { auth, client } = setUp();
    await auth.loginPopup();

    await auth.logout({ popup: true });

    expect(client.calls.logout.length).toBe(1);
    expect(client.getActiveAccount()).toBeNull();
    expect(auth.account()).toBeNull();
  });

  it('signs out by redirect by default', async () => {
    const { auth, client } = setUp();
    await auth.loginPopup();

    await auth.logout();

    expect(client.calls.logout).toEqual([
      jasmine.objectContaining({ account: jasmine.objectContaining({ username: 'ada@contoso.test' }) }),
    ]);
    expect(client.getAllAccounts()).toEqual([]);
  });
});

describe('MsalHttpAuth on the server', () => {
  it('builds no msal client and reports no account', () => {
    const factory = jasmine.createSpy('msal client factory').and.callFake(() => new FakeMsalClient());
    setUpMsalHttp({ config: { msal: factory }, providers: [{ provide: PLATFORM_ID, useValue: 'server' }] });

    const auth = TestBed.inject(MsalHttpAuth);

    expect(auth.account()).toBeNull();
    expect(factory).not.toHaveBeenCalled();
  });

  it('rejects sign-in with a clear error', async () => {
    setUpMsalHttp({ providers: [{ provide: PLATFORM_ID, useValue: 'server' }] });

    const error = await TestBed.inject(MsalHttpAuth)
      .loginPopup()
      .catch((e: unknown) => e);

    expect((error as MsalHttpError).code).toBe('MSALHTTP212');
  });
});

describe('MsalHttpAuth.logout', () => {
  function setUp(configuration: FakeMsalClient['configuration']) {
    const client = new FakeMsalClient();
    client.configuration = configuration;
    client.signIn(fakeAccount(), true);
    setUpMsalHttp({ client });
    return { client, auth: TestBed.inject(MsalHttpAuth) };
  }

  const oidc = {
    auth: { clientId: 'spa-client', redirectUri: 'https://app.test/redirect-bridge.html', postLogoutRedirectUri: 'https://app.test/' },
    system: { protocolMode: ProtocolMode.OIDC },
  } as unknown as FakeMsalClient['configuration'];

  it('names the client and returns a popup to the bridge page with a generic OpenID provider', async () => {
    const { client, auth } = setUp(oidc);

    await auth.logout({ popup: true });

    expect(client.calls.logout[0]).toEqual(
      jasmine.objectContaining({
        extraQueryParameters: { client_id: 'spa-client' },
        postLogoutRedirectUri: 'https://app.test/redirect-bridge.html',
      }),
    );
    expect(auth.account()).toBeNull();
  });

  it("keeps msal's postLogoutRedirectUri for a redirect sign-out, and the app's own parameters", async () => {
    const { client, auth } = setUp(oidc);

    await auth.logout({ extraQueryParameters: { ui_locales: 'fr' } });

    expect(client.calls.logout[0]?.postLogoutRedirectUri).toBeUndefined();
    expect(client.calls.logout[0]?.extraQueryParameters).toEqual({ client_id: 'spa-client', ui_locales: 'fr' });
  });

  it('adds no client_id for Entra ID, whose sign-out needs none', async () => {
    const { client, auth } = setUp({
      auth: { clientId: 'spa-client' },
      system: { protocolMode: ProtocolMode.AAD },
    } as unknown as FakeMsalClient['configuration']);

    await auth.logout();

    expect(client.calls.logout[0]?.extraQueryParameters).toEqual({});
  });

  it('types a failed sign-out', async () => {
    const { client, auth } = setUp(null);
    spyOn(client, 'logoutPopup').and.rejectWith(networkError());

    const error = await auth.logout({ popup: true }).catch((e: unknown) => e);

    expect((error as MsalHttpError).code).toBe('MSALHTTP216');
  });
});

describe('MsalHttpAuth and the event stream', () => {
  it('does not make every request build events nobody reads, yet follows the active account', async () => {
    const { client } = setUpMsalHttp({ providers: [] });
    const bus = TestBed.inject(MsalHttpEventBus);
    const observedBefore = bus.observed;
    const auth = TestBed.inject(MsalHttpAuth);

    client.setActiveAccount(client.signIn(fakeAccount('switched@contoso.test')));
    await settle();

    // setUpMsalHttp itself listens to events$ (its `seen` list); MsalHttpAuth must add nothing.
    expect(bus.observed).toBe(observedBefore);
    expect(bus['subject'].observers.length).toBe(1);
    expect(auth.account()?.username).toBe('switched@contoso.test');
  });
});
