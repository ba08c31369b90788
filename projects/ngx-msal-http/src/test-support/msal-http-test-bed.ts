import { HttpClient, provideHttpClient, withInterceptors, withInterceptorsFromDi } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom, Observable } from 'rxjs';

import { FakeMsalClient } from '../../testing/src/fake-msal-client';
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
  readonly events: MsalHttpEvents;
  /** Every event since setup. */
  readonly seen: MsalHttpEvent[];
}

/** Configures TestBed with the library, a FakeMsalClient and HttpClientTesting. */
export function setUpMsalHttp(
  options: {
    readonly registration?: Registration;
    readonly config?: Partial<MsalHttpConfig>;
    readonly client?: FakeMsalClient;
    readonly providers?: (Provider | EnvironmentProviders)[];
  } = {},
): MsalHttpHarness {
  const registration = options.registration ?? REGISTRATIONS[0];
  const client = options.client ?? new FakeMsalClient();
  const config: MsalHttpConfig = { msal: client, protectedResourceMap: DEFAULT_MAP, ...options.config };
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
      registration.setup === 'provideMsalHttp' ? [provideMsalHttp(config, ...features)] : [],
      options.providers ?? [],
    ],
  });
  const events = TestBed.inject(MsalHttpEvents);
  const seen: MsalHttpEvent[] = [];
  events.events$.subscribe((event) => seen.push(event));
  return { http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController), client, events, seen };
}

/** Lets every pending promise chain run (no timers involved). */
export async function flushMicrotasks(turns = 30): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve();
}

/** The one request to `url` that reached the backend once pending promises settled. */
export async function expectRequest(backend: HttpTestingController, url: string): Promise<TestRequest> {
  await flushMicrotasks();
  return backend.expectOne(url);
}

/** Subscribes now and resolves with the value or the error, so a spec can await either. */
export function outcomeOf<T>(request: Observable<T>): Promise<{ value?: T; error?: unknown }> {
  return firstValueFrom(request).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
