import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { map, merge } from 'rxjs';
import { MsalBrowserEvent, MsalHttpError, MsalHttpEvent, MsalHttpEvents } from 'ngx-msal-http';

/** One row of the events panel: what a newcomer wants to see of an event, flattened. */
export interface LoggedEvent {
  readonly seq: number;
  readonly time: string;
  readonly type: string;
  readonly source: 'ngx-msal-http' | 'msal-browser';
  /** `GET http://localhost:3001/orders` for the interceptor's events. */
  readonly request: string | null;
  readonly scopes: readonly string[];
  readonly account: string | null;
  /** `true`/`false` on success events; `null` when the event has no result. */
  readonly fromCache: boolean | null;
  /** An error code, the claims an API asked for, an HTTP status, or the interaction type. */
  readonly detail: string | null;
}

const MAX_EVENTS = 200;

/**
 * Keeps every event of `MsalHttpEvents.events$` (the library's) and `msalBrowserEvents$`
 * (msal-browser's own) as a row, newest first. The stream is hot, so this
 * service is created by an app initializer (see provideDemo) to see msal-browser's startup events.
 */
@Injectable({ providedIn: 'root' })
export class EventLog {
  private readonly rows = signal<readonly LoggedEvent[]>([]);
  private seq = 0;

  readonly events = this.rows.asReadonly();

  constructor() {
    const events = inject(MsalHttpEvents);
    const subscription = merge(
      events.events$.pipe(map((event) => toLibraryRow(event, ++this.seq))),
      events.msalBrowserEvents$.pipe(map((event) => toMsalBrowserRow(event, ++this.seq))),
    ).subscribe((row) => {
      this.rows.update((rows) => [row, ...rows].slice(0, MAX_EVENTS));
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  clear(): void {
    this.rows.set([]);
  }
}

function stamp(seq: number, type: string, source: LoggedEvent['source']) {
  return { seq, time: new Date().toISOString().slice(11, 23), type, source };
}

// msal-browser's payloads say what they are (`kind`), and the event type already narrows them.
function toMsalBrowserRow(event: MsalBrowserEvent, seq: number): LoggedEvent {
  const payload = event.payload;
  const result = payload?.kind === 'result' ? payload.result : null;
  const account = payload?.kind === 'account' || payload?.kind === 'logoutRequest' ? payload.account : (result?.account ?? null);
  return {
    ...stamp(seq, event.type, 'msal-browser'),
    request: null,
    scopes: payload?.kind === 'tokenRequest' ? payload.scopes : (result?.scopes ?? []),
    account: account?.username ?? null,
    fromCache: result?.fromCache ?? null,
    detail: errorText(event.error) ?? event.interactionType,
  };
}

function toLibraryRow(event: MsalHttpEvent, seq: number): LoggedEvent {
  const base = stamp(seq, event.type, 'ngx-msal-http');
  switch (event.type) {
    case 'msal:loginFailure':
    case 'msal:logoutFailure':
      return { ...base, request: null, scopes: [], account: null, fromCache: null, detail: errorText(event.error) };
    case 'msal:loginSuccess':
    case 'msal:logoutSuccess':
    case 'msal:activeAccountChanged':
      return { ...base, request: null, scopes: [], account: event.account?.username ?? null, fromCache: null, detail: null };
    case 'msal:tokenRenewalFailure':
      return {
        ...base,
        request: null,
        scopes: event.scopes,
        account: event.account?.username ?? null,
        fromCache: null,
        detail: errorText(event.error),
      };
    default:
      return toRequestRow(event, base);
  }
}

function toRequestRow(event: Extract<MsalHttpEvent, { request: unknown }>, base: ReturnType<typeof stamp>): LoggedEvent {
  const result = event.type === 'msal:acquireTokenSuccess' ? event.result : null;
  return {
    ...base,
    request: `${event.request.method} ${event.request.url}`,
    scopes: result?.scopes ?? event.request.scopes,
    account: (result?.account ?? event.request.account)?.username ?? null,
    fromCache: result?.fromCache ?? null,
    detail:
      event.type === 'msal:acquireTokenFailure'
        ? errorText(event.error)
        : event.type === 'msal:claimsChallenge'
          ? `claims ${event.claims}`
          : event.type === 'msal:notAuthorized'
            ? `HTTP ${event.status}`
            : null,
  };
}

function errorText(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof MsalHttpError) return error.code;
  // msal-browser's errors carry a short `errorCode` (user_cancelled, timed_out, ...).
  const code = (error as { errorCode?: unknown }).errorCode;
  if (typeof code === 'string' && code) return code;
  return error instanceof Error ? error.message : JSON.stringify(error);
}
