import { NgZone } from '@angular/core';

/**
 * The library's one timeout primitive: settles like `promise`, or rejects with `onTimeout()` after
 * `ms` milliseconds, whichever comes first, then runs `cleanup` (once) either way. The timer is
 * cleared when the promise settles and is armed outside Angular's zone, so that a zone.js app still
 * becomes stable while a token request is pending.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => Error,
  options: { readonly zone?: NgZone | null; readonly cleanup?: () => void } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeoutOutsideAngular(options.zone, () => settle(() => reject(onTimeout())), ms);
    let done = false;
    function settle(finish: () => void): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.cleanup?.();
      finish();
    }
    promise.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/**
 * `setTimeout`, armed outside Angular's zone when there is one: a zone.js app still becomes stable
 * while the library waits. Every timer of the library is armed through this.
 */
export function setTimeoutOutsideAngular(zone: NgZone | null | undefined, callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  return zone ? zone.runOutsideAngular(() => setTimeout(callback, ms)) : setTimeout(callback, ms);
}
