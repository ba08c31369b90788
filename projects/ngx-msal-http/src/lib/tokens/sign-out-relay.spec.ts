import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BrowserConfiguration, EventType, InteractionType } from '@azure/msal-browser';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { outcomeOf, settle, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpError } from '../config/msal-http-error';
import { MSAL_HTTP_BROADCAST_CHANNEL, RelayChannel } from './sign-out-relay';

const ORDERS = 'https://api.contoso.test/orders';

describe('SignOutRelay', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it("tells the other tabs who signed out here: the account's homeAccountId, never a token", async () => {
    const { hub, client, msal, http } = await signedInTab();
    http.get(ORDERS).subscribe();
    const sent = await msal.expectRequest(ORDERS);
    const token = sent.request.headers.get('Authorization')!.slice('Bearer '.length);
    sent.flush({});

    await client.logoutPopup({ account: client.getActiveAccount()! });

    expect(hub.names).toEqual(['ngx-msal-http.signout.fake-client-id']);
    expect(hub.posted).toEqual([{ v: 1, homeAccountId: fakeAccount().homeAccountId }]);
    expect(JSON.stringify(hub.posted)).not.toContain(token);
  });

  it('removes an account another tab signed out, drops its tokens from memory and emits msal:logoutSuccess', async () => {
    const { hub, client, msal, http, seen } = await signedInTab({ interactionType: 'none' });
    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});

    hub.deliver({ v: 1, homeAccountId: fakeAccount().homeAccountId });
    await settle();
    const { error } = await outcomeOf(http.get(ORDERS));

    expect(client.getAllAccounts()).toEqual([]);
    expect(client.getActiveAccount()).toBeNull();
    // Not served from memory: nobody is signed in any more.
    expect((error as MsalHttpError).code).toBe('MSALHTTP200');
    const logouts = seen.filter((e) => e.type === 'msal:logoutSuccess');
    expect(logouts.length).toBe(1);
    expect(logouts[0]).toEqual(jasmine.objectContaining({ interactionType: InteractionType.None }));
    expect(hub.posted).toEqual([]);
  });

  it('ignores a sign-out for an account not signed in here, and messages of another shape', async () => {
    const { hub, client } = await signedInTab();

    hub.deliver({ v: 1, homeAccountId: 'someone-else.tenant' });
    hub.deliver({ homeAccountId: fakeAccount().homeAccountId });
    hub.deliver('sign out');
    await settle();

    expect(client.getAllAccounts().length).toBe(1);
  });

  it("starts the app, without a relay, when the app's client exposes no configuration", async () => {
    const client = new FakeMsalClient();
    spyOn(client, 'getConfiguration').and.throwError('no configuration');
    const { hub, msal, http } = await signedInTab({}, client);

    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});

    expect(hub.names).toEqual([]);
  });

  it('opens no channel with a localStorage cache, where a sign-out msal relays drops the token memory', async () => {
    const client = new FakeMsalClient();
    client.configuration = {
      auth: { clientId: 'fake-client-id' },
      cache: { cacheLocation: 'localStorage' },
      system: { tokenRenewalOffsetSeconds: 300 },
    } as unknown as BrowserConfiguration;
    const { hub, msal, http } = await signedInTab({}, client);
    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});
    const silentCalls = client.calls.acquireTokenSilent.length;

    // What msal emits in this tab when another tab signs out (its own cross-tab relay).
    client.emit(EventType.LOGOUT_SUCCESS, InteractionType.Redirect);
    http.get(ORDERS).subscribe();
    (await msal.expectRequest(ORDERS)).flush({});

    expect(hub.names).toEqual([]);
    expect(client.calls.acquireTokenSilent.length).toBe(silentCalls + 1);
  });
});

// Tabs on one origin, as the relay sees them: what this tab posted, and a way to deliver a
// message another tab posted.
class FakeChannels {
  readonly names: string[] = [];
  readonly posted: unknown[] = [];
  private readonly listeners: ((event: { readonly data: unknown }) => void)[] = [];

  readonly open = (name: string): RelayChannel => {
    this.names.push(name);
    return {
      postMessage: (message) => this.posted.push(structuredClone(message)),
      addEventListener: (_type, listener) => this.listeners.push(listener),
      close: () => undefined,
    };
  };

  deliver(data: unknown): void {
    for (const listener of this.listeners) listener({ data });
  }
}

async function signedInTab(config = {}, client = new FakeMsalClient()) {
  const hub = new FakeChannels();
  const harness = setUpMsalHttp({
    client,
    account: fakeAccount(),
    config,
    providers: [{ provide: MSAL_HTTP_BROADCAST_CHANNEL, useValue: hub.open }],
  });
  await settle();
  return { ...harness, hub };
}
