import { HttpClient, provideHttpClient, withInterceptors, withInterceptorsFromDi } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { Component, EnvironmentProviders, importProvidersFrom, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AccountInfo, AuthenticationResult, IPublicClientApplication, SilentRequest } from '@azure/msal-browser';
import { firstValueFrom } from 'rxjs';

import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  msalHttpGuard,
  msalHttpInterceptor,
  MsalHttpModule,
  PROTECTED_RESOURCE_MATCHER,
  provideMsalHttp,
  withDiInterceptor,
} from 'ngx-msal-http';

import { appConfig } from './app.config';

// The packed ngx-msal-http, installed into an Angular 22 app: both front doors attach the token
// msal-browser hands out, through Angular 22's HttpClient.
const ORDERS = 'https://api.example.test/orders';
const CONFIG = { msal: fakeMsalClient(), protectedResourceMap: [[ORDERS, ['api://orders/orders.read']]] } as const;

const SETUPS: readonly { readonly name: string; readonly providers: (Provider | EnvironmentProviders)[] }[] = [
  {
    name: 'provideMsalHttp + msalHttpInterceptor',
    providers: [provideHttpClient(withInterceptors([msalHttpInterceptor])), provideMsalHttp(CONFIG)],
  },
  {
    name: 'MsalHttpModule.forRoot + withDiInterceptor',
    providers: [provideHttpClient(withInterceptorsFromDi()), importProvidersFrom(MsalHttpModule.forRoot(CONFIG, withDiInterceptor()))],
  },
];

for (const setup of SETUPS) {
  describe(`ngx-msal-http on Angular 22 (${setup.name})`, () => {
    let http: HttpClient;
    let backend: HttpTestingController;

    beforeEach(() => {
      TestBed.configureTestingModule({ providers: [...setup.providers, provideHttpClientTesting()] });
      http = TestBed.inject(HttpClient);
      backend = TestBed.inject(HttpTestingController);
    });

    afterEach(() => backend.verify());

    it('attaches a bearer token for the mapped scopes', async () => {
      const response = firstValueFrom(http.get(`${ORDERS}/42`));
      const request = await nextRequest(backend, `${ORDERS}/42`);

      expect(request.request.headers.get('Authorization')).toBe('Bearer at-for:api://orders/orders.read');
      request.flush({ id: 42 });
      expect(await response).toEqual({ id: 42 });
    });

    it('sends requests to URLs the map does not name without a token', async () => {
      const response = firstValueFrom(http.get('https://elsewhere.example.test/status'));
      const request = await nextRequest(backend, 'https://elsewhere.example.test/status');

      expect(request.request.headers.has('Authorization')).toBeFalse();
      request.flush('up');
      expect(await response).toBe('up');
    });
  });
}

@Component({ selector: 'app-orders-page', template: 'orders' })
class OrdersPage {}

describe('msalHttpGuard on Angular 22', () => {
  it("lets the signed-in account through Angular 22's router", async () => {
    TestBed.configureTestingModule({
      providers: [provideMsalHttp(CONFIG), provideRouter([{ path: 'orders', component: OrdersPage, canActivate: [msalHttpGuard()] }])],
    });
    const harness = await RouterTestingHarness.create();

    await harness.navigateByUrl('/orders');

    expect(harness.routeNativeElement?.textContent).toBe('orders');
  });
});

describe('the configuration ng add wrote into app.config.ts', () => {
  it('passes validation and maps its example API to its scope', () => {
    TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });

    const matcher = TestBed.inject(PROTECTED_RESOURCE_MATCHER);

    expect(matcher.match('https://graph.microsoft.com/v1.0/me')).toEqual({
      key: 'https://graph.microsoft.com/v1.0/me',
      scopes: ['user.read'],
    });
  });
});

/**
 * The interceptor awaits msal-browser's startup, and takes the account's Web Lock (a browser task,
 * not a microtask) before it calls msal: wait for the request to reach the backend, however many
 * steps that takes, for a bounded number of task turns.
 */
async function nextRequest(backend: HttpTestingController, url: string): Promise<TestRequest> {
  for (let turn = 0; turn < 200; turn++) {
    const [request] = backend.match(url);
    if (request) return request;
    await new Promise((resolve) => setTimeout(resolve));
  }
  throw new Error(`no request to ${url} reached the backend`);
}

/** The part of IPublicClientApplication the interceptor uses: one signed-in account, silent tokens. */
function fakeMsalClient(): IPublicClientApplication {
  const account: AccountInfo = {
    homeAccountId: 'ada.tenant',
    localAccountId: 'ada',
    environment: 'login.example.test',
    tenantId: 'tenant',
    username: 'ada@example.test',
  };
  const client: Partial<IPublicClientApplication> = {
    initialize: async () => undefined,
    handleRedirectPromise: async () => null,
    addEventCallback: () => 'callback-1',
    removeEventCallback: () => undefined,
    getActiveAccount: () => account,
    getAllAccounts: () => [account],
    setActiveAccount: () => undefined,
    acquireTokenSilent: async (request: SilentRequest) =>
      ({
        accessToken: `at-for:${request.scopes.join(' ')}`,
        tokenType: 'Bearer',
        account,
        scopes: request.scopes,
        expiresOn: new Date(Date.now() + 3_600_000),
        fromCache: true,
        correlationId: 'correlation-1',
      }) as AuthenticationResult,
  };
  return client as IPublicClientApplication;
}
