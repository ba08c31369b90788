import { HttpRequest } from '@angular/common/http';
import { InjectionToken } from '@angular/core';
import type {
  AccountInfo,
  Configuration,
  IPublicClientApplication,
  PopupRequest,
  RedirectRequest,
  SilentRequest,
} from '@azure/msal-browser';

import { ProtectedResourceMap } from '../resource-map/protected-resource-map';
import { notConfigured } from './config-errors';

/** How the interceptor gets a token when a silent acquisition needs the user. */
export type MsalHttpInteractionType = 'popup' | 'redirect' | 'none';

/** Request fields passed to every acquisition; `scopes`, `account` and `claims` are ours to set. */
export type MsalHttpAuthRequest = Omit<Partial<SilentRequest & PopupRequest & RedirectRequest>, 'scopes' | 'account' | 'claims'>;

/** The per-request form of `authRequest`, as msal-angular's: `(request, scopes, { account })`. */
export type MsalHttpAuthRequestFn = (
  request: HttpRequest<unknown>,
  scopes: readonly string[],
  context: { readonly account: AccountInfo | null },
) => MsalHttpAuthRequest;

/**
 * The msal-browser client: an instance, a factory (run in an injection context, so it may call
 * `inject()`), or a msal-browser `Configuration` from which a `PublicClientApplication` is built.
 */
export type MsalClientSource = IPublicClientApplication | (() => IPublicClientApplication) | Configuration;

/** Upper bounds, in milliseconds, after which a waiting request fails with `MSALHTTP206`/`208`/`205`. */
export interface MsalHttpTimeouts {
  /** A silent acquisition (cache, refresh token, hidden iframe). Default 30 000. */
  readonly silent?: number;
  /** A popup, or waiting for an interaction started elsewhere. Default 300 000 (the user is typing). */
  readonly interaction?: number;
  /** `initialize()` plus `handleRedirectPromise()` at startup. Default 30 000. */
  readonly initialization?: number;
}

/**
 * Configuration for {@link provideMsalHttp} and `MsalHttpModule.forRoot`.
 *
 * @example
 * provideMsalHttp({
 *   msal: { auth: { clientId: '…', authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com' } },
 *   consentScopes: ['user.read'],
 *   protectedResourceMap: [['https://graph.microsoft.com/v1.0/me', ['user.read']]],
 * });
 */
export interface MsalHttpConfig {
  readonly msal: MsalClientSource;
  readonly protectedResourceMap: ProtectedResourceMap;
  /** Default `'popup'`. */
  readonly interactionType?: MsalHttpInteractionType;
  /** Scopes requested at sign-in (login helpers, and interaction when no account is signed in). */
  readonly consentScopes?: readonly string[];
  /**
   * Extra request fields (authority, prompt, …), as an object or per HTTP request. A function runs
   * once per acquisition, in an injection context (it may call `inject()`), and gets the account
   * the token is acquired for (`null` when nobody is signed in yet).
   */
  readonly authRequest?: MsalHttpAuthRequest | MsalHttpAuthRequestFn;
  readonly timeouts?: MsalHttpTimeouts;
  /**
   * Notice within about 1.5 s that the user closed a sign-in popup (the library's or one the app
   * opened through `MsalHttpAuth`), failing the requests waiting for it with `MSALHTTP207`, instead
   * of msal-browser's wait of `system.popupBridgeTimeout` (60 s, `MSALHTTP214`). Default `true`.
   * A popup severed from the app by the provider's `Cross-Origin-Opener-Policy` is never taken for
   * closed; set `false` for a provider that sends that header only on a later page of its sign-in
   * flow (see docs/popups.md).
   */
  readonly watchPopupClose?: boolean;
}

/** The configuration after validation, with defaults filled in. */
export interface ResolvedMsalHttpConfig {
  readonly msal: MsalClientSource;
  readonly protectedResourceMap: ProtectedResourceMap;
  readonly interactionType: MsalHttpInteractionType;
  readonly consentScopes: readonly string[];
  /** The request fields for an acquisition; the same object each call when configured as an object. */
  readonly authRequest: (
    request: HttpRequest<unknown> | null,
    scopes: readonly string[],
    context?: { readonly account: AccountInfo | null },
  ) => MsalHttpAuthRequest;
  readonly timeouts: Required<MsalHttpTimeouts>;
  readonly watchPopupClose: boolean;
}

/** The validated configuration. Provided by `provideMsalHttp` / `MsalHttpModule.forRoot`. */
export const MSAL_HTTP_CONFIG = new InjectionToken<ResolvedMsalHttpConfig>(ngDevMode ? 'MSAL_HTTP_CONFIG' : '', {
  providedIn: 'root',
  factory: () => notConfigured('MSAL_HTTP_CONFIG'),
});
