import { FakeMsalClient } from '../../../testing/src/fake-msal-client';
import { MsalHttpConfig } from './msal-http-config';
import { MsalHttpError, MsalHttpErrorCode } from './msal-http-error';
import { resolveConfig } from './resolve-config';

const base: MsalHttpConfig = { msal: new FakeMsalClient(), protectedResourceMap: [] };

describe('resolveConfig', () => {
  it('fills in documented defaults', () => {
    const resolved = resolveConfig(base);

    expect(resolved.interactionType).toBe('popup');
    expect(resolved.consentScopes).toEqual([]);
    expect(resolved.timeouts).toEqual({ silent: 30_000, interaction: 300_000, initialization: 30_000 });
  });

  it('keeps given timeouts and defaults the rest', () => {
    expect(resolveConfig({ ...base, timeouts: { silent: 5 } }).timeouts).toEqual({
      silent: 5,
      interaction: 300_000,
      initialization: 30_000,
    });
  });

  it('calls a function authRequest with the request, the scopes and the account', () => {
    const authRequest = jasmine.createSpy('authRequest').and.returnValue({ prompt: 'none' });
    const resolved = resolveConfig({ ...base, authRequest });
    const request = {} as never;
    const account = { homeAccountId: 'a.b' } as never;

    expect(resolved.authRequest(request, ['a'], { account })).toEqual({ prompt: 'none' });
    expect(authRequest).toHaveBeenCalledOnceWith(request, ['a'], { account });
  });

  it('returns the same frozen fields for an object authRequest, window handles and all', () => {
    const resolved = resolveConfig({ ...base, authRequest: { popupWindowParent: window, prompt: 'login' } });

    expect(resolved.authRequest(null, ['a'])).toBe(resolved.authRequest(null, ['b']));
    expect(resolved.authRequest(null, ['a'])).toEqual({ popupWindowParent: window, prompt: 'login' });
  });

  const invalid: readonly (readonly [string, unknown, MsalHttpErrorCode, string])[] = [
    ['no config', undefined, 'MSALHTTP100', 'undefined'],
    ['no msal client', { protectedResourceMap: [] }, 'MSALHTTP100', 'undefined'],
    ['a string msal client', { ...base, msal: 'client-id' }, 'MSALHTTP100', '"client-id"'],
    ['an unknown interactionType', { ...base, interactionType: 'Popup' }, 'MSALHTTP111', '"Popup"'],
    ['a zero timeout', { ...base, timeouts: { silent: 0 } }, 'MSALHTTP115', 'timeouts.silent'],
    ['a string timeout', { ...base, timeouts: { interaction: '5s' } }, 'MSALHTTP115', '"5s"'],
    ['an infinite timeout', { ...base, timeouts: { interaction: Infinity } }, 'MSALHTTP115', 'Infinity'],
    [
      'a timeout past what setTimeout can wait',
      { ...base, timeouts: { initialization: 2 ** 31 } },
      'MSALHTTP115',
      'timeouts.initialization',
    ],
    ['a string authRequest', { ...base, authRequest: 'consent' }, 'MSALHTTP116', '"consent"'],
    ['a consent scope with spaces', { ...base, consentScopes: ['openid profile'] }, 'MSALHTTP103', '"openid profile"'],
  ];
  for (const [name, config, code, named] of invalid) {
    it(`rejects ${name} with ${code}`, () => {
      expect(() => resolveConfig(config as MsalHttpConfig)).toThrowMatching(
        (error) => error instanceof MsalHttpError && error.code === code && error.message.includes(named),
      );
    });
  }
});

describe('MsalHttpError', () => {
  it('prefixes the message with its code and keeps the cause', () => {
    const cause = new Error('inner');
    const error = new MsalHttpError('MSALHTTP202', 'failed', { cause });

    expect(error.message).toBe('MSALHTTP202: failed');
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('MsalHttpError');
  });

  it('redacts anything shaped like a JWT from its message', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl';

    expect(new MsalHttpError('MSALHTTP202', `server said ${jwt} was bad`).message).toBe('MSALHTTP202: server said [redacted] was bad');
  });

  it('has one name per code, and one code per name', () => {
    const codes = Object.values(MsalHttpErrorCode);
    for (const code of codes) expect(code).toMatch(/^MSALHTTP[12]\d\d$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('recognises errors of the copy bundled in ngx-msal-http/matching, and nothing else', () => {
    const otherCopy = Object.defineProperty(new Error('MSALHTTP102: …'), Symbol.for('ngx-msal-http.MsalHttpError'), { value: true });
    expect(otherCopy instanceof MsalHttpError).toBeTrue();
    expect(new MsalHttpError('MSALHTTP102', 'x') instanceof MsalHttpError).toBeTrue();
    expect(new Error('MSALHTTP102: look-alike') instanceof MsalHttpError).toBeFalse();
    expect((null as unknown as object) instanceof MsalHttpError).toBeFalse();
  });

  it('keeps the code and points to the docs when there is no development message', () => {
    expect(new MsalHttpError(MsalHttpErrorCode.EmptyScopeList, false).message).toBe(
      'MSALHTTP102: see docs/errors.md#msalhttp102 in the ngx-msal-http package',
    );
  });
});
