import { isPlatformBrowser } from '@angular/common';
import { HTTP_INTERCEPTORS } from '@angular/common/http';
import { EnvironmentProviders, inject, PLATFORM_ID, Provider, provideEnvironmentInitializer } from '@angular/core';

import { MsalHttpInterceptor } from './interceptor/msal-http-interceptor';
import { TokenRenewer } from './tokens/token-renewer';

/** The kinds of optional behaviour `provideMsalHttp` and `MsalHttpModule.forRoot` accept. */
export type MsalHttpFeatureKind = 'di-interceptor' | 'token-renewal' | 'dpop' | 'cross-tab-sync';

/** An optional feature, made by a `with*()` function. */
export interface MsalHttpFeature<K extends MsalHttpFeatureKind = MsalHttpFeatureKind> {
  readonly ɵkind: K;
  readonly ɵproviders: readonly (Provider | EnvironmentProviders)[];
}

/**
 * Registers {@link MsalHttpInterceptor} in `HTTP_INTERCEPTORS`, for apps whose HttpClient takes
 * class interceptors (`HttpClientModule`, or `provideHttpClient(withInterceptorsFromDi())`).
 * Registering the function form as well is harmless: each request is handled once.
 *
 * @example
 * imports: [MsalHttpModule.forRoot(config, withDiInterceptor())]
 */
export function withDiInterceptor(): MsalHttpFeature<'di-interceptor'> {
  return { ɵkind: 'di-interceptor', ɵproviders: [{ provide: HTTP_INTERCEPTORS, useClass: MsalHttpInterceptor, multi: true }] };
}

/**
 * Renews tokens before they expire, while the page is visible: a token the interceptor holds in
 * memory is renewed silently (msal-browser's refresh token) shortly before msal would stop
 * returning it from its cache, so requests never wait for a renewal. A renewal that needs the user
 * opens nothing and emits `msal:tokenRenewalFailure`; with `withCrossTabSync()` renewals of one
 * account are serialised across tabs. See docs/token-cache.md.
 *
 * @example
 * provideMsalHttp(config, withTokenRenewal())
 */
export function withTokenRenewal(): MsalHttpFeature<'token-renewal'> {
  return {
    ɵkind: 'token-renewal',
    ɵproviders: [
      TokenRenewer,
      provideEnvironmentInitializer(() => {
        if (isPlatformBrowser(inject(PLATFORM_ID))) inject(TokenRenewer);
      }),
    ],
  };
}
