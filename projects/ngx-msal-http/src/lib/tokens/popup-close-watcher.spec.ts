import { HttpTestingController } from '@angular/common/http/testing';
import { AccountInfo } from '@azure/msal-browser';
import { TestBed } from '@angular/core/testing';

import { FakeMsalClient, FakePopupWindow, fakeAccount } from '../../../testing/src/fake-msal-client';
import { outcomeOf, settle, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpAuth } from '../auth/msal-http-auth';
import { MsalHttpConfig } from '../config/msal-http-config';
import { MsalHttpError } from '../config/msal-http-error';

const ORDERS = 'https://api.contoso.test/orders';
const PROFILE = 'https://profile.contoso.test/me';

describe('PopupCloseWatcher', () => {
  beforeEach(() => jasmine.clock().install());
  afterEach(() => {
    jasmine.clock().uninstall();
    TestBed.inject(HttpTestingController).verify();
  });

  it('fails every request waiting for a popup the user closed with MSALHTTP207 within 3 s, one failure event each', async () => {
    const { http, popup, harness } = await popupOpen();
    const waiting = [outcomeOf(http.get(ORDERS)), outcomeOf(http.get(PROFILE))];
    await openedAndSeen(popup);

    popup.close();
    await advance(1_500);
    const results = await Promise.all(waiting);

    expect(results.map((r) => (r.error as MsalHttpError).code)).toEqual(['MSALHTTP207', 'MSALHTTP207']);
    expect((results[0].error as MsalHttpError).message).toContain('opens a new popup');
    expect(harness.seen.filter((e) => e.type === 'msal:acquireTokenFailure').length).toBe(2);
  });

  it('lets the next request open a new popup at once, overriding the interaction msal-browser still counts', async () => {
    const { http, popup, client, harness } = await popupOpen();
    const first = outcomeOf(http.get(ORDERS));
    await openedAndSeen(popup);
    popup.close();
    await advance(1_500);
    await first;

    client.popup = () => ({ kind: 'ok' });
    http.get(ORDERS).subscribe();
    (await harness.msal.expectRequest(ORDERS)).flush({});

    expect(client.calls.acquireTokenPopup.length).toBe(2);
    expect(client.calls.acquireTokenPopup[1].overrideInteractionInProgress).toBeTrue();
  });

  for (const [what, again] of [
    ['another request', PROFILE],
    ['a repeat of the same request', ORDERS],
  ]) {
    it(`gives ${what} arriving just after the close a popup of its own, not the closed one`, async () => {
      const { http, popup, client, harness } = await popupOpen();
      const first = outcomeOf(http.get(ORDERS));
      await openedAndSeen(popup);
      popup.close();
      // The user clicks again before the close is confirmed.
      await advance(250);
      const second = outcomeOf(http.get(again));
      client.popup = () => ({ kind: 'ok' });
      await advance(1_500);

      expect(((await first).error as MsalHttpError).code).toBe('MSALHTTP207');
      (await harness.msal.expectRequest(again)).flush({});
      expect((await second).error).toBeUndefined();
      expect(client.calls.acquireTokenPopup.length).toBe(2);
    });
  }

  it('never takes a handle severed by Cross-Origin-Opener-Policy for a closed popup', async () => {
    const { http, popup, harness, finish } = await popupOpen();
    const outcome = outcomeOf(http.get(ORDERS));
    await settle();
    popup.sever();
    await advance(30_000);

    finish();
    (await harness.msal.expectRequest(ORDERS)).flush({});

    expect((await outcome).error).toBeUndefined();
  });

  it('does not arm on a handle that reads open for a moment before COOP severs it', async () => {
    const { http, popup, harness, finish } = await popupOpen();
    const outcome = outcomeOf(http.get(ORDERS));
    await settle();
    popup.commit();
    await advance(250);
    popup.sever();
    await advance(10_000);

    finish();
    (await harness.msal.expectRequest(ORDERS)).flush({});

    expect((await outcome).error).toBeUndefined();
  });

  it('does not report a popup the redirect bridge closed while msal-browser redeems the code', async () => {
    const { http, popup, harness, finish } = await popupOpen();
    const outcome = outcomeOf(http.get(ORDERS));
    await openedAndSeen(popup);

    popup.close();
    await advance(750);
    finish();
    (await harness.msal.expectRequest(ORDERS)).flush({});
    await advance(5_000);

    expect((await outcome).error).toBeUndefined();
  });

  it("keeps msal-browser's own behaviour with watchPopupClose: false", async () => {
    const { http, popup, client } = await popupOpen({ watchPopupClose: false });
    let done = false;
    http.get(ORDERS).subscribe({ error: () => (done = true) });
    await openedAndSeen(popup);

    popup.close();
    await advance(10_000);

    expect(done).toBeFalse();
    expect(client.calls.acquireTokenPopup.length).toBe(1);
    TestBed.inject(HttpTestingController).verify();
  });

  it('fails a sign-in popup the app opened, and the requests waiting for it, with MSALHTTP207', async () => {
    const { http, popup, harness } = await popupOpen({}, null);
    const signIn = TestBed.inject(MsalHttpAuth)
      .loginPopup()
      .then(
        () => null,
        (error: MsalHttpError) => error.code,
      );
    await settle();
    const waiting = outcomeOf(http.get(ORDERS));
    await openedAndSeen(popup);

    popup.close();
    await advance(1_500);

    expect(await signIn).toBe('MSALHTTP207');
    expect(((await waiting).error as MsalHttpError).code).toBe('MSALHTTP207');
    expect(harness.seen.filter((e) => e.type === 'msal:loginFailure').length).toBe(1);
  });
});

// A signed-in account whose silent calls need the user; every popup shows `popup` and stays open
// until `finish()`.
async function popupOpen(config: Partial<MsalHttpConfig> = {}, account: AccountInfo | null = fakeAccount()) {
  const client = new FakeMsalClient();
  client.interactionRequired = true;
  const popup = new FakePopupWindow();
  client.popupWindow = () => popup;
  let finish = () => {};
  client.popup = () => new Promise((resolve) => (finish = () => resolve({ kind: 'ok' })));
  const harness = setUpMsalHttp({ client, account, config });
  await settle();
  return { http: harness.http, client, popup, harness, finish: () => finish() };
}

// The popup shows the provider's page and the watcher has seen it open.
async function openedAndSeen(popup: FakePopupWindow): Promise<void> {
  await settle();
  popup.commit();
  await advance(750);
}

async function advance(ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 250) {
    jasmine.clock().tick(250);
    await settle();
  }
}
