import { withTimeout } from './timeout';

describe('withTimeout', () => {
  beforeEach(() => jasmine.clock().install());
  afterEach(() => jasmine.clock().uninstall());

  it('settles like the promise when it settles first, and clears its timer', async () => {
    const cleanup = jasmine.createSpy('cleanup');
    const onTimeout = jasmine.createSpy('onTimeout').and.returnValue(new Error('late'));

    await expectAsync(withTimeout(Promise.resolve(7), 1_000, onTimeout, { cleanup })).toBeResolvedTo(7);
    jasmine.clock().tick(1_000);

    expect(onTimeout).not.toHaveBeenCalled();
    expect(cleanup).toHaveBeenCalledTimes(1);
  });

  it('rejects with the timeout error once the time has passed, and cleans up once', async () => {
    const cleanup = jasmine.createSpy('cleanup');
    let resolveLate!: (value: number) => void;
    const bounded = withTimeout(new Promise<number>((resolve) => (resolveLate = resolve)), 1_000, () => new Error('late'), { cleanup });

    jasmine.clock().tick(1_000);
    resolveLate(7);

    await expectAsync(bounded).toBeRejectedWithError('late');
    expect(cleanup).toHaveBeenCalledTimes(1);
  });

  it('passes a rejection through', async () => {
    await expectAsync(withTimeout(Promise.reject(new Error('no')), 1_000, () => new Error('late'))).toBeRejectedWithError('no');
  });
});
