import { DestroyRef, inject, Injectable, Injector, NgZone, Signal, signal } from '@angular/core';
import {
  AccountInfo,
  BrowserCacheLocation,
  BrowserConfiguration,
  EventMessage,
  EventMessageUtils,
  EventType,
  InteractionStatus,
  IPublicClientApplication,
} from '@azure/msal-browser';
import { BehaviorSubject, Observable, Subject } from 'rxjs';

import { MSAL_HTTP_CONFIG } from '../config/msal-http-config';
import type { MsalHttpError } from '../config/msal-http-error';
import { toMsalHttpError } from './auth-errors';
import { startupFailed } from './runtime-errors';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { toLibraryEvent } from '../events/library-events';
import { selectAccount } from './account-selection';
import { MSAL_HTTP_CLIENT } from './msal-client';
import { withTimeout } from './timeout';

// msal-browser events after which the active account may be different. LOGIN_SUCCESS,
// LOGOUT_SUCCESS and ACTIVE_ACCOUNT_CHANGED are also what msal relays from other tabs.
const ACCOUNT_EVENTS = new Set<string>([
  EventType.ACTIVE_ACCOUNT_CHANGED,
  EventType.LOGIN_SUCCESS,
  EventType.LOGOUT_SUCCESS,
  EventType.LOGOUT_END,
  EventType.HANDLE_REDIRECT_END,
]);

// msal-browser's default `system.tokenRenewalOffsetSeconds`.
const DEFAULT_RENEWAL_OFFSET_S = 300;

const READY = Promise.resolve();

/**
 * Owns the msal-browser client: its startup (`initialize()` and `handleRedirectPromise()` once,
 * each wait bounded by `timeouts.initialization`; a failed startup fails requests with
 * `MSALHTTP205`), the bridge of its events into our stream, the interaction status (written only
 * from msal-browser's events) and the account tokens are acquired for.
 */
@Injectable()
export class MsalClientHost {
  private readonly injector = inject(Injector);
  private readonly bus = inject(MsalHttpEventBus);
  private readonly timeout = inject(MSAL_HTTP_CONFIG).timeouts.initialization;
  private readonly destroyRef = inject(DestroyRef);
  private readonly zone = inject(NgZone, { optional: true });
  private readonly statusState = signal<InteractionStatus>(InteractionStatus.Startup);
  private readonly statusSubject = new BehaviorSubject<InteractionStatus>(InteractionStatus.Startup);
  private clientInstance: IPublicClientApplication | null = null;
  private startup: Promise<void> | null = null;
  private started = false;
  // The account choice, kept until msal-browser reports an account change: reading the active
  // account from msal's storage parses JSON, a cost every cached request would pay.
  private chosen: { readonly account: AccountInfo | null } | null = null;
  private offsetMs: number | null = null;
  private redirectFailure: { readonly error: unknown } | null = null;
  private statusEvent: EventMessage | null = null;
  // msal-browser reported handling a redirect response (msal:handleRedirectStart) during startup.
  private redirectResponse = false;
  private readonly messages = new Subject<EventMessage>();

  /** msal-browser's interaction status, following its events only. */
  readonly status: Signal<InteractionStatus> = this.statusState.asReadonly();
  /** {@link status} as an Observable (current value first; setStatus() never repeats a value). */
  readonly status$: Observable<InteractionStatus> = this.statusSubject.asObservable();
  /**
   * msal-browser's raw event messages, for the library's own watchers (the popup window of
   * `msal:popupOpened` among them); the app sees them only through `toMsalBrowserEvent`, without
   * tokens (MsalHttpEvents.msalBrowserEvents$).
   */
  readonly messages$: Observable<EventMessage> = this.messages.asObservable();

  constructor() {
    this.destroyRef.onDestroy(() => {
      this.statusSubject.complete();
      this.messages.complete();
    });
  }

  /**
   * While {@link status$} listeners run: the msal-browser event that changed the status (how the
   * interaction ended, for a listener waiting for it to end); `null` otherwise.
   */
  get statusChangedBy(): EventMessage | null {
    return this.statusEvent;
  }

  /** Tells everyone who holds tokens or accounts in memory that the account may have changed. */
  accountsChanged(): void {
    this.chosen = null;
    this.bus.accountMayHaveChanged();
  }

  /** The client; built on first use, so that on the server no client is ever built. */
  get client(): IPublicClientApplication {
    return (this.clientInstance ??= this.injector.get(MSAL_HTTP_CLIENT));
  }

  /**
   * The client id in msal's configuration; `null` when the client exposes none or an incomplete one
   * (an app's own `IPublicClientApplication` wrapper, a test double): cross-tab features named
   * after it are then off.
   */
  get clientId(): string | null {
    return this.configuration()?.auth?.clientId || null;
  }

  /** True when msal-browser keeps its cache in localStorage: the app's tabs share one cache. */
  get sharedCache(): boolean {
    return this.configuration()?.cache?.cacheLocation === BrowserCacheLocation.LocalStorage;
  }

  /** True once startup has succeeded. */
  get isReady(): boolean {
    return this.started;
  }

  /** Starts initialization (once) and resolves when it is done, or fails after the timeout. */
  ready(): Promise<void> {
    // The per-request path: no timer once startup is behind us.
    if (this.started) return READY;
    this.startup ??= this.start();
    return withTimeout(this.startup, this.timeout, () => startupFailed(undefined, this.timeout), { zone: this.zone });
  }

  /** The account to acquire tokens for now (see {@link selectAccount}); throws `MSALHTTP201`. */
  account(): AccountInfo | null {
    if (this.chosen) return this.chosen.account;
    const account = selectAccount(this.client);
    // Only a settled startup has read the cache; before that the choice may still change.
    if (this.started) this.chosen = { account };
    return account;
  }

  /**
   * When the redirect this page came back from failed (the user cancelled at the provider, the
   * token endpoint refused the code) and no sign-in succeeded since: that failure as a new
   * `MSALHTTP215` each time; else `null`.
   * Automatic sign-ins (the interceptor's redirects, the guard) do not start another redirect
   * then: it would take the user straight back to the page they just left.
   */
  failedRedirect(): MsalHttpError | null {
    return this.redirectFailure ? toMsalHttpError(this.redirectFailure.error, 'login-redirect') : null;
  }

  /** msal-browser's `system.tokenRenewalOffsetSeconds`, in milliseconds. */
  get renewalOffsetMs(): number {
    if (this.offsetMs === null) {
      const seconds = this.configuration()?.system?.tokenRenewalOffsetSeconds;
      this.offsetMs = (typeof seconds === 'number' && seconds >= 0 ? seconds : DEFAULT_RENEWAL_OFFSET_S) * 1000;
    }
    return this.offsetMs;
  }

  // A client of the app's own (a wrapper, a test double) may expose no configuration, or throw.
  private configuration(): Partial<BrowserConfiguration> | null {
    try {
      return this.client.getConfiguration() ?? null;
    } catch {
      return null;
    }
  }

  private async start(): Promise<void> {
    const client = this.client;
    const callbackId = client.addEventCallback((message) => this.onMsalEvent(message));
    this.destroyRef.onDestroy(() => {
      if (callbackId) client.removeEventCallback(callbackId);
    });
    try {
      await client.initialize();
      // A redirect response that failed (the user cancelled at the provider, the token endpoint
      // refused the code) is that sign-in's failure, not the app's: startup is done, and the next
      // request that needs the user signs in again. Only initialize() failing is MSALHTTP205.
      // A rejection with no redirect response handled is msal's leftover state, not a sign-in: a
      // reload while a popup was open leaves msal's interaction flag set, and handleRedirectPromise
      // then fails with no_token_request_cache_error. Nobody signed in, nothing failed for the user.
      const redirect = await client.handleRedirectPromise().then(
        (result) => ({ result, failure: null }),
        (error: unknown) => ({ result: null, failure: this.redirectResponse ? { error } : null }),
      );
      this.redirectFailure = redirect.failure;
      if (redirect.result?.account) client.setActiveAccount(redirect.result.account);
      this.started = true;
    } catch (error) {
      throw startupFailed(error);
    } finally {
      // msal-browser 5 reports redirect handling (handleRedirect, then none) only when there was a
      // redirect response to handle: after a plain page load it emits nothing, and the status would
      // stay 'startup'. Like msal-angular's resetInProgressEvent, only 'startup' is ended here;
      // a popup the app opened meanwhile keeps its 'acquireToken'.
      if (this.statusSubject.value === InteractionStatus.Startup) this.setStatus(InteractionStatus.None);
      this.accountsChanged();
    }
    // Once, after the status is back to none: msal-browser reports it only as a token failure.
    const failed = this.failedRedirect();
    if (failed) this.bus.emit({ type: 'msal:loginFailure', interactionType: 'redirect', error: failed });
  }

  private onMsalEvent(message: EventMessage): void {
    // Written from msal's events (and the end of startup, above): an app that opens a popup as
    // redirect handling ends keeps msal's 'acquireToken' until msal itself reports the end.
    const status = EventMessageUtils.getInteractionStatusFromEvent(message, this.statusSubject.value);
    if (status !== null) {
      this.statusEvent = message;
      this.setStatus(status);
      this.statusEvent = null;
    }
    if (ACCOUNT_EVENTS.has(message.eventType)) this.accountsChanged();
    if (message.eventType === EventType.HANDLE_REDIRECT_START && !this.started) this.redirectResponse = true;
    // A sign-in that succeeded since (a popup, the app's own): the user no longer just declined.
    if (message.eventType === EventType.LOGIN_SUCCESS) this.redirectFailure = null;
    if (this.messages.observed) this.messages.next(message);
    if (this.bus.observed) {
      const event = toLibraryEvent(message, this.client);
      if (event) this.bus.emit(event);
    }
  }

  private setStatus(status: InteractionStatus): void {
    if (status === this.statusSubject.value) return;
    this.statusState.set(status);
    this.statusSubject.next(status);
  }
}
