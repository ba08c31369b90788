import { createHostPrefilter } from './host-prefilter';

// The prefilter may only ever rule a URL out when the full parse would find no key's host; any
// URL it cannot read plainly must go on to the full parse (`true`).

describe('createHostPrefilter', () => {
  // Exact host api.contoso.com; wildcard key https://*.contoso.net has suffix contoso.net.
  const mightMatch = createHostPrefilter(['api.contoso.com', 'contoso.net'], 'https://app.example.com/portal/');

  const rows: readonly { readonly does: string; readonly url: string; readonly result: boolean }[] = [
    { does: 'rules out a plain host no key names', url: 'https://cdn.example.net/assets/app.json', result: false },
    { does: 'rules out a plain host with a port', url: 'http://cdn.example.net:8080/x', result: false },
    { does: 'rules out a plain host followed by a query', url: 'https://cdn.example.net?v=1', result: false },
    { does: 'rules out a path on an app origin no key names', url: '/assets/i18n/en.json', result: false },
    { does: 'keeps an exact host', url: 'https://api.contoso.com/v1', result: true },
    { does: 'keeps a host under a wildcard suffix', url: 'https://eu.contoso.net/data', result: true },
    { does: 'keeps a parent of nothing but a suffix match', url: 'https://a.b.contoso.net/', result: true },
    { does: 'parses an upper-case scheme', url: 'HTTPS://cdn.example.net/', result: true },
    { does: 'parses an upper-case host', url: 'https://CDN.example.net/', result: true },
    { does: 'parses a host that ends in a number (IPv4)', url: 'https://127.1/', result: true },
    { does: 'parses a host that ends in a hexadecimal number', url: 'https://a.0x7f/', result: true },
    { does: 'parses user information', url: 'https://evil.net@api.contoso.com/', result: true },
    { does: 'parses a backslash after the host', url: 'https://cdn.example.net\\@api.contoso.com/', result: true },
    { does: 'parses a protocol-relative URL', url: '//cdn.example.net/x', result: true },
    { does: 'parses a path that starts with a slash and a backslash', url: '/\\cdn.example.net/x', result: true },
    { does: 'parses a path whose second character is a tab', url: '/\t/cdn.example.net/x', result: true },
    { does: 'parses leading spaces', url: ' https://cdn.example.net/', result: true },
    { does: 'parses a trailing dot', url: 'https://cdn.example.net./', result: true },
    { does: 'parses an empty label', url: 'https://cdn..example.net/', result: true },
    { does: 'parses an empty port', url: 'https://cdn.example.net:/', result: true },
    { does: 'parses a non-ASCII host', url: 'https://bücher.example/', result: true },
    { does: 'parses an IPv6 host', url: 'https://[::1]/', result: true },
    { does: 'parses a relative path without a leading slash', url: 'api/orders', result: true },
  ];
  for (const row of rows) {
    it(`${row.does} [${JSON.stringify(row.url)}]`, () => {
      expect(mightMatch(row.url)).toBe(row.result);
    });
  }

  it('keeps paths on the app origin when a key names the app host', () => {
    expect(createHostPrefilter(['app.example.com'], 'https://app.example.com/')('/api/orders')).toBeTrue();
  });

  it('parses paths on the app origin when there is no base URL', () => {
    expect(createHostPrefilter(['api.contoso.com'], undefined)('/api/orders')).toBeTrue();
  });
});
