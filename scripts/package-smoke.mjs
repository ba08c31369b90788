// Copied by check-package.mjs into an empty folder where the packed package is installed, then
// run there: `node smoke.mjs ngx-msal-http ngx-msal-http/testing`. Bare specifiers resolve
// through the installed package's "exports", as they would in an application.
import assert from 'node:assert/strict';
// Partially compiled Angular code needs the JIT compiler when no Angular build links it.
import '@angular/compiler';

const [main, ...others] = process.argv.slice(2);

const lib = await import(main);
assert.equal(typeof lib.provideMsalHttp, 'function', 'provideMsalHttp is exported');
// compileProtectedResourceMap is pure: it runs without Angular's injector or a browser.
const matcher = lib.compileProtectedResourceMap({ 'https://api.contoso.com/orders': ['api://orders/orders.read'] });
assert.deepEqual(matcher.keys, ['https://api.contoso.com/orders']);
assert.deepEqual(matcher.match('https://api.contoso.com/orders/42', 'GET'), {
  key: 'https://api.contoso.com/orders',
  scopes: ['api://orders/orders.read'],
});
assert.equal(matcher.match('https://api.contoso.com.evil.example/orders/42', 'GET'), null);
console.log(`[package] ${main}: ${Object.keys(lib).length} exports; compileProtectedResourceMap matches`);

for (const specifier of others) {
  const entry = await import(specifier);
  assert.ok(Object.keys(entry).length > 0, `${specifier} exports something`);
  console.log(`[package] ${specifier}: ${Object.keys(entry).length} exports`);
}
