import { NgZone } from '@angular/core';
import {
  AuthenticationResult,
  CacheLookupPolicy,
  InteractionRequiredAuthError,
  InteractionRequiredAuthErrorCodes,
  IPublicClientApplication,
  SilentRequest,
} from '@azure/msal-browser';

import { accountLockName, CACHE_SYNC_MS } from './account-lock';
import { silentTimeout } from './runtime-errors';
import { setTimeoutOutsideAngular, withTimeout } from './timeout';

// Cache lookup policies to fall back to when msal still holds a call that never answered: each
// gives msal-browser another in-flight key (its de-duplication key includes the policy, not the
// correlation id), so the next acquisition reaches the provider instead of joining the stuck one.
// AccessTokenAndRefreshToken reads the cache like Default, without the hidden-iframe fallback.
const FALLBACK_POLICIES: readonly (CacheLookupPolicy | undefined)[] = [
  undefined,
  CacheLookupPolicy.AccessTokenAndRefreshToken,
  CacheLookupPolicy.RefreshTokenAndNetwork,
  CacheLookupPolicy.RefreshToken,
];

/** A silent call inside {@link SilentCaller.exclusive}: already serialised, not queued again. */
export type SilentCall = (key: string, request: SilentRequest) => Promise<AuthenticationResult>;

/** One account's pending work and when its last call reached the token endpoint. */
interface AccountQueue {
  readonly tasks: (() => Promise<void>)[];
  wake: (() => void) | null;
  networkAt: number;
}

/**
 * Calls `acquireTokenSilent`, one call at a time per account, each bounded by `timeouts.silent`.
 *
 * - Per account, not per scope set: msal-browser redeems the account's one refresh token for each
 *   scope set it has no valid token for, and providers that rotate refresh tokens (oidc-provider)
 *   treat a second concurrent redemption as replay and revoke the grant.
 * - Across tabs too with `withCrossTabSync()`, which passes its Web Locks ({@link MSAL_HTTP_RENEWAL_LOCKS}) in as `locks`: a tab takes the account's
 *   lock, runs every call it has queued for the account, and keeps the lock {@link CACHE_SYNC_MS}
 *   after a call that reached the token endpoint, so that the next tab's msal has the renewed
 *   tokens in its cache before it looks (and finds a valid access token instead of redeeming).
 *   Without them (`locks` null), per tab only. Popups never run under the lock.
 * - After a timeout the next call for the same key uses another cache lookup policy, so it does
 *   not join msal-browser's pending call (which has no timeout of its own).
 * - A result without an access token is treated as "interaction required".
 */
export class SilentCaller {
  private readonly queues = new Map<string, AccountQueue>();
  private readonly stuck = new Map<string, Set<CacheLookupPolicy | undefined>>();

  constructor(
    private readonly client: () => IPublicClientApplication,
    private readonly timeoutMs: number,
    private readonly zone: NgZone | null,
    private readonly locks: LockManager | null = null,
  ) {}

  /** `acquireTokenSilent(request)` after the account's previous call; `key` identifies the acquisition. */
  call(key: string, request: SilentRequest & { readonly account: { readonly homeAccountId: string } }): Promise<AuthenticationResult> {
    return this.exclusive(request.account.homeAccountId, (silent) => silent(key, request));
  }

  /**
   * Runs `work` alone among the account's silent calls (in every tab, with Web Locks): the calls
   * it makes through `silent` see what the previous ones wrote to msal's cache.
   */
  exclusive<T>(homeAccountId: string, work: (silent: SilentCall) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let queue = this.queues.get(homeAccountId);
      const started = queue !== undefined;
      if (!queue) this.queues.set(homeAccountId, (queue = { tasks: [], wake: null, networkAt: -Infinity }));
      const silent: SilentCall = (key, request) => this.once(key, request, queue);
      queue.tasks.push(() =>
        Promise.resolve()
          .then(() => work(silent))
          .then(resolve, reject),
      );
      if (started) queue.wake?.();
      else this.start(homeAccountId, queue);
    });
  }

  private start(homeAccountId: string, queue: AccountQueue): void {
    const drain = () => this.drain(homeAccountId, queue);
    if (!this.locks) {
      void drain();
      return;
    }
    // A lock manager that refuses (an opaque origin) leaves the tab with its own queue.
    this.locks.request(accountLockName(homeAccountId), drain).catch(() => (this.queues.get(homeAccountId) === queue ? drain() : undefined));
  }

  private async drain(homeAccountId: string, queue: AccountQueue): Promise<void> {
    for (;;) {
      const task = queue.tasks.shift();
      if (task) {
        await task();
        continue;
      }
      const hold = this.locks ? queue.networkAt + CACHE_SYNC_MS - Date.now() : 0;
      if (hold <= 0) break;
      await this.pause(queue, hold);
    }
    // Synchronously with the last check, so that a call queued from now on starts a new turn.
    this.queues.delete(homeAccountId);
  }

  // Waits `ms`, or less when a call of this tab arrives (it runs under the lock already held).
  private pause(queue: AccountQueue, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        queue.wake = null;
        resolve();
      };
      const timer = setTimeoutOutsideAngular(this.zone, done, ms);
      queue.wake = done;
    });
  }

  private async once(key: string, request: SilentRequest, queue: AccountQueue): Promise<AuthenticationResult> {
    const policy = this.policyFor(key, request.cacheLookupPolicy);
    const sent = policy === request.cacheLookupPolicy ? request : { ...request, cacheLookupPolicy: policy };
    const call = Promise.resolve().then(() => this.client().acquireTokenSilent(sent));
    const result = await withTimeout(
      call,
      this.timeoutMs,
      () => {
        this.markStuck(key, policy, call);
        return silentTimeout(this.timeoutMs);
      },
      { zone: this.zone },
    );
    if (!result.fromCache) queue.networkAt = Date.now();
    if (!result.accessToken) {
      // msal-browser resolves with an empty accessToken when its cache holds none for the scopes.
      throw new InteractionRequiredAuthError(
        InteractionRequiredAuthErrorCodes.noTokensFound,
        result.correlationId,
        'acquireTokenSilent returned no access token',
      );
    }
    return result;
  }

  private policyFor(key: string, requested: CacheLookupPolicy | undefined): CacheLookupPolicy | undefined {
    const stuck = this.stuck.get(key);
    if (!stuck?.has(requested)) return requested;
    // A policy the app chose itself is kept unless msal holds a call with it.
    return FALLBACK_POLICIES.find((policy) => !stuck.has(policy)) ?? requested;
  }

  private markStuck(key: string, policy: CacheLookupPolicy | undefined, call: Promise<unknown>): void {
    let stuck = this.stuck.get(key);
    if (!stuck) this.stuck.set(key, (stuck = new Set()));
    stuck.add(policy);
    const release = () => {
      stuck.delete(policy);
      if (stuck.size === 0 && this.stuck.get(key) === stuck) this.stuck.delete(key);
    };
    call.then(release, release);
  }
}
