import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, inject, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { EventType, InteractionStatus, InteractionType } from '@azure/msal-browser';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import { networkError } from '../../../testing/src/fake-msal-errors';
import { expectRequest, settle, outcomeOf, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpError } from '../config/msal-http-error';
import { MsalBrowserEvent, MsalHttpEvent, TokenResultInfo } from './msal-http-event';
import { MsalHttpEvents } from './msal-http-events';

const ORDERS = 'https://api.contoso.test/orders';

describe('MsalHttpEvents', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('emits start then success for an interceptor acquisition, naming the request without its query', async () => {
    const { http, client, seen } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);

    http.get(`${ORDERS}/7?secret=1#frag`).subscribe();
    (await expectRequest(`${ORDERS}/7?secret=1#frag`)).flush({});
    const ours = seen.filter((e) => e.type.startsWith('msal:acquireToken'));

    expect(ours.map((e) => e.type)).toEqual(['msal:acquireTokenStart', 'msal:acquireTokenSuccess']);
    expect(ours[1]).toEqual(
      jasmine.objectContaining({
        request: {
          method: 'GET',
          url: `${ORDERS}/7`,
          scopes: ['api://orders/orders.read'],
          account: jasmine.objectContaining({ username: 'ada@contoso.test' }),
        },
        result: jasmine.objectContaining({ scopes: ['api://orders/orders.read'], tokenType: 'Bearer', fromCache: false }),
      }),
    );
  });

  it('emits a failure event carrying the typed error', async () => {
    const { http, client, seen } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    client.silent = () => ({ kind: 'error', error: networkError() });

    const { error } = await outcomeOf(http.get(ORDERS));
    const failure = seen.find((e) => e.type === 'msal:acquireTokenFailure');

    expect(failure).toEqual(jasmine.objectContaining({ error }));
    expect((error as MsalHttpError).code).toBe('MSALHTTP202');
  });

  it('keeps msal-browser events apart, typed by their type, with every token removed', async () => {
    const { http, client, seen, events } = setUpMsalHttp();
    const bridged: MsalBrowserEvent[] = [];
    events.msalBrowserEvents$.subscribe((e) => bridged.push(e));
    const results: TokenResultInfo[] = [];
    events.onMsalBrowser('msal:acquireTokenSuccess').subscribe((e) => results.push(e.payload.result));
    client.signIn(fakeAccount(), true);
    http.get(ORDERS).subscribe();
    const request = await expectRequest(ORDERS);
    request.flush({});

    expect(bridged.map((e) => e.type)).toContain('msal:initializeEnd');
    expect(bridged.filter((e) => e.type.startsWith('msal:acquireToken')).map((e) => e.type)).toEqual([
      'msal:acquireTokenStart',
      'msal:acquireTokenSuccess',
    ]);
    expect(results.map((r) => r.scopes)).toEqual([['api://orders/orders.read']]);
    const accessToken = request.request.headers.get('Authorization')!.split(' ')[1];
    const everything = JSON.stringify([...seen, ...bridged]);
    expect(everything).not.toContain(accessToken);
    expect(everything).not.toContain('fake-id-token');
  });

  it('gives one event per type for one request under the names users subscribe to', async () => {
    const { http, client, events } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    const types: string[] = [];
    events.on('msal:acquireTokenStart', 'msal:acquireTokenSuccess').subscribe((e) => types.push(e.type));
    http.get(ORDERS).subscribe();
    (await expectRequest(ORDERS)).flush({});
    expect(types).toEqual(['msal:acquireTokenStart', 'msal:acquireTokenSuccess']);
  });

  it('calls a 1.x-style subscriber once per failed request, until it unsubscribes', async () => {
    const { http, client, events } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    client.silent = () => ({ kind: 'error', error: networkError() });
    const received: MsalHttpEvent[] = [];
    const subscription = events.subscribe('msal:acquireTokenFailure', (payload) => received.push(payload));
    const { error } = await outcomeOf(http.get(ORDERS));
    subscription.unsubscribe();
    await outcomeOf(http.get(ORDERS));
    expect(received).toEqual([jasmine.objectContaining({ type: 'msal:acquireTokenFailure', error })]);
  });

  it('reports sign-in, sign-out and account changes msal-browser makes, once each', async () => {
    const { client, seen } = setUpMsalHttp();
    await settle();
    const account = fakeAccount();
    client.signIn(account);
    client.emit(EventType.LOGIN_SUCCESS, InteractionType.Popup, account);
    client.setActiveAccount(account);
    client.emit(EventType.LOGOUT_SUCCESS, InteractionType.Popup, { account, idTokenHint: 'fake-id-token-hint' });

    expect(seen.map((e) => e.type)).toEqual(['msal:loginSuccess', 'msal:activeAccountChanged', 'msal:logoutSuccess']);
    expect(seen[0]).toEqual(
      jasmine.objectContaining({ interactionType: 'popup', account: jasmine.objectContaining({ username: account.username }) }),
    );
    expect(JSON.stringify(seen)).not.toContain('fake-id-token');
  });

  it('types a failed sign-out msal-browser reports', async () => {
    const { client, seen } = setUpMsalHttp();
    await settle();
    client.emit(EventType.LOGOUT_FAILURE, InteractionType.Redirect, null, networkError());

    const failure = seen.find((e) => e.type === 'msal:logoutFailure');
    expect(failure && (failure.error as MsalHttpError).code).toBe('MSALHTTP216');
  });

  it('reports startup until redirect handling ends, then mirrors popups', async () => {
    const client = new FakeMsalClient();
    client.interactionRequired = true;
    client.signIn(fakeAccount(), true);
    let closePopup!: () => void;
    client.popup = () => new Promise((resolve) => (closePopup = () => resolve({ kind: 'ok' })));
    const { http, events } = setUpMsalHttp({ client });
    const statuses: InteractionStatus[] = [];
    events.inProgress$.subscribe((s) => statuses.push(s));

    http.get(ORDERS).subscribe();
    await settle();
    expect(events.inProgress()).toBe('acquireToken');
    closePopup();
    (await expectRequest(ORDERS)).flush({});

    expect(statuses).toEqual(['startup', 'none', 'acquireToken', 'none']);
    expect(events.inProgress()).toBe('none');
  });
});

describe('MsalHttpEvents teardown', () => {
  it('removes its msal-browser callback and completes its streams when the injector is destroyed', async () => {
    const client = new FakeMsalClient();
    const { events } = setUpMsalHttp({ client });
    await settle();
    let completed = false;
    events.events$.subscribe({ complete: () => (completed = true) });
    expect(client.eventCallbackCount).toBe(1);

    TestBed.resetTestingModule();

    expect(client.eventCallbackCount).toBe(0);
    expect(completed).toBeTrue();
  });
});

describe('MsalHttpEvents in a zoneless component', () => {
  @Component({
    selector: 'msal-status',
    template: `{{ events.inProgress() }}`,
    changeDetection: ChangeDetectionStrategy.OnPush,
  })
  class StatusComponent {
    readonly events = inject(MsalHttpEvents);
  }

  it('re-renders when the interaction status changes', async () => {
    const client = new FakeMsalClient();
    let finishInitialize!: () => void;
    client.initializeBehavior = () => new Promise((resolve) => (finishInitialize = () => resolve({ kind: 'ok' })));
    setUpMsalHttp({ client, providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(StatusComponent);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent?.trim()).toBe('startup');

    finishInitialize();
    await settle();
    await fixture.whenStable();

    expect((fixture.nativeElement as HTMLElement).textContent?.trim()).toBe('none');
  });
});
