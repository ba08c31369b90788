import { HTTP_INTERCEPTORS } from '@angular/common/http';
import { Provider } from '@angular/core';

import { MsalHttpInterceptor } from './interceptor/msal-http-interceptor';

/** The kinds of optional behaviour `provideMsalHttp` and `MsalHttpModule.forRoot` accept. */
export type MsalHttpFeatureKind = 'di-interceptor';

/** An optional feature, made by a `with*()` function. */
export interface MsalHttpFeature<K extends MsalHttpFeatureKind = MsalHttpFeatureKind> {
  readonly ɵkind: K;
  readonly ɵproviders: readonly Provider[];
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
