// Questions the tests ask of the API's request record (GET /__received; see e2e/servers/api.mjs).
import assert from 'node:assert/strict';

/** The API each protected path belongs to, i.e. the only audience a token sent there may have. */
const AUDIENCE_OF_PATH = { '/orders': 'api://demo-orders', '/profile': 'api://demo-profile' };

/** The recorded requests for `method` and `path` on the API's own host (`localhost:<port>`). */
export function requestsTo(records, method, path, host = null) {
  return records.filter((r) => r.method === method && r.path === path && (host === null || r.host === host));
}

/** True when a verified token's `scope` claim grants `scope` (full form, e.g. `api://demo-orders/orders.read`). */
export function grants(record, scope) {
  return (record.token?.scope ?? '').split(' ').includes(scope);
}

/**
 * Asserts that every request that carried a token carried a valid one for the API it reached:
 * signature, issuer, expiry and audience checked by the API, and the audience is that API's.
 */
export function assertNoTokenCrossedAudiences(records) {
  for (const record of records.filter((r) => r.hasAuthorization)) {
    const where = `${record.method} ${record.host}${record.path}`;
    assert.equal(record.tokenError, null, `${where}: the API rejected the token: ${record.tokenError}`);
    assert.equal(record.token?.aud, AUDIENCE_OF_PATH[record.path.split('?')[0]], `${where}: token for the wrong audience`);
  }
}
