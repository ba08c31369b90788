import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { BehaviorSubject } from 'rxjs';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { expectRequest, settle, outcomeOf, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpAuth } from '../auth/msal-http-auth';
import { MsalHttpError } from '../config/msal-http-error';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';

const ORDERS = 'https://api.contoso.test/orders';

describe('a startup slower than timeouts.initialization', () => {
  beforeEach(() => jasmine.clock().install());
  afterEach(() => {
    jasmine.clock().uninstall();
    TestBed.inject(HttpTestingController).verify();
  });

  it('fails only the requests that waited too long; later requests go on once msal is ready', async () => {
    const client = new FakeMsalClient();
    client.signIn(fakeAccount(), true);
    let finishRedirect!: () => void;
    client.redirectBehavior = () => new Promise((resolve) => (finishRedirect = () => resolve({ kind: 'ok' })));
    const { http } = setUpMsalHttp({ client, config: { timeouts: { initialization: 1_000 } } });

    const early = outcomeOf(http.get(`${ORDERS}/early`));
    await settle();
    jasmine.clock().tick(1_000);
    expect(((await early).error as MsalHttpError).code).toBe('MSALHTTP205');

    finishRedirect();
    http.get(`${ORDERS}/later`).subscribe();
    (await expectRequest(`${ORDERS}/later`)).flush({});
    expect(client.calls.initialize).toBe(1);
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

describe('waiting for an interaction held elsewhere', () => {
  beforeEach(() => jasmine.clock().install());
  afterEach(() => {
    jasmine.clock().uninstall();
    TestBed.inject(HttpTestingController).verify();
  });

  it('leaves no listener on the interaction status when the wait times out', async () => {
    const client = new FakeMsalClient();
    client.signIn(fakeAccount(), true);
    client.interactionRequired = true;
    client.lockedElsewhere = true;
    const { http } = setUpMsalHttp({ client, config: { timeouts: { interaction: 1_000 } } });
    const status = (TestBed.inject(MsalHttpEventBus) as unknown as { status: BehaviorSubject<string> }).status;
    await settle();
    const listenersBefore = status.observers.length;

    const outcomes = [outcomeOf(http.get(`${ORDERS}/1`)), outcomeOf(http.get(`${ORDERS}/2`))];
    await settle();
    jasmine.clock().tick(1_000);
    const results = await Promise.all(outcomes);

    expect(results.map((r) => (r.error as MsalHttpError).code)).toEqual(['MSALHTTP208', 'MSALHTTP208']);
    expect(status.observers.length).toBe(listenersBefore);
  });
});

describe('a popup shared by requests that differ in their request fields', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('gives a request for another authority its own acquisition, not the popup result', async () => {
    const client = new FakeMsalClient();
    client.signIn(fakeAccount(), true);
    client.interactionRequired = true;
    const { http, backend } = setUpMsalHttp({
      client,
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
});
