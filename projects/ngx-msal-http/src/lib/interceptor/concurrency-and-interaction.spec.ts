import { HttpContext } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { EventType, InteractionType } from '@azure/msal-browser';

import { fakeAccount } from '../../../testing/src/fake-msal-client';
import { expectRequest, settle, outcomeOf, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpError } from '../config/msal-http-error';
import { MSAL_HTTP_SCOPES } from './http-context-tokens';

const ORDERS = 'https://api.contoso.test/orders';
const PROFILE = 'https://profile.contoso.test/me';

describe('single-flight acquisition and one interaction for many requests', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('opens one popup for 50 parallel requests that need interaction, and every request carries its token', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    client.interactionRequired = true;

    const outcomes = Array.from({ length: 50 }, (_, i) => outcomeOf(http.get(`${ORDERS}/${i}`)));
    await settle();
    const requests = backend.match((r) => r.url.startsWith(ORDERS));
    const headers = new Set(requests.map((r) => r.request.headers.get('Authorization')));
    requests.forEach((r) => r.flush({ ok: true }));
    const results = await Promise.all(outcomes);

    expect(client.calls.acquireTokenSilent.length).toBe(1);
    expect(client.calls.acquireTokenPopup.length).toBe(1);
    expect(requests.length).toBe(50);
    expect(results.filter((r) => r.error !== undefined).length).toBe(0);
    expect([...headers]).toEqual([jasmine.stringMatching(/^Bearer fake-at\.ada-contoso-test\.api:\/\/orders\/orders\.read\.1$/)]);
  });

  it('starts one redirect for 50 parallel requests and fails each with MSALHTTP204, never completing empty', async () => {
    const { http, backend, client } = setUpMsalHttp({ config: { interactionType: 'redirect' } });
    client.signIn(fakeAccount(), true);
    client.interactionRequired = true;

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => outcomeOf(http.get(`${ORDERS}/${i}`))));

    expect(client.calls.acquireTokenRedirect.length).toBe(1);
    expect(results.map((r) => (r.error as MsalHttpError).code)).toEqual(Array(50).fill('MSALHTTP204'));
    backend.expectNone((r) => r.url.startsWith(ORDERS));
  });

  it('shares one silent acquisition per scope set across mixed parallel requests', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);

    for (let i = 0; i < 10; i++) {
      http.get(`${ORDERS}/${i}`).subscribe();
      http.get(`${PROFILE}/${i}`).subscribe();
    }
    await settle();
    backend.match(() => true).forEach((r) => r.flush({}));

    expect(client.calls.acquireTokenSilent.map((r) => r.scopes).sort()).toEqual([
      ['api://orders/orders.read'],
      ['api://profile/profile.read'],
    ]);
  });

  it('treats scope lists in any order as the same acquisition', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);

    for (const scopes of [
      ['a', 'b', 'c'],
      ['c', 'a', 'b'],
      ['b', 'c', 'a'],
    ]) {
      http.get(ORDERS, { context: new HttpContext().set(MSAL_HTTP_SCOPES, scopes) }).subscribe();
    }
    await settle();
    backend.match(() => true).forEach((r) => r.flush({}));

    expect(client.calls.acquireTokenSilent.length).toBe(1);
    expect(client.calls.acquireTokenSilent[0].scopes).toEqual(['a', 'b', 'c']);
  });

  it('lets requests for other scopes retry silently after the one popup', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    client.interactionRequired = true;

    const orders = outcomeOf(http.get(ORDERS));
    const profile = outcomeOf(http.get(PROFILE));
    await settle();
    backend.match(() => true).forEach((r) => r.flush({}));

    expect((await orders).error).toBeUndefined();
    expect((await profile).error).toBeUndefined();
    expect(client.calls.acquireTokenPopup.length).toBe(1);
    expect(client.calls.acquireTokenSilent.map((r) => r.scopes[0])).toEqual([
      'api://orders/orders.read',
      'api://profile/profile.read',
      'api://profile/profile.read',
    ]);
  });

  it('signs in with the consent scopes in the popup when nobody is signed in, and makes that account active', async () => {
    const { http, client } = setUpMsalHttp({ config: { consentScopes: ['openid', 'api://orders/orders.read'] } });

    http.get(PROFILE).subscribe();
    (await expectRequest(PROFILE)).flush({});

    expect(client.calls.acquireTokenSilent.length).toBe(0);
    expect(client.calls.acquireTokenPopup[0].scopes).toEqual(['openid', 'api://orders/orders.read', 'api://profile/profile.read']);
    expect(client.calls.acquireTokenPopup[0].account).toBeUndefined();
    expect(client.getActiveAccount()?.username).toBe('ada@contoso.test');
  });

  it('fails with MSALHTTP203 and opens nothing when interaction is required and interactionType is none', async () => {
    const { http, backend, client } = setUpMsalHttp({ config: { interactionType: 'none' } });
    client.signIn(fakeAccount(), true);
    client.interactionRequired = true;

    const { error } = await outcomeOf(http.get(ORDERS));

    expect((error as MsalHttpError).code).toBe('MSALHTTP203');
    expect(client.calls.acquireTokenPopup.length + client.calls.acquireTokenRedirect.length).toBe(0);
    backend.expectNone(ORDERS);
  });

  it('waits for an interaction started elsewhere in the app, then retries silently without a popup', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    await settle();
    client.emit(EventType.ACQUIRE_TOKEN_START, InteractionType.Redirect);
    client.interactionRequired = true;

    const outcome = outcomeOf(http.get(ORDERS));
    await settle();
    backend.expectNone(ORDERS);
    client.interactionRequired = false;
    client.emit(EventType.ACQUIRE_TOKEN_SUCCESS, InteractionType.Redirect);
    (await expectRequest(ORDERS)).flush({ done: true });

    expect((await outcome).value).toEqual({ done: true });
    expect(client.calls.acquireTokenPopup.length).toBe(0);
    expect(client.calls.acquireTokenSilent.length).toBe(2);
  });

  it('sends nothing for a request unsubscribed while it waits, and still serves the others', async () => {
    const { http, backend, client } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);
    let release!: () => void;
    client.silent = () => new Promise((resolve) => (release = () => resolve({ kind: 'ok' })));

    const cancelled = http.get(`${ORDERS}/cancelled`).subscribe();
    const kept = outcomeOf(http.get(`${ORDERS}/kept`));
    await settle();
    cancelled.unsubscribe();
    release();
    (await expectRequest(`${ORDERS}/kept`)).flush({ kept: true });

    expect((await kept).value).toEqual({ kept: true });
    backend.expectNone(`${ORDERS}/cancelled`);
    expect(client.calls.acquireTokenSilent.length).toBe(1);
  });
});
