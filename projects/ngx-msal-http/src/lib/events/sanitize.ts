import type { AccountInfo, AuthenticationResult, EventMessage } from '@azure/msal-browser';
import { MsalBrowserEvent, MsalBrowserPayload, MsalHttpAccount, TokenResultInfo } from './msal-http-event';

/** An account without its raw id token. */
export function toEventAccount(account: AccountInfo | null | undefined): MsalHttpAccount | null {
  if (!account) return null;
  const { idToken: _idToken, ...rest } = account;
  return rest;
}

/** The parts of an AuthenticationResult that are safe to broadcast. */
export function toTokenResultInfo(result: AuthenticationResult): TokenResultInfo {
  return {
    scopes: Object.freeze([...result.scopes]),
    account: toEventAccount(result.account),
    tokenType: result.tokenType || 'Bearer',
    expiresOn: result.expiresOn ?? null,
    fromCache: result.fromCache,
    correlationId: result.correlationId,
  };
}

/** Turns a msal-browser event message into a stream event with every token removed. */
export function toMsalBrowserEvent(message: EventMessage): MsalBrowserEvent {
  return {
    type: message.eventType,
    interactionType: message.interactionType,
    payload: sanitizePayload(message),
    error: message.error,
    correlationId: message.correlationId,
  } as MsalBrowserEvent;
}

// By event type, as msal-browser 5 fills them in; anything else (popup window handles, broker
// origins) is not broadcast. A payload that is not of the expected shape becomes null.
function sanitizePayload({ eventType, payload }: EventMessage): MsalBrowserPayload | null {
  if (payload === null || typeof payload !== 'object') return null;
  switch (eventType) {
    case 'msal:acquireTokenSuccess':
      return 'accessToken' in payload ? { kind: 'result', result: toTokenResultInfo(payload) } : null;
    case 'msal:loginSuccess': {
      const account = 'homeAccountId' in payload ? toEventAccount(payload) : null;
      return account ? { kind: 'account', account } : null;
    }
    case 'msal:acquireTokenStart':
    case 'msal:acquireTokenFromNetworkStart':
      return 'scopes' in payload && Array.isArray(payload.scopes)
        ? { kind: 'tokenRequest', scopes: Object.freeze([...payload.scopes]) }
        : null;
    case 'msal:logoutStart':
    case 'msal:logoutSuccess':
      // A logout request may carry an id token hint: only its account is kept.
      return { kind: 'logoutRequest', account: toEventAccount((payload as { account?: AccountInfo | null }).account) };
    default:
      return null;
  }
}
