import type { AccountInfo, AuthenticationResult, EventMessage } from '@azure/msal-browser';

import { MsalBrowserEvent, MsalHttpAccount, TokenResultInfo } from './msal-http-event';

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
    source: 'msal-browser',
    interactionType: message.interactionType,
    payload: sanitizePayload(message.payload),
    error: message.error,
    correlationId: message.correlationId,
  };
}

function sanitizePayload(payload: EventMessage['payload']): MsalBrowserEvent['payload'] {
  if (payload === null || typeof payload !== 'object') return null;
  if ('accessToken' in payload) return toTokenResultInfo(payload);
  if ('homeAccountId' in payload) return toEventAccount(payload);
  if ('scopes' in payload && Array.isArray(payload.scopes)) return { scopes: Object.freeze([...payload.scopes]) };
  // Popup window handles, logout requests carrying id token hints, broker origins: not broadcast.
  return null;
}
