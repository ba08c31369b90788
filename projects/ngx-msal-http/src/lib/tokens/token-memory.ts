import type { AuthenticationResult } from '@azure/msal-browser';

import { MsalHttpAuthRequest } from '../config/msal-http-config';

/**
 * Acquisition results held in memory, keyed like single flight, so that a request whose token
 * msal-browser would return from its cache gets it synchronously: no promise, no timer, no call
 * into msal (bench scenario 6: a cached acquireTokenSilent costs about 1 ms of main-thread CPU).
 * An entry is served only while msal itself would return that same token:
 *
 * - before `expiresOn` minus msal's `system.tokenRenewalOffsetSeconds`, and before `refreshOn`
 *   (from there msal refreshes, so the request goes to msal);
 * - never for request fields that ask `forceRefresh` or a `cacheLookupPolicy` that skips the
 *   access-token cache, nor for claims (msal always goes to the network for those);
 * - never with an empty access token.
 *
 * Entries are dropped on account changes (see MsalClientHost), claims challenges and a 401 from
 * the API the token went to. See docs/token-cache.md.
 */
export class TokenMemory<M = unknown> {
  private readonly entries = new Map<string, Entry<M>>();
  private clears = 0;

  /** The result for `key`, if it may still be served at `now`. */
  get(key: string, now: number): AuthenticationResult | null {
    const entry = this.entries.get(key);
    if (entry === undefined) return null;
    if (now < entry.servedUntil) return entry.result;
    this.entries.delete(key);
    return null;
  }

  /** When the entry for `key` stops being served, or `null`. */
  servedUntil(key: string): number | null {
    return this.entries.get(key)?.servedUntil ?? null;
  }

  /** The entry for `key` (result, what it was acquired for, until when it is served), served or not. */
  entry(key: string): Entry<M> | null {
    return this.entries.get(key) ?? null;
  }

  /** Every key held. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Keeps `result` under `key` when msal would serve it from its cache after `now`; returns whether it did. */
  set(key: string, result: AuthenticationResult, renewalOffsetMs: number, now: number, meta?: M): boolean {
    const until = servedUntil(result, renewalOffsetMs);
    if (until === null || until <= now) {
      this.entries.delete(key);
      return false;
    }
    this.entries.set(key, { result, servedUntil: until, meta: meta as M });
    return true;
  }

  /** Drops the entry for `key`. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops the entries whose result carries `accessToken` (a 401 from the API it went to). */
  deleteToken(accessToken: string): void {
    for (const [key, entry] of this.entries) if (entry.result.accessToken === accessToken) this.entries.delete(key);
  }

  /** Drops every entry (account change, sign-out, clearCache). */
  clear(): void {
    this.entries.clear();
    this.clears++;
  }

  /** How many times {@link clear} ran: work started before a clear must not refill the memory. */
  get generation(): number {
    return this.clears;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A held token. */
export interface Entry<M> {
  readonly result: AuthenticationResult;
  readonly servedUntil: number;
  /** What it was acquired for (the renewal needs it). */
  readonly meta: M;
}

// msal-browser's CacheLookupPolicy values that read the access-token cache: Default (0),
// AccessToken (1), AccessTokenAndRefreshToken (2).
const CACHE_READING_POLICIES = new Set<unknown>([undefined, 0, 1, 2]);

/**
 * True when request fields let the memory serve a token: no forced refresh, cache not skipped, and
 * a bearer token. A PoP or DPoP result holds a proof signed for one request, so msal must be asked
 * (and sign again) every time.
 */
export function memoryAllowed(fields: MsalHttpAuthRequest, claims: string | undefined): boolean {
  const scheme = fields.authenticationScheme;
  return (
    !claims &&
    !fields.forceRefresh &&
    CACHE_READING_POLICIES.has(fields.cacheLookupPolicy) &&
    (scheme === undefined || scheme.toLowerCase() === 'bearer')
  );
}

/** Until when msal would return `result` from its cache, or `null` when it would not. */
export function servedUntil(result: AuthenticationResult, renewalOffsetMs: number): number | null {
  if (!result.accessToken || !result.expiresOn) return null;
  let until = result.expiresOn.getTime() - renewalOffsetMs;
  if (result.refreshOn) until = Math.min(until, result.refreshOn.getTime());
  return Number.isFinite(until) ? until : null;
}
