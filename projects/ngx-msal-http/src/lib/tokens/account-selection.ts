import type { AccountInfo, IPublicClientApplication } from '@azure/msal-browser';

import { noActiveAccount } from './runtime-errors';

/**
 * The account to acquire tokens for: the active account; else the only account; else `null` when
 * nobody is signed in. Several accounts and no active one is an error, never "the first one".
 */
export function selectAccount(client: IPublicClientApplication): AccountInfo | null {
  const active = client.getActiveAccount();
  if (active) return active;
  const accounts = client.getAllAccounts();
  if (accounts.length <= 1) return accounts[0] ?? null;
  throw noActiveAccount(accounts.length);
}
