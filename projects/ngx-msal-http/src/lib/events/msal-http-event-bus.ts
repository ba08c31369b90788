import { DestroyRef, inject, Injectable } from '@angular/core';
import { Subject } from 'rxjs';

import { MsalHttpEvent } from './msal-http-event';

/** The write side of the event streams; internal, so only the library emits. */
@Injectable()
export class MsalHttpEventBus {
  private readonly subject = new Subject<MsalHttpEvent>();
  private readonly accounts = new Subject<void>();

  readonly events$ = this.subject.asObservable();
  /**
   * Ticks when the active account may have changed. Internal listeners use this instead of
   * `events$`, so that they do not make every request build events nobody reads.
   */
  readonly accountChanges$ = this.accounts.asObservable();

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.subject.complete();
      this.accounts.complete();
    });
  }

  /**
   * True while anyone listens to `events$`. Events copy accounts and results, so the emitters
   * build them only then: on a cached token that copying was a tenth of the interceptor's cost.
   */
  get observed(): boolean {
    return this.subject.observed;
  }

  accountMayHaveChanged(): void {
    this.accounts.next();
  }

  emit(event: MsalHttpEvent): void {
    this.subject.next(event);
  }
}
