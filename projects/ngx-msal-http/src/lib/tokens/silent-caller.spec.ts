import { CacheLookupPolicy, InteractionRequiredAuthError, SilentRequest } from '@azure/msal-browser';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { accountLockName, CACHE_SYNC_MS } from './account-lock';
import { SilentCaller } from './silent-caller';

describe('SilentCaller', () => {
  const ada = fakeAccount();
  const bob = fakeAccount('bob@contoso.test');
  let client: FakeMsalClient;
  let caller: SilentCaller;

  beforeEach(() => {
    jasmine.clock().install();
    client = new FakeMsalClient();
    client.signIn(ada);
    client.signIn(bob);
    caller = new SilentCaller(() => client, 1_000, null);
  });
  afterEach(() => jasmine.clock().uninstall());

  it("runs one account's calls one at a time, and other accounts' calls alongside", async () => {
    const held: { readonly request: SilentRequest; readonly release: () => void }[] = [];
    client.silent = (request) => new Promise((resolve) => held.push({ request, release: () => resolve({ kind: 'ok' }) }));

    const calls = [caller.call('a1', request(ada, 'a')), caller.call('a2', request(ada, 'b')), caller.call('b1', request(bob, 'a'))];
    await drain();
    expect(held.map((h) => `${h.request.account?.username} ${h.request.scopes.join(' ')}`)).toEqual([
      'ada@contoso.test a',
      'bob@contoso.test a',
    ]);

    held[0].release();
    await drain();
    expect(held.length).toBe(3);
    held.slice(1).forEach((h) => h.release());
    await expectAsync(Promise.all(calls)).toBeResolved();
  });

  it('lets the next call go once a call times out, with a cache lookup policy msal has no pending call for', async () => {
    client.silent = () => ({ kind: 'never' });
    const stuck = caller.call('k', request(ada, 'a'));
    await drain();
    jasmine.clock().tick(1_000);
    await expectAsync(stuck).toBeRejectedWith(jasmine.objectContaining({ code: 'MSALHTTP206' }));

    client.silent = () => ({ kind: 'ok' });
    await caller.call('k', request(ada, 'a'));
    await caller.call('k', request(ada, 'a'));

    expect(client.calls.acquireTokenSilent.map((r) => r.cacheLookupPolicy)).toEqual([
      undefined,
      CacheLookupPolicy.AccessTokenAndRefreshToken,
      CacheLookupPolicy.AccessTokenAndRefreshToken,
    ]);
  });

  it('rejects a result without an access token as interaction required', async () => {
    client.accessTokenFor = () => '';

    await expectAsync(caller.call('k', request(ada, 'a'))).toBeRejectedWith(jasmine.any(InteractionRequiredAuthError));
  });

  describe('with Web Locks (tabs sharing a localStorage cache)', () => {
    let locks: ReturnType<typeof fakeLocks>;
    let otherTab: FakeMsalClient;
    let otherCaller: SilentCaller;

    beforeEach(() => {
      // The hold after a network call is measured with Date.now().
      jasmine.clock().mockDate(new Date('2026-01-01T00:00:00Z'));
      locks = fakeLocks();
      caller = new SilentCaller(() => client, 1_000, null, locks.manager);
      otherTab = new FakeMsalClient();
      otherTab.signIn(ada);
      otherCaller = new SilentCaller(() => otherTab, 1_000, null, locks.manager);
    });

    it("takes the account's lock, and another tab's call waits until the redeeming tab's cache has reached it", async () => {
      const first = caller.call('k', request(ada, 'a'));
      await expectAsync(first).toBeResolved();
      const second = otherCaller.call('k', request(ada, 'a'));
      await drain();
      expect(locks.names).toEqual([accountLockName(ada.homeAccountId), accountLockName(ada.homeAccountId)]);
      expect(otherTab.calls.acquireTokenSilent.length).toBe(0);

      jasmine.clock().tick(CACHE_SYNC_MS);
      await expectAsync(second).toBeResolved();
      expect(otherTab.calls.acquireTokenSilent.length).toBe(1);
    });

    it("runs the tab's own calls under the lock it holds, without waiting", async () => {
      await caller.call('k1', request(ada, 'a'));
      await caller.call('k2', request(ada, 'b'));

      expect(client.calls.acquireTokenSilent.length).toBe(2);
      expect(locks.names.length).toBe(1);
    });

    it('releases the lock at once after calls msal answered from its cache', async () => {
      await caller.call('k', request(ada, 'a'));
      jasmine.clock().tick(CACHE_SYNC_MS);
      await drain();
      await caller.call('k', request(ada, 'a'));
      await expectAsync(otherCaller.call('k', request(ada, 'a'))).toBeResolved();
      expect(otherTab.calls.acquireTokenSilent.length).toBe(1);
    });

    it("runs another account's calls alongside, under that account's lock", async () => {
      await caller.call('k', request(ada, 'a'));
      await expectAsync(caller.call('b', request(bob, 'a'))).toBeResolved();
      expect(locks.names).toEqual([accountLockName(ada.homeAccountId), accountLockName(bob.homeAccountId)]);
    });

    it('falls back to the tab’s own queue when the lock manager refuses', async () => {
      caller = new SilentCaller(() => client, 1_000, null, {
        request: () => Promise.reject(new DOMException('opaque', 'SecurityError')),
      } as unknown as LockManager);
      await expectAsync(caller.call('k', request(ada, 'a'))).toBeResolved();
    });
  });

  function request(account: typeof ada, scope: string): SilentRequest & { account: typeof ada } {
    return { scopes: [scope], account };
  }
});

// Lets the fake's promise chains run; the caller's timers are under jasmine.clock().
function drain(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

// A lock manager with exclusive locks granted in request order, like navigator.locks.
function fakeLocks(): { readonly manager: LockManager; readonly names: string[] } {
  const tails = new Map<string, Promise<unknown>>();
  const names: string[] = [];
  const request = (name: string, callback: () => Promise<unknown>) => {
    names.push(name);
    const run = (tails.get(name) ?? Promise.resolve()).then(() => callback());
    tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  };
  return { manager: { request } as unknown as LockManager, names };
}
