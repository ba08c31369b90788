import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject } from 'rxjs';
import type { BrowserConfiguration } from '@azure/msal-browser';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { serverError, userCancelledError } from '../../../testing/src/fake-msal-errors';
import { expectRequest, outcomeOf, settle, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpAuth } from '../auth/msal-http-auth';
import { MsalHttpConfig } from '../config/msal-http-config';
import { MsalHttpError } from '../config/msal-http-error';
import { MsalClientHost } from './msal-client-host';
import { withCrossTabSync } from './cross-tab-sync';
import { MSAL_HTTP_RENEWAL_LOCKS } from './web-locks';

const ORDERS = 'https://api.contoso.test/orders';
const PROFILE = 'https://profile.contoso.test/me';

describe('InteractionCoordinator', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('gives a request for another authority its own acquisition, not the popup result', async () => {
    const client = new FakeMsalClient();
    client.interactionRequired = true;
    const { http, backend } = setUpMsalHttp({
      client,
      account: fakeAccount(),
      config: { authRequest: (request) => ({ authority: request.url.includes('tenant-b') ? 'https://b.test/b' : 'https://a.test/a' }) },
    });

    http.get(`${ORDERS}/tenant-a`).subscribe();
    http.get(`${ORDERS}/tenant-b`).subscribe();
    await settle();
    backend.match(() => true).forEach((r) => r.flush({}));

    expect(client.calls.acquireTokenPopup.length).toBe(1);
    const tenantBSilentCalls = client.calls.acquireTokenSilent.filter((r) => r.authority === 'https://b.test/b');
    expect(tenantBSilentCalls.length).toBe(2);
  });

  it("fails a request waiting for the app's sign-in popup with MSALHTTP207 when the user cancels there, opening no popup", async () => {
    const client = new FakeMsalClient();
    let cancel!: () => void;
    client.popup = () => new Promise((resolve) => (cancel = () => resolve({ kind: 'error', error: serverError('access_denied') })));
    const { http } = setUpMsalHttp({ client, account: null });
    await settle();
    const signIn = TestBed.inject(MsalHttpAuth)
      .loginPopup()
      .catch((error: MsalHttpError) => error.code);
    await settle();
    const waiting = outcomeOf(http.get(ORDERS));
    await settle();

    cancel();

    expect(await signIn).toBe('MSALHTTP207');
    expect(((await waiting).error as MsalHttpError).code).toBe('MSALHTTP207');
    expect(client.calls.loginPopup.length + client.calls.acquireTokenPopup.length).toBe(1);
  });

  it('lets a request in redirect mode wait for a popup under way instead of failing with a redirect that cannot start', async () => {
    const client = new FakeMsalClient();
    let finish!: () => void;
    client.popup = () => new Promise((resolve) => (finish = () => resolve({ kind: 'ok' })));
    const { http, backend } = setUpMsalHttp({ client, account: null, config: { interactionType: 'redirect' } });
    await settle();
    const signIn = TestBed.inject(MsalHttpAuth).loginPopup();
    await settle();
    const waiting = outcomeOf(http.get(ORDERS));
    await settle();
    backend.expectNone(ORDERS);

    finish();
    await signIn;
    (await expectRequest(ORDERS)).flush({});

    expect((await waiting).error).toBeUndefined();
    expect(client.calls.acquireTokenRedirect.length).toBe(0);
  });

  it('fails every request waiting for a popup the user closed with MSALHTTP207, and the next request opens a new one', async () => {
    const client = new FakeMsalClient();
    client.interactionRequired = true;
    let closePopup!: () => void;
    client.popup = () => new Promise((resolve) => (closePopup = () => resolve({ kind: 'error', error: userCancelledError() })));
    const { http, msal } = setUpMsalHttp({ client, account: fakeAccount() });

    const waiting = [outcomeOf(http.get(ORDERS)), outcomeOf(http.get(PROFILE))];
    await settle();
    closePopup();
    const results = await Promise.all(waiting);

    expect(results.map((r) => (r.error as MsalHttpError).code)).toEqual(['MSALHTTP207', 'MSALHTTP207']);
    client.popup = () => ({ kind: 'ok' });
    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});
    expect(client.calls.acquireTokenPopup.length).toBe(2);
  });
});

describe('InteractionCoordinator waiting for an interaction held elsewhere', () => {
  beforeEach(() => jasmine.clock().install());
  afterEach(() => {
    jasmine.clock().uninstall();
    TestBed.inject(HttpTestingController).verify();
  });

  it('fails with MSALHTTP208 after the interaction timeout and leaves no listener on the status', async () => {
    const client = new FakeMsalClient();
    client.interactionRequired = true;
    client.lockedElsewhere = true;
    const { http } = setUpMsalHttp({ client, account: fakeAccount(), config: { timeouts: { interaction: 1_000 } } });
    const host = TestBed.inject(MsalClientHost);
    await host.ready();
    const status = (host as unknown as { statusSubject: BehaviorSubject<string> }).statusSubject;
    const listenersBefore = status.observers.length;

    const outcomes = [outcomeOf(http.get(`${ORDERS}/1`)), outcomeOf(http.get(`${ORDERS}/2`))];
    await settle();
    jasmine.clock().tick(1_000);
    const results = await Promise.all(outcomes);

    expect(results.map((r) => (r.error as MsalHttpError).code)).toEqual(['MSALHTTP208', 'MSALHTTP208']);
    expect(status.observers.length).toBe(listenersBefore);
  });

  it('fails a popup left open past the interaction timeout with MSALHTTP210', async () => {
    const client = new FakeMsalClient();
    client.interactionRequired = true;
    client.popup = () => ({ kind: 'never' });
    const { http } = setUpMsalHttp({ client, account: fakeAccount(), config: { timeouts: { interaction: 1_000 } } });

    const outcome = outcomeOf(http.get(ORDERS));
    await settle();
    jasmine.clock().tick(1_000);

    expect(((await outcome).error as MsalHttpError).code).toBe('MSALHTTP210');
  });
});

describe('InteractionCoordinator across tabs (Web Locks)', () => {
  const LOCK = 'ngx-msal-http.interaction.fake-client-id';
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('waits for the sign-in popup another tab has open instead of opening a second one, then retries silently', async () => {
    const { client, http, msal, locks } = tabWithLocks();
    const otherTabDone = locks.holdElsewhere(LOCK);

    http.get(ORDERS).subscribe();
    await settle();
    expect(client.calls.acquireTokenPopup.length).toBe(0);

    // The other tab signed in; with a shared cache this tab's silent call now succeeds.
    client.interactionRequired = false;
    otherTabDone();
    (await msal.expectRequest(ORDERS)).flush({});

    expect(client.calls.acquireTokenPopup.length).toBe(0);
  });

  it('opens its popup without asking for the lock when withCrossTabSync() is not provided', async () => {
    const { client, http, msal, locks } = tabWithLocks({}, []);
    locks.holdElsewhere(LOCK);

    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});

    expect(client.calls.acquireTokenPopup.length).toBe(1);
  });

  it('opens its own popup at once with a cache per tab (sessionStorage): waiting could not spare the user', async () => {
    const { client, http, msal, locks } = tabWithLocks({}, [withCrossTabSync()], 'sessionStorage');
    locks.holdElsewhere(LOCK);

    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});

    expect(client.calls.acquireTokenPopup.length).toBe(1);
  });

  it('holds the lock while its own popup is open and lets it go when the popup ends', async () => {
    const { client, http, msal, locks } = tabWithLocks();
    let finish = () => {};
    client.popup = () => new Promise((resolve) => (finish = () => resolve({ kind: 'ok' })));

    http.get(ORDERS).subscribe();
    await settle();
    expect(locks.isHeld(LOCK)).toBeTrue();

    finish();
    (await msal.expectRequest(ORDERS)).flush({});
    expect(locks.isHeld(LOCK)).toBeFalse();
  });

  it("fails with MSALHTTP208 when the other tab's popup outlasts timeouts.interaction", async () => {
    jasmine.clock().install();
    try {
      const { client, http, locks } = tabWithLocks({ timeouts: { interaction: 1_000 } });
      locks.holdElsewhere(LOCK);
      const outcome = outcomeOf(http.get(ORDERS));
      await settle();
      jasmine.clock().tick(1_000);

      expect(((await outcome).error as MsalHttpError).code).toBe('MSALHTTP208');
      expect(client.calls.acquireTokenPopup.length).toBe(0);
    } finally {
      jasmine.clock().uninstall();
    }
  });
});

function tabWithLocks(config: Partial<MsalHttpConfig> = {}, features = [withCrossTabSync()], cacheLocation = 'localStorage') {
  const client = new FakeMsalClient();
  client.interactionRequired = true;
  client.configuration = {
    auth: { clientId: 'fake-client-id' },
    cache: { cacheLocation },
    system: { tokenRenewalOffsetSeconds: client.renewalOffsetSeconds },
  } as unknown as BrowserConfiguration;
  const locks = new FakeTabLocks();
  const harness = setUpMsalHttp({
    client,
    account: fakeAccount(),
    config,
    providers: [...features.flatMap((feature) => feature.ɵproviders), { provide: MSAL_HTTP_RENEWAL_LOCKS, useValue: locks }],
  });
  return { ...harness, locks };
}

// Exclusive locks shared by this tab and a pretend other tab (holdElsewhere).
class FakeTabLocks {
  private readonly holders = new Map<string, Promise<void>>();

  holdElsewhere(name: string): () => void {
    let release = () => {};
    this.holders.set(name, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.holders.delete(name);
      release();
    };
  }

  isHeld(name: string): boolean {
    return this.holders.has(name);
  }

  async request(
    name: string,
    optionsOrCallback: LockOptions | LockGrantedCallback<unknown>,
    maybeCallback?: LockGrantedCallback<unknown>,
  ): Promise<unknown> {
    const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback)!;
    if (options.ifAvailable && this.holders.has(name)) return callback(null);
    while (this.holders.has(name)) await this.holders.get(name);
    let release = () => {};
    this.holders.set(name, new Promise<void>((resolve) => (release = resolve)));
    try {
      return await callback({ name, mode: 'exclusive' });
    } finally {
      this.holders.delete(name);
      release();
    }
  }
}
