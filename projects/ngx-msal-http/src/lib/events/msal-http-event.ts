import type { AccountInfo, EventType, InteractionType } from '@azure/msal-browser';

/** The account a token was requested for, without any token (no `idToken`). */
export type MsalHttpAccount = Readonly<Omit<AccountInfo, 'idToken'>>;

/** The HTTP request an interceptor acquisition was for. `url` has no query string or fragment. */
export interface TokenRequestInfo {
  readonly method: string;
  readonly url: string;
  readonly scopes: readonly string[];
  readonly account: MsalHttpAccount | null;
}

/** What an acquisition returned, without the token itself. */
export interface TokenResultInfo {
  readonly scopes: readonly string[];
  readonly account: MsalHttpAccount | null;
  readonly tokenType: string;
  readonly expiresOn: Date | null;
  readonly fromCache: boolean;
  readonly correlationId: string;
}

/**
 * Every event on {@link MsalHttpEvents.events$}, a discriminated union on `type`: one event per
 * thing that happens, under the name users subscribe to. The interceptor's acquisitions and 401s,
 * the login helpers' failures, and the sign-in, sign-out and account changes msal-browser reports
 * (translated, once each). No event ever carries a token. msal-browser's raw events are apart, on
 * {@link MsalHttpEvents.msalBrowserEvents$}.
 *
 * @example
 * events.on('msal:acquireTokenFailure').subscribe((e) => console.warn(e.request.url, e.error));
 */
export type MsalHttpEvent =
  | { readonly type: 'msal:acquireTokenStart'; readonly request: TokenRequestInfo }
  | { readonly type: 'msal:acquireTokenSuccess'; readonly request: TokenRequestInfo; readonly result: TokenResultInfo }
  | { readonly type: 'msal:acquireTokenFailure'; readonly request: TokenRequestInfo; readonly error: unknown }
  | {
      readonly type: 'msal:notAuthorized';
      readonly request: TokenRequestInfo;
      readonly status: number;
      /** The API's `WWW-Authenticate` header, when CORS exposes it. */
      readonly challenge: string | null;
    }
  | {
      readonly type: 'msal:claimsChallenge';
      readonly request: TokenRequestInfo;
      /** The decoded claims request the API asked for (JSON text). */
      readonly claims: string;
    }
  | { readonly type: 'msal:loginSuccess'; readonly interactionType: InteractionType | null; readonly account: MsalHttpAccount | null }
  | { readonly type: 'msal:loginFailure'; readonly interactionType: 'popup' | 'redirect'; readonly error: unknown }
  | { readonly type: 'msal:logoutSuccess'; readonly interactionType: InteractionType | null; readonly account: MsalHttpAccount | null }
  | { readonly type: 'msal:logoutFailure'; readonly interactionType: InteractionType | null; readonly error: unknown }
  | { readonly type: 'msal:activeAccountChanged'; readonly account: MsalHttpAccount | null }
  | {
      /** A renewal before expiry (`withTokenRenewal()`) failed; the token stays in use until it stops being served. */
      readonly type: 'msal:tokenRenewalFailure';
      readonly scopes: readonly string[];
      readonly account: MsalHttpAccount | null;
      readonly error: unknown;
      /** True when only the user can fix it: no retry; the next request after expiry goes the usual way. */
      readonly interactionRequired: boolean;
    };

/** Every `type` string an {@link MsalHttpEvent} can have. */
export type MsalHttpEventType = MsalHttpEvent['type'];

/** The events of one type, as {@link MsalHttpEvents.on} returns them. */
export type MsalHttpEventOfType<T extends MsalHttpEventType> = Extract<MsalHttpEvent, { readonly type: T }>;

/**
 * The payload of a bridged msal-browser event, reduced so that no token is broadcast. `kind` tells
 * them apart; narrowing the event on `type` narrows the payload too.
 */
export type MsalBrowserPayload =
  | { readonly kind: 'result'; readonly result: TokenResultInfo }
  | { readonly kind: 'account'; readonly account: MsalHttpAccount }
  | { readonly kind: 'tokenRequest'; readonly scopes: readonly string[] }
  | { readonly kind: 'logoutRequest'; readonly account: MsalHttpAccount | null };

/** What each msal-browser event type carries; every other type carries `null`. */
export interface MsalBrowserPayloads {
  'msal:acquireTokenSuccess': Extract<MsalBrowserPayload, { kind: 'result' }>;
  'msal:loginSuccess': Extract<MsalBrowserPayload, { kind: 'account' }>;
  'msal:acquireTokenStart': Extract<MsalBrowserPayload, { kind: 'tokenRequest' }>;
  'msal:acquireTokenFromNetworkStart': Extract<MsalBrowserPayload, { kind: 'tokenRequest' }>;
  'msal:logoutStart': Extract<MsalBrowserPayload, { kind: 'logoutRequest' }>;
  'msal:logoutSuccess': Extract<MsalBrowserPayload, { kind: 'logoutRequest' }>;
}

/** A msal-browser event of type `T`, bridged without tokens (a popup window handle is dropped too). */
export interface MsalBrowserEventShape<T extends EventType> {
  readonly type: T;
  readonly interactionType: InteractionType | null;
  readonly payload: T extends keyof MsalBrowserPayloads ? MsalBrowserPayloads[T] : null;
  readonly error: unknown;
  readonly correlationId: string;
}

/**
 * An event of msal-browser's own (`addEventCallback`), on {@link MsalHttpEvents.msalBrowserEvents$}:
 * a union on `type`, whose payload follows from the type.
 *
 * @example
 * events.onMsalBrowser('msal:acquireTokenSuccess').subscribe((e) => console.log(e.payload.result.fromCache));
 */
export type MsalBrowserEvent = { [T in EventType]: MsalBrowserEventShape<T> }[EventType];

/** The msal-browser events of the given types, as {@link MsalHttpEvents.onMsalBrowser} returns them. */
export type MsalBrowserEventOfType<T extends EventType> = Extract<MsalBrowserEvent, { readonly type: T }>;
