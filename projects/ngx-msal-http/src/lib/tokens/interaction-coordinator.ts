import { inject, Injectable, NgZone } from '@angular/core';
import { AuthenticationResult, InteractionStatus, InteractionType } from '@azure/msal-browser';
import { filter, skip, take } from 'rxjs';

import { MSAL_HTTP_CONFIG } from '../config/msal-http-config';
import type { ErrorCodeOf } from '../config/msal-http-error';
import { errorCodeOf, isInteractionInProgress, isUserCancel, toMsalHttpError } from './auth-errors';
import { MsalClientHost } from './msal-client-host';
import { PopupCloseWatcher } from './popup-close-watcher';
import { interactionElsewhereTimeout, popupClosed, popupTimeout } from './runtime-errors';
import { withTimeout } from './timeout';
import { CROSS_TAB_SYNC, OTHER_TAB } from './cross-tab';

/**
 * What an acquisition gets from {@link InteractionCoordinator.popup}: the popup's result (when the
 * popup was for the same acquisition key), or `retry` when some other interaction ended and the
 * user may no longer be needed (a silent attempt comes next).
 */
export type InteractionTurn =
  { readonly kind: 'result'; readonly result: AuthenticationResult; readonly opened: boolean } | { readonly kind: 'retry' };

/**
 * Decides, for an acquisition that needs the user, whether to join the popup under way, open the
 * one popup everybody else will join, or wait (bounded) for an interaction started elsewhere to
 * end; and starts at most one redirect. It reads the interaction status from the client host.
 */
@Injectable()
export class InteractionCoordinator {
  private readonly host = inject(MsalClientHost);
  private readonly timeout = inject(MSAL_HTTP_CONFIG).timeouts.interaction;
  private readonly zone = inject(NgZone, { optional: true });
  private readonly watcher = inject(PopupCloseWatcher);
  private readonly crossTab = inject(CROSS_TAB_SYNC);
  private popupUnderWay: { readonly key: string; readonly promise: Promise<AuthenticationResult> } | null = null;
  private redirecting = false;
  private popupsDone = 0;

  /**
   * Counts the popups that succeeded. An acquisition reads it before its silent attempt and passes
   * it to {@link popup}: a popup that succeeded in between may have made the user unnecessary.
   */
  get generation(): number {
    return this.popupsDone;
  }

  /**
   * One turn of interaction for the acquisition `key`; `open` starts its popup if one is needed
   * (`override`: a popup the user closed still counts as under way for msal-browser, so the new one
   * must set `overrideInteractionInProgress`). `seen` is the {@link generation} the acquisition's
   * silent attempt started at. A popup the user closes fails everyone waiting with `MSALHTTP207`.
   */
  async popup(key: string, open: (override: boolean) => Promise<AuthenticationResult>, seen: number): Promise<InteractionTurn> {
    const current = this.popupUnderWay;
    if (current) return this.join(current, key);
    if (seen !== this.popupsDone) return { kind: 'retry' };
    if (this.busyElsewhere()) {
      await this.waitUntilIdle();
      return { kind: 'retry' };
    }
    const promise: Promise<AuthenticationResult> = this.acrossTabs(() => this.openPopup(open)).finally(() => {
      if (this.popupUnderWay?.promise === promise) this.popupUnderWay = null;
    });
    this.popupUnderWay = { key, promise };
    try {
      const result = await promise;
      return { kind: 'result', result, opened: true };
    } catch (error) {
      // Another tab's popup ended: the user may no longer be needed (a shared cache has the account).
      if (error === OTHER_TAB) return { kind: 'retry' };
      // Another interaction (another tab, the app's own sign-in) holds msal-browser's lock.
      if (!isInteractionInProgress(error)) throw toMsalHttpError(error, 'popup');
      await this.waitUntilIdle();
      return { kind: 'retry' };
    }
  }

  /**
   * Resolves once no interaction is under way in this tab: to `false` at once when none is, to
   * `true` after waiting for one. A popup the user closed ends the wait: it is no interaction to
   * wait for. Fails with `MSALHTTP208` after the interaction timeout. `msalHttpGuard()` waits here
   * before it decides, and a redirect-mode acquisition before it redirects.
   */
  async whenIdle(): Promise<boolean> {
    if (!this.busyElsewhere()) return false;
    await this.waitUntilIdle(true);
    return true;
  }

  /**
   * Read when a request joins an interaction under way (a popup, or an acquisition waiting for
   * one): tells, for that interaction's failure, whether the user had already closed its popup
   * then. Such a request came after the close (the user clicked again at once) and asks again with
   * a popup of its own instead of failing with the one it never saw.
   */
  joinedAfterClose(): (error: unknown) => boolean {
    const closed = this.watcher.readsClosed;
    return (error) => closed && toMsalHttpError(error, 'popup').code === ('MSALHTTP207' satisfies ErrorCodeOf<'PopupClosed'>);
  }

  /** Starts one redirect; later calls while it is under way do nothing. */
  redirect(start: () => Promise<void>): void {
    if (this.redirecting) return;
    this.redirecting = true;
    // The page navigates away on success; a failure (for example another interaction holding the
    // lock) lets a later request try again. msal-browser reports the failure as an event.
    Promise.resolve()
      .then(start)
      .catch(() => (this.redirecting = false));
  }

  private async join(
    popup: { readonly key: string; readonly promise: Promise<AuthenticationResult> },
    key: string,
  ): Promise<InteractionTurn> {
    const afterClose = this.joinedAfterClose();
    try {
      const result = await popup.promise;
      // Same acquisition: the popup's result. Other scopes: the user may now have consented.
      return popup.key === key ? { kind: 'result', result, opened: false } : { kind: 'retry' };
    } catch (error) {
      if (error === OTHER_TAB) return { kind: 'retry' };
      if (afterClose(error)) return { kind: 'retry' };
      if (!isInteractionInProgress(error)) throw toMsalHttpError(error, 'popup');
      await this.waitUntilIdle();
      return { kind: 'retry' };
    }
  }

  // The popup itself, bounded by the interaction timeout; a close the watcher notices fails it.
  private openPopup(open: (override: boolean) => Promise<AuthenticationResult>): Promise<AuthenticationResult> {
    const override = this.watcher.abandoned;
    const close = this.watcher.nextClose();
    // Counted before the popup stops being joinable: an acquisition arriving in between retries
    // silently instead of opening a second popup.
    const opened = Promise.race([Promise.resolve(override).then(open), close.promise]).then((result) => {
      this.popupsDone++;
      return result;
    });
    return withTimeout(opened, this.timeout, () => popupTimeout(this.timeout), { zone: this.zone, cleanup: () => close.stop() });
  }

  // One popup at a time across the app's tabs, with withCrossTabSync() and a shared (localStorage)
  // cache; see cross-tab-sync.ts. With a cache per tab, waiting for another tab's popup cannot make
  // the user unnecessary here, and the popup opened after the wait would come too late after the
  // click to pass the browser's popup blocker.
  // Async like the locked path, so that a popup failing at once (blocked) settles as late without it.
  private async acrossTabs(popup: () => Promise<AuthenticationResult>): Promise<AuthenticationResult> {
    const clientId = this.host.clientId;
    if (!this.crossTab || !clientId || !this.host.sharedCache) return popup();
    return this.crossTab.interaction(clientId, popup, (released, cleanup) =>
      withTimeout(released, this.timeout, () => interactionElsewhereTimeout(this.timeout), { zone: this.zone, cleanup }),
    );
  }

  // `startup` is not an interaction: acquisitions reach this point only after startup, and a
  // client that never reports redirect handling must not make every request wait.
  // A popup the user closed keeps msal's status at 'acquireToken' until msal's own bridge timeout:
  // it is no interaction to wait for.
  private busyElsewhere(): boolean {
    if (this.watcher.abandoned) return false;
    const status = this.host.status();
    return status !== InteractionStatus.None && status !== InteractionStatus.Startup;
  }

  /**
   * Resolves when msal-browser's status returns to `none` (the next time, when it is `none` now:
   * msal refused because of a lock this tab's status does not show), or fails with `MSALHTTP208`
   * after the interaction timeout. When the user closes the popup waited for, fails with
   * `MSALHTTP207` (the acquisitions waiting for it), or resolves with `closeEnds`.
   */
  private waitUntilIdle(closeEnds = false): Promise<void> {
    let unsubscribe = () => {};
    const close = this.watcher.nextClose();
    const idle = new Promise<void>((resolve, reject) => {
      close.promise.catch(closeEnds ? () => resolve() : reject);
      const subscription = this.host.status$
        .pipe(
          skip(this.host.status() === InteractionStatus.None ? 1 : 0),
          filter((status) => status === InteractionStatus.None),
          take(1),
        )
        .subscribe(() => {
          // A popup the user cancelled on the provider's page (or closed, as msal reports it) ends
          // like a close the watcher sees: the acquisitions waiting for it fail with MSALHTTP207.
          const ended = this.host.statusChangedBy;
          if (!closeEnds && ended?.interactionType === InteractionType.Popup && isUserCancel(ended.error)) {
            reject(popupClosed(errorCodeOf(ended.error) ?? null, ended.error));
          } else resolve();
        });
      unsubscribe = () => subscription.unsubscribe();
    });
    return withTimeout(idle, this.timeout, () => interactionElsewhereTimeout(this.timeout), {
      zone: this.zone,
      cleanup: () => {
        close.stop();
        unsubscribe();
      },
    });
  }
}
