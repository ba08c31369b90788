import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CacheLookupPolicy, EventType } from '@azure/msal-browser';

import { fakeAccount } from '../../../testing/src/fake-msal-client';
import { interactionRequiredError, networkError } from '../../../testing/src/fake-msal-errors';
import { setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { withTokenRenewal } from '../msal-http-feature';
import { CACHE_SYNC_MS, MSAL_HTTP_RENEWAL_LOCKS } from './account-lock';
import { withCrossTabSync } from './cross-tab-sync';

const ORDERS = 'https://api.contoso.test/orders';
const MINUTE = 60_000;
// A one-hour token with msal's 300 s offset is served for 55 minutes; renewal starts a minute earlier.
const RENEWAL_AT = 54 * MINUTE;

describe('TokenRenewer (withTokenRenewal)', () => {
  let visibility: DocumentVisibilityState;

  beforeEach(() => {
    jasmine.clock().install();
    jasmine.clock().mockDate(new Date('2026-01-01T00:00:00Z'));
    visibility = 'visible';
    spyOnProperty(document, 'visibilityState').and.callFake(() => visibility);
  });
  afterEach(() => {
    jasmine.clock().uninstall();
    TestBed.inject(HttpTestingController).verify();
  });

  async function signedInWithToken(locks: LockManager | null = null, crossTab = true) {
    const harness = setUpMsalHttp({
      account: fakeAccount(),
      providers: [
        ...withTokenRenewal().ɵproviders,
        ...(crossTab ? withCrossTabSync().ɵproviders : []),
        { provide: MSAL_HTTP_RENEWAL_LOCKS, useValue: locks },
      ],
    });
    harness.http.get(`${ORDERS}/0`).subscribe();
    (await harness.msal.expectRequest(`${ORDERS}/0`)).flush({});
    return harness;
  }

  it('renews a held token shortly before it stops being served, and requests keep being served synchronously', async () => {
    const { http, backend, client, msal } = await signedInWithToken();

    jasmine.clock().tick(RENEWAL_AT - 1);
    await msal.settle();
    expect(client.calls.acquireTokenSilent.length).toBe(1);
    jasmine.clock().tick(1);
    await msal.settle();
    expect(client.calls.acquireTokenSilent.length).toBe(2);

    // Past the first token's 55 minutes, the renewed one is served from memory.
    jasmine.clock().tick(2 * MINUTE);
    http.get(`${ORDERS}/1`).subscribe();
    const request = backend.expectOne(`${ORDERS}/1`);
    expect(request.request.headers.get('Authorization')).toMatch(/\.2$/);
    expect(client.calls.acquireTokenSilent.length).toBe(2);
    request.flush({});
  });

  it('asks msal past its access-token cache when the cached token is the one it already has', async () => {
    const { client, msal } = await signedInWithToken();
    const first = client.calls.acquireTokenSilent.length;
    // msal would answer the plain call with the same cached token: make the fake do so.
    let sameExpiry = true;
    client.tokenLifetimeMs = 3600_000 - RENEWAL_AT;
    client.silent = (request) => {
      if (request.cacheLookupPolicy === CacheLookupPolicy.RefreshTokenAndNetwork) {
        sameExpiry = false;
        client.tokenLifetimeMs = 3600_000;
      }
      return { kind: 'ok' };
    };

    jasmine.clock().tick(RENEWAL_AT);
    await msal.settle();

    expect(client.calls.acquireTokenSilent.slice(first).map((r) => r.cacheLookupPolicy)).toEqual([
      undefined,
      CacheLookupPolicy.RefreshTokenAndNetwork,
    ]);
    expect(sameExpiry).toBeFalse();
  });

  it('does not renew in a hidden tab, and renews once the tab is visible again', async () => {
    const { client, msal } = await signedInWithToken();

    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    jasmine.clock().tick(RENEWAL_AT + MINUTE);
    await msal.settle();
    expect(client.calls.acquireTokenSilent.length).toBe(1);

    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    jasmine.clock().tick(0);
    await msal.settle();
    expect(client.calls.acquireTokenSilent.length).toBe(2);
  });

  it('stops after sign-out', async () => {
    const { client, msal } = await signedInWithToken();

    client.emit(EventType.LOGOUT_SUCCESS);
    jasmine.clock().tick(RENEWAL_AT + MINUTE);
    await msal.settle();

    expect(client.calls.acquireTokenSilent.length).toBe(1);
  });

  it('never opens a popup for a renewal that needs the user: it emits msal:tokenRenewalFailure', async () => {
    const { client, msal, seen } = await signedInWithToken();
    client.silent = () => ({ kind: 'error', error: interactionRequiredError() });

    jasmine.clock().tick(RENEWAL_AT);
    await msal.settle();

    expect(client.calls.acquireTokenPopup.length).toBe(0);
    expect(seen.filter((e) => e.type === 'msal:tokenRenewalFailure')).toEqual([
      jasmine.objectContaining({ interactionRequired: true, scopes: ['api://orders/orders.read'] }),
    ]);
  });

  it('retries a renewal that failed on the network with backoff', async () => {
    const { client, msal } = await signedInWithToken();
    client.silent = () => ({ kind: 'error', error: networkError() });

    jasmine.clock().tick(RENEWAL_AT);
    await msal.settle();
    expect(client.calls.acquireTokenSilent.length).toBe(2);
    jasmine.clock().tick(2_000);
    await msal.settle();
    expect(client.calls.acquireTokenSilent.length).toBe(3);
    client.silent = () => ({ kind: 'ok' });
    jasmine.clock().tick(4_000);
    await msal.settle();
    expect(client.calls.acquireTokenSilent.length).toBe(4);
    jasmine.clock().tick(8_000);
    await msal.settle();
    expect(client.calls.acquireTokenSilent.length).toBe(4);
  });

  it('renews under the Web Lock named after the account, so tabs renew one at a time', async () => {
    const request = jasmine
      .createSpy('locks.request')
      .and.callFake((_name: string, callback: () => unknown) => Promise.resolve(callback()));
    const { client, msal } = await signedInWithToken({ request } as unknown as LockManager);
    // The first acquisition's turn ends once msal's cache had time to reach other tabs.
    jasmine.clock().tick(CACHE_SYNC_MS);
    await msal.settle();

    jasmine.clock().tick(RENEWAL_AT - CACHE_SYNC_MS);
    await msal.settle();

    // The first acquisition and the renewal: every silent call of the account takes its lock.
    expect(request.calls.allArgs()).toEqual([
      [`ngx-msal-http.renewal.${fakeAccount().homeAccountId}`, jasmine.any(Function)],
      [`ngx-msal-http.renewal.${fakeAccount().homeAccountId}`, jasmine.any(Function)],
    ]);
    expect(client.calls.acquireTokenSilent.length).toBe(2);
  });

  it('takes no Web Lock without withCrossTabSync(): each tab renews on its own', async () => {
    const request = jasmine.createSpy('locks.request');
    const { client, msal } = await signedInWithToken({ request } as unknown as LockManager, false);

    jasmine.clock().tick(RENEWAL_AT);
    await msal.settle();

    expect(request).not.toHaveBeenCalled();
    expect(client.calls.acquireTokenSilent.length).toBe(2);
  });
});
