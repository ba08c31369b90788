import { Component, EnvironmentProviders, PLATFORM_ID, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, provideRouter, Router, RouterStateSnapshot, UrlTree } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AccountInfo } from '@azure/msal-browser';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { userCancelledError } from '../../../testing/src/fake-msal-errors';
import { provideMsalHttpTesting } from '../../../testing/src/provide-msal-http-testing';
import { MsalHttpError } from '../config/msal-http-error';
import { MsalHttpConfig } from '../config/msal-http-config';
import { msalHttpGuard, MsalHttpGuardOptions } from './msal-http-guard';

const CONSENT = ['api://orders/orders.read'];

describe('msalHttpGuard', () => {
  it('lets a signed-in user through without signing in again', async () => {
    const { client } = setUp({ account: fakeAccount() });

    expect(await runGuard()).toBeTrue();
    expect(client.calls.loginPopup.length).toBe(0);
  });

  it('waits for msal-browser to start before deciding', async () => {
    const client = new FakeMsalClient();
    let finishStartup!: () => void;
    let startupBegan!: () => void;
    const began = new Promise<void>((resolve) => (startupBegan = resolve));
    client.redirectBehavior = () =>
      new Promise((resolve) => {
        finishStartup = () => resolve({ kind: 'ok' });
        startupBegan();
      });
    // The redirect that is being handled signs the user in: deciding before it ends would sign in twice.
    client.redirectResult = { account: fakeAccount() } as never;
    setUp({ client, account: null });

    const decision = runGuard();
    await began;
    finishStartup();

    expect(await decision).toBeTrue();
    expect(client.calls.loginPopup.length).toBe(0);
  });

  it('signs in by popup with the consent scopes when nobody is signed in', async () => {
    const { client } = setUp({ account: null });

    expect(await runGuard()).toBeTrue();
    expect(client.calls.loginPopup.length).toBe(1);
    expect(client.calls.loginPopup[0].scopes).toEqual(CONSENT);
    expect(client.getActiveAccount()?.username).toBe('ada@contoso.test');
  });

  it('denies the navigation when the user closes the sign-in popup', async () => {
    const client = new FakeMsalClient();
    client.popup = () => ({ kind: 'error', error: userCancelledError() });
    setUp({ client, account: null });

    expect(await runGuard()).toBeFalse();
  });

  it("returns onDenied's UrlTree, run in the guard's injection context", async () => {
    const client = new FakeMsalClient();
    client.popup = () => ({ kind: 'error', error: userCancelledError() });
    setUp({ client, account: null });

    const result = await runGuard({ onDenied: () => TestBed.inject(Router).parseUrl('/signed-out') });

    expect(result instanceof UrlTree && result.toString()).toBe('/signed-out');
  });

  it('signs in by redirect, coming back to the URL the user asked for', async () => {
    const { client } = setUp({ account: null, config: { interactionType: 'redirect' } });

    expect(await runGuard({}, '/orders/7?tab=items')).toBeFalse();
    expect(client.calls.loginRedirect.length).toBe(1);
    expect(client.calls.loginRedirect[0].redirectStartPage).toBe(new URL('orders/7?tab=items', document.baseURI).href);
  });

  it("denies without any interaction when interactionType is 'none'", async () => {
    const { client } = setUp({ account: null, config: { interactionType: 'none' } });

    expect(await runGuard()).toBeFalse();
    expect(client.calls.loginPopup.length + client.calls.loginRedirect.length).toBe(0);
  });

  it('lets the guard options choose another interaction type than the config', async () => {
    const { client } = setUp({ account: null, config: { interactionType: 'none' } });

    expect(await runGuard({ interactionType: 'popup' })).toBeTrue();
    expect(client.calls.loginPopup.length).toBe(1);
  });

  it('requires every listed role from the id token', async () => {
    setUp({ account: withClaims({ roles: ['Orders.Read'] }) });

    expect(await runGuard({ roles: ['Orders.Read'] })).toBeTrue();
    expect(await runGuard({ roles: ['Orders.Read', 'Orders.Admin'] })).toBeFalse();
  });

  it('denies when the claims check says no', async () => {
    setUp({ account: withClaims({ tid: 'tenant-a' }) });

    expect(await runGuard({ claims: (claims) => claims['tid'] === 'tenant-a' })).toBeTrue();
    expect(await runGuard({ claims: (claims) => claims['tid'] === 'tenant-b' })).toBeFalse();
  });

  it('asks a user to choose when several accounts are signed in and none is active', async () => {
    const client = new FakeMsalClient();
    client.signIn(fakeAccount('ada@contoso.test'));
    client.signIn(fakeAccount('grace@contoso.test'));
    setUp({ client, account: null });

    expect(await runGuard()).toBeTrue();
    expect(client.calls.loginPopup.length).toBe(1);
  });

  it('lets every navigation through on the server, without starting msal-browser', async () => {
    const { client } = setUp({ account: null, providers: [provideRouter([]), { provide: PLATFORM_ID, useValue: 'server' }] });

    expect(await runGuard()).toBeTrue();
    expect(client.calls.initialize).toBe(0);
    expect(client.calls.loginPopup.length).toBe(0);
  });

  it('names provideMsalHttp when the library is not configured', () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });

    expect(() => runGuard()).toThrowMatching((error) => error instanceof MsalHttpError && error.code === 'MSALHTTP117');
  });

  it('guards canMatch and canActivate routes in a real router', async () => {
    const client = new FakeMsalClient();
    client.popup = () => ({ kind: 'error', error: userCancelledError() });
    setUp({
      client,
      account: null,
      providers: [
        provideRouter([
          { path: 'matched', component: Page, canMatch: [msalHttpGuard()] },
          { path: 'matched', component: Fallback },
          { path: 'activated', component: Page, canActivate: [msalHttpGuard()] },
        ]),
      ],
    });
    const harness = await RouterTestingHarness.create();

    await harness.navigateByUrl('/matched');
    expect(harness.routeNativeElement?.textContent).toBe('fallback');
    expect(client.calls.loginPopup.length).toBe(1);

    client.popup = () => ({ kind: 'ok' });
    await harness.navigateByUrl('/activated');
    expect(harness.routeNativeElement?.textContent).toBe('page');
  });
});

@Component({ selector: 'msal-guarded-page', template: 'page' })
class Page {}

@Component({ selector: 'msal-fallback-page', template: 'fallback' })
class Fallback {}

function setUp(options: {
  readonly account?: AccountInfo | null;
  readonly client?: FakeMsalClient;
  readonly config?: Partial<MsalHttpConfig>;
  readonly providers?: (Provider | EnvironmentProviders)[];
}) {
  const client = options.client ?? new FakeMsalClient();
  TestBed.configureTestingModule({
    providers: [
      options.providers ?? provideRouter([]),
      provideMsalHttpTesting({ client, account: options.account, consentScopes: CONSENT, ...options.config }),
    ],
  });
  return { client };
}

/** Runs the guard as `canActivate` for `url`, as the router would. */
function runGuard(options: MsalHttpGuardOptions = {}, url = '/orders'): Promise<boolean | UrlTree> {
  const state = { url } as RouterStateSnapshot;
  return Promise.resolve(
    TestBed.runInInjectionContext(() => msalHttpGuard(options)({} as ActivatedRouteSnapshot, state)) as Promise<boolean | UrlTree>,
  );
}

function withClaims(claims: Record<string, unknown>): AccountInfo {
  const account = fakeAccount();
  return { ...account, idTokenClaims: { ...account.idTokenClaims, ...claims } };
}
