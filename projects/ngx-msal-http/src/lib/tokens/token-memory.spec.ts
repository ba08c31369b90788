import { AuthenticationResult, AuthenticationScheme } from '@azure/msal-browser';

import { memoryAllowed, servedUntil, TokenMemory } from './token-memory';

const HOUR = 3600_000;
const OFFSET = 300_000;

describe('TokenMemory', () => {
  it('serves a result until its expiry minus the renewal offset', () => {
    const memory = new TokenMemory();
    memory.set('k', result({ expiresOn: HOUR }), OFFSET, 0);

    expect(memory.get('k', HOUR - OFFSET - 1)?.accessToken).toBe('at');
    expect(memory.get('k', HOUR - OFFSET)).toBeNull();
    expect(memory.size).toBe(0);
  });

  it('stops serving at refreshOn when it comes first', () => {
    const memory = new TokenMemory();
    memory.set('k', result({ expiresOn: HOUR, refreshOn: 600_000 }), OFFSET, 0);

    expect(memory.get('k', 599_999)).not.toBeNull();
    expect(memory.get('k', 600_000)).toBeNull();
  });

  it('keeps nothing msal would not return from its cache: no token, no expiry, already within the offset', () => {
    const memory = new TokenMemory();

    expect(memory.set('a', result({ expiresOn: HOUR, accessToken: '' }), OFFSET, 0)).toBeFalse();
    expect(memory.set('b', { ...result({ expiresOn: HOUR }), expiresOn: null }, OFFSET, 0)).toBeFalse();
    expect(memory.set('c', result({ expiresOn: 200_000 }), OFFSET, 0)).toBeFalse();
    expect(memory.size).toBe(0);
  });

  it('drops the entries carrying a refused token, and everything on clear', () => {
    const memory = new TokenMemory();
    memory.set('a', result({ expiresOn: HOUR, accessToken: 'refused' }), OFFSET, 0);
    memory.set('b', result({ expiresOn: HOUR, accessToken: 'fine' }), OFFSET, 0);

    memory.deleteToken('refused');
    expect(memory.get('a', 0)).toBeNull();
    expect(memory.get('b', 0)).not.toBeNull();

    memory.clear();
    expect(memory.size).toBe(0);
  });

  it('tells when each entry stops being served', () => {
    const memory = new TokenMemory();
    memory.set('soon', result({ expiresOn: OFFSET + 60_000 }), OFFSET, 0);

    expect(memory.servedUntil('soon')).toBe(60_000);
    expect(memory.servedUntil('missing')).toBeNull();
  });
});

describe('memoryAllowed', () => {
  it('refuses claims, forceRefresh and cache lookup policies that skip the access-token cache', () => {
    expect(memoryAllowed({}, undefined)).toBeTrue();
    expect(memoryAllowed({ cacheLookupPolicy: 2 }, undefined)).toBeTrue();
    expect(memoryAllowed({}, '{"access_token":{}}')).toBeFalse();
    expect(memoryAllowed({ forceRefresh: true }, undefined)).toBeFalse();
    for (const policy of [3, 4, 5] as const) expect(memoryAllowed({ cacheLookupPolicy: policy }, undefined)).toBeFalse();
  });

  it('refuses PoP and DPoP schemes, whose results hold a proof signed for one request', () => {
    expect(memoryAllowed({ authenticationScheme: AuthenticationScheme.BEARER }, undefined)).toBeTrue();
    expect(memoryAllowed({ authenticationScheme: AuthenticationScheme.DPOP }, undefined)).toBeFalse();
    expect(memoryAllowed({ authenticationScheme: AuthenticationScheme.POP }, undefined)).toBeFalse();
  });
});

describe('servedUntil', () => {
  it('is null without an access token', () => {
    expect(servedUntil(result({ expiresOn: HOUR, accessToken: '' }), OFFSET)).toBeNull();
  });
});

function result(options: { readonly expiresOn: number; readonly refreshOn?: number; readonly accessToken?: string }): AuthenticationResult {
  return {
    accessToken: options.accessToken ?? 'at',
    expiresOn: new Date(options.expiresOn),
    ...(options.refreshOn === undefined ? {} : { refreshOn: new Date(options.refreshOn) }),
  } as AuthenticationResult;
}
