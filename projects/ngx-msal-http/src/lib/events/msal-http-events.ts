import { inject, Injectable, Signal } from '@angular/core';
import type { InteractionStatus } from '@azure/msal-browser';
import { filter, Observable, Subscription } from 'rxjs';

import { MsalHttpEvent, MsalHttpEventOfType, MsalHttpEventType } from './msal-http-event';
import { MsalHttpEventBus } from './msal-http-event-bus';
import { MsalClientHost } from '../tokens/msal-client-host';

/**
 * The read side of ngx-msal-http's events: the interceptor's token events and msal-browser's own
 * events, in one stream, plus the interaction status. Available wherever the library is provided.
 *
 * @example
 * private readonly events = inject(MsalHttpEvents);
 * failures = this.events.on('msal:acquireTokenFailure', 'msal:notAuthorized');
 * ready = computed(() => this.events.inProgress() === 'none');
 */
@Injectable()
export class MsalHttpEvents {
  private readonly bus = inject(MsalHttpEventBus);
  // The interaction status is the client host's state, written from msal-browser's events only.
  private readonly host = inject(MsalClientHost);

  /** Every event, as it happens. Hot: late subscribers see only later events. */
  readonly events$: Observable<MsalHttpEvent> = this.bus.events$;

  /** msal-browser's interaction status (`startup` until redirect handling is done, then `none`, …). */
  readonly inProgress$: Observable<InteractionStatus> = this.host.status$;

  /** {@link MsalHttpEvents.inProgress$} as a signal. */
  readonly inProgress: Signal<InteractionStatus> = this.host.status;

  /** The events of the given types, narrowed. */
  on<T extends MsalHttpEventType>(...types: readonly T[]): Observable<MsalHttpEventOfType<T>> {
    const wanted = new Set<string>(types);
    return this.events$.pipe(filter((event): event is MsalHttpEventOfType<T> => wanted.has(event.type)));
  }

  /**
   * The MSAL Angular 1.x `BroadcastService.subscribe` form: calls `callback` with each event of
   * `type`. Unsubscribe the returned subscription when done (for example in `ngOnDestroy`).
   *
   * @example
   * this.subscription = events.subscribe('msal:acquireTokenFailure', (event) => this.showError(event));
   */
  subscribe<T extends MsalHttpEventType>(type: T, callback: (payload: MsalHttpEventOfType<T>) => void): Subscription;
  subscribe(type: string, callback: (payload: MsalHttpEvent) => void): Subscription;
  subscribe(type: string, callback: (payload: MsalHttpEvent) => void): Subscription {
    return this.events$.pipe(filter((event) => event.type === type)).subscribe(callback);
  }
}
