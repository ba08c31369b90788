import { HttpErrorResponse } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { fakeAccount } from '../../../testing/src/fake-msal-client';
import { expectRequest, outcomeOf, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { parseClaimsChallenge } from './claims-challenge';

const CLAIMS = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
const ENCODED = btoa(CLAIMS);
const CHALLENGE = `Bearer realm="", authorization_uri="https://login.example/authorize", error="insufficient_claims", claims="${ENCODED}"`;
const PROFILE = 'https://profile.contoso.test/me';

describe('parseClaimsChallenge', () => {
  const cases: readonly (readonly [string, string | null, string | null])[] = [
    ['a CAE challenge', CHALLENGE, CLAIMS],
    ['a challenge after another scheme', `Basic realm="x", ${CHALLENGE}`, CLAIMS],
    ['a challenge followed by another scheme', `${CHALLENGE}, Basic realm="x"`, CLAIMS],
    ['unquoted parameters and base64url without padding', `Bearer error=insufficient_claims, claims=${ENCODED.replace(/=+$/, '')}`, CLAIMS],
    ['a quoted realm containing commas', `Bearer realm="a, b", error="insufficient_claims", claims="${ENCODED}"`, CLAIMS],
    ['upper-case parameter names', `Bearer ERROR="insufficient_claims", CLAIMS="${ENCODED}"`, CLAIMS],
    ['an invalid_token error', 'Bearer error="invalid_token"', null],
    ['claims without the insufficient_claims error', `Bearer claims="${ENCODED}"`, null],
    ['claims that are not base64', 'Bearer error="insufficient_claims", claims="%%%"', null],
    ['claims that are not JSON', `Bearer error="insufficient_claims", claims="${btoa('not json')}"`, null],
    ['claims that are a JSON array', `Bearer error="insufficient_claims", claims="${btoa('[1]')}"`, null],
    ['the challenge under another scheme', `Basic error="insufficient_claims", claims="${ENCODED}"`, null],
    ['no header', null, null],
    ['an empty header', '', null],
  ];
  for (const [name, header, expected] of cases) {
    it(`returns ${expected === null ? 'null' : 'the claims'} for ${name}`, () => {
      expect(parseClaimsChallenge(header)).toBe(expected);
    });
  }

  it("reads the DPoP scheme's challenge for a DPoP request, and only then", () => {
    const dpop = `DPoP algs="ES256", error="insufficient_claims", claims="${ENCODED}"`;
    expect(parseClaimsChallenge(dpop, 'dpop')).toBe(CLAIMS);
    expect(parseClaimsChallenge(dpop)).toBeNull();
    expect(parseClaimsChallenge(CHALLENGE, 'dpop')).toBeNull();
  });
});

describe('401 responses', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('retries once with a token acquired for the decoded claims and returns the retried response', async () => {
    const { http, client, seen } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);

    const outcome = outcomeOf(http.get(PROFILE));
    const first = await expectRequest(PROFILE);
    first.flush(null, { status: 401, statusText: 'Unauthorized', headers: { 'WWW-Authenticate': CHALLENGE } });
    const retry = await expectRequest(PROFILE);
    retry.flush({ name: 'Ada' });

    expect((await outcome).value).toEqual({ name: 'Ada' });
    expect(client.calls.acquireTokenSilent.map((r) => r.claims)).toEqual([undefined, CLAIMS]);
    expect(retry.request.headers.get('Authorization')).toContain('.claims.');
    expect(retry.request.headers.get('Authorization')).not.toBe(first.request.headers.get('Authorization'));
    expect(seen.filter((e) => e.type === 'msal:claimsChallenge').length).toBe(1);
  });

  it('gives a second 401 to the caller without another retry', async () => {
    const { http, backend, client, seen } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);

    const outcome = outcomeOf(http.get(PROFILE));
    (await expectRequest(PROFILE)).flush(null, {
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'WWW-Authenticate': CHALLENGE },
    });
    (await expectRequest(PROFILE)).flush(null, {
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'WWW-Authenticate': CHALLENGE },
    });
    const { error } = await outcome;

    expect((error as HttpErrorResponse).status).toBe(401);
    expect(client.calls.acquireTokenSilent.length).toBe(2);
    expect(seen.filter((e) => e.type === 'msal:notAuthorized').length).toBe(1);
    backend.expectNone(PROFILE);
  });

  it('passes a 401 without a claims challenge to the caller and broadcasts msal:notAuthorized', async () => {
    const { http, backend, client, seen } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);

    const outcome = outcomeOf(http.get(PROFILE));
    (await expectRequest(PROFILE)).flush(null, {
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    });
    const { error } = await outcome;

    expect((error as HttpErrorResponse).status).toBe(401);
    expect(client.calls.acquireTokenSilent.length).toBe(1);
    const notAuthorized = seen.find((e) => e.type === 'msal:notAuthorized');
    expect(notAuthorized).toEqual(
      jasmine.objectContaining({
        status: 401,
        challenge: 'Bearer error="invalid_token"',
        request: jasmine.objectContaining({ url: PROFILE }),
      }),
    );
    backend.expectNone(PROFILE);
  });

  it('passes other error statuses through without retrying or broadcasting', async () => {
    const { http, client, seen } = setUpMsalHttp();
    client.signIn(fakeAccount(), true);

    const outcome = outcomeOf(http.get(PROFILE));
    (await expectRequest(PROFILE)).flush(null, { status: 403, statusText: 'Forbidden' });

    expect(((await outcome).error as HttpErrorResponse).status).toBe(403);
    expect(client.calls.acquireTokenSilent.length).toBe(1);
    expect(seen.some((e) => e.type === 'msal:notAuthorized' || e.type === 'msal:claimsChallenge')).toBeFalse();
  });

  it('does not treat a 401 from an unmapped URL as its business', async () => {
    const { http, seen } = setUpMsalHttp();

    const outcome = outcomeOf(http.get('https://elsewhere.example/x'));
    (await expectRequest('https://elsewhere.example/x')).flush(null, {
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'WWW-Authenticate': CHALLENGE },
    });

    expect(((await outcome).error as HttpErrorResponse).status).toBe(401);
    expect(seen).toEqual([]);
  });
});
