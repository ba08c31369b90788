/**
 * Every error code ngx-msal-http throws or emits, with a one-line summary. `1xx` codes are
 * configuration errors thrown at startup; `2xx` codes are runtime errors: the error of the HTTP
 * request itself (an `MsalHttpError`, not an `HttpErrorResponse`: the request was not sent) and,
 * for failed acquisitions, the `msal:acquireTokenFailure` event. Each code is documented,
 * with its fix, in `docs/errors.md`.
 */
export const MSAL_HTTP_ERROR_CODES = {
  MSALHTTP100: 'the configuration object is missing or has no msal client',
  MSALHTTP101: 'a protectedResourceMap key is not a parseable URL',
  MSALHTTP102: 'a protectedResourceMap entry has an empty scope list',
  MSALHTTP103: 'a scope is not a non-empty string without spaces',
  MSALHTTP104: 'a protectedResourceMap key uses a scheme other than http or https',
  MSALHTTP105: 'a protectedResourceMap key contains a query or a fragment',
  MSALHTTP106: 'a protectedResourceMap key contains user information',
  MSALHTTP107: 'a protectedResourceMap key has an invalid host wildcard',
  MSALHTTP108: 'two protectedResourceMap keys normalise to the same pattern',
  MSALHTTP109: 'a protectedResourceMap method entry is invalid',
  MSALHTTP110: 'a protectedResourceMap value is not a scope list, null or method entries',
  MSALHTTP111: 'interactionType is not popup, redirect or none',
  MSALHTTP112: 'protectedResourceMap is not a Map, an array of pairs or a plain object',
  MSALHTTP113: 'a protectedResourceMap key has an invalid path wildcard',
  MSALHTTP114: 'a relative protectedResourceMap key has no base URL to resolve against',
  MSALHTTP115: 'a timeout option is not a positive number',
  MSALHTTP116: 'authRequest is neither an object nor a function',
  MSALHTTP200: 'no signed-in account to acquire a token for',
  MSALHTTP201: 'several accounts are signed in and none is active',
  MSALHTTP202: 'token acquisition failed',
  MSALHTTP203: 'interaction is required but interactionType is none',
  MSALHTTP204: 'a redirect to sign in has started; the request was not sent',
  MSALHTTP205: 'msal-browser initialization or redirect handling failed',
  MSALHTTP206: 'token acquisition timed out',
  MSALHTTP207: 'the interaction was cancelled or blocked',
  MSALHTTP208: 'an interaction started elsewhere did not finish in time',
  MSALHTTP209: 'per-request scopes were set on a URL the protectedResourceMap does not name',
} as const;

/** A stable ngx-msal-http error code, for example `'MSALHTTP102'`. */
export type MsalHttpErrorCode = keyof typeof MSAL_HTTP_ERROR_CODES;

/**
 * The one error type ngx-msal-http throws. `code` is stable across releases; `message` names the
 * bad value and the fix; `cause` keeps the underlying msal-browser error for runtime failures.
 * Messages never contain tokens.
 *
 * @example
 * http.get(url).subscribe({
 *   error: (error: unknown) => {
 *     if (error instanceof MsalHttpError && error.code === 'MSALHTTP204') return; // redirecting
 *   },
 * });
 */
export class MsalHttpError extends Error {
  override readonly name = 'MsalHttpError';

  constructor(
    readonly code: MsalHttpErrorCode,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`${code}: ${redactTokens(message)}`, options);
  }
}

// A JWT (three base64url parts) or a long opaque bearer-like string. Messages we build never
// include tokens, but some carry text from the token endpoint, so they are scrubbed once more.
const TOKEN_LIKE = /\beyJ[\w-]*\.[\w-]+\.[\w-]*|\b[A-Za-z0-9_-]{120,}\b/g;

/** Replaces anything that looks like a token with `[redacted]`. */
function redactTokens(text: string): string {
  return text.replace(TOKEN_LIKE, '[redacted]');
}
