import { InteractionRequiredAuthError } from '@azure/msal-browser';

import { MsalHttpError } from '../config/msal-http-error';

// Codes msal-browser uses when only the user can fix things. Network errors, timeouts and server
// errors are not among them: a popup cannot fix those.
const INTERACTION_CODES = new Set([
  'interaction_required',
  'consent_required',
  'login_required',
  'bad_token',
  'no_tokens_found',
  'native_account_unavailable',
  'refresh_token_expired',
  'ux_not_allowed',
  'no_account_error',
]);
const CANCELLED_CODES = new Set(['user_cancelled', 'popup_window_error', 'empty_window_error', 'interaction_in_progress_cancelled']);

/** The msal error code of an error, if it has one. */
function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === 'string' ? code : undefined;
}

/** True when a silent acquisition failed because the user must sign in or consent. */
export function requiresInteraction(error: unknown): boolean {
  if (error instanceof InteractionRequiredAuthError) return true;
  const code = errorCodeOf(error);
  return code !== undefined && INTERACTION_CODES.has(code);
}

/** True when msal-browser refused because another interaction holds its lock. */
export function isInteractionInProgress(error: unknown): boolean {
  return errorCodeOf(error) === 'interaction_in_progress';
}

/** Wraps an msal-browser failure in a typed error; our own errors pass through unchanged. */
export function toMsalHttpError(error: unknown, during: 'silent' | 'popup'): MsalHttpError {
  if (error instanceof MsalHttpError) return error;
  const code = errorCodeOf(error) ?? 'unknown_error';
  if (during === 'popup' && CANCELLED_CODES.has(code)) {
    return new MsalHttpError(
      'MSALHTTP207',
      `the sign-in popup was closed or blocked (${code}); the request was not sent. Ask the user to ` +
        `allow popups for this site, or use interactionType 'redirect'`,
      { cause: error },
    );
  }
  // msal-browser 5 does not watch the popup window: a popup the user closes (or never finishes)
  // surfaces as timed_out once msal's system.popupBridgeTimeout (60 s by default) has passed.
  if (during === 'popup' && code === 'timed_out') {
    return new MsalHttpError(
      'MSALHTTP207',
      `the sign-in popup was closed or not completed within msal-browser's popupBridgeTimeout (timed_out); ` + `the request was not sent`,
      { cause: error },
    );
  }
  return new MsalHttpError(
    'MSALHTTP202',
    `token acquisition failed during the ${during} step (${code}); see error.cause for msal-browser's details`,
    { cause: error },
  );
}
