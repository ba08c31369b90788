// Bearer token checks of the demo API, done the way a real resource server does them: signature
// against the provider's published keys, issuer, expiry, audience, then scope.
import { createRemoteJWKSet, customFetch, errors, jwtVerify } from 'jose';

/**
 * Returns `verify(authorizationHeader, audience)`, which resolves to one of
 * `{ outcome: 'missing' }` (no bearer token: RFC 6750 says answer without an error code),
 * `{ outcome: 'invalid', description }`, or `{ outcome: 'valid', claims }`. A DPoP-bound token
 * (`cnf.jkt`) is invalid here unless `{ bound: true }` says the caller checked its proof.
 * `claims` are also returned with an `invalid` outcome when only the audience is wrong, so the API
 * can record which token arrived where.
 *
 * @example
 * const verify = createBearerVerifier({ issuer, jwksUri, fetch: createLoopbackFetch({ ca }) });
 * const result = await verify(req.headers.authorization, 'api://demo-orders');
 */
export function createBearerVerifier({ issuer, jwksUri, fetch }) {
  const keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000, ...(fetch ? { [customFetch]: fetch } : {}) });

  return async function verify(authorizationHeader, audience, { bound = false } = {}) {
    if (!/^Bearer\b/i.test(authorizationHeader ?? '')) return { outcome: 'missing' };
    const match = /^Bearer +(\S+) *$/i.exec(authorizationHeader);
    if (!match) return { outcome: 'invalid', description: 'malformed Authorization header' };

    let claims;
    try {
      ({ payload: claims } = await jwtVerify(match[1], keys, {
        issuer,
        algorithms: ['RS256'],
        typ: 'at+jwt',
        requiredClaims: ['exp', 'iat', 'sub', 'aud'],
        clockTolerance: 5,
      }));
    } catch (error) {
      // Key-set fetch failures are the server's problem, not the token's: let the API answer 5xx.
      if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout || error.code === 'ERR_JOSE_GENERIC') throw error;
      return { outcome: 'invalid', description: describe(error) };
    }
    // Checked here rather than by jwtVerify so a wrong-audience token still shows up decoded in
    // /__received ("the profile token reached the orders API").
    if (![].concat(claims.aud).includes(audience)) {
      return { outcome: 'invalid', description: `token audience ${[].concat(claims.aud).join(' ')} is not ${audience}`, claims };
    }
    // RFC 9449 §7.2: a DPoP-bound token presented as a bearer token is refused (the DPoP verifier
    // asks with `bound: true` after checking the proof).
    if (claims.cnf?.jkt && !bound)
      return { outcome: 'invalid', description: 'a DPoP-bound token cannot be used as a bearer token', claims };
    return { outcome: 'valid', claims };
  };
}

/** True when the token's `scope` (or Entra-style `scp`) grants `scope` of `audience`, short or full form. */
export function hasScope(claims, audience, scope) {
  const granted = new Set(`${claims.scope ?? ''} ${claims.scp ?? ''}`.split(' '));
  return granted.has(`${audience}/${scope}`) || granted.has(scope);
}

function describe(error) {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `token claim ${error.claim} is invalid (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'token signature does not verify against the issuer keys';
  }
  return `token rejected (${error.code})`;
}
