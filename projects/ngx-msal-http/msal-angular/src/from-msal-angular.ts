import { inject } from '@angular/core';
import { MSAL_INSTANCE, MsalInterceptorConfiguration } from '@azure/msal-angular';
import type { IPublicClientApplication } from '@azure/msal-browser';
import { MsalHttpConfig, MsalHttpError } from 'ngx-msal-http';

/**
 * A `config.msal` factory that reuses the client an msal-angular app already provides as
 * `MSAL_INSTANCE`, so MsalGuard, MsalRedirectComponent, MsalBroadcastService and our interceptor
 * share one client, one cache and one stream of msal-browser events.
 *
 * @example
 * provideMsalHttp({ msal: msalAngularInstance, protectedResourceMap: [['https://graph.microsoft.com/v1.0/me', ['user.read']]] })
 */
export function msalAngularInstance(): IPublicClientApplication {
  return inject(MSAL_INSTANCE);
}

/**
 * Turns msal-angular's `MsalInterceptorConfiguration` into the matching ngx-msal-http settings, so
 * a migration can keep its existing interceptor config object. The map's keys are then validated
 * by our rules at startup (see docs/migrating-from-msal-angular.md for keys that need rewriting).
 *
 * @example
 * provideMsalHttp({ msal: msalAngularInstance, ...fromMsalInterceptorConfig(interceptorConfig) })
 */
export function fromMsalInterceptorConfig(
  config: MsalInterceptorConfiguration,
): Pick<MsalHttpConfig, 'protectedResourceMap' | 'interactionType' | 'authRequest'> {
  const { authRequest } = config;
  if (typeof authRequest === 'function') {
    throw new MsalHttpError(
      'MSALHTTP116',
      `msal-angular's authRequest function takes MsalService; rewrite it as (request, scopes) => ({ … }) ` +
        `and pass it as authRequest next to fromMsalInterceptorConfig(...)`,
    );
  }
  return {
    protectedResourceMap: config.protectedResourceMap,
    interactionType: config.interactionType,
    ...(authRequest ? { authRequest } : {}),
  };
}
