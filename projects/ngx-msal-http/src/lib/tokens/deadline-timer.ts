import { NgZone } from '@angular/core';

interface Pending {
  readonly at: number;
  readonly expire: () => void;
}

/**
 * Bounds many promises by the same timeout with one timer, where `withTimeout` arms and clears a
 * timer per promise. A cached token arrives in microseconds, and that timer pair was a fifth of
 * what the interceptor cost a request (see bench/README.md). The timer is armed outside Angular's
 * zone: it may outlive the promises it watches, and must not keep a zone.js app from becoming stable.
 */
export class DeadlineTimer {
  private readonly pending = new Set<Pending>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ms: number,
    private readonly zone: NgZone | null,
  ) {}

  /** Settles like `promise`, or rejects with `onTimeout()` once `ms` milliseconds have passed. */
  race<T>(promise: Promise<T>, onTimeout: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { at: Date.now() + this.ms, expire: () => reject(onTimeout()) };
      this.pending.add(entry);
      this.arm(this.ms);
      promise.then(
        (value) => {
          this.pending.delete(entry);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(entry);
          reject(error);
        },
      );
    });
  }

  private arm(delay: number): void {
    if (this.timer !== null) return;
    const start = () => (this.timer = setTimeout(() => this.sweep(), delay));
    if (this.zone) this.zone.runOutsideAngular(start);
    else start();
  }

  // Expires what is due and re-arms for the earliest deadline left; with nothing left, stops.
  private sweep(): void {
    this.timer = null;
    const now = Date.now();
    let next = Infinity;
    for (const entry of this.pending) {
      if (entry.at <= now) {
        this.pending.delete(entry);
        entry.expire();
      } else {
        next = Math.min(next, entry.at);
      }
    }
    if (next !== Infinity) this.arm(next - now);
  }
}
