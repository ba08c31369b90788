import { MsalHttpError, MsalHttpErrorCode } from '../config/msal-http-error';
import { compileProtectedResourceMap } from './compile-protected-resource-map';
import { ProtectedResourceMap, ProtectedResourceScopes } from './protected-resource-map';

// The matching contract (docs/matching.md) as tables: one `it` per row, so a failure names the
// rule, the request and the key that should have won. Rows that expect `null` must not get a token.

describe('compileProtectedResourceMap', () => {
  describe('rule 1: request URLs are parsed like the browser parses them', () => {
    const map: Entries = [['https://api.contoso.com', ['api.read']]];

    itMatches(map, [
      { does: 'matches an absolute https URL', url: 'https://api.contoso.com/v1/me', key: 'https://api.contoso.com' },
      { does: 'ignores an ftp URL on a mapped host', url: 'ftp://api.contoso.com/v1', key: null },
      { does: 'ignores a wss URL on a mapped host', url: 'wss://api.contoso.com/socket', key: null },
      { does: 'ignores a blob URL that wraps a mapped URL', url: 'blob:https://api.contoso.com/1b2c', key: null },
      { does: 'ignores a data URL that mentions a mapped URL', url: 'data:text/plain,https://api.contoso.com/', key: null },
      { does: 'ignores a javascript URL', url: "javascript:fetch('https://api.contoso.com/')", key: null },
      { does: 'ignores a URL with an out-of-range port', url: 'https://api.contoso.com:99999/v1', key: null },
      { does: 'ignores a URL with an unterminated IPv6 host', url: 'https://[::1/v1', key: null },
      { does: 'ignores an http URL without a host', url: 'http://', key: null },
      { does: 'ignores an empty URL', url: '', key: null },
      { does: 'ignores a URL with a user name', url: 'https://user@api.contoso.com/v1', key: null },
      { does: 'ignores a URL with a user name and password', url: 'https://user:secret@api.contoso.com/v1', key: null },
      { does: 'ignores a URL with only a password', url: 'https://:secret@api.contoso.com/v1', key: null },
      { does: 'ignores a URL whose user information spells the mapped host', url: 'https://api.contoso.com:443@evil.net/', key: null },
      { does: 'drops a tab inside the host as the browser does', url: 'https://api.con\ttoso.com/v1', key: 'https://api.contoso.com' },
      { does: 'trims surrounding spaces as the browser does', url: '  https://api.contoso.com/v1  ', key: 'https://api.contoso.com' },
    ]);
  });

  describe('rule 1: a base URL with user information', () => {
    const map: Entries = [
      ['/api', ['app']],
      ['https://api.contoso.com', ['api']],
    ];

    for (const baseUrl of ['https://user:pw@app.example.com/', 'https://user@app.example.com/', 'https://:pw@app.example.com/']) {
      describe(`against ${baseUrl}`, () => {
        itMatches(
          map,
          [
            { does: 'ignores a root-relative request, which inherits the user information', url: '/api/orders', key: null },
            { does: 'ignores a path-relative request', url: 'api/orders', key: null },
            { does: 'ignores a query-only request', url: '?x=1', key: null },
            { does: 'matches the app origin written without user information', url: 'https://app.example.com/api/x', key: '/api' },
            { does: 'matches an absolute request to another host', url: 'https://api.contoso.com/x', key: 'https://api.contoso.com' },
            {
              does: 'matches a protocol-relative request, which has its own host',
              url: '//api.contoso.com/x',
              key: 'https://api.contoso.com',
            },
          ],
          { baseUrl },
        );
      });
    }

    it('resolves relative keys against the base without its user information', () => {
      const matcher = compileProtectedResourceMap(map, { baseUrl: 'https://user:pw@app.example.com/' });

      expect(matcher.match('https://app.example.com/api')?.key).toBe('/api');
    });
  });

  describe('rule 1: "https:" without slashes in a request URL', () => {
    itMatches(
      [
        ['https://api.contoso.com', ['api']],
        ['/api.contoso.com', ['path']],
      ],
      [
        { does: 'resolves it on the app origin, as the browser does', url: 'https:api.contoso.com/v1', key: '/api.contoso.com' },
        { does: 'resolves it with one slash on the app origin', url: 'https:/api.contoso.com/v1', key: '/api.contoso.com' },
      ],
      { baseUrl: 'https://app.example.com/' },
    );
  });

  describe('rule 2: scheme, host and port match exactly', () => {
    const map: Entries = [
      ['https://api.contoso.com', ['api.read']],
      ['HTTPS://Shop.Contoso.NET:443/Orders', ['shop.orders']],
      ['http://legacy.contoso.com:8080/svc', ['legacy']],
      ['http://plain.contoso.com:80', ['plain']],
      ['https://bücher.example/books', ['books']],
      ['https://[::1]:8443/local', ['local']],
    ];

    describe('look-alike hosts', () => {
      itMatches(map, [
        { does: 'ignores the mapped host followed by another domain', url: 'https://api.contoso.com.evil.net/v1', key: null },
        { does: 'ignores the mapped host used as user information', url: 'https://api.contoso.com@evil.net/v1', key: null },
        { does: 'ignores a host that joins another domain with an encoded dot', url: 'https://api.contoso.com%2eevil.net/', key: null },
        { does: 'ignores a host with a dash instead of a dot', url: 'https://api-contoso.com/v1', key: null },
        { does: 'ignores a host that ends with the mapped host', url: 'https://xapi.contoso.com/v1', key: null },
        { does: 'ignores a host with a shorter top-level domain', url: 'https://api.contoso.co/v1', key: null },
        { does: 'ignores the parent domain', url: 'https://contoso.com/v1', key: null },
        { does: 'ignores a subdomain of an exact host', url: 'https://v2.api.contoso.com/v1', key: null },
        { does: 'ignores the mapped URL inside the path', url: 'https://evil.net/https://api.contoso.com/v1', key: null },
        { does: 'ignores the mapped URL inside the query', url: 'https://evil.net/?next=https://api.contoso.com/v1', key: null },
        { does: 'ignores the mapped URL inside the fragment', url: 'https://evil.net/#https://api.contoso.com/v1', key: null },
        { does: 'ignores a backslash that ends the host before the mapped host', url: 'https://evil.net\\@api.contoso.com/', key: null },
        {
          does: 'matches when a backslash ends the mapped host',
          url: 'https://api.contoso.com\\@evil.net/',
          key: 'https://api.contoso.com',
        },
        { does: 'ignores a host written with a trailing dot', url: 'https://api.contoso.com./v1', key: null },
      ]);
    });

    describe('ports', () => {
      itMatches(map, [
        { does: 'matches an explicit default https port', url: 'https://api.contoso.com:443/v1', key: 'https://api.contoso.com' },
        { does: 'ignores another https port', url: 'https://api.contoso.com:8443/v1', key: null },
        { does: 'ignores port 80 on an https key', url: 'https://api.contoso.com:80/v1', key: null },
        {
          does: 'matches a key with an explicit default port',
          url: 'https://shop.contoso.net/Orders/7',
          key: 'HTTPS://Shop.Contoso.NET:443/Orders',
        },
        { does: 'ignores another port on a key with an explicit default port', url: 'https://shop.contoso.net:8443/Orders', key: null },
        {
          does: 'matches a key with a non-default port',
          url: 'http://legacy.contoso.com:8080/svc/ping',
          key: 'http://legacy.contoso.com:8080/svc',
        },
        { does: 'ignores the default port on a key with a non-default port', url: 'http://legacy.contoso.com/svc/ping', key: null },
        { does: 'matches an http key with an explicit port 80', url: 'http://plain.contoso.com/x', key: 'http://plain.contoso.com:80' },
        { does: 'matches an explicit port 80 on an http key', url: 'http://plain.contoso.com:80/x', key: 'http://plain.contoso.com:80' },
        { does: 'ignores port 443 on an http key', url: 'http://plain.contoso.com:443/x', key: null },
        { does: 'matches an IPv6 host written in full', url: 'https://[0:0:0:0:0:0:0:1]:8443/local/x', key: 'https://[::1]:8443/local' },
        { does: 'ignores an IPv6 host on another port', url: 'https://[::1]/local', key: null },
        { does: 'ignores another IPv6 host', url: 'https://[::2]:8443/local', key: null },
      ]);
    });

    describe('scheme', () => {
      itMatches(map, [
        { does: 'ignores http for an https key', url: 'http://api.contoso.com/v1', key: null },
        { does: 'ignores http on the https port of an https key', url: 'http://api.contoso.com:443/v1', key: null },
        { does: 'ignores ftp on the https port of an https key', url: 'ftp://api.contoso.com:443/v1', key: null },
        { does: 'ignores https for an http key', url: 'https://plain.contoso.com/x', key: null },
        { does: 'ignores https on the port of an http key', url: 'https://legacy.contoso.com:8080/svc', key: null },
        { does: 'matches an upper-case scheme and host', url: 'HTTPS://API.CONTOSO.COM/v1', key: 'https://api.contoso.com' },
      ]);
    });

    describe('IDN and case', () => {
      itMatches(map, [
        {
          does: 'matches a punycode host against a Unicode key',
          url: 'https://xn--bcher-kva.example/books/1',
          key: 'https://bücher.example/books',
        },
        { does: 'matches an upper-case Unicode host', url: 'https://BÜCHER.example/books', key: 'https://bücher.example/books' },
        { does: 'ignores a host without the diacritic', url: 'https://bucher.example/books', key: null },
        {
          does: 'matches a full-width host the parser maps to the key',
          url: 'https://ＡＰＩ.contoso.com/v1',
          key: 'https://api.contoso.com',
        },
        {
          does: 'returns the key as written, whatever its case',
          url: 'https://SHOP.contoso.net/Orders',
          key: 'HTTPS://Shop.Contoso.NET:443/Orders',
        },
        { does: 'ignores a path that differs only in case', url: 'https://shop.contoso.net/orders', key: null },
      ]);
    });
  });

  describe('rule 3: a host label * matches exactly one DNS label', () => {
    const map: Entries = [
      ['https://*.contoso.com', ['tenant']],
      ['https://*.contoso.com:8443/admin', ['tenant.admin']],
      ['https://*.*.fabrikam.com/api', ['two.labels']],
      ['https://*.eu.fabrikam.com/api', ['eu']],
      ['https://*.bücher.example', ['idn.tenant']],
    ];

    itMatches(map, [
      { does: 'matches a host one label below the wildcard', url: 'https://eu.contoso.com/x', key: 'https://*.contoso.com' },
      { does: 'matches a wildcard host in upper case', url: 'https://EU.Contoso.COM/', key: 'https://*.contoso.com' },
      { does: 'ignores the bare parent domain', url: 'https://contoso.com/x', key: null },
      { does: 'ignores a host two labels below a single wildcard', url: 'https://a.b.contoso.com/x', key: null },
      { does: 'ignores an empty label in place of the wildcard', url: 'https://.contoso.com/x', key: null },
      { does: 'ignores a wildcard match followed by another domain', url: 'https://eu.contoso.com.evil.net/x', key: null },
      { does: 'ignores a host that merely ends with the literal labels', url: 'https://eucontoso.com/x', key: null },
      { does: 'ignores another scheme on a wildcard host', url: 'http://eu.contoso.com/x', key: null },
      { does: 'ignores a wildcard host on another port', url: 'https://eu.contoso.com:8443/x', key: null },
      {
        does: 'matches a wildcard key with a port on that port',
        url: 'https://eu.contoso.com:8443/admin/users',
        key: 'https://*.contoso.com:8443/admin',
      },
      { does: 'ignores the port of a wildcard key on the default port', url: 'https://eu.contoso.com/admin', key: 'https://*.contoso.com' },
      { does: 'matches two wildcard labels with two labels', url: 'https://a.b.fabrikam.com/api/x', key: 'https://*.*.fabrikam.com/api' },
      { does: 'ignores two wildcard labels with one label', url: 'https://a.fabrikam.com/api', key: null },
      { does: 'ignores two wildcard labels with three labels', url: 'https://a.b.c.fabrikam.com/api', key: null },
      { does: 'ignores an empty label among two wildcard labels', url: 'https://x..fabrikam.com/api', key: null },
      {
        does: 'matches a wildcard key with an IDN suffix in punycode',
        url: 'https://shop.xn--bcher-kva.example/',
        key: 'https://*.bücher.example',
      },
      {
        does: 'matches a wildcard key with an IDN suffix in Unicode',
        url: 'https://shop.bücher.example/',
        key: 'https://*.bücher.example',
      },
      { does: 'ignores the bare IDN parent domain', url: 'https://xn--bcher-kva.example/', key: null },
    ]);
  });

  describe('rule 4: every key covers a subtree on segment boundaries', () => {
    const map: Entries = [
      ['https://paths.contoso.com/api', ['api']],
      ['https://paths.contoso.com/admin', ['admin']],
      ['https://paths.contoso.com/v2/*/reports', ['reports']],
      ['https://paths.contoso.com/files/**/raw', ['raw']],
      ['https://paths.contoso.com/trail/', ['trail']],
      ['https://paths.contoso.com/star/*', ['star']],
      ['https://paths.contoso.com/glob/**', ['glob']],
      ['https://paths.contoso.com/café', ['cafe']],
    ];

    describe('subtrees', () => {
      itMatches(map, [
        { does: 'matches the key path itself', url: 'https://paths.contoso.com/api', key: 'https://paths.contoso.com/api' },
        { does: 'matches the key path with a trailing slash', url: 'https://paths.contoso.com/api/', key: 'https://paths.contoso.com/api' },
        { does: 'matches a path below the key', url: 'https://paths.contoso.com/api/v1/orders', key: 'https://paths.contoso.com/api' },
        { does: 'ignores a segment that starts with the key segment', url: 'https://paths.contoso.com/apix', key: null },
        { does: 'ignores a segment with an extension', url: 'https://paths.contoso.com/api.json', key: null },
        { does: 'ignores a shorter segment', url: 'https://paths.contoso.com/ap', key: null },
        { does: 'ignores the key path below another segment', url: 'https://paths.contoso.com/x/api', key: null },
        { does: 'ignores the host root when only paths are mapped', url: 'https://paths.contoso.com/', key: null },
        { does: 'ignores a path in another case', url: 'https://paths.contoso.com/API', key: null },
        {
          does: 'matches a key with a trailing slash without the slash',
          url: 'https://paths.contoso.com/trail',
          key: 'https://paths.contoso.com/trail/',
        },
        {
          does: 'matches below a key with a trailing slash',
          url: 'https://paths.contoso.com/trail/x',
          key: 'https://paths.contoso.com/trail/',
        },
        { does: 'ignores a longer segment after a key with a trailing slash', url: 'https://paths.contoso.com/trailer', key: null },
        {
          does: 'matches a key with a trailing /* at its own path',
          url: 'https://paths.contoso.com/star',
          key: 'https://paths.contoso.com/star/*',
        },
        {
          does: 'matches several segments below a trailing /*',
          url: 'https://paths.contoso.com/star/x/y',
          key: 'https://paths.contoso.com/star/*',
        },
        { does: 'ignores a longer segment before a trailing /*', url: 'https://paths.contoso.com/starx', key: null },
        {
          does: 'matches a key with a trailing /** at its own path',
          url: 'https://paths.contoso.com/glob',
          key: 'https://paths.contoso.com/glob/**',
        },
        { does: 'matches below a trailing /**', url: 'https://paths.contoso.com/glob/a/b', key: 'https://paths.contoso.com/glob/**' },
        { does: 'ignores a longer segment before a trailing /**', url: 'https://paths.contoso.com/globe', key: null },
      ]);
    });

    describe('path wildcards', () => {
      itMatches(map, [
        {
          does: 'matches * with one segment',
          url: 'https://paths.contoso.com/v2/acme/reports',
          key: 'https://paths.contoso.com/v2/*/reports',
        },
        {
          does: 'matches below a path with *',
          url: 'https://paths.contoso.com/v2/acme/reports/1',
          key: 'https://paths.contoso.com/v2/*/reports',
        },
        { does: 'ignores * with two segments', url: 'https://paths.contoso.com/v2/a/b/reports', key: null },
        { does: 'ignores * with no segment', url: 'https://paths.contoso.com/v2/reports', key: null },
        { does: 'ignores * with an empty segment', url: 'https://paths.contoso.com/v2//reports', key: null },
        { does: 'ignores a longer segment after *', url: 'https://paths.contoso.com/v2/acme/reportsx', key: null },
        { does: 'ignores the path before *', url: 'https://paths.contoso.com/v2/acme', key: null },
        { does: 'matches ** with no segment', url: 'https://paths.contoso.com/files/raw', key: 'https://paths.contoso.com/files/**/raw' },
        {
          does: 'matches ** with one segment',
          url: 'https://paths.contoso.com/files/a/raw',
          key: 'https://paths.contoso.com/files/**/raw',
        },
        {
          does: 'matches ** with several segments and a subtree',
          url: 'https://paths.contoso.com/files/a/b/c/raw/x',
          key: 'https://paths.contoso.com/files/**/raw',
        },
        { does: 'ignores a longer segment after **', url: 'https://paths.contoso.com/files/a/raws', key: null },
        { does: 'ignores the path before **', url: 'https://paths.contoso.com/files', key: null },
      ]);
    });

    describe('trailing and repeated wildcards', () => {
      itMatches(
        [
          ['https://api.contoso.com/t/*/*', ['t']],
          ['https://api.contoso.com/u/**/*', ['u']],
          ['https://api.contoso.com/r/**/*/c', ['r']],
        ],
        [
          {
            does: 'covers the key path itself when it ends in /*/*',
            url: 'https://api.contoso.com/t',
            key: 'https://api.contoso.com/t/*/*',
          },
          { does: 'covers one segment below /*/*', url: 'https://api.contoso.com/t/x', key: 'https://api.contoso.com/t/*/*' },
          {
            does: 'covers the key path itself when it ends in /**/*',
            url: 'https://api.contoso.com/u',
            key: 'https://api.contoso.com/u/**/*',
          },
          { does: 'reads **/* as at least one segment', url: 'https://api.contoso.com/r/x/c', key: 'https://api.contoso.com/r/**/*/c' },
          { does: 'reads **/* as several segments', url: 'https://api.contoso.com/r/x/y/c', key: 'https://api.contoso.com/r/**/*/c' },
          { does: 'never reads **/* as no segment', url: 'https://api.contoso.com/r/c', key: null },
        ],
      );
    });

    describe('encodings, dot segments and backslashes', () => {
      itMatches(map, [
        { does: 'does not split a segment at an encoded slash', url: 'https://paths.contoso.com/api%2Fv1', key: null },
        { does: 'does not split a segment at a lower-case encoded slash', url: 'https://paths.contoso.com/api%2fv1', key: null },
        { does: 'does not decode other escapes', url: 'https://paths.contoso.com/%61pi', key: null },
        {
          does: 'matches a Unicode path against an encoded request',
          url: 'https://paths.contoso.com/caf%C3%A9/menu',
          key: 'https://paths.contoso.com/café',
        },
        { does: 'resolves .. before matching', url: 'https://paths.contoso.com/api/../admin', key: 'https://paths.contoso.com/admin' },
        {
          does: 'resolves %2e%2e before matching',
          url: 'https://paths.contoso.com/api/%2e%2e/admin',
          key: 'https://paths.contoso.com/admin',
        },
        {
          does: 'resolves %2E%2E before matching',
          url: 'https://paths.contoso.com/api/%2E%2E/admin',
          key: 'https://paths.contoso.com/admin',
        },
        { does: 'resolves .%2e before matching', url: 'https://paths.contoso.com/api/.%2e/admin', key: 'https://paths.contoso.com/admin' },
        {
          does: 'keeps %2e%2e%2f inside one segment',
          url: 'https://paths.contoso.com/api/%2e%2e%2fadmin',
          key: 'https://paths.contoso.com/api',
        },
        { does: 'resolves . segments before matching', url: 'https://paths.contoso.com/api/./v1', key: 'https://paths.contoso.com/api' },
        {
          does: 'resolves .. out of an unmapped segment',
          url: 'https://paths.contoso.com/x/../api/v1',
          key: 'https://paths.contoso.com/api',
        },
        { does: 'resolves .. out of the key path', url: 'https://paths.contoso.com/api/..', key: null },
        { does: 'treats backslashes as slashes', url: 'https://paths.contoso.com\\api\\v1', key: 'https://paths.contoso.com/api' },
        { does: 'resolves .. between backslashes', url: 'https://paths.contoso.com/apix\\..\\api', key: 'https://paths.contoso.com/api' },
        { does: 'ignores a backslash path outside the key', url: 'https://paths.contoso.com/apix\\api', key: null },
      ]);
    });
  });

  describe('rule 5: queries and fragments are ignored', () => {
    const map: Entries = [['https://paths.contoso.com/api', ['api']]];

    itMatches(map, [
      { does: 'matches a request with a query', url: 'https://paths.contoso.com/api?x=1', key: 'https://paths.contoso.com/api' },
      { does: 'matches a request with a fragment', url: 'https://paths.contoso.com/api#top', key: 'https://paths.contoso.com/api' },
      { does: 'ignores the key path inside the query', url: 'https://paths.contoso.com/apix?/api', key: null },
      { does: 'ignores the key path inside the fragment', url: 'https://paths.contoso.com/apix#/api', key: null },
      { does: 'ignores a query that names the key path', url: 'https://paths.contoso.com/?next=/api', key: null },
    ]);
  });

  describe('rule 6: the most specific key wins, whatever the map order', () => {
    itPrefers([
      {
        does: 'prefers an exact host to a wildcard host',
        keys: [
          ['https://*.contoso.com', ['wild']],
          ['https://api.contoso.com', ['exact']],
        ],
        url: 'https://api.contoso.com/v1',
        key: 'https://api.contoso.com',
      },
      {
        does: 'prefers an exact host to a wildcard host with a longer path',
        keys: [
          ['https://*.contoso.com/v1/orders/**', ['wild']],
          ['https://api.contoso.com', ['exact']],
        ],
        url: 'https://api.contoso.com/v1/orders/7',
        key: 'https://api.contoso.com',
      },
      {
        does: 'prefers a wildcard host with more literal labels',
        keys: [
          ['https://*.*.contoso.com', ['two']],
          ['https://*.eu.contoso.com', ['one']],
        ],
        url: 'https://a.eu.contoso.com/',
        key: 'https://*.eu.contoso.com',
      },
      {
        does: 'prefers a literal segment to *',
        keys: [
          ['https://api.contoso.com/v2/*/reports', ['any']],
          ['https://api.contoso.com/v2/acme/reports', ['acme']],
        ],
        url: 'https://api.contoso.com/v2/acme/reports/1',
        key: 'https://api.contoso.com/v2/acme/reports',
      },
      {
        does: 'prefers * to **',
        keys: [
          ['https://api.contoso.com/v2/**/reports', ['deep']],
          ['https://api.contoso.com/v2/*/reports', ['one']],
        ],
        url: 'https://api.contoso.com/v2/acme/reports',
        key: 'https://api.contoso.com/v2/*/reports',
      },
      {
        does: 'prefers a literal segment to **',
        keys: [
          ['https://api.contoso.com/files/**/raw', ['deep']],
          ['https://api.contoso.com/files/a/raw', ['a']],
        ],
        url: 'https://api.contoso.com/files/a/raw',
        key: 'https://api.contoso.com/files/a/raw',
      },
      {
        does: 'prefers * to ** before a shared literal',
        keys: [
          ['https://api.contoso.com/**/reports', ['deep']],
          ['https://api.contoso.com/*/reports', ['one']],
        ],
        url: 'https://api.contoso.com/acme/reports',
        key: 'https://api.contoso.com/*/reports',
      },
      {
        does: 'lets the leftmost differing segment decide before length',
        keys: [
          ['https://api.contoso.com/*/b/c', ['long']],
          ['https://api.contoso.com/a', ['short']],
        ],
        url: 'https://api.contoso.com/a/b/c',
        key: 'https://api.contoso.com/a',
      },
      {
        does: 'prefers a literal to * in the second segment',
        keys: [
          ['https://api.contoso.com/a/*/c', ['star']],
          ['https://api.contoso.com/a/b/**', ['literal']],
        ],
        url: 'https://api.contoso.com/a/b/c',
        key: 'https://api.contoso.com/a/b/**',
      },
      {
        does: 'prefers a longer key to its own prefix',
        keys: [
          ['https://api.contoso.com/api', ['api']],
          ['https://api.contoso.com/api/v1', ['v1']],
        ],
        url: 'https://api.contoso.com/api/v1/orders',
        key: 'https://api.contoso.com/api/v1',
      },
      {
        does: 'falls back to the prefix beside the longer key',
        keys: [
          ['https://api.contoso.com/api', ['api']],
          ['https://api.contoso.com/api/v1', ['v1']],
        ],
        url: 'https://api.contoso.com/api/v2',
        key: 'https://api.contoso.com/api',
      },
      {
        does: 'prefers a path key to the host root',
        keys: [
          ['https://api.contoso.com', ['root']],
          ['https://api.contoso.com/api', ['api']],
        ],
        url: 'https://api.contoso.com/api/x',
        key: 'https://api.contoso.com/api',
      },
      {
        does: 'prefers a longer ** key to its prefix',
        keys: [
          ['https://api.contoso.com/a/**', ['a']],
          ['https://api.contoso.com/a/**/c', ['c']],
        ],
        url: 'https://api.contoso.com/a/b/c',
        key: 'https://api.contoso.com/a/**/c',
      },
      {
        does: 'prefers a path key within the same wildcard host',
        keys: [
          ['https://*.contoso.com', ['root']],
          ['https://*.contoso.com/api', ['api']],
        ],
        url: 'https://eu.contoso.com/api/1',
        key: 'https://*.contoso.com/api',
      },
      {
        does: 'ignores a more specific key on another port',
        keys: [
          ['https://api.contoso.com:8443/api/v1', ['other.port']],
          ['https://api.contoso.com/api', ['api']],
        ],
        url: 'https://api.contoso.com/api/v1',
        key: 'https://api.contoso.com/api',
      },
      {
        does: 'ranks exact host, then literal, over a wildcard host and a root **',
        keys: [
          ['https://*.contoso.com/v2/acme', ['wild']],
          ['https://api.contoso.com/**', ['root']],
          ['https://api.contoso.com/v2/*', ['v2']],
        ],
        url: 'https://api.contoso.com/v2/acme',
        key: 'https://api.contoso.com/v2/*',
      },
      {
        does: 'lets a more specific exclusion win',
        keys: [
          ['https://api.contoso.com/api', ['api']],
          ['https://api.contoso.com/api/public', null],
        ],
        url: 'https://api.contoso.com/api/public/docs',
        key: null,
      },
      {
        does: 'lets a more specific key win inside an excluded subtree',
        keys: [
          ['https://api.contoso.com/api', null],
          ['https://api.contoso.com/api/secure', ['secure']],
        ],
        url: 'https://api.contoso.com/api/secure/x',
        key: 'https://api.contoso.com/api/secure',
      },
    ]);
  });

  describe('rule 6, step 4: equally specific keys, decided by the request', () => {
    itPrefers([
      {
        does: 'prefers the key whose last segment matches further right (an exclusion)',
        keys: [
          ['https://api.contoso.com/a/**/public', null],
          ['https://api.contoso.com/a/**/orders', ['orders']],
        ],
        url: 'https://api.contoso.com/a/orders/public',
        key: null,
      },
      {
        does: 'prefers the key whose last segment matches further right (scopes)',
        keys: [
          ['https://api.contoso.com/a/**/public', null],
          ['https://api.contoso.com/a/**/orders', ['orders']],
        ],
        url: 'https://api.contoso.com/a/public/orders/7',
        key: 'https://api.contoso.com/a/**/orders',
      },
      {
        does: 'prefers /a/**/d to /a/**/c on /a/c/d',
        keys: [
          ['https://api.contoso.com/a/**/c', ['c']],
          ['https://api.contoso.com/a/**/d', ['d']],
        ],
        url: 'https://api.contoso.com/a/c/d',
        key: 'https://api.contoso.com/a/**/d',
      },
      {
        does: 'prefers /a/**/c to /a/**/d on /a/d/c',
        keys: [
          ['https://api.contoso.com/a/**/c', ['c']],
          ['https://api.contoso.com/a/**/d', ['d']],
        ],
        url: 'https://api.contoso.com/a/d/c',
        key: 'https://api.contoso.com/a/**/c',
      },
      {
        does: 'compares the second-to-last segment when the last ones match in the same place',
        keys: [
          ['https://api.contoso.com/**/a/**/c', ['a']],
          ['https://api.contoso.com/**/b/**/c', ['b']],
        ],
        url: 'https://api.contoso.com/a/b/c',
        key: 'https://api.contoso.com/**/b/**/c',
      },
      {
        does: 'uses the right-most way a key can match',
        keys: [
          ['https://api.contoso.com/**/x', ['x']],
          ['https://api.contoso.com/**/y', ['y']],
        ],
        url: 'https://api.contoso.com/x/y/x',
        key: 'https://api.contoso.com/**/x',
      },
      {
        does: 'falls through from the winner to the other tied key',
        keys: [
          ['https://api.contoso.com/a/**/x', [{ httpMethod: 'POST', scopes: ['x.write'] }]],
          ['https://api.contoso.com/a/**/y', ['y']],
        ],
        url: 'https://api.contoso.com/a/y/x',
        key: 'https://api.contoso.com/a/**/y',
      },
      {
        does: 'still ranks by kind before position',
        keys: [
          ['https://api.contoso.com/a/*/public', null],
          ['https://api.contoso.com/a/orders', ['orders']],
        ],
        url: 'https://api.contoso.com/a/orders/public',
        key: 'https://api.contoso.com/a/orders',
      },
    ]);
  });

  describe('the order of the keys never matters', () => {
    const keys: Entries = [
      ['https://api.contoso.com', ['root']],
      ['https://api.contoso.com/a', ['a']],
      ['https://api.contoso.com/a/**/public', null],
      ['https://api.contoso.com/a/**/orders', ['orders']],
      ['https://api.contoso.com/a/**/c', ['c']],
      ['https://api.contoso.com/a/**/d', [{ httpMethod: 'POST', scopes: ['d.write'] }]],
      ['https://api.contoso.com/a/*/c', ['star.c']],
      ['https://api.contoso.com/**/x/**/y', ['xy']],
      ['https://api.contoso.com/**/y/**/x', ['yx']],
      ['https://api.contoso.com/a/*/*/d', ['two.d']],
      ['https://*.contoso.com/a/**/c', ['wild.c']],
    ];
    const paths = ['/a/orders/public', '/a/public/orders', '/a/c/d', '/a/d/c', '/a/c/d/c', '/a/b/c', '/a/x/y/x/y', '/a/y/x', '/a/b/c/d'];
    const requests = paths.flatMap((path) => [
      ['GET', `https://api.contoso.com${path}`],
      ['POST', `https://api.contoso.com${path}`],
      ['GET', `https://eu.contoso.com${path}`],
    ]);
    const orders: { readonly name: string; readonly keys: Entries }[] = [
      { name: 'reversed', keys: [...keys].reverse() },
      ...[3, 5, 8].map((by) => ({ name: `rotated by ${by}`, keys: [...keys.slice(by), ...keys.slice(0, by)] })),
      { name: 'interleaved', keys: [...keys.filter((_, i) => i % 2 === 1), ...keys.filter((_, i) => i % 2 === 0)] },
    ];

    for (const { name, keys: reordered } of orders) {
      it(`gives every request the same key and scopes with the keys ${name}`, () => {
        const given = compileProtectedResourceMap(keys);
        const other = compileProtectedResourceMap(reordered);

        expect(requests.map(([method, url]) => other.match(url, method))).toEqual(
          requests.map(([method, url]) => given.match(url, method)),
        );
      });
    }
  });

  describe('rule 7: method entries', () => {
    const map: Entries = [
      ['https://api.contoso.com', ['api.default']],
      [
        'https://api.contoso.com/orders',
        [{ httpMethod: 'POST', scopes: ['orders.write'] }, { httpMethod: 'delete', scopes: null }, 'orders.read'],
      ],
      ['https://api.contoso.com/reports', [{ httpMethod: 'PUT', scopes: ['reports.write'] }]],
      ['https://api.contoso.com/public', [{ httpMethod: 'GET', scopes: null }]],
      ['https://*.contoso.com/billing', ['tenant.billing']],
      ['https://pay.contoso.com/billing', [{ httpMethod: 'POST', scopes: ['pay.write'] }]],
      ['https://solo.fabrikam.com/jobs', [{ httpMethod: 'PATCH', scopes: ['jobs.write'] }]],
    ];
    const orders = 'https://api.contoso.com/orders';
    const root = 'https://api.contoso.com';

    itMatches(map, [
      { does: 'uses plain scopes for GET', url: `${orders}/7`, method: 'GET', key: orders, scopes: ['orders.read'] },
      { does: 'treats a missing method as GET', url: `${orders}/7`, key: orders, scopes: ['orders.read'] },
      { does: 'compares a lower-case request method', url: `${orders}/7`, method: 'get', key: orders, scopes: ['orders.read'] },
      {
        does: 'adds the method entry to the plain scopes, in the order written',
        url: orders,
        method: 'POST',
        key: orders,
        scopes: ['orders.write', 'orders.read'],
      },
      {
        does: 'compares a lower-case method with an entry',
        url: orders,
        method: 'post',
        key: orders,
        scopes: ['orders.write', 'orders.read'],
      },
      {
        does: 'compares a mixed-case method with an entry',
        url: orders,
        method: 'PoSt',
        key: orders,
        scopes: ['orders.write', 'orders.read'],
      },
      { does: 'excludes a method whose entry has scopes null, despite plain scopes', url: `${orders}/7`, method: 'DELETE', key: null },
      { does: 'excludes a method whose entry is written in lower case', url: `${orders}/7`, method: 'delete', key: null },
      {
        does: 'uses plain scopes for a method without an entry',
        url: `${orders}/7`,
        method: 'PATCH',
        key: orders,
        scopes: ['orders.read'],
      },
      {
        does: 'uses the only method entry for its method',
        url: 'https://api.contoso.com/reports',
        method: 'PUT',
        key: 'https://api.contoso.com/reports',
        scopes: ['reports.write'],
      },
      {
        does: 'falls through to the next key for another method',
        url: 'https://api.contoso.com/reports',
        method: 'GET',
        key: root,
        scopes: ['api.default'],
      },
      {
        does: 'falls through for every method without an entry',
        url: 'https://api.contoso.com/reports/1',
        method: 'DELETE',
        key: root,
        scopes: ['api.default'],
      },
      { does: 'excludes only the method with scopes null', url: 'https://api.contoso.com/public', method: 'GET', key: null },
      {
        does: 'falls through past an exclusion of another method',
        url: 'https://api.contoso.com/public',
        method: 'POST',
        key: root,
        scopes: ['api.default'],
      },
      {
        does: 'uses a method entry on an exact host',
        url: 'https://pay.contoso.com/billing',
        method: 'POST',
        key: 'https://pay.contoso.com/billing',
        scopes: ['pay.write'],
      },
      {
        does: 'falls through from an exact host to a wildcard host',
        url: 'https://pay.contoso.com/billing',
        method: 'GET',
        key: 'https://*.contoso.com/billing',
        scopes: ['tenant.billing'],
      },
      {
        does: 'uses a method entry when no other key covers the URL',
        url: 'https://solo.fabrikam.com/jobs',
        method: 'PATCH',
        key: 'https://solo.fabrikam.com/jobs',
        scopes: ['jobs.write'],
      },
      {
        does: 'attaches no token when nothing is left to fall through to',
        url: 'https://solo.fabrikam.com/jobs',
        method: 'GET',
        key: null,
      },
    ]);
  });

  describe('rule 7: plain scopes apply to every method, as in msal-angular', () => {
    const msalAngular = 'https://api.contoso.com/all';
    const map: Entries = [
      [msalAngular, ['all.scope', { httpMethod: 'GET', scopes: ['read.scope'] }]],
      ['https://api.contoso.com/dup', ['a', { httpMethod: 'GET', scopes: ['b', 'a'] }]],
      ['https://api.contoso.com/first', [{ httpMethod: 'PUT', scopes: ['w'] }, 'r']],
    ];

    itMatches(map, [
      {
        does: 'gives a method with an entry the plain scopes and its own',
        url: msalAngular,
        method: 'GET',
        key: msalAngular,
        scopes: ['all.scope', 'read.scope'],
      },
      {
        does: 'gives a method without an entry the plain scopes',
        url: msalAngular,
        method: 'POST',
        key: msalAngular,
        scopes: ['all.scope'],
      },
      {
        does: 'lists a scope that is plain and in the entry once',
        url: 'https://api.contoso.com/dup',
        key: 'https://api.contoso.com/dup',
        scopes: ['a', 'b'],
      },
      {
        does: 'keeps the written order when the entry comes first',
        url: 'https://api.contoso.com/first',
        method: 'PUT',
        key: 'https://api.contoso.com/first',
        scopes: ['w', 'r'],
      },
    ]);
  });

  describe('null excludes a subtree', () => {
    const map: Entries = [
      ['https://api.contoso.com', ['api']],
      ['https://api.contoso.com/health', null],
      ['https://api.contoso.com/health/deep', ['deep']],
      ['https://*.contoso.com', ['tenant']],
      ['https://*.contoso.com/assets', null],
      ['https://status.contoso.com', null],
    ];

    itMatches(map, [
      { does: 'excludes the key path', url: 'https://api.contoso.com/health', key: null },
      { does: 'excludes below the key path', url: 'https://api.contoso.com/health/live', key: null },
      { does: 'excludes every method', url: 'https://api.contoso.com/health', method: 'POST', key: null },
      { does: 'keeps a longer sibling segment protected', url: 'https://api.contoso.com/healthz', key: 'https://api.contoso.com' },
      {
        does: 'protects a more specific key inside the exclusion',
        url: 'https://api.contoso.com/health/deep/1',
        key: 'https://api.contoso.com/health/deep',
      },
      { does: 'does not fall through from an excluded exact host to a wildcard host', url: 'https://status.contoso.com/x', key: null },
      { does: 'excludes a subtree of a wildcard host', url: 'https://eu.contoso.com/assets/logo.png', key: null },
      { does: 'protects the rest of a wildcard host', url: 'https://eu.contoso.com/api', key: 'https://*.contoso.com' },
      {
        does: 'lets an exact host win over a wildcard exclusion',
        url: 'https://api.contoso.com/assets/logo.png',
        key: 'https://api.contoso.com',
      },
    ]);
  });

  describe('relative keys and request URLs against a base URL with a sub-path', () => {
    const baseUrl = 'https://app.example.com/portal/';
    const map: Entries = [
      ['api/orders', ['portal.orders']],
      ['/api', ['root.api']],
      ['../shared', ['shared']],
      ['./local/', ['local']],
      ['//files.example.com/docs', ['files']],
      ['https://api.contoso.com/v1', ['absolute']],
    ];

    itMatches(
      map,
      [
        { does: 'matches an absolute request under a relative key', url: 'https://app.example.com/portal/api/orders/7', key: 'api/orders' },
        { does: 'resolves a relative request against the base', url: 'api/orders/7', key: 'api/orders' },
        { does: 'resolves a ./ request against the base', url: './api/orders', key: 'api/orders' },
        { does: 'matches a root-relative request under the base path', url: '/portal/api/orders?x=1', key: 'api/orders' },
        { does: 'ignores a longer segment after a relative key', url: 'api/ordersx', key: null },
        { does: 'ignores the base path above a relative key', url: 'api', key: null },
        { does: 'resolves a root-relative key against the host root', url: '/api/orders', key: '/api' },
        { does: 'matches an absolute request under a root-relative key', url: 'https://app.example.com/api/x', key: '/api' },
        { does: 'resolves a ../ request against the base', url: '../api/x', key: '/api' },
        { does: 'resolves a ../ key against the base', url: '/shared/x', key: '../shared' },
        { does: 'ignores the base path in place of the ../ key', url: 'shared/x', key: null },
        { does: 'resolves a ./ key with a trailing slash', url: 'local/x', key: './local/' },
        {
          does: 'resolves a protocol-relative key with the base scheme',
          url: '//files.example.com/docs/1',
          key: '//files.example.com/docs',
        },
        {
          does: 'matches an absolute request under a protocol-relative key',
          url: 'https://files.example.com/docs',
          key: '//files.example.com/docs',
        },
        { does: 'ignores the base host over http', url: 'http://app.example.com/api', key: null },
        { does: 'ignores the base host on another port', url: 'https://app.example.com:8443/api', key: null },
        { does: 'matches an absolute key next to relative ones', url: 'https://api.contoso.com/v1/x', key: 'https://api.contoso.com/v1' },
        { does: 'resolves a relative request to the base host, not an absolute key host', url: '/v1', key: null },
      ],
      { baseUrl },
    );
  });

  describe('relative keys that look like hosts (development builds)', () => {
    const baseUrl = 'https://app.example.com/portal/';
    const warned: readonly { readonly key: string; readonly meant: string }[] = [
      { key: 'api.contoso.com/v1', meant: 'https://api.contoso.com/v1' },
      { key: 'api.contoso.com', meant: 'https://api.contoso.com' },
      { key: 'Graph.Microsoft.com/v1.0/me', meant: 'https://Graph.Microsoft.com/v1.0/me' },
      { key: 'localhost/api', meant: 'http://localhost/api' },
      { key: '127.0.0.1:3001/orders', meant: 'http://127.0.0.1:3001/orders' },
      { key: '[::1]:3001/orders', meant: 'http://[::1]:3001/orders' },
    ];
    const quiet = ['/api.contoso.com/v1', './api.contoso.com/v1', '../api.contoso.com', 'api/orders', 'data.json', 'assets.v2/x', 'v1.2/x'];
    let warn: jasmine.Spy;

    beforeEach(() => (warn = spyOn(console, 'warn')));

    for (const { key, meant } of warned) {
      it(`warns that "${key}" is a path and names ${meant}`, () => {
        compileProtectedResourceMap([[key, ['s']]], { baseUrl });

        expect(warn).toHaveBeenCalledTimes(1);
        const message = String(warn.calls.mostRecent().args[0]);
        expect(message).toContain(MsalHttpErrorCode.KeyLooksLikeHost);
        expect(message).toContain(`"${key}"`);
        expect(message).toContain(`"${meant}"`);
      });
    }

    it('still reads such a key as a path on the app', () => {
      const matcher = compileProtectedResourceMap([['api.contoso.com/v1', ['s']]], { baseUrl });

      expect(matcher.match('https://app.example.com/portal/api.contoso.com/v1/x')?.key).toBe('api.contoso.com/v1');
      expect(matcher.match('https://api.contoso.com/v1/x')).toBeNull();
    });

    for (const key of quiet) {
      it(`does not warn about "${key}"`, () => {
        compileProtectedResourceMap([[key, ['s']]], { baseUrl });

        expect(warn).not.toHaveBeenCalled();
      });
    }

    it('does not warn about absolute keys', () => {
      compileProtectedResourceMap(
        [
          ['https://api.contoso.com/v1', ['s']],
          ['//files.contoso.com/x', ['f']],
        ],
        { baseUrl },
      );

      expect(warn).not.toHaveBeenCalled();
    });

    it('does not warn when ngDevMode is off', () => {
      const global = globalThis as { ngDevMode?: unknown };
      const saved = global.ngDevMode;
      global.ngDevMode = false;
      try {
        compileProtectedResourceMap([['api.contoso.com/v1', ['s']]], { baseUrl });
      } finally {
        global.ngDevMode = saved;
      }

      expect(warn).not.toHaveBeenCalled();
    });
  });

  describe('relative request URLs without a base URL', () => {
    const map: Entries = [['https://api.contoso.com', ['api']]];

    itMatches(map, [
      { does: 'ignores a root-relative request', url: '/api', key: null },
      { does: 'ignores a path-relative request', url: 'api/orders', key: null },
      { does: 'ignores a ./ request', url: './api', key: null },
      { does: 'ignores a protocol-relative request to a mapped host', url: '//api.contoso.com/x', key: null },
      { does: 'ignores a query-only request', url: '?x=1', key: null },
    ]);
  });

  describe('input forms and keys', () => {
    const entries: Entries = [
      ['https://*.contoso.com', ['tenant']],
      ['https://api.contoso.com/orders', ['orders']],
      ['/api', ['app']],
      ['https://api.contoso.com', ['api']],
    ];
    const forms: readonly { readonly form: string; readonly map: () => ProtectedResourceMap }[] = [
      { form: 'a Map', map: () => new Map(entries) },
      { form: 'an array of pairs', map: () => entries },
      { form: 'a plain object', map: () => Object.fromEntries(entries) },
    ];

    for (const { form, map } of forms) {
      it(`lists keys in the given order, not by specificity, from ${form}`, () => {
        const matcher = compileProtectedResourceMap(map(), { baseUrl: 'https://app.example.com/' });

        expect(matcher.keys).toEqual(['https://*.contoso.com', 'https://api.contoso.com/orders', '/api', 'https://api.contoso.com']);
      });

      it(`matches through ${form}`, () => {
        const matcher = compileProtectedResourceMap(map(), { baseUrl: 'https://app.example.com/' });

        expect(matcher.match('https://api.contoso.com/orders/7')).toEqual({ key: 'https://api.contoso.com/orders', scopes: ['orders'] });
      });
    }
  });

  describe('results', () => {
    it('freezes match results', () => {
      const matcher = compileProtectedResourceMap([['https://api.contoso.com', ['api']]]);

      expect(Object.isFrozen(matcher.match('https://api.contoso.com/'))).toBeTrue();
    });

    it('freezes the scope list of a match', () => {
      const matcher = compileProtectedResourceMap([['https://api.contoso.com', [{ httpMethod: 'POST', scopes: ['w'] }, 'r']]]);

      expect(Object.isFrozen(matcher.match('https://api.contoso.com/', 'POST')?.scopes)).toBeTrue();
    });

    it('freezes keys', () => {
      const matcher = compileProtectedResourceMap([['https://api.contoso.com', ['api']]]);

      expect(Object.isFrozen(matcher.keys)).toBeTrue();
    });

    it('keeps scopes when the caller later changes the input list', () => {
      const scopes = ['api.read'];
      const matcher = compileProtectedResourceMap([['https://api.contoso.com', scopes]]);
      scopes.push('api.write');

      expect(matcher.match('https://api.contoso.com/')?.scopes).toEqual(['api.read']);
    });

    it('removes duplicate scopes', () => {
      const matcher = compileProtectedResourceMap([['https://api.contoso.com', ['a', 'b', 'a']]]);

      expect(matcher.match('https://api.contoso.com/')?.scopes).toEqual(['a', 'b']);
    });
  });

  describe('configuration errors', () => {
    const base = 'https://app.example.com/portal/';

    itRejects([
      { does: 'rejects an empty key', map: [['', ['s']]], code: MsalHttpErrorCode.KeyNotUrl, mentions: ['empty key'] },
      { does: 'rejects a blank key', map: [['   ', ['s']]], code: MsalHttpErrorCode.KeyNotUrl, mentions: ['empty key'] },
      {
        does: 'rejects a key that is not a string',
        map: new Map<unknown, unknown>([[42, ['s']]]),
        code: MsalHttpErrorCode.KeyNotUrl,
        mentions: ['key 42'],
      },
      {
        does: 'rejects an absolute key with an invalid port',
        map: [['https://api.contoso.com:99999/', ['s']]],
        baseUrl: base,
        code: MsalHttpErrorCode.KeyNotUrl,
        mentions: ['"https://api.contoso.com:99999/"'],
      },
      {
        does: 'rejects an unparseable absolute key without a base',
        map: [['https://[::1/api', ['s']]],
        code: MsalHttpErrorCode.KeyNotUrl,
        mentions: ['"https://[::1/api"'],
      },
      { does: 'rejects an http key without a host', map: [['http://', ['s']]], code: MsalHttpErrorCode.KeyNotUrl, mentions: ['"http://"'] },

      {
        does: 'rejects an empty scope list',
        map: [['https://api.contoso.com', []]],
        code: MsalHttpErrorCode.EmptyScopeList,
        mentions: ['"https://api.contoso.com"', 'null'],
      },
      {
        does: 'rejects an empty scope list in a method entry',
        map: [['https://api.contoso.com/x', [{ httpMethod: 'GET', scopes: [] }]]],
        code: MsalHttpErrorCode.EmptyScopeList,
        mentions: ['"https://api.contoso.com/x"'],
      },

      {
        does: 'rejects an empty scope',
        map: [['https://api.contoso.com', ['']]],
        code: MsalHttpErrorCode.InvalidScope,
        mentions: ['"https://api.contoso.com"'],
      },
      {
        does: 'rejects a scope with a space',
        map: [['https://api.contoso.com', ['a b']]],
        code: MsalHttpErrorCode.InvalidScope,
        mentions: ['"https://api.contoso.com"', '"a b"'],
      },
      {
        does: 'rejects a scope that is a number',
        map: [['https://api.contoso.com', [7]]],
        code: MsalHttpErrorCode.InvalidScope,
        mentions: ['"https://api.contoso.com"', 'scope 7'],
      },
      {
        does: 'rejects a null scope inside a list',
        map: [['https://api.contoso.com', ['a', null]]],
        code: MsalHttpErrorCode.InvalidScope,
        mentions: ['"https://api.contoso.com"', 'scope null'],
      },
      {
        does: 'rejects a bad scope in a method entry',
        map: [['https://api.contoso.com', [{ httpMethod: 'GET', scopes: [' '] }]]],
        code: MsalHttpErrorCode.InvalidScope,
        mentions: ['"https://api.contoso.com"'],
      },

      {
        does: 'rejects an ftp key',
        map: [['ftp://files.contoso.com', ['s']]],
        code: MsalHttpErrorCode.UnsupportedScheme,
        mentions: ['"ftp://files.contoso.com"'],
      },
      {
        does: 'rejects a wss key',
        map: [['wss://api.contoso.com', ['s']]],
        code: MsalHttpErrorCode.UnsupportedScheme,
        mentions: ['"wss://api.contoso.com"'],
      },
      {
        does: 'rejects localhost and a port without a scheme and suggests http',
        map: [['localhost:3001/orders', ['s']]],
        code: MsalHttpErrorCode.UnsupportedScheme,
        mentions: ['"localhost:3001/orders"', '"http://localhost:3001/orders"'],
      },
      {
        does: 'rejects a host and port without a scheme and suggests https',
        map: [['api.contoso.com:8443/v1', ['s']]],
        code: MsalHttpErrorCode.UnsupportedScheme,
        mentions: ['"api.contoso.com:8443/v1"', '"https://api.contoso.com:8443/v1"'],
      },
      {
        does: 'rejects a relative key that resolves to a file URL',
        map: [['/api', ['s']]],
        baseUrl: 'file:///C:/app/',
        code: MsalHttpErrorCode.UnsupportedScheme,
        mentions: ['"/api"'],
      },

      {
        does: 'rejects a key with a query',
        map: [['https://api.contoso.com/v1?x=1', ['s']]],
        code: MsalHttpErrorCode.KeyWithQueryOrFragment,
        mentions: ['"https://api.contoso.com/v1?x=1"'],
      },
      {
        does: 'rejects a key with a fragment',
        map: [['https://api.contoso.com/v1#top', ['s']]],
        code: MsalHttpErrorCode.KeyWithQueryOrFragment,
        mentions: ['"https://api.contoso.com/v1#top"'],
      },
      {
        does: 'rejects a relative key with an empty query',
        map: [['/api?', ['s']]],
        baseUrl: base,
        code: MsalHttpErrorCode.KeyWithQueryOrFragment,
        mentions: ['"/api?"'],
      },

      {
        does: 'rejects a key with a user name',
        map: [['https://user@api.contoso.com', ['s']]],
        code: MsalHttpErrorCode.KeyWithUserInfo,
        mentions: ['"https://user@api.contoso.com"'],
      },
      {
        does: 'rejects a key with a user name and password',
        map: [['https://user:pw@api.contoso.com', ['s']]],
        code: MsalHttpErrorCode.KeyWithUserInfo,
        mentions: ['"https://user:pw@api.contoso.com"'],
      },
      {
        does: 'rejects a key whose user information spells a host',
        map: [['https://api.contoso.com@evil.net', ['s']]],
        code: MsalHttpErrorCode.KeyWithUserInfo,
        mentions: ['"https://api.contoso.com@evil.net"'],
      },

      {
        does: 'rejects a wildcard over a top-level domain',
        map: [['https://*.com', ['s']]],
        code: MsalHttpErrorCode.InvalidHostWildcard,
        mentions: ['"https://*.com"'],
      },
      {
        does: 'rejects a host that is only a wildcard',
        map: [['https://*', ['s']]],
        code: MsalHttpErrorCode.InvalidHostWildcard,
        mentions: ['"https://*"'],
      },
      {
        does: 'rejects two wildcards over a top-level domain',
        map: [['https://*.*.com', ['s']]],
        code: MsalHttpErrorCode.InvalidHostWildcard,
        mentions: ['"https://*.*.com"'],
      },
      {
        does: 'rejects a wildcard inside a label',
        map: [['https://a*.contoso.com', ['s']]],
        code: MsalHttpErrorCode.InvalidHostWildcard,
        mentions: ['"https://a*.contoso.com"'],
      },
      {
        does: 'rejects a wildcard label that is not leftmost',
        map: [['https://eu.*.contoso.com', ['s']]],
        code: MsalHttpErrorCode.InvalidHostWildcard,
        mentions: ['"https://eu.*.contoso.com"'],
      },
      {
        does: 'rejects ** as a host label',
        map: [['https://**.contoso.com', ['s']]],
        code: MsalHttpErrorCode.InvalidHostWildcard,
        mentions: ['"https://**.contoso.com"'],
      },

      {
        does: 'rejects keys that differ only in host case and default port',
        map: [
          ['https://api.contoso.com', ['a']],
          ['https://API.contoso.com:443/', ['b']],
        ],
        code: MsalHttpErrorCode.DuplicateKey,
        mentions: ['"https://api.contoso.com"', '"https://API.contoso.com:443/"'],
      },
      {
        does: 'rejects keys that differ only by a trailing slash',
        map: [
          ['https://api.contoso.com/api', ['a']],
          ['https://api.contoso.com/api/', ['b']],
        ],
        code: MsalHttpErrorCode.DuplicateKey,
        mentions: ['"https://api.contoso.com/api/"'],
      },
      {
        does: 'rejects keys that differ only by a trailing /*',
        map: [
          ['https://api.contoso.com/api', ['a']],
          ['https://api.contoso.com/api/*', ['b']],
        ],
        code: MsalHttpErrorCode.DuplicateKey,
        mentions: ['"https://api.contoso.com/api/*"'],
      },
      {
        does: 'rejects keys that differ only by a trailing /**',
        map: [
          ['https://api.contoso.com/api/**', ['a']],
          ['https://api.contoso.com/api', ['b']],
        ],
        code: MsalHttpErrorCode.DuplicateKey,
        mentions: ['"https://api.contoso.com/api/**"'],
      },
      {
        does: 'rejects a relative key and the absolute key it resolves to',
        map: [
          ['/api', ['a']],
          ['https://app.example.com/api', ['b']],
        ],
        baseUrl: base,
        code: MsalHttpErrorCode.DuplicateKey,
        mentions: ['"/api"', '"https://app.example.com/api"'],
      },
      {
        does: 'rejects keys that differ only by dot segments',
        map: [
          ['https://api.contoso.com/a/b', ['a']],
          ['https://api.contoso.com/a/x/../b', ['b']],
        ],
        code: MsalHttpErrorCode.DuplicateKey,
        mentions: ['"https://api.contoso.com/a/x/../b"'],
      },
      {
        does: 'rejects wildcard keys that differ only in case',
        map: [
          ['https://*.contoso.com', ['a']],
          ['https://*.CONTOSO.com/', ['b']],
        ],
        code: MsalHttpErrorCode.DuplicateKey,
        mentions: ['"https://*.CONTOSO.com/"'],
      },

      {
        does: 'rejects a method entry without httpMethod',
        map: [['https://api.contoso.com', [{ scopes: ['s'] }]]],
        code: MsalHttpErrorCode.InvalidMethodEntry,
        mentions: ['"https://api.contoso.com"', 'httpMethod undefined'],
      },
      {
        does: 'rejects an httpMethod with a space',
        map: [['https://api.contoso.com', [{ httpMethod: 'GET POST', scopes: ['s'] }]]],
        code: MsalHttpErrorCode.InvalidMethodEntry,
        mentions: ['"https://api.contoso.com"', '"GET POST"'],
      },
      {
        does: 'rejects an httpMethod that is not a string',
        map: [['https://api.contoso.com', [{ httpMethod: 1, scopes: ['s'] }]]],
        code: MsalHttpErrorCode.InvalidMethodEntry,
        mentions: ['"https://api.contoso.com"'],
      },
      {
        does: 'rejects method scopes given as a string',
        map: [['https://api.contoso.com', [{ httpMethod: 'GET', scopes: 'api.read' }]]],
        code: MsalHttpErrorCode.InvalidMethodEntry,
        mentions: ['"https://api.contoso.com"', '"api.read"'],
      },
      {
        does: 'rejects the same method twice in any case',
        map: [
          [
            'https://api.contoso.com',
            [
              { httpMethod: 'get', scopes: ['a'] },
              { httpMethod: 'GET', scopes: ['b'] },
            ],
          ],
        ],
        code: MsalHttpErrorCode.InvalidMethodEntry,
        mentions: ['"https://api.contoso.com"', 'GET twice'],
      },

      {
        does: 'rejects a value that is a single scope string',
        map: [['https://api.contoso.com', 'api.read']],
        code: MsalHttpErrorCode.InvalidMapValue,
        mentions: ['"https://api.contoso.com"', '"api.read"'],
      },
      {
        does: 'rejects an undefined value',
        map: [['https://api.contoso.com', undefined]],
        code: MsalHttpErrorCode.InvalidMapValue,
        mentions: ['"https://api.contoso.com"'],
      },
      {
        does: 'rejects a value that is an object',
        map: { 'https://api.contoso.com': { scopes: ['s'] } },
        code: MsalHttpErrorCode.InvalidMapValue,
        mentions: ['"https://api.contoso.com"', 'an object'],
      },

      { does: 'rejects a null map', map: null, code: MsalHttpErrorCode.InvalidMapShape, mentions: ['is null'] },
      {
        does: 'rejects a map given as a string',
        map: 'https://api.contoso.com',
        code: MsalHttpErrorCode.InvalidMapShape,
        mentions: ['"https://api.contoso.com"'],
      },
      {
        does: 'rejects a flat array instead of pairs',
        map: ['https://api.contoso.com', ['s']],
        code: MsalHttpErrorCode.InvalidMapShape,
        mentions: ['"https://api.contoso.com"'],
      },
      {
        does: 'rejects an array item with three parts',
        map: [['https://api.contoso.com', ['s'], 'extra']],
        code: MsalHttpErrorCode.InvalidMapShape,
        mentions: ['an array'],
      },
      {
        does: 'rejects a Set',
        map: new Set(['https://api.contoso.com']),
        code: MsalHttpErrorCode.InvalidMapShape,
        mentions: ['an object'],
      },

      {
        does: 'rejects * joined to a path segment',
        map: [['https://api.contoso.com/api*', ['s']]],
        code: MsalHttpErrorCode.InvalidPathWildcard,
        mentions: ['"https://api.contoso.com/api*"', '"api*"'],
      },
      {
        does: 'rejects ** joined to a path segment',
        map: [['https://api.contoso.com/v2/**x/reports', ['s']]],
        code: MsalHttpErrorCode.InvalidPathWildcard,
        mentions: ['"https://api.contoso.com/v2/**x/reports"'],
      },
      {
        does: 'rejects a relative key with * inside a segment',
        map: [['/files/a*b/raw', ['s']]],
        baseUrl: base,
        code: MsalHttpErrorCode.InvalidPathWildcard,
        mentions: ['"/files/a*b/raw"'],
      },

      {
        does: 'rejects a root-relative key without a base',
        map: [['/api', ['s']]],
        code: MsalHttpErrorCode.RelativeKeyWithoutBase,
        mentions: ['"/api"'],
      },
      {
        does: 'rejects a path-relative key without a base',
        map: [['api/orders', ['s']]],
        code: MsalHttpErrorCode.RelativeKeyWithoutBase,
        mentions: ['"api/orders"'],
      },
      {
        does: 'rejects a ../ key without a base',
        map: [['../shared', ['s']]],
        code: MsalHttpErrorCode.RelativeKeyWithoutBase,
        mentions: ['"../shared"'],
      },
      {
        does: 'rejects /a/*/* next to /a, which means the same',
        map: [
          ['https://api.contoso.com/a', ['a']],
          ['https://api.contoso.com/a/*/*', ['b']],
        ],
        code: MsalHttpErrorCode.DuplicateKey,
        mentions: ['"https://api.contoso.com/a"', '"https://api.contoso.com/a/*/*"'],
      },
      {
        does: 'rejects /a/**/* next to /a, which means the same',
        map: [
          ['https://api.contoso.com/a/**/*', ['b']],
          ['https://api.contoso.com/a', ['a']],
        ],
        code: MsalHttpErrorCode.DuplicateKey,
        mentions: ['"https://api.contoso.com/a/**/*"', '"https://api.contoso.com/a"'],
      },
      {
        does: 'rejects **/* and */** in the same place, which mean the same',
        map: [
          ['https://api.contoso.com/a/**/*/c', ['a']],
          ['https://api.contoso.com/a/*/**/c', ['b']],
        ],
        code: MsalHttpErrorCode.DuplicateKey,
        mentions: ['"https://api.contoso.com/a/*/**/c"'],
      },
      {
        does: 'rejects an https key without // and suggests the fix',
        map: [['https:api.contoso.com/v1', ['s']]],
        code: MsalHttpErrorCode.MalformedScheme,
        mentions: ['"https:api.contoso.com/v1"', '"https://api.contoso.com/v1"'],
      },
      {
        does: 'rejects an https key with one slash',
        map: [['https:/api.contoso.com', ['s']]],
        baseUrl: base,
        code: MsalHttpErrorCode.MalformedScheme,
        mentions: ['"https://api.contoso.com"'],
      },
      {
        does: 'rejects an upper-case http key without //',
        map: [['HTTP:legacy.contoso.com', ['s']]],
        baseUrl: base,
        code: MsalHttpErrorCode.MalformedScheme,
        mentions: ['"http://legacy.contoso.com"'],
      },
      {
        does: 'rejects https// without a colon',
        map: [['https//api.contoso.com', ['s']]],
        baseUrl: base,
        code: MsalHttpErrorCode.MalformedScheme,
        mentions: ['"https//api.contoso.com"', '"https://api.contoso.com"'],
      },
      {
        does: 'rejects http// without a colon',
        map: [['http//localhost:3001/orders', ['s']]],
        code: MsalHttpErrorCode.MalformedScheme,
        mentions: ['"http://localhost:3001/orders"'],
      },
      {
        does: 'rejects a host-like relative key without a base and suggests https',
        map: [['api.contoso.com/v1', ['s']]],
        code: MsalHttpErrorCode.RelativeKeyWithoutBase,
        mentions: ['"api.contoso.com/v1"', '"https://api.contoso.com/v1"'],
      },
      {
        does: 'rejects a localhost relative key without a base and suggests http',
        map: [['localhost/api', ['s']]],
        code: MsalHttpErrorCode.RelativeKeyWithoutBase,
        mentions: ['"http://localhost/api"'],
      },
      {
        does: 'rejects an https key with a backslash instead of //',
        map: [['https:\\api.contoso.com', ['s']]],
        code: MsalHttpErrorCode.MalformedScheme,
        mentions: ['"https://api.contoso.com"'],
      },
    ]);

    it('keeps only the code and a pointer to the docs when ngDevMode is off', () => {
      const global = globalThis as { ngDevMode?: unknown };
      const saved = global.ngDevMode;
      global.ngDevMode = false;
      try {
        const error = compileError([['https://api.contoso.com/v1?x=1', ['s']]]);

        expect(error.code).toBe(MsalHttpErrorCode.KeyWithQueryOrFragment);
        expect(error.message).toBe('MSALHTTP105: see docs/errors.md#msalhttp105 in the ngx-msal-http package');
      } finally {
        global.ngDevMode = saved;
      }
    });

    it('names the first bad key', () => {
      const error = compileError([
        ['https://api.contoso.com/a?', ['s']],
        ['https://api.contoso.com/b?', ['s']],
      ]);

      expect(error.message).toContain('"https://api.contoso.com/a?"');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers

type Entries = ReadonlyArray<readonly [string, ProtectedResourceScopes]>;

/** One request and the key that must win for it; `key: null` means no token. */
interface MatchRow {
  readonly does: string;
  readonly url: string;
  readonly method?: string;
  readonly key: string | null;
  /** The scopes the winning key must give, where the method decides them. */
  readonly scopes?: readonly string[];
}

/** A precedence case: the same keys are compiled in the given order and reversed. */
interface PrecedenceRow {
  readonly does: string;
  readonly keys: Entries;
  readonly url: string;
  readonly key: string | null;
}

/** A map (deliberately untyped) that must fail to compile with `code`, naming `mentions`. */
interface ErrorRow {
  readonly does: string;
  readonly map: unknown;
  readonly baseUrl?: string;
  readonly code: MsalHttpErrorCode;
  readonly mentions: readonly string[];
}

/** One `it` per row, titled with the row, the method and the URL. */
function itMatches(map: Entries, rows: readonly MatchRow[], options: { readonly baseUrl?: string } = {}): void {
  for (const row of rows) {
    it(`${row.does} [${row.method ?? 'GET'} ${JSON.stringify(row.url)}]`, () => {
      const match = compileProtectedResourceMap(map, options).match(row.url, row.method);

      expect(match === null ? null : match.key).toBe(row.key);
      if (row.scopes) expect(match?.scopes).toEqual(row.scopes);
    });
  }
}

/** Two `it`s per row: keys in the given order and reversed must pick the same winner. */
function itPrefers(rows: readonly PrecedenceRow[]): void {
  for (const row of rows) {
    for (const order of ['given', 'reversed'] as const) {
      it(`${row.does} (keys ${order}) [GET ${row.url}]`, () => {
        const keys = order === 'given' ? row.keys : [...row.keys].reverse();
        const match = compileProtectedResourceMap(keys).match(row.url);

        expect(match === null ? null : match.key).toBe(row.key);
      });
    }
  }
}

/** One `it` per row: compiling throws an MsalHttpError with the code and a message naming the value. */
function itRejects(rows: readonly ErrorRow[]): void {
  for (const row of rows) {
    it(`${row.does} with ${row.code}`, () => {
      const error = compileError(row.map, row.baseUrl);

      expect(error.code).toBe(row.code);
      for (const text of row.mentions) expect(error.message).toContain(text);
    });
  }
}

/** Compiles `map` and returns the MsalHttpError it throws; fails the spec when nothing is thrown. */
function compileError(map: unknown, baseUrl?: string): MsalHttpError {
  try {
    compileProtectedResourceMap(map as ProtectedResourceMap, { baseUrl });
  } catch (error) {
    if (error instanceof MsalHttpError) return error;
    throw error;
  }
  throw new Error('expected compileProtectedResourceMap to throw an MsalHttpError');
}
