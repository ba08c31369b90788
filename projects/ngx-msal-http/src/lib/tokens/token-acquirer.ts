import { HttpRequest } from '@angular/common/http';
import { EnvironmentInjector, inject, Injectable, NgZone, runInInjectionContext } from '@angular/core';
import { AccountInfo, AuthenticationResult, AuthenticationScheme, PopupRequest } from '@azure/msal-browser';

import { MSAL_HTTP_CONFIG, MsalHttpAuthRequest } from '../config/msal-http-config';
import type { DpopResource } from '../dpop/dpop-policy';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { TokenRequestInfo } from '../events/msal-http-event';
import { toEventAccount, toTokenResultInfo } from '../events/sanitize';
import { CROSS_TAB_SYNC } from './cross-tab';
import { acquisitionKey, sortedScopes } from './acquisition-key';
import { requiresInteraction, toMsalHttpError } from './auth-errors';
import { InteractionCoordinator } from './interaction-coordinator';
import { MsalClientHost } from './msal-client-host';
import { emptyAccessToken, interactionNotAllowed, interactionRoundsExhausted, noAccount, redirectStarted } from './runtime-errors';
import { SilentCaller } from './silent-caller';
import { memoryAllowed, TokenMemory } from './token-memory';

// A request that keeps needing the user after this many interactions fails instead of looping.
const MAX_INTERACTION_ROUNDS = 3;
// After the user closed a popup msal-browser still counts as under way (until its bridge timeout).
const OVERRIDE = { overrideInteractionInProgress: true } as const;

/** What memory keeps next to a token, for its renewal. */
export interface HeldToken {
  readonly account: AccountInfo;
  readonly scopes: string[];
  readonly fields: MsalHttpAuthRequest;
}

/** One acquisition, worked out once: the account, the request fields, the key that identifies it. */
export interface Plan {
  readonly account: AccountInfo | null;
  readonly scopes: string[];
  readonly claims: string | undefined;
  readonly fields: MsalHttpAuthRequest;
  readonly key: string;
  /** A DPoP acquisition: its result carries a proof for one request, so it is never shared. */
  readonly dpop: boolean;
}

/**
 * Owns every acquisition from start to end: waits for the client's startup, chooses the account,
 * runs `authRequest` once, keys single flight, serves a token msal would return from its cache out
 * of memory, calls msal silently, asks the {@link InteractionCoordinator} when the user is needed,
 * emits the start / success / failure events, and resolves with a result or rejects with a typed
 * `MsalHttpError`.
 */
@Injectable()
export class TokenAcquirer {
  private readonly host = inject(MsalClientHost);
  private readonly config = inject(MSAL_HTTP_CONFIG);
  private readonly bus = inject(MsalHttpEventBus);
  private readonly injector = inject(EnvironmentInjector);
  private readonly interaction = inject(InteractionCoordinator);
  private readonly memory = new TokenMemory<HeldToken>();
  // Set by TokenRenewer (withTokenRenewal()): told about each token memory keeps.
  private rememberListener: ((key: string) => void) | null = null;
  /** Every acquireTokenSilent of the app goes through this queue (TokenRenewer's too). */
  readonly silentCalls = new SilentCaller(
    () => this.host.client,
    this.config.timeouts.silent,
    inject(NgZone, { optional: true }),
    inject(CROSS_TAB_SYNC)?.locks ?? null,
  );
  private readonly inFlight = new Map<string, Promise<AuthenticationResult>>();
  // Sorted scope lists, by the (compiled, long-lived) scope list a request matched.
  private readonly sorted = new WeakMap<readonly string[], string[]>();
  private readonly warnedShortLifetime = new Set<string>();
  // Request fields computed by a memory miss, for the acquisition that follows it.
  private readonly missed = new WeakMap<
    HttpRequest<unknown>,
    { readonly account: AccountInfo; readonly scopes: readonly string[]; readonly fields: MsalHttpAuthRequest }
  >();

  constructor() {
    this.bus.accountChanges$.subscribe(() => this.memory.clear());
  }

  /** The memory, for renewal. */
  get tokens(): TokenMemory<HeldToken> {
    return this.memory;
  }

  /** Calls `listener` with the key of each token memory keeps (renewal schedules from it). */
  onRemember(listener: (key: string) => void): void {
    this.rememberListener = listener;
  }

  /**
   * The token for `scopes` when memory holds one msal would return from its cache, synchronously;
   * `null` otherwise (then call {@link acquire}). A hit is reported as an acquisition from cache.
   */
  cached(request: HttpRequest<unknown>, scopes: readonly string[]): AuthenticationResult | null {
    if (!this.host.isReady || this.memory.size === 0) return null;
    let account: AccountInfo | null;
    try {
      account = this.host.account();
    } catch {
      return null;
    }
    if (!account) return null;
    const fields = this.fieldsFor(request, scopes, account);
    if (!memoryAllowed(fields, undefined)) return null;
    const result = this.memory.get(this.memoryKey(account, scopes, fields), Date.now());
    // A miss goes on to acquire(): it reuses these fields, so authRequest runs once per request.
    if (!result) this.missed.set(request, { account, scopes, fields });
    if (result && this.bus.observed) {
      const info = describe(request, scopes, account);
      this.bus.emit({ type: 'msal:acquireTokenStart', request: info });
      this.bus.emit({
        type: 'msal:acquireTokenSuccess',
        request: info,
        result: { ...toTokenResultInfo(result), fromCache: true },
      });
    }
    return result;
  }

  /**
   * A token for `scopes` (with `claims`, after a claims challenge), with its events. With `dpop`,
   * a DPoP-bound token and a proof msal signs for that request, in an acquisition of its own.
   */
  async acquire(
    request: HttpRequest<unknown> | null,
    scopes: readonly string[],
    claims?: string,
    dpop?: DpopResource,
  ): Promise<AuthenticationResult> {
    // Until the account is chosen, events name none. Built only when someone listens.
    let account: AccountInfo | null = null;
    let info: TokenRequestInfo | undefined;
    const describeOnce = () => (info ??= describe(request, scopes, account));
    let started = false;
    try {
      await this.host.ready();
      account = this.host.account();
      if (this.bus.observed) this.bus.emit({ type: 'msal:acquireTokenStart', request: describeOnce() });
      started = true;
      const sorted = this.sortedScopes(scopes);
      const own = this.takeMissed(request, scopes, account) ?? this.fieldsFor(request, scopes, account);
      const fields = dpop ? withDpopFields(own, dpop) : own;
      const plan: Plan = { account, scopes: sorted, claims, fields, key: acquisitionKey(account, sorted, claims, fields), dpop: !!dpop };
      // No single flight for DPoP: each request needs a proof of its own (msal does not de-duplicate them either).
      const result = dpop ? await this.run(plan) : await this.singleFlight(plan);
      if (this.bus.observed) {
        this.bus.emit({
          type: 'msal:acquireTokenSuccess',
          request: describeOnce(),
          result: toTokenResultInfo(result),
        });
      }
      return result;
    } catch (error) {
      if (this.bus.observed) {
        // Startup or account choice failed before the start event: still one start, one failure.
        if (!started) this.bus.emit({ type: 'msal:acquireTokenStart', request: describeOnce() });
        this.bus.emit({ type: 'msal:acquireTokenFailure', request: describeOnce(), error });
      }
      throw error;
    }
  }

  /** How events name an HTTP request: method, URL without query, scopes, the account chosen now. */
  describe(request: HttpRequest<unknown>, scopes: readonly string[]): TokenRequestInfo {
    let account: AccountInfo | null = null;
    try {
      account = this.host.isReady ? this.host.account() : null;
    } catch {
      account = null;
    }
    return describe(request, scopes, account);
  }

  /** Forgets a token the API refused (401) or challenged, so that the next request acquires again. */
  forget(accessToken: string): void {
    this.memory.deleteToken(accessToken);
  }

  private singleFlight(plan: Plan): Promise<AuthenticationResult> {
    const joined = this.inFlight.get(plan.key);
    if (joined) {
      // The user clicked again right after closing the popup this acquisition waits for.
      const afterClose = this.interaction.joinedAfterClose();
      return joined.catch((error: unknown) => (afterClose(error) ? this.singleFlight(plan) : Promise.reject(error)));
    }
    const own = this.run(plan);
    const clear = () => {
      if (this.inFlight.get(plan.key) === own) this.inFlight.delete(plan.key);
    };
    own.then(clear, clear);
    this.inFlight.set(plan.key, own);
    return own;
  }

  private async run(plan: Plan): Promise<AuthenticationResult> {
    const generation = this.interaction.generation;
    if (!plan.account) return this.interact(plan, undefined, generation);
    try {
      return await this.silent(plan, plan.account);
    } catch (error) {
      if (!requiresInteraction(error)) throw toMsalHttpError(error, 'silent');
      return this.interact(plan, error, generation);
    }
  }

  private async silent(plan: Plan, account: AccountInfo): Promise<AuthenticationResult> {
    const request = { ...plan.fields, scopes: plan.scopes, account, ...(plan.claims ? { claims: plan.claims } : {}) };
    const result = await this.silentCalls.call(plan.key, request);
    this.remember(plan, account, result);
    return result;
  }

  private async interact(plan: Plan, cause: unknown, generation: number): Promise<AuthenticationResult> {
    const mode = this.config.interactionType;
    if (mode === 'none') throw plan.account ? interactionNotAllowed(plan.scopes, cause) : noAccount();
    if (mode === 'redirect') {
      // No redirect straight back to the provider the user just left by cancelling.
      const failed = this.host.failedRedirect();
      if (failed) throw failed;
      // A popup (or sign-out) under way holds msal's lock: a redirect now would fail. Wait for it,
      // as popups do; it may have signed the user in.
      if (await this.interaction.whenIdle()) {
        const result = await this.silentAfterInteraction(plan);
        if (result) return result;
      }
      this.interaction.redirect(() => this.host.client.acquireTokenRedirect(this.interactiveRequest(plan)));
      throw redirectStarted(plan.scopes, cause);
    }
    for (let round = 1; round <= MAX_INTERACTION_ROUNDS; round++) {
      const turn = await this.interaction.popup(
        plan.key,
        (override) => this.host.client.acquireTokenPopup({ ...this.interactiveRequest(plan), ...(override ? OVERRIDE : {}) }),
        generation,
      );
      generation = this.interaction.generation;
      if (turn.kind === 'result' && plan.dpop) {
        // A DPoP token comes from the silent call below, with a proof of this request's own: the
        // interaction was a bearer one (see interactiveRequest), and a joined popup's result would
        // carry another request's proof anyway.
        if (turn.opened && !this.host.client.getActiveAccount() && turn.result.account)
          this.host.client.setActiveAccount(turn.result.account);
      } else if (turn.kind === 'result') {
        const { result } = turn;
        if (turn.opened && !this.host.client.getActiveAccount() && result.account) this.host.client.setActiveAccount(result.account);
        // The popup asked for the consent scopes too, and a token is for one API: when the provider
        // issued it for another API's scopes, this request's token comes from the silent call below.
        if (grantsAll(result, plan.scopes)) {
          if (!result.accessToken) throw emptyAccessToken(plan.scopes);
          if (result.account) this.remember(plan, result.account, result);
          return result;
        }
      }
      // Another interaction ended: the user may no longer be needed.
      const result = await this.silentAfterInteraction(plan);
      if (result) return result;
    }
    throw interactionRoundsExhausted(plan.scopes, MAX_INTERACTION_ROUNDS);
  }

  // After an interaction ended: the token silently, if someone is signed in now and the user is
  // no longer needed; `null` when they still are.
  private async silentAfterInteraction(plan: Plan): Promise<AuthenticationResult | null> {
    const account = this.host.account();
    if (!account) return null;
    try {
      return await this.silent(plan, account);
    } catch (error) {
      if (!requiresInteraction(error)) throw toMsalHttpError(error, 'silent');
      return null;
    }
  }

  private interactiveRequest(plan: Plan): PopupRequest {
    // Always with the app's consent scopes: signing in asks for them in one prompt, and a
    // re-authentication of a signed-in account does not shrink the consent it had.
    const scopes = [...new Set([...this.config.consentScopes, ...plan.scopes])];
    // A DPoP plan interacts as bearer: a DPoP code redemption makes providers bind the account's
    // one refresh token to the popup's key, and msal-browser (5.30 and earlier) provisions a new key for every
    // DPoP refresh, so every later refresh (bearer or DPoP) would be refused. The DPoP token then
    // comes from a silent call.
    const fields = plan.dpop ? withoutDpopFields(plan.fields) : plan.fields;
    return {
      ...(fields as PopupRequest),
      scopes,
      ...(plan.account ? { account: plan.account } : {}),
      ...(plan.claims ? { claims: plan.claims } : {}),
    };
  }

  /** Keeps `result` in memory when `plan` allows it; TokenRenewer keeps its renewals through this. */
  remember(plan: Plan, account: AccountInfo, result: AuthenticationResult): void {
    if (!memoryAllowed(plan.fields, plan.claims)) return;
    const offset = this.host.renewalOffsetMs;
    const key = acquisitionKey(account, plan.scopes, undefined, plan.fields);
    const held = this.memory.set(key, result, offset, Date.now(), { account, scopes: plan.scopes, fields: plan.fields });
    if (held) this.rememberListener?.(key);
    if (!held && (typeof ngDevMode === 'undefined' || ngDevMode)) warnShortLifetime(this.warnedShortLifetime, plan, result, offset);
  }

  /** The fields {@link cached} worked out for this request on a miss, if they still apply. */
  private takeMissed(
    request: HttpRequest<unknown> | null,
    scopes: readonly string[],
    account: AccountInfo | null,
  ): MsalHttpAuthRequest | null {
    if (!request) return null;
    const missed = this.missed.get(request);
    this.missed.delete(request);
    return missed && missed.scopes === scopes && missed.account === account ? missed.fields : null;
  }

  private fieldsFor(request: HttpRequest<unknown> | null, scopes: readonly string[], account: AccountInfo | null): MsalHttpAuthRequest {
    return runInInjectionContext(this.injector, () => this.config.authRequest(request, scopes, { account }));
  }

  // Memory keys by matched scope list, while the account and the (object-configured) request fields
  // stay the same: building the key on every request was about a tenth of the cached path's cost
  // (bench scenarios 2 and 6, where ours must stay within 2.5x of a header-cloning interceptor).
  private keys = {
    account: null as AccountInfo | null,
    fields: null as MsalHttpAuthRequest | null,
    byScopes: new WeakMap<readonly string[], string>(),
  };

  private memoryKey(account: AccountInfo, scopes: readonly string[], fields: MsalHttpAuthRequest): string {
    if (this.keys.account !== account || this.keys.fields !== fields) this.keys = { account, fields, byScopes: new WeakMap() };
    let key = this.keys.byScopes.get(scopes);
    if (key === undefined) this.keys.byScopes.set(scopes, (key = acquisitionKey(account, this.sortedScopes(scopes), undefined, fields)));
    return key;
  }

  private sortedScopes(scopes: readonly string[]): string[] {
    let sorted = this.sorted.get(scopes);
    if (!sorted) this.sorted.set(scopes, (sorted = sortedScopes(scopes)));
    return sorted;
  }
}

function withDpopFields(fields: MsalHttpAuthRequest, dpop: DpopResource): MsalHttpAuthRequest {
  return { ...fields, authenticationScheme: AuthenticationScheme.DPOP, resourceRequestMethod: dpop.method, resourceRequestUri: dpop.uri };
}

function withoutDpopFields(fields: MsalHttpAuthRequest): MsalHttpAuthRequest {
  const { authenticationScheme: _scheme, resourceRequestMethod: _method, resourceRequestUri: _uri, ...rest } = fields;
  return rest;
}

function describe(request: HttpRequest<unknown> | null, scopes: readonly string[], account: AccountInfo | null): TokenRequestInfo {
  return { method: request?.method ?? '', url: request ? withoutQuery(request.url) : '', scopes, account: toEventAccount(account) };
}

/** A URL without its query string and fragment, for events and messages. */
export function withoutQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** Whether a result's token was granted every scope the request needs (scopes compare case-insensitively). */
function grantsAll(result: AuthenticationResult, scopes: readonly string[]): boolean {
  const granted = new Set((result.scopes ?? []).map((scope) => scope.toLowerCase()));
  return scopes.every((scope) => granted.has(scope.toLowerCase()));
}

// Development builds only (a function, so that production bundles drop it): with tokens that live
// shorter than msal's renewal offset, msal refreshes on every request. Once per acquisition key.
function warnShortLifetime(warned: Set<string>, plan: Plan, result: AuthenticationResult, offsetMs: number): void {
  const lifetime = result.expiresOn ? result.expiresOn.getTime() - Date.now() : null;
  if (lifetime === null || lifetime > offsetMs || warned.has(plan.key)) return;
  warned.add(plan.key);
  console.warn(
    `ngx-msal-http: access tokens for scopes "${plan.scopes.join(' ')}" live ${Math.round(lifetime / 1000)} s, less than ` +
      `msal-browser's renewal offset (system.tokenRenewalOffsetSeconds, ${offsetMs / 1000} s): every request refreshes ` +
      `the token. Lower system.tokenRenewalOffsetSeconds below the token lifetime (see docs/token-cache.md).`,
  );
}
