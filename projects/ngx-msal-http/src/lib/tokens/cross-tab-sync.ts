import { DestroyRef, inject } from '@angular/core';

import type { MsalHttpFeature } from '../msal-http-feature';
import { CROSS_TAB_SYNC, CrossTabSync, OTHER_TAB, STARTUP_HOOKS } from './cross-tab';
import { resyncMsalCache } from './msal-cache-resync';
import { MSAL_HTTP_RENEWAL_LOCKS } from './web-locks';

/**
 * Coordinates the app's tabs (windows of the same origin):
 *
 * - an account's silent calls run in one tab at a time (Web Lock `ngx-msal-http.renewal.<homeAccountId>`),
 *   so that tabs sharing a `localStorage` cache never redeem its refresh token at the same time
 *   (providers that rotate refresh tokens revoke the grant on reuse), and msal-browser's cache is
 *   re-read in each tab as soon as another tab writes it;
 * - one sign-in popup at a time across tabs (`ngx-msal-http.interaction.<clientId>`): another tab
 *   waits for it, then tries silently.
 *
 * A sign-out reaches the other tabs without this feature (SignOutRelay is part of the core: a
 * signed-out user must not stay signed in elsewhere).
 *
 * Without Web Locks (`MSAL_HTTP_RENEWAL_LOCKS` is `null`) the locks are skipped. See
 * docs/token-cache.md and docs/popups.md.
 *
 * @example
 * provideMsalHttp(config, withCrossTabSync())
 */
export function withCrossTabSync(): MsalHttpFeature<'cross-tab-sync'> {
  return {
    ɵkind: 'cross-tab-sync',
    ɵproviders: [
      {
        provide: CROSS_TAB_SYNC,
        useFactory: (): CrossTabSync | null => {
          const locks = inject(MSAL_HTTP_RENEWAL_LOCKS);
          return locks && { locks, interaction: (clientId, popup, bound) => underInteractionLock(locks, clientId, popup, bound) };
        },
      },
      {
        provide: STARTUP_HOOKS,
        multi: true,
        useValue: (view: Window & typeof globalThis) => {
          // From startup on, before msal reads its cache: a tab opened while another renews must
          // not keep the refresh token just redeemed (docs/token-cache.md, "Refresh-token redemption").
          inject(DestroyRef).onDestroy(resyncMsalCache(view));
        },
      },
    ],
  };
}

/**
 * Runs `popup` under the Web Lock `ngx-msal-http.interaction.<clientId>`, so that the app's tabs
 * open one sign-in popup at a time. When another tab holds it, waits (bounded by `bound`) until
 * that tab's popup ends, then rejects with `OTHER_TAB`: the caller retries silently.
 */
async function underInteractionLock<T>(
  locks: LockManager,
  clientId: string,
  popup: () => Promise<T>,
  bound: (released: Promise<unknown>, cleanup: () => void) => Promise<unknown>,
): Promise<T> {
  const name = `ngx-msal-http.interaction.${clientId}`;
  const release = await new Promise<(() => void) | null>((resolve, reject) => {
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (!lock) return resolve(null);
        // Held until release() is called.
        return new Promise<void>((done) => resolve(done));
      })
      .catch(reject);
  });
  if (!release) {
    const controller = new AbortController();
    await bound(
      locks.request(name, { signal: controller.signal }, () => undefined),
      () => controller.abort(),
    );
    throw OTHER_TAB;
  }
  try {
    return await popup();
  } finally {
    release();
  }
}
