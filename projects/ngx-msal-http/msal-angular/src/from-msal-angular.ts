import { inject } from '@angular/core';
import { MSAL_INSTANCE, MsalInterceptorAuthRequest, MsalInterceptorConfiguration, MsalService } from '@azure/msal-angular';
import type { IPublicClientApplication } from '@azure/msal-browser';
import { MsalHttpAuthRequest, MsalHttpConfig } from 'ngx-msal-http';

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
 * a migration can keep its existing interceptor config object. An `authRequest` function keeps its
 * msal-angular form: it is called as MsalInterceptor calls it, `(msalService, httpRequest, { account })`,
 * once per acquisition, with `MsalService` injected when it is first called (the app provides it, as
 * msal-angular requires). The map's keys are validated by our rules at startup (see
 * docs/migrating-from-msal-angular.md for keys that need rewriting).
 *
 * @example
 * provideMsalHttp({ msal: msalAngularInstance, ...fromMsalInterceptorConfig(interceptorConfig) })
 */
export function fromMsalInterceptorConfig(
  config: MsalInterceptorConfiguration,
): Pick<MsalHttpConfig, 'protectedResourceMap' | 'interactionType'> & Partial<Pick<MsalHttpConfig, 'authRequest'>> {
  const { authRequest } = config;
  const adapted: MsalHttpConfig['authRequest'] =
    typeof authRequest === 'function'
      ? (request, _scopes, { account }) => ownFields(authRequest(inject(MsalService), request, { account: account ?? undefined }))
      : authRequest && ownFields(authRequest);
  return {
    protectedResourceMap: config.protectedResourceMap,
    interactionType: config.interactionType,
    ...(adapted ? { authRequest: adapted } : {}),
  };
}

// msal-angular's request fields may name scopes and an account; ngx-msal-http sets those itself.
function ownFields(fields: MsalInterceptorAuthRequest): MsalHttpAuthRequest {
  const {
    account: _account,
    scopes: _scopes,
    claims: _claims,
    ...rest
  } = fields as MsalInterceptorAuthRequest & {
    readonly account?: unknown;
    readonly scopes?: unknown;
    readonly claims?: unknown;
  };
  return rest;
}
