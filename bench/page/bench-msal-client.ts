import {
  AccountInfo,
  AuthenticationResult,
  BrowserAuthError,
  EventCallbackFunction,
  EventError,
  EventPayload,
  EventType,
  InteractionRequiredAuthError,
  InteractionType,
  IPublicClientApplication,
  Logger,
  PopupRequest,
  SilentRequest,
} from '@azure/msal-browser';

/** Latencies of the simulated identity provider, in milliseconds (0 = answer in a microtask). */
export interface BenchClientOptions {
  /** A silent acquisition that misses the cache (a refresh-token round trip). */
  readonly fetchLatencyMs?: number;
  /** A popup, from open to result. */
  readonly popupLatencyMs?: number;
  /** Silent calls fail with InteractionRequiredAuthError until a popup succeeds. */
  readonly interactionRequired?: boolean;
  /** How long issued tokens live. Default one hour. */
  readonly tokenLifetimeMs?: number;
  /**
   * msal-browser's `system.tokenRenewalOffsetSeconds`, in ms (default 300 000): as msal does, a cached
   * token this close to expiry is refreshed (a fetch) instead of returned.
   */
  readonly renewalOffsetMs?: number;
}

/** What the client was asked to do, for the concurrency scenario. */
export interface BenchClientCounts {
  silentCalls: number;
  /** Silent calls that went to the (simulated) network: cache misses after in-flight de-duplication. */
  tokenFetches: number;
  popupCalls: number;
  /** Popups that took the interaction lock (a user would see each one). */
  popupsOpened: number;
  /** Popup calls refused with `interaction_in_progress` because another one held the lock. */
  popupsRefused: number;
  redirectCalls: number;
}

export const BENCH_ACCOUNT: AccountInfo = {
  homeAccountId: 'bench-user.bench-tenant',
  environment: 'login.bench.test',
  tenantId: 'bench-tenant',
  username: 'bench@contoso.test',
  localAccountId: 'bench-user',
  name: 'Bench',
  idTokenClaims: {},
};

/**
 * The one fake IPublicClientApplication both interceptors get. It behaves like msal-browser where
 * the interceptors can tell: events go synchronously to `addEventCallback` listeners for every
 * call msal-browser would report; identical silent calls in flight share one network fetch (as
 * msal-browser's `activeSilentTokenRequests` does); after a fetch the token is cached and later
 * silent calls resolve in a microtask with `fromCache: true`; a popup takes the interaction lock
 * and a second popup while it is open rejects with BrowserAuthError `interaction_in_progress`.
 */
export class BenchMsalClient {
  readonly counts: BenchClientCounts = {
    silentCalls: 0,
    tokenFetches: 0,
    popupCalls: 0,
    popupsOpened: 0,
    popupsRefused: 0,
    redirectCalls: 0,
  };
  private readonly callbacks = new Map<string, EventCallbackFunction>();
  // Cached tokens by scope set: when each expires.
  private readonly cache = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<AuthenticationResult>>();
  private readonly logger = new Logger({});
  private interactionRequired: boolean;
  private locked = false;
  private active: AccountInfo | null = BENCH_ACCOUNT;
  private nextId = 0;
  private completedFetches = 0;
  private readonly lifetimeMs: number;
  private readonly renewalOffsetMs: number;

  constructor(private readonly options: BenchClientOptions = {}) {
    this.interactionRequired = options.interactionRequired ?? false;
    this.lifetimeMs = options.tokenLifetimeMs ?? 3_600_000;
    this.renewalOffsetMs = options.renewalOffsetMs ?? 300_000;
  }

  /** This object as the interface both libraries take (it implements what they call). */
  asClient(): IPublicClientApplication {
    return this as unknown as IPublicClientApplication;
  }

  async initialize(): Promise<void> {}
  initializeWrapperLibrary(): void {}
  getLogger(): Logger {
    return this.logger;
  }
  setLogger(): void {}
  getActiveAccount(): AccountInfo | null {
    return this.active;
  }
  setActiveAccount(account: AccountInfo | null): void {
    this.active = account;
  }
  getAllAccounts(): AccountInfo[] {
    return [BENCH_ACCOUNT];
  }
  addEventCallback(callback: EventCallbackFunction): string {
    const id = `cb-${this.nextId++}`;
    this.callbacks.set(id, callback);
    return id;
  }
  removeEventCallback(id: string): void {
    this.callbacks.delete(id);
  }

  async handleRedirectPromise(): Promise<AuthenticationResult | null> {
    this.emit(EventType.HANDLE_REDIRECT_START, InteractionType.Redirect);
    this.emit(EventType.HANDLE_REDIRECT_END, InteractionType.Redirect);
    return null;
  }

  /** Token fetches that have finished (scenario 7: a request pending across one waited for it). */
  get fetchesCompleted(): number {
    return this.completedFetches;
  }

  /** What the interceptors read of msal's configuration: the renewal offset. */
  getConfiguration(): { system: { tokenRenewalOffsetSeconds: number } } {
    return { system: { tokenRenewalOffsetSeconds: this.renewalOffsetMs / 1000 } };
  }

  acquireTokenSilent(request: SilentRequest): Promise<AuthenticationResult> {
    this.counts.silentCalls++;
    // msal-browser's in-flight key includes the cache lookup policy and forceRefresh.
    const key = `${request.account?.homeAccountId}|${request.scopes.join(' ')}|${request.claims ?? ''}|${request.cacheLookupPolicy ?? 0}|${!!request.forceRefresh}`;
    let flight = this.inFlight.get(key);
    if (!flight) {
      flight = this.silentOnce(request);
      this.inFlight.set(key, flight);
      const clear = () => this.inFlight.delete(key);
      flight.then(clear, clear);
    }
    return flight;
  }

  acquireTokenPopup(request: PopupRequest): Promise<AuthenticationResult> {
    this.counts.popupCalls++;
    if (this.locked) {
      this.counts.popupsRefused++;
      return Promise.reject(new BrowserAuthError('interaction_in_progress', 'Interaction is currently in progress.'));
    }
    this.locked = true;
    this.counts.popupsOpened++;
    this.emit(EventType.ACQUIRE_TOKEN_START, InteractionType.Popup, request);
    return delay(this.options.popupLatencyMs ?? 0).then(() => {
      this.interactionRequired = false;
      const result = tokenFor(request.scopes, false, Date.now() + this.lifetimeMs);
      this.cache.set(scopeKey(request.scopes), result.expiresOn!.getTime());
      this.emit(EventType.ACQUIRE_TOKEN_SUCCESS, InteractionType.Popup, result);
      this.locked = false;
      return result;
    });
  }

  async acquireTokenRedirect(): Promise<void> {
    this.counts.redirectCalls++;
  }

  private async silentOnce(request: SilentRequest): Promise<AuthenticationResult> {
    this.emit(EventType.ACQUIRE_TOKEN_START, InteractionType.Silent, request);
    try {
      if (this.interactionRequired) throw new InteractionRequiredAuthError('interaction_required', 'bench: the user must sign in');
      const scopes = scopeKey(request.scopes);
      const expires = this.cache.get(scopes);
      // Like msal: a token within the renewal offset of its expiry, or a policy that skips the
      // access-token cache (RefreshToken = 3 and up), means a refresh.
      const skipsCache = (request.cacheLookupPolicy ?? 0) >= 3 || !!request.forceRefresh;
      const cached = expires !== undefined && !skipsCache && Date.now() + this.renewalOffsetMs < expires;
      if (!cached) {
        this.counts.tokenFetches++;
        await delay(this.options.fetchLatencyMs ?? 0);
        this.completedFetches++;
        this.cache.set(scopes, Date.now() + this.lifetimeMs);
      }
      const result = tokenFor(request.scopes, cached, this.cache.get(scopes)!);
      this.emit(EventType.ACQUIRE_TOKEN_SUCCESS, InteractionType.Silent, result);
      return result;
    } catch (error) {
      this.emit(EventType.ACQUIRE_TOKEN_FAILURE, InteractionType.Silent, null, error as EventError);
      throw error;
    }
  }

  private emit(eventType: EventType, interactionType: InteractionType, payload: EventPayload = null, error: EventError = null): void {
    const message = { eventType, interactionType, payload, error, timestamp: Date.now(), correlationId: 'bench' };
    for (const callback of this.callbacks.values()) callback(message);
  }
}

function scopeKey(scopes: readonly string[]): string {
  return [...scopes].sort().join(' ');
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function tokenFor(scopes: readonly string[], fromCache: boolean, expiresAt: number): AuthenticationResult {
  return {
    authority: 'https://login.bench.test/bench-tenant',
    uniqueId: BENCH_ACCOUNT.localAccountId,
    tenantId: BENCH_ACCOUNT.tenantId,
    scopes: [...scopes],
    account: BENCH_ACCOUNT,
    idToken: 'bench-id-token',
    idTokenClaims: {},
    accessToken: `bench-access-token-for-${scopes.join('+')}`,
    fromCache,
    expiresOn: new Date(expiresAt),
    tokenType: 'Bearer',
    correlationId: 'bench',
  };
}
