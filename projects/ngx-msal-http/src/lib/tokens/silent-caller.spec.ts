import { CacheLookupPolicy, InteractionRequiredAuthError, SilentRequest } from '@azure/msal-browser';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
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
