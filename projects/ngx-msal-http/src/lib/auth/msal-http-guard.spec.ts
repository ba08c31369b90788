import { Component, EnvironmentProviders, PLATFORM_ID, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, NavigationError, provideRouter, Router, RouterStateSnapshot, UrlTree } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AccountInfo, AuthenticationResult, PopupRequest } from '@azure/msal-browser';

import { FakeBehavior, FakeMsalClient, FakePopupWindow, fakeAccount } from '../../../testing/src/fake-msal-client';
import { serverError, userCancelledError } from '../../../testing/src/fake-msal-errors';
import { MsalHttpTestingController, provideMsalHttpTesting } from '../../../testing/src/provide-msal-http-testing';
import { MsalHttpError, MsalHttpErrorCode } from '../config/msal-http-error';
import { MsalHttpConfig } from '../config/msal-http-config';
import { MsalHttpEvents } from '../events/msal-http-events';
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

  it('denies instead of redirecting again when the page came back from a failed redirect sign-in', async () => {
    const client = new FakeMsalClient();
    client.redirectResult = { account: fakeAccount() } as AuthenticationResult;
    client.redirectBehavior = () => ({ kind: 'error', error: serverError('access_denied') });
    setUp({ client, account: null, config: { interactionType: 'redirect' } });

    expect(await runGuard()).toBeFalse();
    expect(client.calls.loginRedirect.length).toBe(0);
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

describe('msalHttpGuard waiting for an interaction under way', () => {
  beforeEach(() => jasmine.clock().install());
  afterEach(() => jasmine.clock().uninstall());

  it('fails the navigation with MSALHTTP208 when the interaction outlasts timeouts.interaction', async () => {
    const onDenied = jasmine.createSpy('onDenied').and.returnValue(false);
    const { client, msal } = await withPopupLeftOpen();

    await expectFailureAtOneSecond(track(runGuard({ onDenied })), msal, 'MSALHTTP208');
    expect(onDenied).not.toHaveBeenCalled();
    expect(client.calls.loginPopup.length).toBe(1);
  });

  it('fails the navigation with MSALHTTP205 after timeouts.initialization when msal-browser never starts', async () => {
    const client = new FakeMsalClient();
    client.initializeBehavior = () => ({ kind: 'never' });
    setUp({ client, account: null, config: { timeouts: { initialization: 1_000, interaction: 60_000 } } });
    const msal = TestBed.inject(MsalHttpTestingController);

    await expectFailureAtOneSecond(track(runGuard()), msal, 'MSALHTTP205');
    expect(client.calls.loginPopup.length).toBe(0);
  });

  it('decides once the interaction ends within timeouts.interaction', async () => {
    let finish!: () => void;
    const { msal } = await withPopupLeftOpen({ popup: () => new Promise((resolve) => (finish = () => resolve({ kind: 'ok' }))) });

    const decision = track(runGuard());
    await msal.settle();
    jasmine.clock().tick(500);
    finish();
    await msal.settle();

    expect(decision.state).toBe('resolved');
    expect(decision.value).toBeTrue();
    // The bound is disarmed: its timer firing later changes nothing.
    jasmine.clock().tick(1_000);
    await msal.settle();
    expect(decision.state).toBe('resolved');
  });

  it('decides as soon as the user closes the popup under way, before timeouts.interaction', async () => {
    const popup = new FakePopupWindow();
    const { msal } = await withPopupLeftOpen({ window: popup, interactionMs: 60_000 });
    const decision = track(runGuard());
    await msal.settle();
    popup.commit();
    for (let ms = 0; ms < 750; ms += 250) {
      jasmine.clock().tick(250);
      await msal.settle();
    }
    expect(decision.state).toBe('pending');

    popup.close();
    // The close watcher confirms a close within about 1.5 s, far inside the 60 s bound.
    for (let ms = 0; ms < 1_500 && decision.state === 'pending'; ms += 250) {
      jasmine.clock().tick(250);
      await msal.settle();
    }

    expect(decision.state).toBe('resolved');
    expect(decision.value).toBeTrue();
  });

  it('keeps waiting for a closed popup with watchPopupClose: false, until MSALHTTP208', async () => {
    const popup = new FakePopupWindow();
    const { msal } = await withPopupLeftOpen({ window: popup, watchPopupClose: false });
    const decision = track(runGuard());
    await msal.settle();
    popup.commit();
    popup.close();

    await expectFailureAtOneSecond(decision, msal, 'MSALHTTP208');
  });

  it('fails a real navigation with MSALHTTP208 as its NavigationError', async () => {
    const { msal } = await withPopupLeftOpen({
      providers: [provideRouter([{ path: 'orders', component: Page, canActivate: [msalHttpGuard()] }])],
    });
    const errors: unknown[] = [];
    TestBed.inject(Router).events.subscribe((event) => {
      if (event instanceof NavigationError) errors.push(event.error);
    });

    const navigation = track(TestBed.inject(Router).navigateByUrl('/orders'));
    await msal.settle();
    jasmine.clock().tick(1_000);
    await msal.settle();

    expect(errors.map((error) => error instanceof MsalHttpError && error.code)).toEqual(['MSALHTTP208']);
    expect(navigation.state).toBe('rejected');
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

/**
 * Starts msal-browser with a signed-in user and an interaction bound (`interactionMs`, 1 s by
 * default), then opens a sign-in popup as the app could elsewhere (straight on the client), which
 * `popup` decides (by default: held open forever), so that msal's status is not 'none'.
 */
async function withPopupLeftOpen(
  options: {
    readonly popup?: FakeBehavior<PopupRequest>;
    readonly providers?: (Provider | EnvironmentProviders)[];
    /** The popup's window handle, for the close watcher. */
    readonly window?: FakePopupWindow;
    readonly interactionMs?: number;
    readonly watchPopupClose?: boolean;
  } = {},
) {
  const client = new FakeMsalClient();
  client.popup = options.popup ?? (() => ({ kind: 'never' }));
  const { window } = options;
  if (window) client.popupWindow = () => window;
  setUp({
    client,
    account: fakeAccount(),
    providers: options.providers,
    config: { timeouts: { interaction: options.interactionMs ?? 1_000 }, watchPopupClose: options.watchPopupClose },
  });
  const msal = TestBed.inject(MsalHttpTestingController);
  const events = TestBed.inject(MsalHttpEvents);
  await msal.settle();
  expect(events.inProgress()).toBe('none');
  client.loginPopup().catch(() => undefined);
  expect(events.inProgress()).not.toBe('none');
  return { client, msal };
}

/** Follows a promise's outcome, so that a spec can assert it is still pending. */
function track<T>(promise: Promise<T>) {
  const tracked: { state: 'pending' | 'resolved' | 'rejected'; value?: T; error?: unknown } = { state: 'pending' };
  promise.then(
    (value) => Object.assign(tracked, { state: 'resolved', value }),
    (error: unknown) => Object.assign(tracked, { state: 'rejected', error }),
  );
  return tracked;
}

/** The guard's decision is still pending at 999 ms (fake clock) and rejected with `code` at 1 s. */
async function expectFailureAtOneSecond(
  decision: ReturnType<typeof track<boolean | UrlTree>>,
  msal: MsalHttpTestingController,
  code: MsalHttpErrorCode,
): Promise<void> {
  await msal.settle();
  jasmine.clock().tick(999);
  await msal.settle();
  expect(decision.state).toBe('pending');

  jasmine.clock().tick(1);
  await msal.settle();
  expect(decision.state).toBe('rejected');
  expect(decision.error instanceof MsalHttpError && decision.error.code).toBe(code);
}
