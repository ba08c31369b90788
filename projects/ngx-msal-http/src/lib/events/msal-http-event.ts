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

/** Events ngx-msal-http emits itself: the interceptor's acquisitions and the login helpers' failures. */
export type MsalHttpLibraryEvent =
  | { readonly type: 'msal:acquireTokenStart'; readonly source: 'ngx-msal-http'; readonly request: TokenRequestInfo }
  | {
      readonly type: 'msal:acquireTokenSuccess';
      readonly source: 'ngx-msal-http';
      readonly request: TokenRequestInfo;
      readonly result: TokenResultInfo;
    }
  | {
      readonly type: 'msal:acquireTokenFailure';
      readonly source: 'ngx-msal-http';
      readonly request: TokenRequestInfo;
      readonly error: unknown;
    }
  | {
      readonly type: 'msal:notAuthorized';
      readonly source: 'ngx-msal-http';
      readonly request: TokenRequestInfo;
      readonly status: number;
      /** The API's `WWW-Authenticate` header, when CORS exposes it. */
      readonly challenge: string | null;
    }
  | {
      readonly type: 'msal:claimsChallenge';
      readonly source: 'ngx-msal-http';
      readonly request: TokenRequestInfo;
      /** The decoded claims request the API asked for (JSON text). */
      readonly claims: string;
    }
  | {
      /** A renewal before expiry (`withTokenRenewal()`) failed; the token stays in use until it stops being served. */
      readonly type: 'msal:tokenRenewalFailure';
      readonly source: 'ngx-msal-http';
      readonly scopes: readonly string[];
      readonly account: MsalHttpAccount | null;
      readonly error: unknown;
      /** True when only the user can fix it: no retry; the next request after expiry goes the usual way. */
      readonly interactionRequired: boolean;
    }
  | {
      readonly type: 'msal:loginFailure';
      readonly source: 'ngx-msal-http';
      readonly interactionType: 'popup' | 'redirect';
      readonly error: unknown;
    };

/**
 * An event of msal-browser's own (`addEventCallback`), bridged into the stream. Token-bearing
 * payloads are reduced: an `AuthenticationResult` becomes a {@link TokenResultInfo}, an account
 * loses its `idToken`, a popup window handle is dropped.
 */
export interface MsalBrowserEvent {
  readonly type: EventType;
  readonly source: 'msal-browser';
  readonly interactionType: InteractionType | null;
  readonly payload: TokenResultInfo | MsalHttpAccount | { readonly scopes?: readonly string[] } | null;
  readonly error: unknown;
  readonly correlationId: string;
}

/**
 * Every event on {@link MsalHttpEvents}: narrow on `type`, and on `source` to tell the
 * library's own events (`'ngx-msal-http'`: the interceptor, the login helpers) from msal-browser's. No event ever carries a token.
 *
 * @example
 * events.on('msal:acquireTokenFailure').subscribe((e) => console.warn(e.type, e.error));
 */
export type MsalHttpEvent = MsalHttpLibraryEvent | MsalBrowserEvent;

/** Every `type` string an {@link MsalHttpEvent} can have. */
export type MsalHttpEventType = MsalHttpEvent['type'];

/** The events of one type, as {@link MsalHttpEvents.on} returns them. */
export type MsalHttpEventOfType<T extends MsalHttpEventType> =
  Extract<MsalHttpEvent, { readonly type: T }> | (T extends EventType ? MsalBrowserEvent & { readonly type: T } : never);
