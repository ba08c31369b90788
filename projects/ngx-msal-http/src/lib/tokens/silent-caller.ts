import { NgZone } from '@angular/core';
import {
  AuthenticationResult,
  CacheLookupPolicy,
  InteractionRequiredAuthError,
  InteractionRequiredAuthErrorCodes,
  IPublicClientApplication,
  SilentRequest,
} from '@azure/msal-browser';

import { silentTimeout } from './runtime-errors';
import { withTimeout } from './timeout';

const SETTLED = Promise.resolve();

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

/**
 * Calls `acquireTokenSilent`, one call at a time per account, each bounded by `timeouts.silent`.
 *
 * - Per account, not per scope set: msal-browser redeems the account's one refresh token for each
 *   scope set it has no valid token for, and providers that rotate refresh tokens (oidc-provider)
 *   treat a second concurrent redemption as replay and revoke the grant.
 * - After a timeout the next call for the same key uses another cache lookup policy, so it does
 *   not join msal-browser's pending call (which has no timeout of its own).
 * - A result without an access token is treated as "interaction required".
 */
export class SilentCaller {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly stuck = new Map<string, Set<CacheLookupPolicy | undefined>>();

  constructor(
    private readonly client: () => IPublicClientApplication,
    private readonly timeoutMs: number,
    private readonly zone: NgZone | null,
  ) {}

  /** `acquireTokenSilent(request)` after the account's previous call; `key` identifies the acquisition. */
  call(key: string, request: SilentRequest & { readonly account: { readonly homeAccountId: string } }): Promise<AuthenticationResult> {
    const queue = request.account.homeAccountId;
    const run = (this.queues.get(queue) ?? SETTLED).then(() => this.once(key, request));
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(queue, settled);
    void settled.then(() => {
      if (this.queues.get(queue) === settled) this.queues.delete(queue);
    });
    return run;
  }

  private async once(key: string, request: SilentRequest): Promise<AuthenticationResult> {
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
