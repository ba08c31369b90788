import { DOCUMENT } from '@angular/common';
import { DestroyRef, inject, Injectable, NgZone } from '@angular/core';
import { CacheLookupPolicy } from '@azure/msal-browser';

import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { toEventAccount } from '../events/sanitize';
import { requiresInteraction, toMsalHttpError } from './auth-errors';
import { MsalClientHost } from './msal-client-host';
import { TokenAcquirer } from './token-acquirer';
import { servedUntil } from './token-memory';
import { setTimeoutOutsideAngular } from './timeout';
export { MSAL_HTTP_RENEWAL_LOCKS } from './web-locks';

// Renew this long before a token stops being served: a fifth of the time left, at most a minute.
const MAX_LEAD_MS = 60_000;
const LEAD_FRACTION = 0.2;
// Retries after a network failure: 2 s, 4 s, 8 s, … at most a minute apart, until real expiry.
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

/** What {@link TokenRenewer.renew} did. */
type RenewalOutcome =
  | { readonly kind: 'renewed' }
  | { readonly kind: 'gone' }
  | { readonly kind: 'interaction' }
  | { readonly kind: 'failed'; readonly expiresAt: number };

/**
 * Renews each token the memory holds shortly before it would stop being served
 * (`withTokenRenewal()`), so that requests keep getting a token synchronously across renewals.
 * One renewal per key; msal-browser does the work ({@link renew}). Only while the document is
 * visible, never after sign-out; a renewal that needs the user emits `msal:tokenRenewalFailure`
 * and leaves the next request to go the usual way; a network failure is retried with backoff until
 * the token really expires. Renewals go through the acquirer's silent queue: one at a time per
 * account, and across tabs with `withCrossTabSync()` (see account-lock.ts). All of it lives here,
 * so that an app without `withTokenRenewal()` does not ship it.
 */
@Injectable()
export class TokenRenewer {
  private readonly acquirer = inject(TokenAcquirer);
  private readonly host = inject(MsalClientHost);
  private readonly bus = inject(MsalHttpEventBus);
  private readonly document = inject(DOCUMENT);
  private readonly zone = inject(NgZone, { optional: true });
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Set<string>();
  private readonly retries = new Map<string, number>();
  private stopped = false;

  constructor() {
    this.acquirer.onRemember((key) => {
      this.retries.delete(key);
      this.schedule(key);
    });
    const accounts = this.bus.accountChanges$.subscribe(() => this.cancelAll());
    const onVisibility = () => (this.visible ? this.acquirer.tokens.keys().forEach((key) => this.schedule(key)) : this.cancelAll());
    this.document.addEventListener('visibilitychange', onVisibility);
    inject(DestroyRef).onDestroy(() => {
      this.stopped = true;
      accounts.unsubscribe();
      this.document.removeEventListener('visibilitychange', onVisibility);
      this.cancelAll();
    });
  }

  private get visible(): boolean {
    return this.document.visibilityState !== 'hidden';
  }

  private schedule(key: string, retryAt?: number): void {
    this.cancel(key);
    if (this.stopped || !this.visible) return;
    const until = this.acquirer.tokens.servedUntil(key);
    if (until === null) return;
    const now = Date.now();
    const at = retryAt ?? until - Math.min(MAX_LEAD_MS, (until - now) * LEAD_FRACTION);
    this.arm(key, Math.max(0, at - now));
  }

  private arm(key: string, delay: number): void {
    this.timers.set(
      key,
      setTimeoutOutsideAngular(this.zone, () => void this.run(key), delay),
    );
  }

  private async run(key: string): Promise<void> {
    this.timers.delete(key);
    if (this.stopped || !this.visible || this.running.has(key)) return;
    if (!this.acquirer.tokens.entry(key)) return;
    this.running.add(key);
    try {
      // Under the account's cross-tab lock (SilentCaller): when another tab renewed first, msal's
      // shared cache has the renewed token and renew() redeems nothing.
      const outcome = await this.renew(key);
      if (outcome.kind !== 'failed') return;
      const attempt = (this.retries.get(key) ?? 0) + 1;
      this.retries.set(key, attempt);
      const retryAt = Date.now() + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));
      if (retryAt < outcome.expiresAt) this.schedule(key, retryAt);
    } finally {
      this.running.delete(key);
    }
  }

  /**
   * Renews the token memory holds under `key` before it stops being served, msal doing the work:
   * first a plain silent call (another tab sharing the cache may have renewed it already), then
   * one that skips the access-token cache, both in one turn of the account's silent queue (and cross-tab lock).
   * Never opens a popup. Resolves to what happened.
   */
  private async renew(key: string): Promise<RenewalOutcome> {
    const memory = this.acquirer.tokens;
    const entry = memory.entry(key);
    if (!entry) return { kind: 'gone' };
    const { account, scopes, fields } = entry.meta;
    const request = { ...fields, scopes, account };
    const generation = memory.generation;
    try {
      // Both calls in one turn of the account's lock: no other tab redeems in between.
      const result = await this.acquirer.silentCalls.exclusive(account.homeAccountId, async (silent) => {
        const cached = await silent(key, request);
        const fresh = (servedUntil(cached, this.host.renewalOffsetMs) ?? 0) > entry.servedUntil;
        return fresh ? cached : silent(key, { ...request, cacheLookupPolicy: CacheLookupPolicy.RefreshTokenAndNetwork });
      });
      // Signed out or switched account meanwhile: the memory was cleared; keep nothing.
      if (memory.generation !== generation) return { kind: 'gone' };
      this.acquirer.remember({ account, scopes, claims: undefined, fields, key, dpop: false }, account, result);
      return { kind: 'renewed' };
    } catch (error) {
      const typed = requiresInteraction(error) ? error : toMsalHttpError(error, 'silent');
      if (this.bus.observed) {
        this.bus.emit({
          type: 'msal:tokenRenewalFailure',
          scopes,
          account: toEventAccount(account),
          error: typed,
          interactionRequired: requiresInteraction(error),
        });
      }
      return requiresInteraction(error) ? { kind: 'interaction' } : { kind: 'failed', expiresAt: entry.result.expiresOn?.getTime() ?? 0 };
    }
  }

  private cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  private cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.retries.clear();
  }
}
