import { isPlatformBrowser } from '@angular/common';
import { inject, Injectable, Injector, PLATFORM_ID, Signal, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ProtocolMode } from '@azure/msal-browser';
import type {
  AuthenticationResult,
  EndSessionPopupRequest,
  EndSessionRequest,
  IPublicClientApplication,
  PopupRequest,
  RedirectRequest,
} from '@azure/msal-browser';

import { notConfigured } from '../config/config-errors';
import { MSAL_HTTP_CONFIG } from '../config/msal-http-config';
import { MsalHttpAccount } from '../events/msal-http-event';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { toEventAccount } from '../events/sanitize';
import { toMsalHttpError } from '../tokens/auth-errors';
import { PopupCloseWatcher } from '../tokens/popup-close-watcher';
import { MsalClientHost } from '../tokens/msal-client-host';
import { browserOnly } from '../tokens/runtime-errors';

/**
 * Sign-in and sign-out with the configured `consentScopes`, keeping msal-browser's active account
 * current. msal-browser emits `msal:loginSuccess` / `msal:logoutSuccess`; failures are also
 * emitted as `msal:loginFailure` and rethrown as {@link MsalHttpError}.
 *
 * @example
 * private readonly auth = inject(MsalHttpAuth);
 * signIn() { this.auth.loginPopup().catch((e) => this.error.set(e.message)); }
 * signedIn = computed(() => this.auth.account() !== null);
 */
// Not in the library's provider list, so that an app that never injects it does not ship it;
// without the library's providers, injecting it names the fix instead of Angular's generic NG0201.
@Injectable({
  providedIn: 'root',
  useFactory: () => (inject(MsalHttpEventBus, { optional: true }) ? new MsalHttpAuth() : notConfigured('MsalHttpAuth')),
})
export class MsalHttpAuth {
  private readonly injector = inject(Injector);
  private readonly isBrowser = isPlatformBrowser(inject(PLATFORM_ID));
  private readonly bus = inject(MsalHttpEventBus);
  private readonly config = inject(MSAL_HTTP_CONFIG);
  private readonly accountState = signal<MsalHttpAccount | null>(null);

  /** The active account (without its id token), updated by these helpers and by msal-browser's events. */
  readonly account: Signal<MsalHttpAccount | null> = this.accountState.asReadonly();

  // In the browser the client host is resolved at once (the app initializer builds it anyway), so
  // that a late callback never reaches into a destroyed injector. On the server: nothing is built.
  private readonly browserHost = this.isBrowser ? this.injector.get(MsalClientHost) : null;

  constructor() {
    // On the server there is no msal-browser client at all: the account stays null.
    if (!this.isBrowser) return;
    this.bus.accountChanges$.pipe(takeUntilDestroyed()).subscribe(() => this.refreshAccount());
    // Startup may be over already (the account-change tick came before this service existed).
    this.host.ready().then(
      () => this.refreshAccount(),
      () => undefined,
    );
  }

  private get host(): MsalClientHost {
    if (!this.browserHost) throw browserOnly('MsalHttpAuth sign-in and sign-out');
    return this.browserHost;
  }

  /** Signs in in a popup and makes the account active. */
  async loginPopup(request: Partial<PopupRequest> = {}): Promise<AuthenticationResult> {
    await this.host.ready();
    try {
      const watcher = this.injector.get(PopupCloseWatcher);
      const override = watcher.abandoned ? { overrideInteractionInProgress: true } : {};
      const close = watcher.nextClose();
      let result: AuthenticationResult;
      try {
        // A popup the user closes fails at once (MSALHTTP207) instead of after msal's bridge timeout.
        result = await Promise.race([this.host.client.loginPopup({ ...this.loginRequest(request), ...override }), close.promise]);
      } finally {
        close.stop();
      }
      this.host.client.setActiveAccount(result.account);
      this.refreshAccount();
      return result;
    } catch (error) {
      throw this.loginFailed('popup', error);
    }
  }

  /** Navigates to sign in; the account becomes active when the app starts again (handleRedirectPromise). */
  async loginRedirect(request: Partial<RedirectRequest> = {}): Promise<void> {
    await this.host.ready();
    try {
      await this.host.client.loginRedirect(this.loginRequest(request));
    } catch (error) {
      throw this.loginFailed('redirect', error);
    }
  }

  /**
   * Signs the active account out, in a popup or by redirect (default), and clears the active account.
   * With a provider other than Entra ID (`system.protocolMode: OIDC`) the request names the client
   * (`client_id`), without which such providers do not return to `postLogoutRedirectUri`. A popup
   * returns to `auth.redirectUri` (the redirect bridge page, which closes it) unless the request
   * says otherwise; a redirect returns to `postLogoutRedirectUri`.
   */
  async logout(options: { readonly popup?: boolean } & Partial<EndSessionRequest & EndSessionPopupRequest> = {}): Promise<void> {
    await this.host.ready();
    const { popup, ...request } = options;
    const client = this.host.client;
    const account = request.account ?? client.getActiveAccount() ?? undefined;
    const endSession = { ...logoutDefaults(client, !!popup), ...request, account };
    endSession.extraQueryParameters = { ...logoutDefaults(client, !!popup).extraQueryParameters, ...request.extraQueryParameters };
    // msal-browser emits msal:logoutFailure itself (the library translates it once); only the
    // rejection is typed here.
    try {
      if (popup) {
        await client.logoutPopup(endSession);
        client.setActiveAccount(null);
        this.refreshAccount();
      } else {
        await client.logoutRedirect(endSession);
      }
    } catch (error) {
      throw toMsalHttpError(error, popup ? 'logout-popup' : 'logout-redirect');
    }
  }

  private loginRequest<T extends Partial<PopupRequest>>(request: T): T & { scopes: string[] } {
    const extra = this.config.authRequest(null, this.config.consentScopes);
    return { ...extra, ...request, scopes: [...new Set([...this.config.consentScopes, ...(request.scopes ?? [])])] };
  }

  private loginFailed(interactionType: 'popup' | 'redirect', error: unknown) {
    const typed = toMsalHttpError(error, interactionType === 'popup' ? 'login-popup' : 'login-redirect');
    this.bus.emit({ type: 'msal:loginFailure', interactionType, error: typed });
    return typed;
  }

  private refreshAccount(): void {
    const active = this.host.client.getActiveAccount();
    const current = this.accountState();
    if (active?.homeAccountId !== current?.homeAccountId) this.accountState.set(toEventAccount(active));
  }
}

/**
 * What a sign-out needs beyond msal-browser's defaults, read from the client's configuration (a
 * client that does not expose one, such as a test fake, gets none).
 */
function logoutDefaults(client: IPublicClientApplication, popup: boolean): Partial<EndSessionPopupRequest> {
  let configuration: ReturnType<IPublicClientApplication['getConfiguration']>;
  try {
    configuration = client.getConfiguration();
  } catch {
    return {};
  }
  const oidc = configuration?.system?.protocolMode === ProtocolMode.OIDC;
  const clientId = configuration?.auth?.clientId;
  const redirectUri = configuration?.auth?.redirectUri;
  return {
    ...(oidc && clientId ? { extraQueryParameters: { client_id: clientId } } : {}),
    // The popup must come back to a page that hands its end to the opener: the bridge page.
    ...(popup && redirectUri ? { postLogoutRedirectUri: redirectUri } : {}),
  };
}
