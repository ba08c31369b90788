import type { AccountInfo, IPublicClientApplication } from '@azure/msal-browser';

import { MsalHttpError } from '../config/msal-http-error';

/**
 * The account to acquire tokens for: the active account; else the only account; else `null` when
 * nobody is signed in. Several accounts and no active one is an error, never "the first one".
 */
export function selectAccount(client: IPublicClientApplication): AccountInfo | null {
  const active = client.getActiveAccount();
  if (active) return active;
  const accounts = client.getAllAccounts();
  if (accounts.length <= 1) return accounts[0] ?? null;
  throw new MsalHttpError(
    'MSALHTTP201',
    `${accounts.length} accounts are signed in and none is active; call setActiveAccount(account) ` +
      `on the msal client (MSAL_HTTP_CLIENT) after sign-in, or use MsalHttpAuth's login helpers, which do`,
  );
}
