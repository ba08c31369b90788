import { inject, Injectable } from '@angular/core';
import type { AuthenticationResult } from '@azure/msal-browser';
import { filter, firstValueFrom, skip, throwError, timeout } from 'rxjs';

import { MSAL_HTTP_CONFIG } from '../config/msal-http-config';
import { interactionElsewhereTimeout, popupTimeout } from './runtime-errors';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { withTimeout } from './with-timeout';

/** The popup under way, and the scope-set key it was opened for. */
export interface SharedPopup {
  readonly key: string;
  readonly promise: Promise<AuthenticationResult>;
}

/**
 * Makes sure the app shows at most one interaction at a time: one popup shared by every request
 * that needs the user, one redirect however many requests asked for it, and a bounded wait when
 * an interaction started elsewhere holds msal-browser's lock.
 */
@Injectable()
export class InteractionCoordinator {
  private readonly bus = inject(MsalHttpEventBus);
  private readonly timeout = inject(MSAL_HTTP_CONFIG).timeouts.interaction;
  private popup: SharedPopup | null = null;
  private redirecting = false;

  /** The popup under way, if any. */
  get currentPopup(): SharedPopup | null {
    return this.popup;
  }

  /** True while an interaction this coordinator does not own is in progress. */
  get busyElsewhere(): boolean {
    return this.popup === null && this.bus.inProgress !== 'none';
  }

  /** Opens the popup (the caller checked that none is under way), bounded by the interaction timeout. */
  openPopup(key: string, open: () => Promise<AuthenticationResult>): SharedPopup {
    const promise = withTimeout(Promise.resolve().then(open), this.timeout, () => popupTimeout(this.timeout));
    const popup: SharedPopup = { key, promise };
    this.popup = popup;
    const clear = () => {
      if (this.popup === popup) this.popup = null;
    };
    promise.then(clear, clear);
    return popup;
  }

  /** Starts one redirect; later calls while it is under way do nothing. */
  redirectOnce(start: () => Promise<void>): void {
    if (this.redirecting) return;
    this.redirecting = true;
    // The page navigates away on success; a failure (for example another interaction holding the
    // lock) lets a later request try again. msal-browser reports the failure as an event.
    Promise.resolve()
      .then(start)
      .catch(() => (this.redirecting = false));
  }

  /**
   * Waits until an interaction started elsewhere ends (msal-browser's status returns to `none`),
   * or fails with `MSALHTTP208` after the interaction timeout.
   */
  waitUntilIdle(): Promise<void> {
    const idle = this.bus.inProgress$.pipe(
      skip(this.bus.inProgress === 'none' ? 1 : 0),
      filter((s) => s === 'none'),
      // rxjs' timeout unsubscribes from the status when it fires: nothing is left listening.
      timeout({
        first: this.timeout,
        with: () => throwError(() => interactionElsewhereTimeout(this.timeout)),
      }),
    );
    return firstValueFrom(idle).then(() => undefined);
  }
}
