// Copied by check-package.mjs into the empty folder where the packed package is installed, then run
// there with node:test: `ngx-msal-http/matching` is the matcher for plain Node, so it must load
// and match with no Angular at all. A resolve hook makes any import of @angular/* fail the run,
// and, unlike package-smoke.mjs, nothing loads @angular/compiler first.
import assert from 'node:assert/strict';
import { register } from 'node:module';
import { test } from 'node:test';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@angular/')) throw new Error('ngx-msal-http/matching must not import ' + specifier);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const matching = await import('ngx-msal-http/matching');
const { compileProtectedResourceMap, MsalHttpError, MsalHttpErrorCode } = matching;

test('the hook refuses @angular/*, so the import above loaded none of it', async () => {
  await assert.rejects(import('@angular/core'), /must not import @angular\/core/);
});

test('exports the matcher and its errors, and nothing Angular', () => {
  assert.deepEqual(Object.keys(matching).sort(), ['MsalHttpError', 'MsalHttpErrorCode', 'compileProtectedResourceMap']);
  assert.equal(typeof globalThis.ngDevMode, 'undefined');
});

test('matches an absolute URL on segment boundaries and ignores look-alike hosts', () => {
  const matcher = compileProtectedResourceMap({ 'https://api.contoso.com/orders': ['api://orders/orders.read'] });

  assert.deepEqual(matcher.match('https://api.contoso.com/orders/42'), {
    key: 'https://api.contoso.com/orders',
    scopes: ['api://orders/orders.read'],
  });
  assert.equal(matcher.match('https://api.contoso.com/ordersx'), null);
  assert.equal(matcher.match('https://api.contoso.com.evil.example/orders'), null);
});

test('resolves relative keys and requests against baseUrl and applies method entries', () => {
  const matcher = compileProtectedResourceMap(
    [
      ['/api', [{ httpMethod: 'POST', scopes: ['app.write'] }, 'app.read']],
      ['/api/public', null],
    ],
    { baseUrl: 'https://app.example.com/' },
  );

  assert.deepEqual(matcher.match('/api/items', 'post')?.scopes, ['app.write', 'app.read']);
  assert.deepEqual(matcher.match('https://app.example.com/api/items')?.scopes, ['app.read']);
  assert.equal(matcher.match('/api/public/docs'), null);
});

test('throws a coded MsalHttpError with its development message (ngDevMode is undefined in Node)', () => {
  assert.throws(
    () => compileProtectedResourceMap([['https://api.contoso.com/v1?x=1', ['s']]]),
    (error) =>
      error instanceof MsalHttpError &&
      error.code === MsalHttpErrorCode.KeyWithQueryOrFragment &&
      error.message.includes('"https://api.contoso.com/v1?x=1"'),
  );
});
