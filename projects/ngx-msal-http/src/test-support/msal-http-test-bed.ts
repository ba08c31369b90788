import { HttpClient, provideHttpClient, withInterceptors, withInterceptorsFromDi } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';
import type { AccountInfo } from '@azure/msal-browser';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom, Observable } from 'rxjs';

import { FakeMsalClient } from '../../testing/src/fake-msal-client';
import {
  MsalHttpTestingController,
  provideMsalHttpTesting,
  provideMsalHttpTestingController,
} from '../../testing/src/provide-msal-http-testing';
import { MsalHttpConfig } from '../lib/config/msal-http-config';
import { MsalHttpEvent } from '../lib/events/msal-http-event';
import { MsalHttpEvents } from '../lib/events/msal-http-events';
import { msalHttpInterceptor } from '../lib/interceptor/msal-http-interceptor';
import { withDiInterceptor } from '../lib/msal-http-feature';
import { MsalHttpModule } from '../lib/msal-http-module';
import { provideMsalHttp } from '../lib/provide-msal-http';

/** How the app registers the library: functional or class interceptor, standalone or NgModule. */
export interface Registration {
  readonly interceptor: 'function' | 'class' | 'both';
  readonly setup: 'provideMsalHttp' | 'MsalHttpModule.forRoot';
}

export const REGISTRATIONS: readonly Registration[] = [
  { interceptor: 'function', setup: 'provideMsalHttp' },
  { interceptor: 'class', setup: 'provideMsalHttp' },
  { interceptor: 'function', setup: 'MsalHttpModule.forRoot' },
  { interceptor: 'class', setup: 'MsalHttpModule.forRoot' },
];

export const DEFAULT_MAP: MsalHttpConfig['protectedResourceMap'] = [
  // One scope per method: plain scopes would be added to POST's (rule 7, docs/matching.md).
  [
    'https://api.contoso.test/orders',
    [
      { httpMethod: 'GET', scopes: ['api://orders/orders.read'] },
      { httpMethod: 'POST', scopes: ['api://orders/orders.write'] },
    ],
  ],
  ['https://api.contoso.test/orders/public', null],
  ['https://profile.contoso.test', ['api://profile/profile.read']],
  ['/relative-api', ['api://app/app.read']],
];

/** Everything a spec needs: the real HttpClient, the testing backend, the fake client, the events. */
export interface MsalHttpHarness {
  readonly http: HttpClient;
  readonly backend: HttpTestingController;
  readonly client: FakeMsalClient;
  /** The public testing controller (`ngx-msal-http/testing`): waits and token expectations. */
  readonly msal: MsalHttpTestingController;
  readonly events: MsalHttpEvents;
  /** Every event since setup. */
  readonly seen: MsalHttpEvent[];
}

/**
 * Configures TestBed with the library, a FakeMsalClient and HttpClientTesting, through the public
 * harness (`provideMsalHttpTesting`, or `MsalHttpModule.forRoot` plus the testing controller).
 * Nobody is signed in unless the spec says so (`account`, or `client.signIn`).
 */
export function setUpMsalHttp(
  options: {
    readonly registration?: Registration;
    readonly config?: Partial<MsalHttpConfig>;
    readonly client?: FakeMsalClient;
    /** Signed in and active at start; default nobody. */
    readonly account?: AccountInfo | null;
    readonly providers?: (Provider | EnvironmentProviders)[];
  } = {},
): MsalHttpHarness {
  const registration = options.registration ?? REGISTRATIONS[0];
  const client = options.client ?? new FakeMsalClient();
  const { msal, ...settings } = { protectedResourceMap: DEFAULT_MAP, ...options.config };
  const config: MsalHttpConfig = { ...settings, msal: msal ?? client };
  // A spec that brings its own msal source (a factory, a Configuration) registers it as given.
  const standalone = registration.setup === 'provideMsalHttp' && !msal;
  const features = registration.interceptor === 'function' ? [] : [withDiInterceptor()];
  const httpFeatures = {
    function: [withInterceptors([msalHttpInterceptor])],
    class: [withInterceptorsFromDi()],
    both: [withInterceptors([msalHttpInterceptor]), withInterceptorsFromDi()],
  }[registration.interceptor];
  TestBed.configureTestingModule({
    imports: registration.setup === 'MsalHttpModule.forRoot' ? [MsalHttpModule.forRoot(config, ...features)] : [],
    providers: [
      provideHttpClient(...httpFeatures),
      provideHttpClientTesting(),
      standalone
        ? [provideMsalHttpTesting({ ...settings, client, account: options.account ?? null }), features.map((f) => f.ɵproviders)]
        : [provideMsalHttpTestingController(client), registration.setup === 'provideMsalHttp' ? provideMsalHttp(config, ...features) : []],
      options.providers ?? [],
    ],
  });
  if (!standalone && options.account) client.signIn(options.account, true);
  const events = TestBed.inject(MsalHttpEvents);
  const seen: MsalHttpEvent[] = [];
  events.events$.subscribe((event) => seen.push(event));
  return {
    http: TestBed.inject(HttpClient),
    backend: TestBed.inject(HttpTestingController),
    client,
    msal: TestBed.inject(MsalHttpTestingController),
    events,
    seen,
  };
}

/** Waits until the library and the fake have done all they can without a timer (see MsalHttpTestingController.settle). */
export function settle(): Promise<void> {
  return TestBed.inject(MsalHttpTestingController).settle();
}

/** The one request to `url` that reached the backend once the library settled. */
export function expectRequest(url: string): Promise<TestRequest> {
  return TestBed.inject(MsalHttpTestingController).expectRequest(url);
}

/** Subscribes now and resolves with the value or the error, so a spec can await either. */
export function outcomeOf<T>(request: Observable<T>): Promise<{ value?: T; error?: unknown }> {
  return firstValueFrom(request).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
