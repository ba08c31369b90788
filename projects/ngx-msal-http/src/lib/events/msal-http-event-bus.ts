import { DestroyRef, inject, Injectable } from '@angular/core';
import type { InteractionStatus } from '@azure/msal-browser';
import { BehaviorSubject, distinctUntilChanged, Subject } from 'rxjs';

import { MsalHttpEvent } from './msal-http-event';

/** The write side of the event stream; internal, so only the library emits. */
@Injectable()
export class MsalHttpEventBus {
  private readonly subject = new Subject<MsalHttpEvent>();
  private readonly status = new BehaviorSubject<InteractionStatus>('startup');
  readonly events$ = this.subject.asObservable();
  readonly inProgress$ = this.status.pipe(distinctUntilChanged());

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.subject.complete();
      this.status.complete();
    });
  }

  /**
   * True while anyone listens to `events$`. Events copy accounts and results, so the emitters
   * build them only then: on a cached token that copying was a tenth of the interceptor's cost.
   */
  get observed(): boolean {
    return this.subject.observed;
  }

  get inProgress(): InteractionStatus {
    return this.status.value;
  }

  setInProgress(status: InteractionStatus): void {
    this.status.next(status);
  }

  emit(event: MsalHttpEvent): void {
    this.subject.next(event);
  }
}
