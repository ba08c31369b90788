import { InjectionToken } from '@angular/core';

/**
 * The Web Locks API `withCrossTabSync()` uses, where the browser has it; `null` to work without
 * cross-tab locks (each tab on its own). Without that feature no lock is taken. The feature takes
 * `ngx-msal-http.renewal.<homeAccountId>` around every `acquireTokenSilent` of an account (requests and `withTokenRenewal()` alike), so that tabs sharing
 * msal-browser's localStorage cache never redeem the account's refresh token at the same time, and
 * `ngx-msal-http.interaction.<clientId>` while its sign-in popup is open, so that another tab waits
 * for that popup instead of opening its own.
 *
 * @example
 * providers: [{ provide: MSAL_HTTP_RENEWAL_LOCKS, useValue: null }] // withCrossTabSync() without locks
 */
export const MSAL_HTTP_RENEWAL_LOCKS = new InjectionToken<LockManager | null>(ngDevMode ? 'MSAL_HTTP_RENEWAL_LOCKS' : '', {
  providedIn: 'root',
  factory: () => (typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null),
});
