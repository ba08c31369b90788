import { inject, Injectable, Signal } from '@angular/core';
import type { InteractionStatus } from '@azure/msal-browser';
import { filter, map, Observable, share, Subscription } from 'rxjs';

import type { EventType } from '@azure/msal-browser';

import { MsalBrowserEvent, MsalBrowserEventOfType, MsalHttpEvent, MsalHttpEventOfType, MsalHttpEventType } from './msal-http-event';
import { notConfigured } from '../config/config-errors';
import { MsalHttpEventBus } from './msal-http-event-bus';
import { toMsalBrowserEvent } from './sanitize';
import { MsalClientHost } from '../tokens/msal-client-host';

/**
 * The read side of ngx-msal-http's events: the library's own (`events$`: one event per thing that
 * happens), msal-browser's raw events apart (`msalBrowserEvents$`), and the interaction status.
 * Available wherever the library is provided (in the application's root injector); an app that never
 * injects it does not ship it.
 *
 * @example
 * private readonly events = inject(MsalHttpEvents);
 * failures = this.events.on('msal:acquireTokenFailure', 'msal:notAuthorized');
 * ready = computed(() => this.events.inProgress() === 'none');
 */
// Not in the library's provider list, so that it tree-shakes; without the library's providers,
// injecting it names the fix instead of Angular's generic NG0201.
@Injectable({
  providedIn: 'root',
  useFactory: () => (inject(MsalHttpEventBus, { optional: true }) ? new MsalHttpEvents() : notConfigured('MsalHttpEvents')),
})
export class MsalHttpEvents {
  private readonly bus = inject(MsalHttpEventBus);
  // The interaction status is the client host's state, written from msal-browser's events only.
  private readonly host = inject(MsalClientHost);

  /** Every library event, as it happens. Hot: late subscribers see only later events. */
  readonly events$: Observable<MsalHttpEvent> = this.bus.events$;
  /**
   * msal-browser's own events (`addEventCallback`), without tokens. Apart from `events$`: msal
   * reports the interceptor's silent calls too, under the same names as the library's events.
   */
  readonly msalBrowserEvents$: Observable<MsalBrowserEvent> = this.host.messages$.pipe(map(toMsalBrowserEvent), share());

  /** msal-browser's interaction status (`startup` until redirect handling is done, then `none`, …). */
  readonly inProgress$: Observable<InteractionStatus> = this.host.status$;

  /** {@link MsalHttpEvents.inProgress$} as a signal. */
  readonly inProgress: Signal<InteractionStatus> = this.host.status;

  /** The events of the given types, narrowed. */
  on<T extends MsalHttpEventType>(...types: readonly T[]): Observable<MsalHttpEventOfType<T>> {
    const wanted = new Set<string>(types);
    return this.events$.pipe(filter((event): event is MsalHttpEventOfType<T> => wanted.has(event.type)));
  }

  /** msal-browser's events of the given types, narrowed (payload included). */
  onMsalBrowser<T extends EventType>(...types: readonly T[]): Observable<MsalBrowserEventOfType<T>> {
    const wanted = new Set<string>(types);
    return this.msalBrowserEvents$.pipe(filter((event): event is MsalBrowserEventOfType<T> => wanted.has(event.type)));
  }

  /**
   * The MSAL Angular 1.x `BroadcastService.subscribe` form: calls `callback` with each event of
   * `type`. Unsubscribe the returned subscription when done (for example in `ngOnDestroy`).
   *
   * @example
   * this.subscription = events.subscribe('msal:acquireTokenFailure', (event) => this.showError(event));
   */
  subscribe<T extends MsalHttpEventType>(type: T, callback: (payload: MsalHttpEventOfType<T>) => void): Subscription {
    return this.on(type).subscribe(callback);
  }
}
