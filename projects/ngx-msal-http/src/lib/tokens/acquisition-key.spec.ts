import { CacheLookupPolicy } from '@azure/msal-browser';

import { fakeAccount } from '../../../testing/src/fake-msal-client';
import { acquisitionKey, sortedScopes } from './acquisition-key';

describe('acquisitionKey', () => {
  const ada = fakeAccount();

  it('never throws, whatever the request fields hold', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const fields = { popupWindowParent: window, onRedirectNavigate: () => false, extraQueryParameters: cyclic as never };

    expect(() => acquisitionKey(ada, ['a'], undefined, fields)).not.toThrow();
  });

  it('ignores fields that only shape an interaction', () => {
    expect(acquisitionKey(ada, ['a'], undefined, { popupWindowParent: window, prompt: 'login', loginHint: 'x' })).toBe(
      acquisitionKey(ada, ['a'], undefined, {}),
    );
  });

  it('tells apart what changes the token: account, scopes, claims, authority, policy, extra parameters', () => {
    const base = acquisitionKey(ada, ['a'], undefined, {});
    const others = [
      acquisitionKey(fakeAccount('bob@contoso.test'), ['a'], undefined, {}),
      acquisitionKey(null, ['a'], undefined, {}),
      acquisitionKey(ada, ['b'], undefined, {}),
      acquisitionKey(ada, ['a'], '{"access_token":{}}', {}),
      acquisitionKey(ada, ['a'], undefined, { authority: 'https://b.test/b' }),
      acquisitionKey(ada, ['a'], undefined, { cacheLookupPolicy: CacheLookupPolicy.Skip }),
      acquisitionKey(ada, ['a'], undefined, { forceRefresh: true }),
      acquisitionKey(ada, ['a'], undefined, { extraQueryParameters: { domain_hint: 'contoso' } }),
    ];

    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('treats extra parameters in any order as the same', () => {
    expect(acquisitionKey(ada, ['a'], undefined, { extraQueryParameters: { x: '1', y: '2' } })).toBe(
      acquisitionKey(ada, ['a'], undefined, { extraQueryParameters: { y: '2', x: '1' } }),
    );
  });
});

describe('sortedScopes', () => {
  it('sorts and removes duplicates', () => {
    expect(sortedScopes(['c', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
  });
});
