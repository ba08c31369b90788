import { type ErrorCodeOf, MsalHttpError } from '../config/msal-http-error';

// Factories for the runtime errors (2xx): one per condition, message text only in development
// builds. Messages name scopes, methods and URLs without their query, never a token.

/** Nobody is signed in and the configuration allows no interaction. */
export function noAccount(): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP200' satisfies ErrorCodeOf<'NoAccount'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `nobody is signed in; sign in first (MsalHttpAuth.loginPopup/loginRedirect, or msalHttpGuard on the route) or set interactionType to 'popup' or 'redirect'`,
  );
}

/** Several accounts, none active: the library never guesses. */
export function noActiveAccount(count: number): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP201' satisfies ErrorCodeOf<'NoActiveAccount'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `${count} accounts are signed in and none is active; call setActiveAccount(account) on the msal client ` +
        `(MSAL_HTTP_CLIENT) after sign-in, or use MsalHttpAuth's login helpers, which do`,
  );
}

/** msal-browser failed for a reason the user cannot fix by signing in. */
export function acquisitionFailed(step: string, msalCode: string, cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP202' satisfies ErrorCodeOf<'AcquisitionFailed'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `token acquisition failed during the ${step} step (${msalCode}); see error.cause for msal-browser's details`,
    { cause },
  );
}

/** The user is needed and `interactionType` is `'none'`. */
export function interactionNotAllowed(scopes: readonly string[], cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP203' satisfies ErrorCodeOf<'InteractionNotAllowed'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `interaction is required for scopes "${scopes.join(' ')}" and interactionType is 'none'`,
    { cause },
  );
}

/** A redirect has started; this request was not sent. */
export function redirectStarted(scopes: readonly string[], cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP204' satisfies ErrorCodeOf<'RedirectStarted'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `a redirect to sign in has started for scopes "${scopes.join(' ')}"; the request was not sent`,
    { cause },
  );
}

/** `initialize()` / `handleRedirectPromise()` failed, or did not finish in time (`ms`). */
export function startupFailed(cause: unknown, ms?: number): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP205' satisfies ErrorCodeOf<'StartupFailed'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      (ms === undefined
        ? 'msal-browser initialize() or handleRedirectPromise() failed; see error.cause'
        : `msal-browser did not finish initialize() and handleRedirectPromise() within ${ms} ms (timeouts.initialization)`),
    cause === undefined ? undefined : { cause },
  );
}

/** A silent acquisition did not settle within `timeouts.silent`. */
export function silentTimeout(ms: number): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP206' satisfies ErrorCodeOf<'SilentTimeout'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) && `acquireTokenSilent did not settle within ${ms} ms (timeouts.silent)`,
  );
}

/**
 * The user closed the popup (or cancelled) before it answered: msal-browser said so (`msalCode`),
 * or the library saw the window close (`null`).
 */
export function popupClosed(msalCode: string | null, cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP207' satisfies ErrorCodeOf<'PopupClosed'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `the sign-in popup was closed before it completed (${msalCode ?? 'window closed'}); the request was not sent, ` +
        `and the next request that needs the user opens a new popup`,
    { cause },
  );
}

/** An interaction started elsewhere held msal-browser's lock (or status) past `timeouts.interaction`. */
export function interactionElsewhereTimeout(ms: number): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP208' satisfies ErrorCodeOf<'InteractionElsewhereTimeout'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `another interaction (a sign-in started elsewhere in the app or in another tab) did not finish within ${ms} ms (timeouts.interaction); the request or navigation waiting for it did not go ahead`,
  );
}

/** `MSAL_HTTP_SCOPES` on a URL the map does not name. */
export function scopesOnUnnamedUrl(method: string, url: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP209' satisfies ErrorCodeOf<'ScopesOnUnnamedUrl'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `MSAL_HTTP_SCOPES was set on ${method} ${url}, which the protectedResourceMap does not name (or excludes); ` +
        `add the URL to the map, since a token never goes to an unnamed URL`,
  );
}

/** The popup this library opened did not complete within `timeouts.interaction`. */
export function popupTimeout(ms: number): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP210' satisfies ErrorCodeOf<'PopupTimeout'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) && `the sign-in popup did not complete within ${ms} ms (timeouts.interaction)`,
  );
}

/** A request still needed the user after `rounds` interactions. */
export function interactionRoundsExhausted(scopes: readonly string[], rounds: number): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP211' satisfies ErrorCodeOf<'InteractionRoundsExhausted'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `scopes "${scopes.join(' ')}" still need the user after ${rounds} interactions; check that the app registration ` +
        `grants them and that authRequest does not ask for another account or tenant`,
  );
}

/** Sign-in or sign-out called on the server. */
export function browserOnly(what: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP212' satisfies ErrorCodeOf<'BrowserOnly'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `${what} cannot run on the server; call it from browser-only code (afterNextRender, event handlers)`,
  );
}

/** The browser refused to open the popup. */
export function popupBlocked(msalCode: string, cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP213' satisfies ErrorCodeOf<'PopupBlocked'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `the browser blocked the sign-in popup (${msalCode}); start sign-in from a click handler (MsalHttpAuth.loginPopup), ` +
        `ask the user to allow popups for this site, or use interactionType 'redirect'`,
    { cause },
  );
}

/** The popup never handed its response back (msal's bridge timeout, or no bridge page). */
export function popupResponseLost(msalCode: string, cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP214' satisfies ErrorCodeOf<'PopupResponseLost'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `the popup's response never came back to the app (${msalCode}): either the popup was left open without ` +
        `finishing, or redirectUri is not a page that calls broadcastResponseToMainFrame() from ` +
        `@azure/msal-browser/redirect-bridge (see "Redirect bridge" in the README)`,
    { cause },
  );
}

/** A login helper failed for a reason other than a closed or blocked popup. */
export function signInFailed(interactionType: 'popup' | 'redirect', msalCode: string, cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP215' satisfies ErrorCodeOf<'SignInFailed'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `sign-in by ${interactionType} failed (${msalCode}); see error.cause for msal-browser's details`,
    { cause },
  );
}

/** A sign-out failed. */
export function signOutFailed(interactionType: 'popup' | 'redirect', msalCode: string, cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP216' satisfies ErrorCodeOf<'SignOutFailed'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `sign-out by ${interactionType} failed (${msalCode}); see error.cause for msal-browser's details`,
    { cause },
  );
}

/** msal-browser could not read the authority's endpoints (often a non-Entra provider misconfigured). */
export function endpointsUnresolved(cause: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP217' satisfies ErrorCodeOf<'EndpointsUnresolved'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `msal-browser could not resolve the authority's endpoints (endpoints_resolution_error). For a provider other ` +
        `than Microsoft Entra ID, set auth.knownAuthorities: ['<authority host>'] and system.protocolMode: ProtocolMode.OIDC ` +
        `(under system, not auth, in msal-browser 5); check that <authority>/.well-known/openid-configuration loads in the browser (CORS, certificate)`,
    { cause },
  );
}

/** An interaction succeeded, yet msal-browser's result carries no access token for the scopes. */
export function emptyAccessToken(scopes: readonly string[]): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP218' satisfies ErrorCodeOf<'EmptyAccessToken'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `msal-browser returned no access token for scopes "${scopes.join(' ')}" after an interaction; map the URL to an ` +
        `API scope (OpenID scopes such as openid or profile alone give an id token only)`,
  );
}
