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
  private readonly cache = new Set<string>();
  private readonly inFlight = new Map<string, Promise<AuthenticationResult>>();
  private readonly logger = new Logger({});
  private interactionRequired: boolean;
  private locked = false;
  private active: AccountInfo | null = BENCH_ACCOUNT;
  private nextId = 0;

  constructor(private readonly options: BenchClientOptions = {}) {
    this.interactionRequired = options.interactionRequired ?? false;
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

  acquireTokenSilent(request: SilentRequest): Promise<AuthenticationResult> {
    this.counts.silentCalls++;
    const key = `${request.account?.homeAccountId}|${request.scopes.join(' ')}|${request.claims ?? ''}`;
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
      this.cache.add(scopeKey(request.scopes));
      const result = tokenFor(request.scopes, false);
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
      const cached = this.cache.has(scopeKey(request.scopes));
      if (!cached) {
        this.counts.tokenFetches++;
        await delay(this.options.fetchLatencyMs ?? 0);
        this.cache.add(scopeKey(request.scopes));
      }
      const result = tokenFor(request.scopes, cached);
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

function tokenFor(scopes: readonly string[], fromCache: boolean): AuthenticationResult {
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
    expiresOn: new Date(Date.now() + 3_600_000),
    tokenType: 'Bearer',
    correlationId: 'bench',
  };
}
