import { HttpRequest } from '@angular/common/http';
import { inject, Injectable, NgZone } from '@angular/core';
import type { AccountInfo, AuthenticationResult } from '@azure/msal-browser';

import { MSAL_HTTP_CONFIG } from '../config/msal-http-config';
import { interactionNotAllowed, interactionRoundsExhausted, noAccount, redirectStarted, silentTimeout } from './runtime-errors';
import { selectAccount } from './account-selection';
import { isInteractionInProgress, requiresInteraction, toMsalHttpError } from './auth-errors';
import { InteractionCoordinator } from './interaction-coordinator';
import { MsalClientHost } from './msal-client-host';
import { DeadlineTimer } from './deadline-timer';

/** What the interceptor needs a token for. */
export interface AcquireTokenRequest {
  readonly scopes: readonly string[];
  /** A claims request (JSON), from a claims challenge. */
  readonly claims?: string;
  /** The HTTP request, for `authRequest` functions; `null` outside the interceptor. */
  readonly httpRequest: HttpRequest<unknown> | null;
}

// A request that keeps needing the user after this many interactions fails instead of looping.
const MAX_INTERACTION_ROUNDS = 3;

/**
 * Acquires tokens: silent first, shared by every concurrent request for the same account, scope
 * set (order-insensitive), claims and request fields; then, only when the user is really needed,
 * one interaction through the {@link InteractionCoordinator}. Every path ends within a timeout.
 */
@Injectable()
export class TokenAcquirer {
  private readonly host = inject(MsalClientHost);
  private readonly config = inject(MSAL_HTTP_CONFIG);
  private readonly interaction = inject(InteractionCoordinator);
  private readonly inFlight = new Map<string, Promise<AuthenticationResult>>();
  // One timer for every pending silent call, instead of a timer armed and cleared per call.
  private readonly silentDeadlines = new DeadlineTimer(this.config.timeouts.silent, inject(NgZone));

  /** The account a token would be acquired for now (see {@link selectAccount}); throws `MSALHTTP201`. */
  currentAccount(): AccountInfo | null {
    return selectAccount(this.host.client);
  }

  /** Waits for the client's startup, then chooses the account. */
  async prepare(): Promise<AccountInfo | null> {
    await this.host.ready();
    return this.currentAccount();
  }

  /** A token for `account` (from {@link prepare}); `null` means nobody is signed in yet. */
  async acquire(request: AcquireTokenRequest, account: AccountInfo | null): Promise<AuthenticationResult> {
    if (!account) return this.interact(request, null, undefined);
    try {
      return await this.silent(account, request);
    } catch (error) {
      if (!requiresInteraction(error)) throw toMsalHttpError(error, 'silent');
      return this.interact(request, account, error);
    }
  }

  private silent(account: AccountInfo, request: AcquireTokenRequest): Promise<AuthenticationResult> {
    const extra = this.config.authRequest(request.httpRequest, request.scopes);
    const scopes = sortedScopes(request.scopes);
    const key = flightKey(account, scopes, request.claims, extra);
    let flight = this.inFlight.get(key);
    if (!flight) {
      const silentRequest = { ...extra, scopes, account, ...(request.claims ? { claims: request.claims } : {}) };
      const timeout = this.config.timeouts.silent;
      flight = this.silentDeadlines.race(
        Promise.resolve().then(() => this.host.client.acquireTokenSilent(silentRequest)),
        () => silentTimeout(timeout),
      );
      const own = flight;
      const clear = () => {
        if (this.inFlight.get(key) === own) this.inFlight.delete(key);
      };
      own.then(clear, clear);
      this.inFlight.set(key, own);
    }
    return flight;
  }

  private async interact(request: AcquireTokenRequest, account: AccountInfo | null, cause: unknown): Promise<AuthenticationResult> {
    const mode = this.config.interactionType;
    if (mode === 'none') {
      throw account ? interactionNotAllowed(request.scopes, cause) : noAccount();
    }
    if (mode === 'redirect') {
      this.interaction.redirectOnce(() => this.host.client.acquireTokenRedirect(this.interactiveRequest(request, account)));
      throw redirectStarted(request.scopes, cause);
    }
    return this.popupRounds(request, account);
  }

  private async popupRounds(request: AcquireTokenRequest, account: AccountInfo | null): Promise<AuthenticationResult> {
    // Requests share a popup only when they would share a silent acquisition: same account, scope
    // set, claims and request fields (an authRequest function may pick another tenant per request).
    const key = flightKey(
      account,
      sortedScopes(request.scopes),
      request.claims,
      this.config.authRequest(request.httpRequest, request.scopes),
    );
    for (let round = 1; round <= MAX_INTERACTION_ROUNDS; round++) {
      if (!this.interaction.currentPopup && this.interaction.busyElsewhere) {
        await this.interaction.waitUntilIdle();
      } else {
        // Join the popup under way, or open the one popup everybody else will join.
        const own = !this.interaction.currentPopup;
        const popup =
          this.interaction.currentPopup ??
          this.interaction.openPopup(key, () => this.host.client.acquireTokenPopup(this.interactiveRequest(request, account)));
        try {
          const result = await popup.promise;
          if (own && !this.host.client.getActiveAccount() && result.account) this.host.client.setActiveAccount(result.account);
          // Same scopes use the popup's result; other scopes retry silently below.
          if (popup.key === key) return result;
        } catch (error) {
          if (!isInteractionInProgress(error)) throw toMsalHttpError(error, 'popup');
          await this.interaction.waitUntilIdle();
        }
      }
      const retry = await this.retrySilently(request);
      if (retry) return retry;
      account = this.currentAccount();
    }
    throw interactionRoundsExhausted(request.scopes, MAX_INTERACTION_ROUNDS);
  }

  /** After someone else's interaction: a silent attempt; `null` when the user is still needed. */
  private async retrySilently(request: AcquireTokenRequest): Promise<AuthenticationResult | null> {
    const account = this.currentAccount();
    if (!account) return null;
    try {
      return await this.silent(account, request);
    } catch (error) {
      if (requiresInteraction(error)) return null;
      throw toMsalHttpError(error, 'silent');
    }
  }

  private interactiveRequest(request: AcquireTokenRequest, account: AccountInfo | null) {
    const extra = this.config.authRequest(request.httpRequest, request.scopes);
    // Signing in for the first time: ask for the app's consent scopes too, so one prompt does.
    const scopes = account ? [...request.scopes] : [...new Set([...this.config.consentScopes, ...request.scopes])];
    return { ...extra, scopes, ...(account ? { account } : {}), ...(request.claims ? { claims: request.claims } : {}) };
  }
}

/** Scopes as a set in a stable order: msal-browser de-duplicates in-flight requests without sorting. */
function sortedScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes)].sort();
}

/** What makes two acquisitions the same one. */
function flightKey(account: AccountInfo | null, scopes: readonly string[], claims: string | undefined, extra: object): string {
  return [account?.homeAccountId ?? '', scopes.join(' '), claims ?? '', JSON.stringify(extra)].join('\n');
}
