import { type ErrorCodeOf, MsalHttpError } from '../config/msal-http-error';

// Factories for withDpop()'s errors: configuration (14x, at startup) and runtime (24x, the error
// of the request). Message text only in development builds; never a token or a proof.

/** `withDpop({ keys })` names a key the protectedResourceMap does not have. */
export function dpopKeyNotInMap(key: string, known: readonly string[]): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP140' satisfies ErrorCodeOf<'DpopKeyNotInMap'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `withDpop names ${JSON.stringify(key)}, which is not a protectedResourceMap key; name keys exactly as the map writes them ` +
        `(${known.length ? known.map((k) => JSON.stringify(k)).join(', ') : 'the map is empty'})`,
  );
}

/** A DPoP key that is not https: msal-browser refuses an http `htu`, even on localhost. */
export function dpopKeyNotHttps(key: string, resolved: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP141' satisfies ErrorCodeOf<'DpopKeyNotHttps'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key ${JSON.stringify(key)} asks for DPoP but is ${resolved}, not https; ` +
        `msal-browser only signs DPoP proofs for https URLs (RFC 9449 htu), localhost included: serve the API over https ` +
        `or leave this key out of withDpop`,
  );
}

/** msal-browser returned a result without a DPoP proof for a DPoP request. */
export function dpopProofMissing(method: string, url: string, tokenType: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP240' satisfies ErrorCodeOf<'DpopProofMissing'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `msal-browser returned a ${tokenType || 'Bearer'} token and no DPoP proof for ${method} ${url}; the request was not sent. ` +
        `DPoP needs msal-browser 5.x with AuthenticationScheme.DPOP, and an msal client that is not replaced by a fake without it`,
  );
}

/** The API wants a server nonce in the proof; msal-browser cannot put one in a resource proof. */
export function dpopNonceUnsupported(method: string, url: string, cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP241' satisfies ErrorCodeOf<'DpopNonceUnsupported'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `${method} ${url} answered 401 use_dpop_nonce (RFC 9449 §9), but msal-browser (up to 5.30 at least) cannot put a ` +
        `server nonce in a resource proof, so the request is not retried; configure the API not to require DPoP nonces`,
    { cause },
  );
}

/** The API refused the DPoP proof (`invalid_dpop_proof`). */
export function dpopProofRejected(method: string, url: string, description: string | null, cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP242' satisfies ErrorCodeOf<'DpopProofRejected'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `${method} ${url} refused the DPoP proof (invalid_dpop_proof${description ? `: ${description}` : ''}); check the ` +
        `clock of this device and that the API computes htu from the URL the browser called (proxies rewrite it)`,
    { cause },
  );
}
