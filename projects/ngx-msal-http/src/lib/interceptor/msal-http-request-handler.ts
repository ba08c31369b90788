import { HttpErrorResponse, HttpEvent, HttpHandlerFn, HttpRequest } from '@angular/common/http';
import { inject, Injectable, Injector, PLATFORM_ID } from '@angular/core';
import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import type { AccountInfo, AuthenticationResult } from '@azure/msal-browser';
import { catchError, defer, Observable, switchMap, throwError } from 'rxjs';

import { MsalHttpError } from '../config/msal-http-error';
import { scopesOnUnnamedUrl } from '../tokens/runtime-errors';
import { TokenRequestInfo } from '../events/msal-http-event';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { toEventAccount, toTokenResultInfo } from '../events/sanitize';
import { PROTECTED_RESOURCE_MATCHER } from '../resource-map/protected-resource-matcher-token';
import { TokenAcquirer } from '../tokens/token-acquirer';
import { parseClaimsChallenge } from './claims-challenge';
import { MSAL_HTTP_SCOPES, MSAL_HTTP_SKIP } from './http-context-tokens';

/**
 * The interceptor's logic, one instance per application. The per-request path for URLs the map
 * does not name is one compiled match and nothing else.
 */
@Injectable()
export class MsalHttpRequestHandler {
  private readonly matcher = inject(PROTECTED_RESOURCE_MATCHER);
  private readonly bus = inject(MsalHttpEventBus);
  private readonly injector = inject(Injector);
  private readonly isBrowser = isPlatformBrowser(inject(PLATFORM_ID));
  private readonly document = inject(DOCUMENT);
  // Requests this handler already forwarded: a second registration of the interceptor (class and
  // function, or the module's and the app's) passes them straight through.
  private readonly forwarded = new WeakSet<HttpRequest<unknown>>();
  // Resolved on first use, so that on the server the msal client is never even built.
  private acquirerInstance: TokenAcquirer | null = null;

  handle(request: HttpRequest<unknown>, next: HttpHandlerFn): Observable<HttpEvent<unknown>> {
    // `has` before `get`: `get` of an unset token stores its default in the request's context.
    const { context } = request;
    if (!this.isBrowser || this.forwarded.has(request) || (context.has(MSAL_HTTP_SKIP) && context.get(MSAL_HTTP_SKIP)))
      return next(request);
    // A header the app set itself is never overwritten.
    if (request.headers.has('Authorization')) return next(request);
    const match = this.matcher.match(this.resolvePathRelative(request.url), request.method);
    const override = context.has(MSAL_HTTP_SCOPES) ? context.get(MSAL_HTTP_SCOPES) : null;
    if (!match) {
      if (override) return throwError(() => unnamedUrlError(request));
      return next(request);
    }
    return this.sendWithToken(request, next, override ?? match.scopes);
  }

  /**
   * A path-relative URL ("api/x", "../x") resolves against the document's base URL as it is now,
   * as the browser will resolve it when sending; without a <base> element that is the current
   * page, which changes as the app navigates. The matcher's base is the one seen at startup, so
   * such URLs are made absolute here. Absolute URLs and "/x" paths do not depend on it.
   */
  private resolvePathRelative(url: string): string {
    if (ABSOLUTE_OR_ROOTED.test(url)) return url;
    try {
      return new URL(url, this.document.baseURI).href;
    } catch {
      return url;
    }
  }

  private sendWithToken(request: HttpRequest<unknown>, next: HttpHandlerFn, scopes: readonly string[]): Observable<HttpEvent<unknown>> {
    return this.acquireFor(request, scopes).pipe(
      switchMap((result) => this.forward(request, next, result)),
      catchError((error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
        const claims = parseClaimsChallenge(error.headers.get('WWW-Authenticate'));
        if (!claims) return this.notAuthorized(request, scopes, error);
        // One retry with the claims the API asked for; a second 401 goes to the caller.
        this.bus.emit({ type: 'msal:claimsChallenge', request: this.describe(request, scopes), claims });
        return this.acquireFor(request, scopes, claims).pipe(
          switchMap((result) => this.forward(request, next, result)),
          catchError((retryError: unknown) =>
            retryError instanceof HttpErrorResponse && retryError.status === 401
              ? this.notAuthorized(request, scopes, retryError)
              : throwError(() => retryError),
          ),
        );
      }),
    );
  }

  /** One acquisition for this request, with its start / success / failure events. */
  private acquireFor(request: HttpRequest<unknown>, scopes: readonly string[], claims?: string): Observable<AuthenticationResult> {
    return defer(async () => {
      const acquirer = this.acquirer();
      // Until the account is chosen, events name none. Built only when someone listens.
      let account: AccountInfo | null = null;
      let info: TokenRequestInfo | undefined;
      const describe = () => (info ??= this.describe(request, scopes, account));
      let started = false;
      try {
        account = await acquirer.prepare();
        if (this.bus.observed) this.bus.emit({ type: 'msal:acquireTokenStart', request: describe() });
        started = true;
        const result = await acquirer.acquire({ scopes, claims, httpRequest: request }, account);
        if (this.bus.observed) {
          this.bus.emit({
            type: 'msal:acquireTokenSuccess',
            request: describe(),
            result: toTokenResultInfo(result),
          });
        }
        return result;
      } catch (error) {
        if (this.bus.observed) {
          // Startup or account choice failed before the start event: still one start, one failure.
          if (!started) this.bus.emit({ type: 'msal:acquireTokenStart', request: describe() });
          this.bus.emit({ type: 'msal:acquireTokenFailure', request: describe(), error });
        }
        throw error;
      }
    });
  }

  private forward(request: HttpRequest<unknown>, next: HttpHandlerFn, result: AuthenticationResult): Observable<HttpEvent<unknown>> {
    const authorized = request.clone({ setHeaders: { Authorization: `${result.tokenType || 'Bearer'} ${result.accessToken}` } });
    this.forwarded.add(authorized);
    return next(authorized);
  }

  private notAuthorized(request: HttpRequest<unknown>, scopes: readonly string[], error: HttpErrorResponse): Observable<never> {
    const challenge = error.headers.get('WWW-Authenticate');
    this.bus.emit({
      type: 'msal:notAuthorized',
      request: this.describe(request, scopes),
      status: error.status,
      challenge,
    });
    return throwError(() => error);
  }

  private describe(request: HttpRequest<unknown>, scopes: readonly string[], account = this.safeAccount()): TokenRequestInfo {
    return { method: request.method, url: withoutQuery(request.url), scopes, account: toEventAccount(account) };
  }

  private safeAccount() {
    try {
      return this.acquirer().currentAccount();
    } catch {
      return null;
    }
  }

  private acquirer(): TokenAcquirer {
    return (this.acquirerInstance ??= this.injector.get(TokenAcquirer));
  }
}

// A scheme ("https:", "mailto:") or a leading slash; anything else is relative to the base path.
const ABSOLUTE_OR_ROOTED = /^(?:[a-z][a-z\d+.-]*:|\/)/i;

function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function unnamedUrlError(request: HttpRequest<unknown>): MsalHttpError {
  return scopesOnUnnamedUrl(request.method, withoutQuery(request.url));
}
