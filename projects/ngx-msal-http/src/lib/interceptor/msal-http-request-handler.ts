import { HttpErrorResponse, HttpEvent, HttpHandlerFn, HttpRequest } from '@angular/common/http';
import { inject, Injectable, Injector, PLATFORM_ID } from '@angular/core';
import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import type { AuthenticationResult } from '@azure/msal-browser';
import { catchError, defer, Observable, switchMap, throwError } from 'rxjs';

import { DpopResource, MSAL_HTTP_DPOP } from '../dpop/dpop-policy';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';
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
  // Only with withDpop(): the DPoP code is not even in the bundle otherwise.
  private readonly dpop = inject(MSAL_HTTP_DPOP, { optional: true });
  // Resolved on first use, so that on the server the msal client is never even built.
  private acquirerInstance: TokenAcquirer | null = null;

  handle(request: HttpRequest<unknown>, next: HttpHandlerFn): Observable<HttpEvent<unknown>> {
    // `has` before `get`: `get` of an unset token stores its default in the request's context.
    // A header already set (by the app, or by a second registration of this interceptor) stays.
    const { context } = request;
    if (!this.isBrowser || request.headers.has('Authorization') || (context.has(MSAL_HTTP_SKIP) && context.get(MSAL_HTTP_SKIP)))
      return next(request);
    const match = this.matcher.match(resolvePathRelative(request.url, this.document), request.method);
    const override = context.has(MSAL_HTTP_SCOPES) ? context.get(MSAL_HTTP_SCOPES) : null;
    if (!match) return override ? throwError(() => scopesOnUnnamedUrl(request.method, withoutQuery(request.url))) : next(request);
    const dpop = this.dpop?.resourceFor(match.key, request) ?? null;
    const out: Outgoing = { request, next, scopes: override ?? match.scopes, dpop };
    // A DPoP request always goes through msal, which signs a proof for it.
    if (dpop) return this.acquireAndSend(out, undefined, true);
    // A token memory holds is attached synchronously: match, look-up, clone, forward.
    const cached = this.acquirer().cached(request, out.scopes);
    return cached ? this.send(out, cached, true) : this.acquireAndSend(out, undefined, true);
  }

  private acquireAndSend(out: Outgoing, claims: string | undefined, retry: boolean): Observable<HttpEvent<unknown>> {
    return defer(() => this.acquirer().acquire(out.request, out.scopes, claims, out.dpop ?? undefined)).pipe(
      switchMap((result) => this.send(out, result, retry)),
    );
  }

  private send(out: Outgoing, result: AuthenticationResult, retry: boolean): Observable<HttpEvent<unknown>> {
    let headers: Readonly<Record<string, string>>;
    try {
      headers =
        out.dpop && this.dpop
          ? this.dpop.headers(result, out.dpop)
          : { Authorization: `${result.tokenType || 'Bearer'} ${result.accessToken}` };
    } catch (error) {
      return throwError(() => error);
    }
    const authorized = out.request.clone({ setHeaders: headers });
    return out.next(authorized).pipe(catchError((error: unknown) => this.onError(out, result, error, retry)));
  }

  // A 401 means the API refused the token: forget it. A claims challenge gets one retry with the
  // claims it asks for; a second 401 goes to the caller.
  private onError(out: Outgoing, result: AuthenticationResult, error: unknown, retry: boolean): Observable<HttpEvent<unknown>> {
    if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
    this.acquirer().forget(result.accessToken);
    const request = this.acquirer().describe(out.request, out.scopes);
    const claims = retry ? parseClaimsChallenge(error.headers.get('WWW-Authenticate'), out.dpop ? 'dpop' : 'bearer') : null;
    if (claims) {
      // A fresh acquisition, so a DPoP retry gets a fresh proof too.
      this.bus.emit({ type: 'msal:claimsChallenge', request, claims });
      return this.acquireAndSend(out, claims, false);
    }
    const challenge = error.headers.get('WWW-Authenticate');
    this.bus.emit({ type: 'msal:notAuthorized', request, status: error.status, challenge });
    const refused = out.dpop && this.dpop ? this.dpop.refusal(error, out.dpop) : null;
    return throwError(() => refused ?? error);
  }

  private acquirer(): TokenAcquirer {
    return (this.acquirerInstance ??= this.injector.get(TokenAcquirer));
  }
}

/** A request on its way: what it is, where it goes next, the scopes its token needs. */
interface Outgoing {
  readonly request: HttpRequest<unknown>;
  readonly next: HttpHandlerFn;
  readonly scopes: readonly string[];
  /** The proof's request, for a DPoP key; `null` otherwise. */
  readonly dpop: DpopResource | null;
}

// A scheme ("https:", "mailto:") or a leading slash; anything else is relative to the base path.
const ABSOLUTE_OR_ROOTED = /^(?:[a-z][a-z\d+.-]*:|\/)/i;

/**
 * A path-relative URL ("api/x", "../x") resolves against the document's base URL as it is now,
 * as the browser will resolve it when sending; the matcher's base is the one seen at startup.
 */
function resolvePathRelative(url: string, document: Document): string {
  if (ABSOLUTE_OR_ROOTED.test(url)) return url;
  try {
    return new URL(url, document.baseURI).href;
  } catch {
    return url;
  }
}
