import { InteractionType } from '@azure/msal-browser';
import type { AccountInfo, EventMessage, IPublicClientApplication } from '@azure/msal-browser';

import { toMsalHttpError } from '../tokens/auth-errors';
import { MsalHttpEvent } from './msal-http-event';
import { toEventAccount } from './sanitize';

/**
 * The library event, if any, for a msal-browser event: sign-in, sign-out and account changes, which
 * the library reports once each under their usual names. msal's token events are not translated:
 * the interceptor emits its own, and msal's stay on `msalBrowserEvents$`.
 */
export function toLibraryEvent(message: EventMessage, client: IPublicClientApplication): MsalHttpEvent | null {
  const { interactionType } = message;
  switch (message.eventType) {
    case 'msal:loginSuccess':
      return { type: 'msal:loginSuccess', interactionType, account: toEventAccount(message.payload as AccountInfo | null) };
    case 'msal:logoutSuccess':
      return {
        type: 'msal:logoutSuccess',
        interactionType,
        account: toEventAccount((message.payload as { account?: AccountInfo | null } | null)?.account),
      };
    case 'msal:logoutFailure':
      return {
        type: 'msal:logoutFailure',
        interactionType,
        error: toMsalHttpError(message.error, interactionType === InteractionType.Popup ? 'logout-popup' : 'logout-redirect'),
      };
    case 'msal:activeAccountChanged':
      return { type: 'msal:activeAccountChanged', account: toEventAccount(client.getActiveAccount()) };
    default:
      return null;
  }
}
