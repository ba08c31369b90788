import { HttpEvent, HttpHandler, HttpInterceptor, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { EnvironmentInjector, inject, Injectable, runInInjectionContext } from '@angular/core';
import { Observable, throwError } from 'rxjs';

import { notProvided } from '../config/config-errors';
import { MsalHttpRequestHandler } from './msal-http-request-handler';
import { INTERCEPTOR_USAGE } from './registration-check';

/**
 * The interceptor, as a function: attaches an access token to requests whose URL the
 * protectedResourceMap names. Register it with `provideHttpClient(withInterceptors([...]))`.
 *
 * @example
 * providers: [
 *   provideHttpClient(withInterceptors([msalHttpInterceptor])),
 *   provideMsalHttp({ msal: { auth: { clientId } }, protectedResourceMap: [['https://api.contoso.com', ['api://contoso/.default']]] }),
 * ]
 */
export const msalHttpInterceptor: HttpInterceptorFn = (request, next) => {
  const handler = inject(MsalHttpRequestHandler, { optional: true });
  if (!handler) {
    return throwError(() => notProvided('msalHttpInterceptor'));
  }
  if (typeof ngDevMode === 'undefined' || ngDevMode) inject(INTERCEPTOR_USAGE).seen = true;
  return handler.handle(request, next);
};

/**
 * The same interceptor as a class, for `HTTP_INTERCEPTORS` (NgModule apps, or
 * `withInterceptorsFromDi()`). Registering both forms is harmless: a request is handled once.
 *
 * @example
 * providers: [{ provide: HTTP_INTERCEPTORS, useClass: MsalHttpInterceptor, multi: true }]
 */
// Root-provided rather than in msalHttpProviders(): an app on the function form does not ship it.
@Injectable({ providedIn: 'root' })
export class MsalHttpInterceptor implements HttpInterceptor {
  private readonly injector = inject(EnvironmentInjector);

  intercept(request: HttpRequest<unknown>, next: HttpHandler): Observable<HttpEvent<unknown>> {
    return runInInjectionContext(this.injector, () => msalHttpInterceptor(request, (forwarded) => next.handle(forwarded)));
  }
}
