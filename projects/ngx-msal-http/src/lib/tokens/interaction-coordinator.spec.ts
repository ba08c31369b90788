import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject } from 'rxjs';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { userCancelledError } from '../../../testing/src/fake-msal-errors';
import { outcomeOf, settle, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpError } from '../config/msal-http-error';
import { MsalClientHost } from './msal-client-host';

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
