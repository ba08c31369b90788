import { NgZone } from '@angular/core';

import { DeadlineTimer } from './deadline-timer';

const MS = 1_000;

describe('DeadlineTimer', () => {
  beforeEach(() =>
    jasmine
      .clock()
      .install()
      .mockDate(new Date(2026, 0, 1)),
  );
  afterEach(() => jasmine.clock().uninstall());

  it('settles like the promise when it settles in time', async () => {
    const timer = new DeadlineTimer(MS, null);

    await expectAsync(timer.race(Promise.resolve('token'), timedOut)).toBeResolvedTo('token');
    await expectAsync(timer.race(Promise.reject(new Error('network')), timedOut)).toBeRejectedWithError('network');
  });

  it('rejects with the timeout error once the time is up, not before', async () => {
    const outcome = settled(new DeadlineTimer(MS, null).race(new Promise<never>(() => undefined), timedOut));

    jasmine.clock().tick(MS - 1);
    await flush();
    expect(outcome.error).toBeUndefined();
    jasmine.clock().tick(1);
    await flush();
    expect(outcome.error).toEqual(new Error('timed out'));
  });

  it('expires each promise at its own deadline', async () => {
    const timer = new DeadlineTimer(MS, null);
    const first = settled(timer.race(new Promise<never>(() => undefined), timedOut));
    jasmine.clock().tick(MS / 2);
    const second = settled(timer.race(new Promise<never>(() => undefined), timedOut));

    jasmine.clock().tick(MS / 2);
    await flush();
    expect(first.error).toBeDefined();
    expect(second.error).toBeUndefined();
    jasmine.clock().tick(MS / 2);
    await flush();
    expect(second.error).toBeDefined();
  });

  it('arms its timer outside the Angular zone', () => {
    const runOutsideAngular = jasmine.createSpy('runOutsideAngular').and.callFake(<T>(fn: () => T): T => fn());
    const zone = { runOutsideAngular } as unknown as NgZone;

    void new DeadlineTimer(MS, zone).race(new Promise<never>(() => undefined), timedOut).catch(() => undefined);

    expect(runOutsideAngular).toHaveBeenCalledTimes(1);
  });
});

describe('DeadlineTimer without a clock', () => {
  it('arms one timer for many pending promises', () => {
    // A timer that never fires: only the number of timers matters here.
    const setTimeoutSpy = spyOn(window, 'setTimeout').and.returnValue(0 as unknown as ReturnType<typeof setTimeout>);
    const timer = new DeadlineTimer(MS, null);

    for (let i = 0; i < 5; i++) void timer.race(new Promise<never>(() => undefined), timedOut).catch(() => undefined);

    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
  });
});

function timedOut(): Error {
  return new Error('timed out');
}

function settled(promise: Promise<unknown>): { error?: unknown } {
  const state: { error?: unknown } = {};
  promise.catch((error: unknown) => (state.error = error));
  return state;
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
