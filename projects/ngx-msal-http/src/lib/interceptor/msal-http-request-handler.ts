import { HttpErrorResponse, HttpEvent, HttpHandlerFn, HttpRequest } from '@angular/common/http';
import { inject, Injectable, Injector, PLATFORM_ID } from '@angular/core';
import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import type { AuthenticationResult } from '@azure/msal-browser';
import { catchError, defer, Observable, switchMap, throwError } from 'rxjs';

import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { toEventAccount } from '../events/sanitize';
import { PROTECTED_RESOURCE_MATCHER } from '../resource-map/protected-resource-matcher-token';
import { scopesOnUnnamedUrl } from '../tokens/runtime-errors';
import { TokenAcquirer, withoutQuery } from '../tokens/token-acquirer';
import { parseClaimsChallenge } from './claims-challenge';
import { MSAL_HTTP_SCOPES, MSAL_HTTP_SKIP } from './http-context-tokens';

/**
 * The interceptor's logic, one instance per application: match the URL, get a token from the
 * {@link TokenAcquirer} (synchronously when memory holds it), forward the request with it, and on
 * a 401 forget the token (retrying once with the claims a challenge asks for).
 */
@Injectable()
export class MsalHttpRequestHandler {
  private readonly matcher = inject(PROTECTED_RESOURCE_MATCHER);
  private readonly bus = inject(MsalHttpEventBus);
  private readonly injector = inject(Injector);
  private readonly isBrowser = isPlatformBrowser(inject(PLATFORM_ID));
  private readonly document = inject(DOCUMENT);
  // Resolved on first use, so that on the server the msal client is never even built.
  private acquirerInstance: TokenAcquirer | null = null;

  handle(request: HttpRequest<unknown>, next: HttpHandlerFn): Observable<HttpEvent<unknown>> {
    // `has` before `get`: `get` of an unset token stores its default in the request's context.
    // A header already set (by the app, or by a second registration of this interceptor) stays.
    const { context } = request;
    if (!this.isBrowser || request.headers.has('Authorization') || (context.has(MSAL_HTTP_SKIP) && context.get(MSAL_HTTP_SKIP)))
      return next(request);
    const match = this.matcher.match(this.resolvePathRelative(request.url), request.method);
    const override = context.has(MSAL_HTTP_SCOPES) ? context.get(MSAL_HTTP_SCOPES) : null;
    if (!match) return override ? throwError(() => scopesOnUnnamedUrl(request.method, withoutQuery(request.url))) : next(request);
    const scopes = override ?? match.scopes;
    // A token memory holds is attached synchronously: match, look-up, clone, forward.
    const cached = this.acquirer().cached(request, scopes);
    return cached ? this.send(request, next, scopes, cached, true) : this.acquireAndSend(request, next, scopes, undefined, true);
  }

  private acquireAndSend(
    request: HttpRequest<unknown>,
    next: HttpHandlerFn,
    scopes: readonly string[],
    claims: string | undefined,
    retry: boolean,
  ) {
    return defer(() => this.acquirer().acquire(request, scopes, claims)).pipe(
      switchMap((result) => this.send(request, next, scopes, result, retry)),
    );
  }

  private send(
    request: HttpRequest<unknown>,
    next: HttpHandlerFn,
    scopes: readonly string[],
    result: AuthenticationResult,
    retry: boolean,
  ) {
    const authorized = request.clone({ setHeaders: { Authorization: `${result.tokenType || 'Bearer'} ${result.accessToken}` } });
    return next(authorized).pipe(catchError((error: unknown) => this.onError(request, next, scopes, result, error, retry)));
  }

  // A 401 means the API refused the token: forget it. A claims challenge gets one retry with the
  // claims it asks for; a second 401 goes to the caller.
  private onError(
    request: HttpRequest<unknown>,
    next: HttpHandlerFn,
    scopes: readonly string[],
    result: AuthenticationResult,
    error: unknown,
    retry: boolean,
  ): Observable<HttpEvent<unknown>> {
    if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
    this.acquirer().forget(result.accessToken);
    const claims = retry ? parseClaimsChallenge(error.headers.get('WWW-Authenticate')) : null;
    if (!claims) return this.notAuthorized(request, scopes, error);
    this.bus.emit({ type: 'msal:claimsChallenge', source: 'ngx-msal-http', request: this.describe(request, scopes), claims });
    return this.acquireAndSend(request, next, scopes, claims, false);
  }

  private notAuthorized(request: HttpRequest<unknown>, scopes: readonly string[], error: HttpErrorResponse): Observable<never> {
    const challenge = error.headers.get('WWW-Authenticate');
    this.bus.emit({
      type: 'msal:notAuthorized',
      source: 'ngx-msal-http',
      request: this.describe(request, scopes),
      status: error.status,
      challenge,
    });
    return throwError(() => error);
  }

  private describe(request: HttpRequest<unknown>, scopes: readonly string[]) {
    let account = null;
    try {
      account = this.acquirer().account();
    } catch {
      account = null;
    }
    return { method: request.method, url: withoutQuery(request.url), scopes, account: toEventAccount(account) };
  }

  /**
   * A path-relative URL ("api/x", "../x") resolves against the document's base URL as it is now,
   * as the browser will resolve it when sending; the matcher's base is the one seen at startup.
   */
  private resolvePathRelative(url: string): string {
    if (ABSOLUTE_OR_ROOTED.test(url)) return url;
    try {
      return new URL(url, this.document.baseURI).href;
    } catch {
      return url;
    }
  }

  private acquirer(): TokenAcquirer {
    return (this.acquirerInstance ??= this.injector.get(TokenAcquirer));
  }
}

// A scheme ("https:", "mailto:") or a leading slash; anything else is relative to the base path.
const ABSOLUTE_OR_ROOTED = /^(?:[a-z][a-z\d+.-]*:|\/)/i;
