import { EnvironmentProviders, inject, Injectable, makeEnvironmentProviders } from '@angular/core';
import type { AccountInfo } from '@azure/msal-browser';
import { MsalHttpConfig, MsalHttpEvent, provideMsalHttp, ɵMsalHttpEventBus } from 'ngx-msal-http';

import { FakeMsalClient, fakeAccount } from './fake-msal-client';

/** Options for {@link provideMsalHttpTesting}. Everything but the map has a test-friendly default. */
export interface MsalHttpTestingOptions extends Partial<Omit<MsalHttpConfig, 'msal'>> {
  /** The account signed in and active at start; `null` for nobody. Default {@link fakeAccount}(). */
  readonly account?: AccountInfo | null;
  /** A client to use instead of a new {@link FakeMsalClient}. */
  readonly client?: FakeMsalClient;
}

/**
 * Controls the fake behind {@link provideMsalHttpTesting} from a spec: the client, and the
 * library's event stream.
 *
 * @example
 * const msal = TestBed.inject(MsalHttpTestingController);
 * msal.client.interactionRequired = true;
 * msal.emit({ type: 'msal:loginFailure', interactionType: 'popup', error: new Error('x') });
 */
@Injectable()
export class MsalHttpTestingController {
  readonly client = inject(FakeMsalClient);
  private readonly bus = inject(ɵMsalHttpEventBus);

  /** Emits an event on `MsalHttpEvents`, as the library would. */
  emit(event: MsalHttpEvent): void {
    this.bus.emit(event);
  }
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
  const { account, client: given, protectedResourceMap, ...config } = options;
  const client = given ?? new FakeMsalClient();
  if (account !== null) client.signIn(account ?? fakeAccount(), true);
  return makeEnvironmentProviders([
    { provide: FakeMsalClient, useValue: client },
    MsalHttpTestingController,
    provideMsalHttp({ ...config, msal: client, protectedResourceMap: protectedResourceMap ?? [] }),
  ]);
}
