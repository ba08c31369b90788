import {
  BrowserAuthErrorCodes,
  ClientAuthErrorCodes,
  InteractionRequiredAuthError,
  InteractionRequiredAuthErrorCodes,
} from '@azure/msal-browser';
import { MsalHttpError } from '../config/msal-http-error';
import {
  acquisitionFailed,
  endpointsUnresolved,
  popupBlocked,
  popupClosed,
  popupResponseLost,
  signInFailed,
  signOutFailed,
} from './runtime-errors';

// Codes msal-browser uses when only the user can fix things, from the code objects it exports (a
// hand-copied list drifted: it had a code msal 5 does not have and missed `interrupted_user`).
// Network errors, timeouts and server errors are not among them: a popup cannot fix those.
// invalid_grant (a refresh token revoked, expired or already used) and invalid_scope (consent
// that lacks a scope) are OAuth 2.0 token-endpoint errors (RFC 6749, 5.2) a sign-in fixes; msal
// exports no constant for them.
const INTERACTION_CODES = new Set<string>([
  ...Object.values(InteractionRequiredAuthErrorCodes),
  BrowserAuthErrorCodes.noAccountError,
  'invalid_grant',
  'invalid_scope',
]);

/** The msal error code of an error, if it has one. */
export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === 'string' ? code : undefined;
}

/** True when a silent acquisition failed because the user must sign in or consent. */
export function requiresInteraction(error: unknown): boolean {
  if (error instanceof InteractionRequiredAuthError) return true;
  const code = errorCodeOf(error);
  return code !== undefined && INTERACTION_CODES.has(code);
}

/**
 * True when msal-browser reports a popup the user cancelled: closed (msal's own check), or the
 * provider's Cancel / a declined consent (access_denied, RFC 6749 4.1.2.1).
 */
export function isUserCancel(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code === BrowserAuthErrorCodes.userCancelled || code === 'access_denied';
}

/** True when msal-browser refused because another interaction holds its lock. */
export function isInteractionInProgress(error: unknown): boolean {
  return errorCodeOf(error) === BrowserAuthErrorCodes.interactionInProgress;
}

/** What was under way when msal-browser failed: it decides which typed error the failure becomes. */
export type FailedStep = 'silent' | 'popup' | 'redirect' | 'login-popup' | 'login-redirect' | 'logout-popup' | 'logout-redirect';

/** Wraps an msal-browser failure in a typed error; our own errors pass through unchanged. */
export function toMsalHttpError(error: unknown, step: FailedStep): MsalHttpError {
  if (error instanceof MsalHttpError) return error;
  const code = errorCodeOf(error) ?? 'unknown_error';
  if (code === ClientAuthErrorCodes.endpointResolutionError) return endpointsUnresolved(error);
  const popup = step === 'popup' || step === 'login-popup' || step === 'logout-popup';
  if (popup) {
    // Like closing the popup, a cancel on the provider's page: the next request may ask again.
    if (isUserCancel(error) || code === BrowserAuthErrorCodes.interactionInProgressCancelled) return popupClosed(code, error);
    if (code === BrowserAuthErrorCodes.popupWindowError || code === BrowserAuthErrorCodes.emptyWindowError) {
      return popupBlocked(code, error);
    }
    // msal-browser 5 does not watch the popup window: it waits for the bridge page's message until
    // system.popupBridgeTimeout (60 s by default), then fails with timed_out.
    if (code === BrowserAuthErrorCodes.timedOut) return popupResponseLost(code, error);
  }
  if (step === 'login-popup' || step === 'login-redirect') return signInFailed(step === 'login-popup' ? 'popup' : 'redirect', code, error);
  if (step === 'logout-popup' || step === 'logout-redirect')
    return signOutFailed(step === 'logout-popup' ? 'popup' : 'redirect', code, error);
  return acquisitionFailed(step, code, error);
}
