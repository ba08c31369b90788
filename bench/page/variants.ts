import {
  HTTP_INTERCEPTORS,
  HttpBackend,
  HttpClient,
  HttpInterceptorFn,
  HttpResponse,
  provideHttpClient,
  withInterceptors,
  withInterceptorsFromDi,
} from '@angular/common/http';
import { ApplicationRef, EnvironmentProviders, Provider, provideZonelessChangeDetection } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { MSAL_INSTANCE, MSAL_INTERCEPTOR_CONFIG, MsalBroadcastService, MsalInterceptor, MsalService } from '@azure/msal-angular';
import { InteractionType, IPublicClientApplication } from '@azure/msal-browser';
import { msalHttpInterceptor, provideMsalHttp, withDiInterceptor, withDpop, withTokenRenewal } from 'ngx-msal-http';
import { firstValueFrom, Observable, of } from 'rxjs';

import { BenchMaps } from './resource-maps';

/** What is measured: no interceptor, the trivial floor, our two registrations (and ours with DPoP), msal-angular. */
export type VariantName = 'none' | 'trivial' | 'ours' | 'ours-di' | 'ours-dpop' | 'theirs';

/** One Angular application with HttpClient and one variant of the interceptor layer. */
export interface Variant {
  readonly name: VariantName;
  readonly http: HttpClient;
  destroy(): void;
}

// The terminal handler answers synchronously with one shared response, so a request costs only
// what HttpClient and the interceptors do with it.
const RESPONSE$: Observable<HttpResponse<null>> = of(new HttpResponse({ status: 200, body: null }));
const syncBackend: HttpBackend = { handle: () => RESPONSE$ };

// The practical floor: every interceptor that touches a request clones it with a header.
const trivialInterceptor: HttpInterceptorFn = (request, next) => next(request.clone({ setHeaders: { 'X-Bench': '1' } }));

/**
 * Bootstraps an application (no component) for `name`, with the given client and map; `renewal`
 * adds `withTokenRenewal()` to ours (scenario 7).
 */
export async function createVariant(
  name: VariantName,
  client: IPublicClientApplication,
  maps: BenchMaps,
  options: { readonly renewal?: boolean } = {},
): Promise<Variant> {
  const providers: (Provider | EnvironmentProviders)[] = [
    provideZonelessChangeDetection(),
    ...variantProviders(name, client, maps, options.renewal ?? false),
  ];
  // After provideHttpClient, so this HttpBackend wins.
  providers.push({ provide: HttpBackend, useValue: syncBackend });
  const app: ApplicationRef = await createApplication({ providers });
  if (name === 'theirs') {
    // What an msal-angular app does at startup (MsalRedirectComponent or app component): without
    // it MsalBroadcastService stays in 'startup' and the interceptor never starts an interaction.
    await firstValueFrom(app.injector.get(MsalService).handleRedirectObservable(), { defaultValue: null });
  }
  return { name, http: app.injector.get(HttpClient), destroy: () => app.destroy() };
}

function variantProviders(
  name: VariantName,
  client: IPublicClientApplication,
  maps: BenchMaps,
  renewal: boolean,
): (Provider | EnvironmentProviders)[] {
  const ourConfig = { msal: client, protectedResourceMap: maps.ours, interactionType: 'popup' as const };
  const ourFeatures = renewal ? [withTokenRenewal()] : [];
  switch (name) {
    case 'none':
      return [provideHttpClient()];
    case 'trivial':
      return [provideHttpClient(withInterceptors([trivialInterceptor]))];
    case 'ours':
      return [provideHttpClient(withInterceptors([msalHttpInterceptor])), provideMsalHttp(ourConfig, ...ourFeatures)];
    case 'ours-di':
      return [provideHttpClient(withInterceptorsFromDi()), provideMsalHttp(ourConfig, withDiInterceptor())];
    case 'ours-dpop': {
      // Every key of the map DPoP-bound (scenario 8 maps one https URL).
      const keys = (maps.ours as readonly (readonly [string, unknown])[]).map(([key]) => key);
      return [provideHttpClient(withInterceptors([msalHttpInterceptor])), provideMsalHttp(ourConfig, withDpop({ keys }))];
    }
    case 'theirs':
      // msal-angular's documented standalone setup, interceptor part (no guard, no router).
      return [
        provideHttpClient(withInterceptorsFromDi()),
        { provide: HTTP_INTERCEPTORS, useClass: MsalInterceptor, multi: true },
        { provide: MSAL_INSTANCE, useValue: client },
        {
          provide: MSAL_INTERCEPTOR_CONFIG,
          useValue: { interactionType: InteractionType.Popup, protectedResourceMap: maps.theirs, strictMatching: true },
        },
        MsalService,
        MsalBroadcastService,
      ];
  }
}
