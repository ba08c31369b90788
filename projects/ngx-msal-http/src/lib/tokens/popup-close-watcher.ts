import { DestroyRef, inject, Injectable, InjectionToken, NgZone } from '@angular/core';
import { EventMessage, EventType } from '@azure/msal-browser';
import { Observable, Subject } from 'rxjs';

import { MSAL_HTTP_CONFIG } from '../config/msal-http-config';
import { MsalClientHost } from './msal-client-host';
import { popupClosed } from './runtime-errors';
import { setTimeoutOutsideAngular } from './timeout';

/** How often the watcher reads a popup, and how long a close must last before it counts. */
export interface PopupWatchTiming {
  /** Between two reads until the popup has been seen open on the provider's page for {@link armMs}. */
  readonly firstPollMs: number;
  /**
   * How long the popup must read open on a cross-origin page before a close counts: a page with
   * COOP severs the handle some milliseconds after its navigation starts (measured 13-22 ms in
   * Chromium 156), so a single "open" reading proves nothing.
   */
  readonly armMs: number;
  /** Between two reads of `popup.closed` after that. */
  readonly pollMs: number;
  /**
   * How long a popup must stay closed, with msal-browser still waiting, before the close counts:
   * the redirect bridge page closes the popup itself right after it hands the response over, and
   * msal then redeems the code; a response under way ends msal's wait within this time.
   */
  readonly confirmMs: number;
}

/** The watcher's timing (a seam for tests); the defaults notice a close within about 1.5 s. */
export const MSAL_HTTP_POPUP_WATCH_TIMING = new InjectionToken<PopupWatchTiming>(ngDevMode ? 'MSAL_HTTP_POPUP_WATCH_TIMING' : '', {
  providedIn: 'root',
  factory: () => ({ firstPollMs: 50, armMs: 500, pollMs: 250, confirmMs: 1000 }),
});

/** The parts of a popup's window handle the watcher reads. */
interface WatchedWindow {
  readonly closed: boolean;
  readonly location: { readonly href: string };
}

/**
 * Notices that the user closed a sign-in popup before it answered, which msal-browser 5 does not
 * (it waits `system.popupBridgeTimeout`, 60 s, for the bridge page's message).
 *
 * A popup whose provider page sends `Cross-Origin-Opener-Policy` is severed from its opener when
 * that page commits: `closed` then reads `true` for good although the popup is open. So a popup is
 * watched only once it has been seen open on a cross-origin page (its `location` unreadable) for
 * half a second; a handle that reads `closed` before that is unobservable
 * and left to msal's own timeout (`MSALHTTP214`). A provider that sends COOP only on a later page
 * of its flow looks closed when the user reaches that page; turn the watch off for such a
 * provider (`watchPopupClose: false`). See docs/popups.md.
 */
@Injectable()
export class PopupCloseWatcher {
  private readonly host = inject(MsalClientHost);
  private readonly zone = inject(NgZone, { optional: true });
  private readonly timing = inject(MSAL_HTTP_POPUP_WATCH_TIMING);
  private readonly enabled = inject(MSAL_HTTP_CONFIG).watchPopupClose;
  private readonly closes = new Subject<void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  // The correlation id of the popup being watched, and of the one reported closed.
  private watching: string | null = null;
  private abandonedId: string | null = null;
  // The watched popup's window once it has been seen open on the provider's page (a close counts).
  private armed: WatchedWindow | null = null;

  /** Ticks when a watched popup was closed by the user while msal-browser still waits for it. */
  readonly closed$: Observable<void> = this.closes.asObservable();

  constructor() {
    if (!this.enabled) return;
    const messages = this.host.messages$.subscribe((message) => this.onMessage(message));
    inject(DestroyRef).onDestroy(() => {
      messages.unsubscribe();
      this.stop();
      this.closes.complete();
    });
  }

  /**
   * True after a close was reported while msal-browser still counts that popup as under way: the
   * next popup must override msal's interaction flag (`overrideInteractionInProgress`), which also
   * ends msal's wait for the closed one.
   */
  get abandoned(): boolean {
    return this.abandonedId !== null;
  }

  /**
   * True when the watched popup reads closed right now, after it was seen open on the provider's
   * page: the user has probably just closed it, and the close is not confirmed yet (or the bridge
   * page closed it with the response, which msal is about to report).
   */
  get readsClosed(): boolean {
    return this.armed?.closed === true;
  }

  /**
   * A promise that rejects with `MSALHTTP207` the next time a watched popup is reported closed
   * (never, with the watch turned off); `stop()` lets go of it.
   */
  nextClose(): { readonly promise: Promise<never>; readonly stop: () => void } {
    let stop = () => {};
    const promise = new Promise<never>((_, reject) => {
      const subscription = this.closes.subscribe(() => reject(popupClosed(null, undefined)));
      stop = () => subscription.unsubscribe();
    });
    return { promise, stop };
  }

  private onMessage(message: EventMessage): void {
    if (message.eventType === EventType.POPUP_OPENED) {
      this.watch((message.payload as { popupWindow?: unknown } | null)?.popupWindow, message.correlationId);
    } else if (ENDS.has(message.eventType)) {
      // msal ended that interaction: nothing left to watch, nothing abandoned.
      if (message.correlationId === this.watching) this.stop();
      if (message.correlationId === this.abandonedId) this.abandonedId = null;
    }
  }

  private watch(popup: unknown, correlationId: string): void {
    this.stop();
    if (!isWindow(popup)) return;
    this.watching = correlationId;
    let seenOpen = false;
    let openFor = 0;
    let closedFor = 0;
    const read = () => {
      this.timer = null;
      if (!popup.closed) {
        closedFor = 0;
        if (!seenOpen && committed(popup)) {
          openFor += this.timing.firstPollMs;
          seenOpen = openFor >= this.timing.armMs;
          if (seenOpen) this.armed = popup;
        }
      } else if (!seenOpen) {
        // Closed (or severed by COOP) before it was ever seen open on the provider: unobservable.
        this.watching = null;
        return;
      } else {
        closedFor += this.timing.pollMs;
        if (closedFor > this.timing.confirmMs) {
          this.watching = null;
          this.armed = null;
          this.abandonedId = correlationId;
          this.closes.next();
          return;
        }
      }
      this.arm(read, seenOpen ? this.timing.pollMs : this.timing.firstPollMs);
    };
    this.arm(read, this.timing.firstPollMs);
  }

  private arm(read: () => void, ms: number): void {
    this.timer = setTimeoutOutsideAngular(this.zone, read, ms);
  }

  private stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.watching = null;
    this.armed = null;
  }
}

// The events with which msal-browser ends a popup's interaction, successful or not.
const ENDS = new Set<string>([
  EventType.ACQUIRE_TOKEN_SUCCESS,
  EventType.ACQUIRE_TOKEN_FAILURE,
  EventType.LOGIN_SUCCESS,
  EventType.LOGOUT_END,
]);

function isWindow(value: unknown): value is WatchedWindow {
  return typeof value === 'object' && value !== null && 'closed' in value;
}

// A popup starts on about:blank, same-origin with the opener; once it shows the provider's page its
// location is unreadable (a SecurityError). Readable and not blank (a relay or bridge page on the
// app's own origin) counts as committed too.
function committed(popup: WatchedWindow): boolean {
  try {
    const href = popup.location.href;
    return href !== '' && href !== 'about:blank';
  } catch {
    return true;
  }
}
