import { DestroyRef, inject, Injectable } from '@angular/core';
import { EventMessage, EventMessageUtils } from '@azure/msal-browser';

import { MSAL_HTTP_CONFIG } from '../config/msal-http-config';
import { MsalHttpError } from '../config/msal-http-error';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { toMsalBrowserEvent } from '../events/sanitize';
import { MSAL_HTTP_CLIENT } from './msal-client';
import { withTimeout } from './with-timeout';

/**
 * Owns the client's startup: bridges msal-browser's events into our stream, then runs
 * `initialize()` and `handleRedirectPromise()` once, bounded by `timeouts.initialization`. Every
 * acquisition awaits {@link ready}; a failed startup fails requests with `MSALHTTP205`.
 */
@Injectable()
export class MsalClientHost {
  readonly client = inject(MSAL_HTTP_CLIENT);
  private readonly bus = inject(MsalHttpEventBus);
  private readonly timeout = inject(MSAL_HTTP_CONFIG).timeouts.initialization;
  private readonly destroyRef = inject(DestroyRef);
  private startup: Promise<void> | null = null;

  /** Starts initialization (once) and returns the promise every acquisition waits for. */
  ready(): Promise<void> {
    return (this.startup ??= this.start());
  }

  private async start(): Promise<void> {
    const callbackId = this.client.addEventCallback((message) => this.onMsalEvent(message));
    this.destroyRef.onDestroy(() => {
      if (callbackId) this.client.removeEventCallback(callbackId);
    });
    try {
      await withTimeout(
        this.initializeAndHandleRedirect(),
        this.timeout,
        () =>
          new MsalHttpError(
            'MSALHTTP205',
            `msal-browser did not finish initialize() and handleRedirectPromise() within ${this.timeout} ms`,
          ),
      );
    } catch (error) {
      throw error instanceof MsalHttpError
        ? error
        : new MsalHttpError('MSALHTTP205', 'msal-browser initialize() or handleRedirectPromise() failed; see error.cause', {
            cause: error,
          });
    } finally {
      // Whatever happened, nothing is in progress any more: components waiting for `none` go on.
      this.bus.setInProgress('none');
    }
  }

  private async initializeAndHandleRedirect(): Promise<void> {
    await this.client.initialize();
    const result = await this.client.handleRedirectPromise();
    if (result?.account) this.client.setActiveAccount(result.account);
  }

  private onMsalEvent(message: EventMessage): void {
    const status = EventMessageUtils.getInteractionStatusFromEvent(message, this.bus.inProgress);
    if (status !== null) this.bus.setInProgress(status);
    if (this.bus.observed) this.bus.emit(toMsalBrowserEvent(message));
  }
}
