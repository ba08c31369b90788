import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { forkJoin, map, Observable } from 'rxjs';

import { DEMO_SETTINGS } from '../demo-settings';

/** The header that makes the demo API answer with a claims challenge (see e2e/servers/api.mjs). */
const CHALLENGE = new HttpHeaders({ 'x-demo-require-claims': '1' });

/**
 * The demo API, called the way any app calls its backend: plain HttpClient, no token code. The
 * interceptor decides from the URL and method which token, if any, goes with each request.
 */
@Injectable({ providedIn: 'root' })
export class DemoApi {
  private readonly http = inject(HttpClient);
  private readonly api = inject(DEMO_SETTINGS).apiUrl;
  private readonly dpopApi = inject(DEMO_SETTINGS).dpopApiUrl;

  /** Needs api://demo-orders/orders.read. */
  orders(): Observable<unknown> {
    return this.http.get(`${this.api}/orders`);
  }

  /** Same URL, but POST: needs api://demo-orders/orders.write. */
  placeOrder(): Observable<unknown> {
    return this.http.post(`${this.api}/orders`, { item: 'croissant', quantity: 2 });
  }

  /** Another audience: needs api://demo-profile/profile.read. */
  profile(): Observable<unknown> {
    return this.http.get(`${this.api}/profile`);
  }

  /** Sender-constrained: a DPoP-bound token for api://demo-dpop/dpop.read and a fresh proof (withDpop). */
  dpop(): Observable<unknown> {
    return this.http.get(`${this.dpopApi}/dpop`);
  }

  /**
   * The DPoP route that also demands a server nonce (401 use_dpop_nonce). msal-browser 5.30 cannot
   * sign a nonce into a resource proof, so the interceptor fails with MSALHTTP241 instead of retrying.
   */
  dpopWithNonce(): Observable<unknown> {
    return this.http.get(`${this.dpopApi}/dpop/nonce`);
  }

  /** Not in the protectedResourceMap: goes out without a token. */
  publicData(): Observable<unknown> {
    return this.http.get(`${this.api}/public`);
  }

  /**
   * The same server under another host name. The map names `localhost`, so no token is attached
   * and the API answers 401: tokens never leak to a host the map does not name.
   */
  lookAlikeHost(): Observable<unknown> {
    const url = new URL(`${this.api}/orders`);
    url.hostname = '127.0.0.1';
    return this.http.get(url.href);
  }

  /** Five calls at once: one token acquisition (and at most one popup) serves them all. */
  ordersFiveTimes(): Observable<string> {
    const calls = Array.from({ length: 5 }, () => this.http.get(`${this.api}/orders`, { observe: 'response' }));
    return forkJoin(calls).pipe(map((responses) => responses.map((response) => response.status).join(' ')));
  }

  /**
   * The API refuses the token until it carries extra claims (the Continuous Access Evaluation
   * pattern). The interceptor reads the 401's WWW-Authenticate header, gets a token with those
   * claims and retries once; this call only sees the final answer.
   */
  ordersWithClaimsChallenge(): Observable<unknown> {
    return this.http.get(`${this.api}/orders`, { headers: CHALLENGE });
  }
}
