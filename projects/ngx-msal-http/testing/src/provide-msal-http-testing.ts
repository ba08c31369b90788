import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { EnvironmentProviders, inject, Injectable, Injector, makeEnvironmentProviders } from '@angular/core';
import type { AccountInfo } from '@azure/msal-browser';
import { MSAL_HTTP_RENEWAL_LOCKS, MsalHttpConfig, MsalHttpEvent, MsalHttpFeature, provideMsalHttp, ɵMsalHttpEventBus } from 'ngx-msal-http';

import { FakeMsalClient, fakeAccount } from './fake-msal-client';

/** Options for {@link provideMsalHttpTesting}. Everything but the map has a test-friendly default. */
export interface MsalHttpTestingOptions extends Partial<Omit<MsalHttpConfig, 'msal'>> {
  /** The account signed in and active at start; `null` for nobody. Default {@link fakeAccount}(). */
  readonly account?: AccountInfo | null;
  /** A client to use instead of a new {@link FakeMsalClient}. */
  readonly client?: FakeMsalClient;
  /** The features the app passes to `provideMsalHttp` (`withTokenRenewal()`, `withCrossTabSync()`, …). */
  readonly features?: readonly MsalHttpFeature[];
}

/** Which requests a wait or an expectation is about: a URL (with its query) or a predicate. */
export type MsalHttpRequestMatch = string | ((request: TestRequest['request']) => boolean);

/**
 * Controls the fake behind {@link provideMsalHttpTesting} from a spec: the client, the library's
 * event stream, and waits for what the interceptor does that do not depend on how many `await`s
 * the library takes on the way.
 *
 * @example
 * const msal = TestBed.inject(MsalHttpTestingController);
 * http.get('https://api.contoso.com/items').subscribe();
 * const request = await msal.expectRequest('https://api.contoso.com/items');
 * msal.expectTokenFor(request, ['api://contoso/read']);
 */
@Injectable()
export class MsalHttpTestingController {
  readonly client = inject(FakeMsalClient);
  private readonly bus = inject(ɵMsalHttpEventBus);
  private readonly injector = inject(Injector);

  /** Emits an event on `MsalHttpEvents`, as the library would. */
  emit(event: MsalHttpEvent): void {
    this.bus.emit(event);
  }

  /**
   * Resolves once everything the library and the fake can do without a timer or an outside event
   * has happened: acquisitions settled, requests forwarded to `HttpTestingController` or failed.
   * Calls the fake holds open (`{ kind: 'never' }`, an unresolved behaviour promise) and pending
   * timers (advance them with `jasmine.clock().tick()` or `tick()`) stay pending.
   */
  settle(): Promise<void> {
    // A macrotask runs only once the microtask queue is empty, whatever the number of awaits.
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }

  /** {@link settle}s, then expects exactly one request matching `match` at `HttpTestingController`. */
  async expectRequest(match: MsalHttpRequestMatch): Promise<TestRequest> {
    await this.settle();
    return this.backend.expectOne(match);
  }

  /** {@link settle}s, then returns every request matching `match` at `HttpTestingController` (maybe none). */
  async requests(match: MsalHttpRequestMatch): Promise<TestRequest[]> {
    await this.settle();
    return this.backend.match(match);
  }

  /**
   * Throws unless `request` carries a bearer token the fake issued for exactly `scopes` (in any
   * order), for the account with `username` when given.
   */
  expectTokenFor(request: TestRequest, scopes: readonly string[], username?: string): void {
    const header = request.request.headers.get('Authorization');
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
    const issued = token ? this.client.issuedToken(token) : null;
    const wanted = [...new Set(scopes)].sort().join(' ');
    const problem = !header
      ? 'carries no Authorization header'
      : !issued
        ? `carries "${header}", which the fake did not issue`
        : [...new Set(issued.scopes)].sort().join(' ') !== wanted
          ? `carries a token for "${issued.scopes.join(' ')}", not "${wanted}"`
          : username !== undefined && issued.account.username !== username
            ? `carries a token for ${issued.account.username}, not ${username}`
            : null;
    if (problem) throw new Error(`${request.request.method} ${request.request.urlWithParams} ${problem}`);
  }

  private get backend(): HttpTestingController {
    return this.injector.get(HttpTestingController);
  }
}

/**
 * The testing controller and its fake client, for a setup that registers the library itself
 * (`MsalHttpModule.forRoot({ msal: client, … })`): {@link provideMsalHttpTesting} includes these.
 */
export function provideMsalHttpTestingController(client: FakeMsalClient): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: FakeMsalClient, useValue: client },
    MsalHttpTestingController,
    // One tab: no cross-tab Web Locks, even when the app's setup has withCrossTabSync() (a popup a
    // spec leaves open would hold the browser's lock for every later spec). Provide
    // MSAL_HTTP_RENEWAL_LOCKS after this (with withCrossTabSync()) to test cross-tab behaviour.
    { provide: MSAL_HTTP_RENEWAL_LOCKS, useValue: null },
  ]);
}

/**
 * ngx-msal-http with a {@link FakeMsalClient} instead of msal-browser, for app tests: the real
 * interceptor, matcher and events, no network, no popups, no prototype patching. Register the
 * interceptor as the app does (`withInterceptors([msalHttpInterceptor])`).
 *
 * @example
 * TestBed.configureTestingModule({
 *   providers: [
 *     provideHttpClient(withInterceptors([msalHttpInterceptor])),
 *     provideHttpClientTesting(),
 *     provideMsalHttpTesting({ protectedResourceMap: [['https://api.contoso.com', ['api://contoso/read']]] }),
 *   ],
 * });
 * TestBed.inject(MsalHttpTestingController).client.accessTokenFor = () => 'token-for-tests';
 */
export function provideMsalHttpTesting(options: MsalHttpTestingOptions = {}): EnvironmentProviders {
  const { account, client: given, protectedResourceMap, features = [], ...config } = options;
  const client = given ?? new FakeMsalClient();
  if (account !== null) client.signIn(account ?? fakeAccount(), true);
  return makeEnvironmentProviders([
    provideMsalHttpTestingController(client),
    provideMsalHttp({ ...config, msal: client, protectedResourceMap: protectedResourceMap ?? [] }, ...features),
  ]);
}
