import { InjectionToken } from '@angular/core';

/**
 * The Web Locks API where the browser has it; `null` to work without cross-tab locks (each tab on
 * its own). The library takes `ngx-msal-http.renewal.<homeAccountId>` while it renews an
 * account's tokens (`withTokenRenewal()`) and `ngx-msal-http.interaction.<clientId>` while its
 * sign-in popup is open, so that another tab waits for that popup instead of opening its own.
 *
 * @example
 * providers: [{ provide: MSAL_HTTP_RENEWAL_LOCKS, useValue: null }] // no cross-tab coordination
 */
export const MSAL_HTTP_RENEWAL_LOCKS = new InjectionToken<LockManager | null>(ngDevMode ? 'MSAL_HTTP_RENEWAL_LOCKS' : '', {
  providedIn: 'root',
  factory: () => (typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null),
});
