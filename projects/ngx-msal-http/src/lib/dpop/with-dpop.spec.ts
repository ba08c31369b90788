import { HttpErrorResponse } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { fakeAccount } from '../../../testing/src/fake-msal-client';
import { expectRequest, outcomeOf, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpConfig } from '../config/msal-http-config';
import { MsalHttpError } from '../config/msal-http-error';
import { MsalHttpDpopOptions, withDpop } from './with-dpop';

const PAY = 'https://pay.contoso.test/v1';
const ORDERS = 'https://api.contoso.test/orders';
const MAP: MsalHttpConfig['protectedResourceMap'] = [
  [PAY, ['api://pay/pay.write']],
  [ORDERS, ['api://orders/orders.read']],
  ['http://plain.contoso.test', ['api://plain/plain.read']],
  ['http://plain.contoso.test/public', null],
];
const CLAIMS = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';

describe('withDpop', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('sends a DPoP token and a proof msal signed for this request, without query and fragment', async () => {
    const { http, client } = setUp({ keys: [PAY] });

    http.get(`${PAY}/charges?id=7#top`).subscribe();
    const request = await expectRequest(`${PAY}/charges?id=7#top`);

    const [call] = client.calls.acquireTokenSilent;
    expect(call.authenticationScheme).toBe('DPoP');
    expect(call.resourceRequestMethod).toBe('GET');
    expect(call.resourceRequestUri).toBe(`${PAY}/charges`);
    expect(request.request.headers.get('Authorization')).toMatch(/^DPoP fake-at\./);
    expect(request.request.headers.get('DPoP')).toMatch(/^fake-dpop-proof\.GET https:\/\/pay\.contoso\.test\/v1\/charges\.\d+$/);
    request.flush({});
  });

  it('asks msal for every DPoP request, so that no proof is served from memory or shared by single flight', async () => {
    const { http, client, msal } = setUp({ keys: [PAY] });

    http.post(`${PAY}/charges`, {}).subscribe();
    http.post(`${PAY}/charges`, {}).subscribe();
    const concurrent = await msal.requests(`${PAY}/charges`);
    concurrent.forEach((r) => r.flush({}));
    http.post(`${PAY}/charges`, {}).subscribe();
    const later = await expectRequest(`${PAY}/charges`);
    later.flush({});

    const proofs = [...concurrent, later].map((r) => r.request.headers.get('DPoP'));
    expect(client.calls.acquireTokenSilent.length).toBe(3);
    expect(new Set(proofs).size).toBe(3);
    expect(client.calls.acquireTokenSilent.every((r) => r.resourceRequestMethod === 'POST')).toBeTrue();
  });

  it('keeps bearer tokens, and the memory, for keys it does not name', async () => {
    const { http, client } = setUp({ keys: [PAY] });

    for (let i = 0; i < 2; i++) {
      http.get(ORDERS).subscribe();
      const request = await expectRequest(ORDERS);
      expect(request.request.headers.get('Authorization')).toMatch(/^Bearer /);
      expect(request.request.headers.has('DPoP')).toBeFalse();
      request.flush({});
    }
    expect(client.calls.acquireTokenSilent.length).toBe(1);
    expect(client.calls.acquireTokenSilent[0].authenticationScheme).toBeUndefined();
  });

  it('covers every https key with scopes when no keys are named, null keys on http included', async () => {
    const { http, client } = setUp({}, [
      [ORDERS, ['api://orders/orders.read']],
      ['http://plain.contoso.test/public', null],
    ]);

    http.get(ORDERS).subscribe();
    (await expectRequest(ORDERS)).flush({});

    expect(client.calls.acquireTokenSilent[0].authenticationScheme).toBe('DPoP');
  });

  it('fails with MSALHTTP241 on use_dpop_nonce, without a retry msal could not sign', async () => {
    const { http, client } = setUp({ keys: [PAY] });

    const outcome = outcomeOf(http.get(PAY));
    (await expectRequest(PAY)).flush(null, {
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'WWW-Authenticate': 'DPoP algs="ES256", error="use_dpop_nonce"', 'DPoP-Nonce': 'n-1' },
    });
    const { error } = await outcome;

    expect(error).toBeInstanceOf(MsalHttpError);
    expect((error as MsalHttpError).code).toBe('MSALHTTP241');
    expect(((error as MsalHttpError).cause as HttpErrorResponse).status).toBe(401);
    expect(client.calls.acquireTokenSilent.length).toBe(1);
  });

  it('fails with MSALHTTP242 when the API refuses the proof', async () => {
    const { http } = setUp({ keys: [PAY] });

    const outcome = outcomeOf(http.get(PAY));
    (await expectRequest(PAY)).flush(null, {
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'WWW-Authenticate': 'DPoP algs="ES256", error="invalid_dpop_proof", error_description="proof iat is stale"' },
    });
    const { error } = await outcome;

    expect((error as MsalHttpError).code).toBe('MSALHTTP242');
    expect((error as MsalHttpError).message).toContain('proof iat is stale');
  });

  it('gives other 401s to the caller as they are', async () => {
    const { http } = setUp({ keys: [PAY] });

    const outcome = outcomeOf(http.get(PAY));
    (await expectRequest(PAY)).flush(null, {
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'WWW-Authenticate': 'DPoP error="invalid_token"' },
    });
    const { error } = await outcome;

    expect((error as HttpErrorResponse).status).toBe(401);
  });

  it('retries a claims challenge with the claims and a fresh proof', async () => {
    const { http, client } = setUp({ keys: [PAY] });

    const outcome = outcomeOf(http.get(PAY));
    const first = await expectRequest(PAY);
    first.flush(null, {
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'WWW-Authenticate': `DPoP error="insufficient_claims", claims="${btoa(CLAIMS)}"` },
    });
    const retry = await expectRequest(PAY);
    retry.flush({ ok: true });

    expect((await outcome).value).toEqual({ ok: true });
    expect(client.calls.acquireTokenSilent.map((r) => [r.claims, r.authenticationScheme])).toEqual([
      [undefined, 'DPoP'],
      [CLAIMS, 'DPoP'],
    ]);
    expect(retry.request.headers.get('DPoP')).not.toBe(first.request.headers.get('DPoP'));
  });

  it('sends nothing when msal returns no proof (MSALHTTP240)', async () => {
    const { http, client } = setUp({ keys: [PAY] });
    const original = client.acquireTokenSilent.bind(client);
    client.acquireTokenSilent = async (request) => ({ ...(await original(request)), tokenType: 'Bearer', dpopProof: undefined });

    const { error } = await outcomeOf(http.get(PAY));

    expect((error as MsalHttpError).code).toBe('MSALHTTP240');
  });

  it('puts no proof in any event', async () => {
    const { http, seen } = setUp({ keys: [PAY] });

    http.get(PAY).subscribe();
    (await expectRequest(PAY)).flush({});

    expect(seen.some((e) => e.type === 'msal:acquireTokenSuccess')).toBeTrue();
    expect(JSON.stringify(seen)).not.toContain('fake-dpop-proof');
  });

  it('signs in with a bearer popup, then gets each joined request a DPoP token and a proof of its own', async () => {
    const { http, client, msal } = setUp({ keys: [PAY] });
    client.interactionRequired = true;

    http.get(PAY).subscribe();
    http.get(PAY).subscribe();
    const requests = await msal.requests(PAY);
    requests.forEach((r) => r.flush({}));

    expect(client.calls.acquireTokenPopup.length).toBe(1);
    expect(client.calls.acquireTokenPopup[0].authenticationScheme).toBeUndefined();
    expect(client.calls.acquireTokenPopup[0].resourceRequestUri).toBeUndefined();
    expect(requests.map((r) => r.request.headers.get('Authorization'))).toEqual([
      jasmine.stringMatching(/^DPoP /),
      jasmine.stringMatching(/^DPoP /),
    ]);
    expect(new Set(requests.map((r) => r.request.headers.get('DPoP'))).size).toBe(2);
  });
});

describe('withDpop at startup', () => {
  it('fails at startup for a key the map does not have (MSALHTTP140)', () => {
    expect(() => setUp({ keys: ['https://pay.contoso.test/v1/'] })).toThrowError(/^MSALHTTP140: .*"https:\/\/pay\.contoso\.test\/v1\/"/);
  });

  it('fails at startup for an http key, named or covered by default (MSALHTTP141)', () => {
    expect(() => setUp({ keys: ['http://plain.contoso.test'] })).toThrowError(/^MSALHTTP141: .*https/);
    TestBed.resetTestingModule();
    expect(() => setUp({})).toThrowError(/^MSALHTTP141: /);
  });

  it('fails at startup for a relative key when the app is not served over https (MSALHTTP141)', () => {
    // Karma serves the page over http.
    expect(() => setUp({ keys: ['/api'] }, [['/api', ['api://app/app.read']]])).toThrowError(/^MSALHTTP141: /);
  });
});

function setUp(options: MsalHttpDpopOptions, protectedResourceMap = MAP) {
  const harness = setUpMsalHttp({ config: { protectedResourceMap }, providers: [...withDpop(options).ɵproviders] });
  harness.client.signIn(fakeAccount(), true);
  return harness;
}
