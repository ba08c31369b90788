import { DestroyRef, inject, Injectable, InjectionToken } from '@angular/core';
import { AccountInfo, EventMessage, EventType, InteractionType } from '@azure/msal-browser';

import { toEventAccount } from '../events/sanitize';
import { MsalHttpEventBus } from '../events/msal-http-event-bus';
import { MsalClientHost } from './msal-client-host';

/** The part of a `BroadcastChannel` the relay uses. */
export interface RelayChannel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  close(): void;
}

/** Opens a broadcast channel by name; `null` where the browser has none (then no tab is told). */
export const MSAL_HTTP_BROADCAST_CHANNEL = new InjectionToken<((name: string) => RelayChannel) | null>(
  ngDevMode ? 'MSAL_HTTP_BROADCAST_CHANNEL' : '',
  {
    providedIn: 'root',
    factory: () => (typeof BroadcastChannel === 'undefined' ? null : (name: string) => new BroadcastChannel(name)),
  },
);

/** What one tab tells the others: who signed out (`null`: everyone). Never a token. */
interface SignOutMessage {
  readonly v: 1;
  readonly homeAccountId: string | null;
}

/**
 * Carries a sign-out to the app's other tabs on the same origin when msal-browser does not: with a
 * `sessionStorage` (or memory) cache each tab has its own copy of the accounts (a tab opened from
 * another starts with a copy), and msal relays sign-in and sign-out only for `localStorage`.
 *
 * On msal's `msal:logoutSuccess` it posts the account's `homeAccountId` on the channel
 * `ngx-msal-http.signout.<clientId>`; a tab that hears it removes that account from its own cache
 * (`clearCache({ account })`), drops the tokens it holds in memory, and emits `msal:logoutSuccess`.
 * With `localStorage` it does nothing: msal relays `msal:logoutSuccess` itself, and the token
 * memory drops on that event (see MsalClientHost).
 */
@Injectable()
export class SignOutRelay {
  private readonly host = inject(MsalClientHost);
  private readonly bus = inject(MsalHttpEventBus);
  private readonly open = inject(MSAL_HTTP_BROADCAST_CHANNEL);
  private readonly destroyRef = inject(DestroyRef);
  private channel: RelayChannel | null = null;
  // The sign-out this tab is applying because another tab told it: not to be relayed back.
  private applying = false;

  /** Starts relaying (once the client exists); nothing with a localStorage cache or no BroadcastChannel. */
  start(): void {
    if (!this.open || this.channel) return;
    // A client exposing no configuration (a wrapper, a test double) has no client id to name the
    // channel after: no relay. With a shared (localStorage) cache msal relays sign-outs itself.
    const clientId = this.host.clientId;
    if (!clientId || this.host.sharedCache) return;
    const channel = (this.channel = this.open(`ngx-msal-http.signout.${clientId}`));
    channel.addEventListener('message', (event) => void this.onSignOutElsewhere(event.data));
    const messages = this.host.messages$.subscribe((message) => this.onMessage(message));
    this.destroyRef.onDestroy(() => {
      messages.unsubscribe();
      channel.close();
    });
  }

  private onMessage(message: EventMessage): void {
    if (message.eventType !== EventType.LOGOUT_SUCCESS || this.applying) return;
    const account = (message.payload as { account?: AccountInfo | null } | null)?.account;
    const signOut: SignOutMessage = { v: 1, homeAccountId: account?.homeAccountId ?? null };
    this.channel?.postMessage(signOut);
  }

  private async onSignOutElsewhere(data: unknown): Promise<void> {
    if (!isSignOut(data)) return;
    const client = this.host.client;
    const accounts = client.getAllAccounts().filter((a) => data.homeAccountId === null || a.homeAccountId === data.homeAccountId);
    if (accounts.length === 0) return;
    const active = client.getActiveAccount();
    this.applying = true;
    try {
      for (const account of accounts) await client.clearCache({ account });
      if (active && accounts.some((a) => a.homeAccountId === active.homeAccountId)) client.setActiveAccount(null);
    } finally {
      this.applying = false;
      // The tokens held in memory go with the account, whatever msal emitted.
      this.host.accountsChanged();
    }
    if (this.bus.observed) {
      for (const account of accounts)
        this.bus.emit({ type: 'msal:logoutSuccess', interactionType: InteractionType.None, account: toEventAccount(account) });
    }
  }
}

function isSignOut(data: unknown): data is SignOutMessage {
  const message = data as Partial<SignOutMessage> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    message.v === 1 &&
    (message.homeAccountId === null || (typeof message.homeAccountId === 'string' && message.homeAccountId !== ''))
  );
}
