import { DestroyRef, inject, Injectable } from '@angular/core';
import { EventMessage, EventMessageUtils, EventType } from '@azure/msal-browser';

import { MSAL_HTTP_CONFIG } from '../config/msal-http-config';
import { startupFailed } from './runtime-errors';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { toLibraryEvent } from '../events/library-events';
import { toMsalBrowserEvent } from '../events/sanitize';
import { MSAL_HTTP_CLIENT } from './msal-client';
import { withTimeout } from './with-timeout';

// msal-browser events after which the active account may be different.
const ACCOUNT_EVENTS = new Set<string>([
  EventType.ACTIVE_ACCOUNT_CHANGED,
  EventType.LOGIN_SUCCESS,
  EventType.LOGOUT_SUCCESS,
  EventType.LOGOUT_END,
  EventType.HANDLE_REDIRECT_END,
]);

const READY = Promise.resolve();

/**
 * Owns the client's startup: bridges msal-browser's events into our stream, then runs
 * `initialize()` and `handleRedirectPromise()` once. Every acquisition awaits {@link ready}, each
 * bounded by `timeouts.initialization`; a failed startup fails requests with `MSALHTTP205`. A slow
 * startup only fails the requests that waited too long: once it finishes, later requests go on.
 */
@Injectable()
export class MsalClientHost {
  readonly client = inject(MSAL_HTTP_CLIENT);
  private readonly bus = inject(MsalHttpEventBus);
  private readonly timeout = inject(MSAL_HTTP_CONFIG).timeouts.initialization;
  private readonly destroyRef = inject(DestroyRef);
  private startup: Promise<void> | null = null;
  private started = false;

  /** Starts initialization (once) and resolves when it is done, or fails after the timeout. */
  ready(): Promise<void> {
    // The per-request path: no timer once startup is behind us.
    if (this.started) return READY;
    this.startup ??= this.start();
    return withTimeout(this.startup, this.timeout, () => {
      // Nothing is in progress as far as components can tell; those waiting for `none` go on.
      this.bus.setInProgress('none');
      return startupFailed(undefined, this.timeout);
    });
  }

  private async start(): Promise<void> {
    const callbackId = this.client.addEventCallback((message) => this.onMsalEvent(message));
    this.destroyRef.onDestroy(() => {
      if (callbackId) this.client.removeEventCallback(callbackId);
    });
    try {
      await this.client.initialize();
      const result = await this.client.handleRedirectPromise();
      if (result?.account) this.client.setActiveAccount(result.account);
      this.started = true;
    } catch (error) {
      throw startupFailed(error);
    } finally {
      this.bus.setInProgress('none');
      this.bus.accountMayHaveChanged();
    }
  }

  private onMsalEvent(message: EventMessage): void {
    const status = EventMessageUtils.getInteractionStatusFromEvent(message, this.bus.inProgress);
    if (status !== null) this.bus.setInProgress(status);
    if (ACCOUNT_EVENTS.has(message.eventType)) this.bus.accountMayHaveChanged();
    if (this.bus.msalBrowserObserved) this.bus.emitMsalBrowser(toMsalBrowserEvent(message));
    if (this.bus.observed) {
      const event = toLibraryEvent(message, this.client);
      if (event) this.bus.emit(event);
    }
  }
}
