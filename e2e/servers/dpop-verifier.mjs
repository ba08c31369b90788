// DPoP (RFC 9449 §4.3 and §7) checks of the demo API's sender-constrained route, the way a real
// resource server does them: the proof's signature with its embedded key, its header, htm and htu
// against this request, a fresh iat, a jti never seen before, ath against the token, and the
// token's cnf.jkt against the proof key's thumbprint. The token itself is checked by the bearer
// verifier (signature, issuer, expiry, audience).
import { createHash } from 'node:crypto';
import { EmbeddedJWK, calculateJwkThumbprint, decodeProtectedHeader, errors, jwtVerify } from 'jose';

/** Asymmetric algorithms accepted for proofs (advertised in the challenge's `algs`). */
export const DPOP_ALGS = ['ES256', 'ES384', 'PS256', 'RS256', 'EdDSA'];
const IAT_WINDOW_SECONDS = 60;

/**
 * Returns `verify({ authorization, proofs, method, url, audience, nonce })`, resolving to
 * `{ outcome: 'missing' }`, `{ outcome: 'invalid', error, description, claims? }` (error is
 * `invalid_token`, `invalid_dpop_proof` or `use_dpop_nonce`) or `{ outcome: 'valid', claims, proof }`.
 * `proofs` is every `DPoP` header value of the request; `url` the request's full URL (https).
 * Each valid proof's jti is remembered for the window, so a replay is refused.
 *
 * @example
 * const verify = createDpopVerifier({ verifyToken: createBearerVerifier({ ... }) });
 * const result = await verify({ authorization, proofs: [req.headers.dpop], method: 'GET', url, audience: 'api://demo-dpop' });
 */
export function createDpopVerifier({ verifyToken, now = () => Math.floor(Date.now() / 1000) }) {
  const seen = new Map(); // jti -> expiry (epoch seconds)

  return async function verify({ authorization, proofs, method, url, audience, nonce }) {
    const match = /^DPoP +(\S+) *$/i.exec(authorization ?? '');
    if (!authorization) return { outcome: 'missing' };
    if (!match) return invalid('invalid_token', 'a DPoP-bound token must be sent as "Authorization: DPoP <token>"');
    const token = match[1];

    const result = await verifyToken(`Bearer ${token}`, audience, { bound: true });
    if (result.outcome !== 'valid') return invalid('invalid_token', result.description, result.claims);
    const claims = result.claims;
    if (typeof claims.cnf?.jkt !== 'string') return invalid('invalid_token', 'the token is not DPoP-bound (no cnf.jkt)', claims);

    const values = [].concat(proofs ?? []).filter((value) => value !== undefined);
    if (values.length !== 1 || values[0].includes(',')) return invalid('invalid_dpop_proof', 'exactly one DPoP header is required', claims);
    const proofJwt = values[0];

    let header;
    let payload;
    try {
      header = decodeProtectedHeader(proofJwt);
    } catch {
      return invalid('invalid_dpop_proof', 'the proof is not a JWT', claims);
    }
    try {
      if (header.jwk && ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].some((member) => member in header.jwk)) {
        return invalid('invalid_dpop_proof', 'the proof header jwk holds private key material', claims);
      }
      ({ payload } = await jwtVerify(proofJwt, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: DPOP_ALGS }));
    } catch (error) {
      if (!(error instanceof errors.JOSEError)) throw error;
      return invalid('invalid_dpop_proof', `proof rejected (${error.code})`, claims);
    }
    if (typeof payload.jti !== 'string' || payload.jti.length === 0) return invalid('invalid_dpop_proof', 'proof has no jti', claims);
    if (payload.htm !== method) return invalid('invalid_dpop_proof', `proof htm ${payload.htm} is not ${method}`, claims);
    if (normalizedHtu(payload.htu) !== normalizedHtu(url)) {
      return invalid('invalid_dpop_proof', `proof htu ${payload.htu} is not ${normalizedHtu(url)}`, claims);
    }
    const current = now();
    if (typeof payload.iat !== 'number' || Math.abs(current - payload.iat) > IAT_WINDOW_SECONDS) {
      return invalid('invalid_dpop_proof', `proof iat is outside ±${IAT_WINDOW_SECONDS} s`, claims);
    }
    if (payload.ath !== createHash('sha256').update(token, 'ascii').digest('base64url')) {
      return invalid('invalid_dpop_proof', 'proof ath does not match the access token', claims);
    }
    const thumbprint = await calculateJwkThumbprint(header.jwk, 'sha256');
    if (thumbprint !== claims.cnf.jkt) return invalid('invalid_token', 'the token is bound to another key than the proof', claims);
    if (nonce !== undefined && payload.nonce !== nonce) {
      return invalid('use_dpop_nonce', payload.nonce === undefined ? 'a DPoP nonce is required' : 'the DPoP nonce is stale', claims);
    }
    // Last, so that a proof refused for another reason does not burn its jti.
    for (const [jti, expiry] of seen) if (expiry < current) seen.delete(jti);
    if (seen.has(payload.jti)) return invalid('invalid_dpop_proof', 'proof jti was already used (replay)', claims);
    seen.set(payload.jti, current + 2 * IAT_WINDOW_SECONDS);
    return { outcome: 'valid', claims, proof: { jti: payload.jti, htm: payload.htm, htu: payload.htu, jkt: thumbprint, alg: header.alg } };
  };
}

/** The `WWW-Authenticate` value for a refused DPoP request (RFC 9449 §7.1). */
export function dpopChallenge({ realm, error, description }) {
  const params = { realm, algs: DPOP_ALGS.join(' '), ...(error ? { error, error_description: description } : {}) };
  return `DPoP ${Object.entries(params)
    .map(([key, value]) => `${key}="${String(value).replace(/["\\]/g, "'")}"`)
    .join(', ')}`;
}

function normalizedHtu(value) {
  try {
    const url = new URL(value);
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function invalid(error, description, claims) {
  return { outcome: 'invalid', error, description, ...(claims ? { claims } : {}) };
}
