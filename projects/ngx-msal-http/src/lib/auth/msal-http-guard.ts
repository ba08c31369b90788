import { isPlatformBrowser } from '@angular/common';
import { DOCUMENT, inject, Injector, PLATFORM_ID, runInInjectionContext } from '@angular/core';
import type { CanActivateFn, CanMatchFn, UrlTree } from '@angular/router';
import type { AccountInfo } from '@azure/msal-browser';

import { MSAL_HTTP_CONFIG, MsalHttpInteractionType } from '../config/msal-http-config';
import { MSAL_HTTP_CLIENT } from '../tokens/msal-client';
import { InteractionCoordinator } from '../tokens/interaction-coordinator';
import { MsalClientHost } from '../tokens/msal-client-host';
import { MsalHttpAuth } from './msal-http-auth';

/** The id-token claims of the signed-in account, as the guard's `claims` check sees them. */
export type MsalHttpIdTokenClaims = Readonly<Record<string, unknown>>;

/** Options for {@link msalHttpGuard}. */
export interface MsalHttpGuardOptions {
  /** App roles the account must have, all of them (the id token's `roles` claim). */
  readonly roles?: readonly string[];
  /** Any other check on the id-token claims; `false` denies. */
  readonly claims?: (claims: MsalHttpIdTokenClaims) => boolean;
  /**
   * How to sign in when nobody is signed in; default: the configured `interactionType`. With
   * `'none'` the navigation is denied. A popup opened without a click (a deep link typed in the
   * address bar) is usually blocked by the browser: use `'redirect'` for such routes.
   */
  readonly interactionType?: MsalHttpInteractionType;
  /**
   * What a denied navigation does: `false` (the default) cancels it; return a `UrlTree` to go
   * elsewhere, for example `() => inject(Router).parseUrl('/forbidden')` (runs in an injection context).
   */
  readonly onDenied?: () => boolean | UrlTree;
}

/**
 * A route guard (`canActivate`, `canActivateChild` and `canMatch`) that lets the user through once
 * signed in. It waits until msal-browser has started and no interaction is under way; when nobody is
 * signed in it signs the user in with the configured interaction type (a redirect comes back to the
 * URL the user asked for; when the page just came back from a redirect sign-in that failed, the
 * user cancelled there: it denies rather than redirect them straight back); then it checks the account's roles or id-token claims, if asked to. On
 * the server it lets every navigation through: the server has no session, and the browser runs the
 * guard again when the app starts there.
 *
 * The waits are bounded: startup by `timeouts.initialization` (then `MSALHTTP205`, as for requests),
 * an interaction under way by `timeouts.interaction` (then `MSALHTTP208`,
 * `MsalHttpErrorCode.InteractionElsewhereTimeout`). Either fails the navigation (a
 * `NavigationError`, not `onDenied`: nothing was decided about the user). A sign-in popup the
 * user closes ends the wait within about 1.5 s (with `watchPopupClose`, the default), as for requests.
 *
 * @example
 * export const routes: Routes = [
 *   { path: 'orders', component: Orders, canActivate: [msalHttpGuard()] },
 *   { path: 'admin', loadComponent: () => import('./admin'), canMatch: [msalHttpGuard({ roles: ['Orders.Admin'] })] },
 * ];
 */
export function msalHttpGuard(options: MsalHttpGuardOptions = {}): CanActivateFn & CanMatchFn {
  return (_route, stateOrSegments) => {
    const target = Array.isArray(stateOrSegments)
      ? `/${stateOrSegments.map((segment: { path: string }) => segment.path).join('/')}`
      : (stateOrSegments as { url: string }).url;
    return checkAccess(options, target);
  };
}

// Everything `inject()`s first, synchronously: the guard runs in an injection context only until
// its first await.
function checkAccess(options: MsalHttpGuardOptions, target: string): Promise<boolean | UrlTree> | boolean {
  if (!isPlatformBrowser(inject(PLATFORM_ID))) return true;
  const config = inject(MSAL_HTTP_CONFIG);
  const host = inject(MsalClientHost);
  const coordinator = inject(InteractionCoordinator);
  const client = inject(MSAL_HTTP_CLIENT);
  const auth = inject(MsalHttpAuth);
  const document = inject(DOCUMENT);
  const injector = inject(Injector);
  // onDenied may call inject(); it runs after an await, so in the guard's injector explicitly.
  const denied = () => (options.onDenied ? runInInjectionContext(injector, options.onDenied) : false);
  const interactionType = options.interactionType ?? config.interactionType;

  return (async () => {
    // Startup (redirect handling) comes first, bounded as for requests: timeouts.initialization,
    // then MSALHTTP205. Then any popup or redirect under way, as the interceptor waits for one:
    // at most timeouts.interaction (MSALHTTP208), and a popup the user closed ends the wait.
    await host.ready();
    await coordinator.whenIdle();
    let account = currentAccount(client.getActiveAccount(), client.getAllAccounts());
    if (!account) {
      // 'none', or a redirect sign-in that just failed (the user cancelled at the provider): another
      // redirect would take the user straight back there.
      if (interactionType === 'none' || (interactionType === 'redirect' && host.failedRedirect())) return denied();
      try {
        if (interactionType === 'redirect') {
          // The page navigates away; msal's bridge brings the user back to the page they asked for.
          await auth.loginRedirect({ redirectStartPage: new URL(target.replace(/^\//, ''), document.baseURI).href });
          return false;
        }
        account = (await auth.loginPopup()).account;
      } catch {
        // The login helper has emitted msal:loginFailure with the typed error.
        return denied();
      }
    }
    return isAllowed(account, options) ? true : denied();
  })();
}

function currentAccount(active: AccountInfo | null, all: readonly AccountInfo[]): AccountInfo | null {
  return active ?? (all.length === 1 ? all[0] : null);
}

function isAllowed(account: AccountInfo | null, options: MsalHttpGuardOptions): boolean {
  if (!account) return false;
  const claims: MsalHttpIdTokenClaims = account.idTokenClaims ?? {};
  if (options.roles?.length) {
    const roles = Array.isArray(claims['roles']) ? (claims['roles'] as unknown[]) : [];
    if (!options.roles.every((role) => roles.includes(role))) return false;
  }
  return options.claims ? options.claims(claims) : true;
}
