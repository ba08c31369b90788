import { AuthError, BrowserAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-browser';

/** msal-browser's "the user must sign in or consent" error, as acquireTokenSilent throws it. */
export function interactionRequiredError(code = 'interaction_required'): InteractionRequiredAuthError {
  return new InteractionRequiredAuthError(code, 'fake-correlation-id', 'fake: the user must interact');
}

/** A network failure, as msal-browser reports one. */
export function networkError(): BrowserAuthError {
  return new BrowserAuthError('no_network_connectivity', 'fake-correlation-id');
}

/**
 * A token endpoint failure: by default HTTP 500 `server_error`; with an OAuth error code such as
 * `invalid_grant` (a revoked or reused refresh token), HTTP 400 with that code.
 */
export function serverError(code = 'server_error'): ServerError {
  const status = code === 'server_error' ? 500 : 400;
  return new ServerError(code, 'fake-correlation-id', `fake: the token endpoint answered ${code}`, undefined, undefined, status);
}

/** The user closed the popup. */
export function userCancelledError(): BrowserAuthError {
  return new BrowserAuthError('user_cancelled', 'fake-correlation-id');
}

/** The browser blocked the popup. */
export function popupBlockedError(): BrowserAuthError {
  return new BrowserAuthError('popup_window_error', 'fake-correlation-id');
}

/** Another interaction holds msal-browser's lock. */
export function interactionInProgressError(): BrowserAuthError {
  return new BrowserAuthError('interaction_in_progress', 'fake-correlation-id');
}

/** A generic msal failure with the given code. */
export function authError(code: string): AuthError {
  return new AuthError(code, 'fake-correlation-id', `fake: ${code}`);
}
