// The Continuous Access Evaluation / authentication-context pattern of Entra ID, shared by the
// provider (which marks tokens) and the API (which challenges unmarked ones).
//
// Marker: the `acrs` claim, as Entra uses it: the authentication contexts the token satisfies.
// The API challenges with claims={"access_token":{"acrs":{"essential":true,"value":"c1"}}}; msal
// sends that JSON back as the `claims` parameter; the provider then issues a token with
// `"acrs": ["c1"]`, which the API accepts.

/** The authentication context the demo API demands under the challenge switch. */
export const REQUIRED_AUTH_CONTEXT = 'c1';

/** The claims request the API sends (before base64), byte for byte what Entra sends. */
export const CLAIMS_REQUEST = JSON.stringify({ access_token: { acrs: { essential: true, value: REQUIRED_AUTH_CONTEXT } } });

// Entra's context ids are c1..c99; anything else is not echoed into a token.
const AUTH_CONTEXT_ID = /^c[1-9][0-9]?$/;

/**
 * The authentication contexts a `claims` request asks to be put into the access token
 * (`access_token.acrs.value` / `.values`). Accepts the JSON string or the parsed object;
 * anything unparsable asks for nothing.
 *
 * @example requestedAuthContexts(CLAIMS_REQUEST) // ['c1']
 */
export function requestedAuthContexts(claims) {
  let parsed = claims;
  if (typeof claims === 'string') {
    try {
      parsed = JSON.parse(claims);
    } catch {
      return [];
    }
  }
  const acrs = parsed?.access_token?.acrs;
  if (!acrs || typeof acrs !== 'object') return [];
  const values = [acrs.value, ...(Array.isArray(acrs.values) ? acrs.values : [])];
  return [...new Set(values.filter((value) => typeof value === 'string' && AUTH_CONTEXT_ID.test(value)))];
}

/** True when verified token claims carry the authentication context `contextId` in `acrs`. */
export function satisfiesAuthContext(tokenClaims, contextId = REQUIRED_AUTH_CONTEXT) {
  return Array.isArray(tokenClaims?.acrs) && tokenClaims.acrs.includes(contextId);
}
