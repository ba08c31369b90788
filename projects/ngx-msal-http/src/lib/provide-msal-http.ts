import { isPlatformBrowser } from '@angular/common';
import {
  ApplicationRef,
  DestroyRef,
  DOCUMENT,
  EnvironmentInjector,
  EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  PLATFORM_ID,
  provideAppInitializer,
  provideEnvironmentInitializer,
  Provider,
} from '@angular/core';

import { duplicateFeature, notInRootInjector } from './config/config-errors';
import { MSAL_HTTP_CONFIG, MsalHttpConfig } from './config/msal-http-config';
import { resolveConfig } from './config/resolve-config';
import { MsalHttpEventBus } from './events/msal-http-event-bus';
import { MsalHttpRequestHandler } from './interceptor/msal-http-request-handler';
import { INTERCEPTOR_USAGE, watchInterceptorRegistration } from './interceptor/registration-check';
import { MsalHttpFeature } from './msal-http-feature';
import { PROTECTED_RESOURCE_MATCHER, protectedResourceMatcherProvider } from './resource-map/protected-resource-matcher-token';
import { InteractionCoordinator } from './tokens/interaction-coordinator';
import { STARTUP_HOOKS } from './tokens/cross-tab';
import { SignOutRelay } from './tokens/sign-out-relay';
import { createMsalClient, MSAL_HTTP_CLIENT } from './tokens/msal-client';
import { MsalClientHost } from './tokens/msal-client-host';
import { PopupCloseWatcher } from './tokens/popup-close-watcher';
import { clearSignOutState, listenForRelayWarnings, relayPopupResponse } from './tokens/popup-response-relay';
import { TokenAcquirer } from './tokens/token-acquirer';

/**
 * The one provider list behind both `provideMsalHttp` and `MsalHttpModule.forRoot`, features included
 * (each kind once: MSALHTTP121). The config is
 * validated here, when providers are created; the map is compiled by an app initializer, so a bad
 * key fails the bootstrap. In the browser the same initializer starts msal-browser
 * (`initialize()` + `handleRedirectPromise()`) without holding the bootstrap up.
 */
export function msalHttpProviders(config: MsalHttpConfig, features: readonly MsalHttpFeature[]): (Provider | EnvironmentProviders)[] {
  const resolved = resolveConfig(config);
  const kinds = new Set<string>();
  for (const { ɵkind } of features) {
    if (kinds.has(ɵkind)) throw duplicateFeature(ɵkind);
    kinds.add(ɵkind);
  }
  return [
    { provide: MSAL_HTTP_CONFIG, useValue: resolved },
    { provide: MSAL_HTTP_CLIENT, useFactory: () => createMsalClient(resolved.msal) },
    protectedResourceMatcherProvider,
    MsalHttpEventBus,
    MsalClientHost,
    PopupCloseWatcher,
    SignOutRelay,
    InteractionCoordinator,
    TokenAcquirer,
    MsalHttpRequestHandler,
    // Where the root-provided services (MsalHttpAuth, MsalHttpEvents) can see the configuration.
    provideEnvironmentInitializer(() => {
      if (inject(EnvironmentInjector) !== inject(ApplicationRef).injector) throw notInRootInjector();
    }),
    provideAppInitializer(() => {
      inject(PROTECTED_RESOURCE_MATCHER);
      if (!isPlatformBrowser(inject(PLATFORM_ID))) return;
      // The app booted inside its own sign-in popup (redirectUri is not a bridge page): hand the
      // response to the opener and start nothing here; this window is closing.
      const document = inject(DOCUMENT);
      const win = document.defaultView;
      if (win && relayPopupResponse(win, document.baseURI)) return;
      if (win && (typeof ngDevMode === 'undefined' || ngDevMode)) {
        const stopWatching = watchInterceptorRegistration(win, inject(PROTECTED_RESOURCE_MATCHER), inject(INTERCEPTOR_USAGE));
        const stopListening = listenForRelayWarnings(win);
        inject(DestroyRef).onDestroy(() => (stopWatching(), stopListening()));
      }
      // A sign-out in another tab reaches this one (sessionStorage caches; msal relays localStorage).
      inject(SignOutRelay).start();
      // Watches every sign-in popup from the start, also one the app opens straight on msal-browser
      // before any request: a guard or a request waiting for it then learns when the user closes it.
      inject(PopupCloseWatcher);
      // Optional features (withCrossTabSync()) start here, before this initializer starts msal-browser.
      if (win) for (const hook of inject(STARTUP_HOOKS)) hook(win);
      // Requests await this promise and report its failure; nothing to do with it here.
      inject(MsalClientHost)
        .ready()
        .then(() => win && clearSignOutState(win))
        .catch(() => undefined);
    }),
    features.map((feature) => feature.ɵproviders),
  ];
}

/**
 * Sets ngx-msal-http up in a standalone app. Register the interceptor with HttpClient too.
 *
 * @example
 * export const appConfig: ApplicationConfig = {
 *   providers: [
 *     provideHttpClient(withInterceptors([msalHttpInterceptor])),
 *     provideMsalHttp({
 *       msal: { auth: { clientId: '…', authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com' } },
 *       consentScopes: ['user.read'],
 *       protectedResourceMap: [['https://graph.microsoft.com/v1.0/me', ['user.read']]],
 *     }),
 *   ],
 * };
 */
export function provideMsalHttp(config: MsalHttpConfig, ...features: MsalHttpFeature[]): EnvironmentProviders {
  return makeEnvironmentProviders(msalHttpProviders(config, features));
}
