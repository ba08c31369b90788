import {
  AccountInfo,
  AuthenticationResult,
  BrowserAuthError,
  BrowserConfiguration,
  ClientConfigurationError,
  EndSessionPopupRequest,
  EndSessionRequest,
  EventCallbackFunction,
  EventError,
  EventPayload,
  EventType,
  InteractionType,
  IPublicClientApplication,
  Logger,
  PopupRequest,
  RedirectRequest,
  SilentRequest,
} from '@azure/msal-browser';

import { interactionInProgressError, interactionRequiredError } from './fake-msal-errors';

/** What a faked call does: return a token (or the configured result), fail, or never settle. */
export type FakeOutcome = { readonly kind: 'ok' } | { readonly kind: 'error'; readonly error: unknown } | { readonly kind: 'never' };

/** Decides a call's outcome, possibly later (return a promise to hold the call open). */
export type FakeBehavior<R> = (request: R) => FakeOutcome | Promise<FakeOutcome>;

/** Calls the fake received, in order, per method. */
export interface FakeMsalCalls {
  initialize: number;
  handleRedirectPromise: number;
  readonly acquireTokenSilent: SilentRequest[];
  readonly acquireTokenPopup: PopupRequest[];
  readonly acquireTokenRedirect: RedirectRequest[];
  readonly loginPopup: PopupRequest[];
  readonly loginRedirect: RedirectRequest[];
  readonly logout: (EndSessionRequest | EndSessionPopupRequest | undefined)[];
}

/** What the fake issued a token for. */
export interface FakeIssuedToken {
  readonly scopes: readonly string[];
  readonly account: AccountInfo;
  readonly claims: string | undefined;
}

/** Makes an account for tests; the same name gives the same ids. */
export function fakeAccount(username = 'ada@contoso.test'): AccountInfo {
  const id = username.replace(/[^a-z0-9]/gi, '-');
  return {
    homeAccountId: `${id}.fake-tenant`,
    environment: 'login.fake.test',
    tenantId: 'fake-tenant',
    username,
    localAccountId: id,
    name: username.split('@')[0],
    idToken: `fake-id-token-for-${id}`,
    idTokenClaims: { preferred_username: username },
  };
}

const ok: FakeOutcome = { kind: 'ok' };

/**
 * An `IPublicClientApplication` that behaves like msal-browser where ngx-msal-http depends on it:
 * events are emitted synchronously to `addEventCallback` listeners, popups and redirects take an
 * interaction lock (a second one fails with `interaction_in_progress`), silent calls need an
 * account that is signed in and, while `interactionRequired` is set, fail with
 * `InteractionRequiredAuthError` until an interactive call succeeds. Tokens are fake strings that
 * name the account, the scopes and a counter. Nothing touches the network or the DOM.
 *
 * @example
 * const client = new FakeMsalClient();
 * client.signIn(fakeAccount());
 * client.silent = () => ({ kind: 'error', error: networkError() });
 */
export class FakeMsalClient implements IPublicClientApplication {
  /** Outcome of `initialize()`. */
  initializeBehavior: FakeBehavior<void> = () => ok;
  /** What `handleRedirectPromise()` resolves to (after `redirectBehavior` allows it). */
  redirectResult: AuthenticationResult | null = null;
  redirectBehavior: FakeBehavior<void> = () => ok;
  /** Outcome of `acquireTokenSilent` (after the account and `interactionRequired` checks). */
  silent: FakeBehavior<SilentRequest> = () => ok;
  /** Outcome of `acquireTokenPopup` / `loginPopup`. */
  popup: FakeBehavior<PopupRequest> = () => ok;
  /** While true, silent calls fail with InteractionRequiredAuthError; a successful interaction clears it. */
  interactionRequired = false;
  /** The account a popup signs in when the request names none. */
  popupAccount: AccountInfo = fakeAccount();
  /** The access token a result carries; by default a fake string naming the account, scopes and a counter. */
  accessTokenFor: ((scopes: readonly string[], account: AccountInfo, claims: string | undefined) => string) | null = null;
  /** How long issued tokens live, in milliseconds. Default one hour. */
  tokenLifetimeMs = 3600_000;
  /** msal-browser's `system.tokenRenewalOffsetSeconds`, as `getConfiguration()` reports it. Default 300. */
  renewalOffsetSeconds = 300;
  /** Simulates an interaction held by another tab: popups and redirects fail with `interaction_in_progress`. */
  lockedElsewhere = false;
  /**
   * The window handle `msal:popupOpened` reports for each popup (a {@link FakePopupWindow}, say);
   * while `null`, popups emit no `msal:popupOpened`.
   */
  popupWindow: (() => unknown) | null = null;

  readonly calls: FakeMsalCalls = {
    initialize: 0,
    handleRedirectPromise: 0,
    acquireTokenSilent: [],
    acquireTokenPopup: [],
    acquireTokenRedirect: [],
    loginPopup: [],
    loginRedirect: [],
    logout: [],
  };

  private readonly callbacks = new Map<string, EventCallbackFunction>();
  private accounts: AccountInfo[] = [];
  private active: AccountInfo | null = null;
  private locked = false;
  private issued = 0;
  private proofs = 0;
  private readonly cache = new Set<string>();
  private readonly tokens = new Map<string, FakeIssuedToken>();
  private nextCallbackId = 0;
  private popups = 0;
  // Ends the popup under way, as msal-browser's overrideInteractionInProgress does.
  private cancelPopup: ((error: unknown) => void) | null = null;

  /** Listeners currently registered with addEventCallback. */
  get eventCallbackCount(): number {
    return this.callbacks.size;
  }

  /** True while a popup or redirect started on this fake holds the interaction lock. */
  get interactionLocked(): boolean {
    return this.locked;
  }

  /** Adds a signed-in account (active when `active` is true). */
  signIn(account: AccountInfo = fakeAccount(), active = false): AccountInfo {
    if (!this.accounts.some((a) => a.homeAccountId === account.homeAccountId)) this.accounts.push(account);
    if (active) this.setActiveAccount(account);
    return account;
  }

  /**
   * Removes an account, as signing out in another tab does; removing the active one clears the
   * active account and emits `msal:activeAccountChanged`, as msal-browser does.
   */
  removeAccount(account: AccountInfo): void {
    this.accounts = this.accounts.filter((a) => a.homeAccountId !== account.homeAccountId);
    if (this.active?.homeAccountId === account.homeAccountId) this.setActiveAccount(null);
  }

  /** Emits an msal-browser event to every listener, synchronously, as msal-browser does. */
  emit(
    eventType: EventType,
    interactionType: InteractionType | null = null,
    payload: EventPayload = null,
    error: EventError = null,
    correlationId = 'fake-correlation-id',
  ): void {
    const message = { eventType, interactionType, payload, error, correlationId, timestamp: Date.now() };
    for (const callback of [...this.callbacks.values()]) callback(message);
  }

  async initialize(): Promise<void> {
    this.calls.initialize++;
    this.emit(EventType.INITIALIZE_START);
    await this.settle(this.initializeBehavior(undefined));
    this.emit(EventType.INITIALIZE_END);
  }

  async handleRedirectPromise(): Promise<AuthenticationResult | null> {
    this.calls.handleRedirectPromise++;
    // As msal-browser 5: redirect handling is reported only when there is a redirect response.
    const handling = this.redirectResult !== null;
    if (handling) this.emit(EventType.HANDLE_REDIRECT_START, InteractionType.Redirect);
    try {
      await this.settle(this.redirectBehavior(undefined));
      if (this.redirectResult) this.signIn(this.redirectResult.account);
      return this.redirectResult;
    } finally {
      if (handling) this.emit(EventType.HANDLE_REDIRECT_END, InteractionType.Redirect);
    }
  }

  async acquireTokenSilent(request: SilentRequest): Promise<AuthenticationResult> {
    this.calls.acquireTokenSilent.push(request);
    this.emit(EventType.ACQUIRE_TOKEN_START, InteractionType.Silent, request);
    try {
      const account = request.account && this.accounts.find((a) => a.homeAccountId === request.account?.homeAccountId);
      if (!account || this.interactionRequired) throw interactionRequiredError(account ? 'interaction_required' : 'no_tokens_found');
      await this.settle(this.silent(request));
      const result = this.result(account, request.scopes, request.claims, request.forceRefresh, request);
      this.emit(EventType.ACQUIRE_TOKEN_SUCCESS, InteractionType.Silent, result);
      return result;
    } catch (error) {
      this.emit(EventType.ACQUIRE_TOKEN_FAILURE, InteractionType.Silent, null, error as EventError);
      throw error;
    }
  }

  acquireTokenPopup(request: PopupRequest): Promise<AuthenticationResult> {
    this.calls.acquireTokenPopup.push(request);
    return this.interactivePopup(request, false);
  }

  loginPopup(request: PopupRequest = { scopes: [] }): Promise<AuthenticationResult> {
    this.calls.loginPopup.push(request);
    return this.interactivePopup(request, true);
  }

  async acquireTokenRedirect(request: RedirectRequest): Promise<void> {
    this.calls.acquireTokenRedirect.push(request);
    this.takeLock(InteractionType.Redirect);
  }

  async loginRedirect(request: RedirectRequest = { scopes: [] }): Promise<void> {
    this.calls.loginRedirect.push(request);
    this.takeLock(InteractionType.Redirect);
  }

  /** Ends a redirect started on this fake as if the page had come back without a result. */
  abandonRedirect(): void {
    this.locked = false;
    this.emit(EventType.ACQUIRE_TOKEN_FAILURE, InteractionType.Redirect, null, interactionRequiredError('user_cancelled'));
  }

  async logoutRedirect(request?: EndSessionRequest): Promise<void> {
    this.logoutNow(InteractionType.Redirect, request);
  }

  async logoutPopup(request?: EndSessionPopupRequest): Promise<void> {
    this.logoutNow(InteractionType.Popup, request);
  }

  async ssoSilent(): Promise<AuthenticationResult> {
    throw interactionRequiredError('login_required');
  }

  async acquireTokenByCode(): Promise<AuthenticationResult> {
    throw interactionRequiredError('not_supported_by_fake');
  }

  addEventCallback(callback: EventCallbackFunction): string {
    const id = `fake-callback-${++this.nextCallbackId}`;
    this.callbacks.set(id, callback);
    return id;
  }

  removeEventCallback(callbackId: string): void {
    this.callbacks.delete(callbackId);
  }

  addPerformanceCallback(): string {
    return 'fake-performance-callback';
  }

  removePerformanceCallback(): boolean {
    return true;
  }

  getAccount(filter: Partial<AccountInfo>): AccountInfo | null {
    return this.accounts.find((a) => Object.entries(filter).every(([k, v]) => a[k as keyof AccountInfo] === v)) ?? null;
  }

  getAllAccounts(): AccountInfo[] {
    return [...this.accounts];
  }

  setActiveAccount(account: AccountInfo | null): void {
    this.active = account;
    this.emit(EventType.ACTIVE_ACCOUNT_CHANGED);
  }

  getActiveAccount(): AccountInfo | null {
    return this.active;
  }

  getLogger(): Logger {
    return new Logger({});
  }

  setLogger(): void {}
  initializeWrapperLibrary(): void {}
  setNavigationClient(): void {}

  /** What `getConfiguration()` returns instead of the minimal default, for specs that read more of it. */
  configuration: BrowserConfiguration | null = null;

  /** A minimal configuration: the client id and `system.tokenRenewalOffsetSeconds` ({@link renewalOffsetSeconds}). */
  getConfiguration(): BrowserConfiguration {
    if (this.configuration) return this.configuration;
    return {
      auth: { clientId: 'fake-client-id' },
      system: { tokenRenewalOffsetSeconds: this.renewalOffsetSeconds },
    } as unknown as BrowserConfiguration;
  }

  /** What the fake issued `accessToken` for, or `null` when it did not issue it. */
  issuedToken(accessToken: string): FakeIssuedToken | null {
    return this.tokens.get(accessToken) ?? null;
  }

  async hydrateCache(): Promise<void> {}

  /**
   * Clears tokens and accounts (only `request.account`'s, when given), as msal-browser's
   * `clearCache()` does (the active account's removal is an event).
   */
  async clearCache(request?: { readonly account?: AccountInfo | null }): Promise<void> {
    const account = request?.account;
    if (!account) {
      this.cache.clear();
      for (const each of [...this.accounts]) this.removeAccount(each);
      return;
    }
    for (const key of [...this.cache]) if (key.startsWith(`${account.homeAccountId} `)) this.cache.delete(key);
    this.removeAccount(account);
  }

  private async interactivePopup(request: PopupRequest, login: boolean): Promise<AuthenticationResult> {
    // As msal-browser: overriding the flag ends the popup under way with interaction_in_progress_cancelled.
    if (request.overrideInteractionInProgress && this.locked) {
      this.locked = false;
      this.cancelPopup?.(new BrowserAuthError('interaction_in_progress_cancelled', 'fake-correlation-id'));
    }
    const correlationId = `fake-popup-${++this.popups}`;
    this.takeLock(InteractionType.Popup, correlationId);
    let own: (error: unknown) => void = () => {};
    const cancelled = new Promise<never>((_, reject) => (own = reject));
    this.cancelPopup = own;
    const popupWindow = this.popupWindow?.();
    if (popupWindow) this.emit(EventType.POPUP_OPENED, InteractionType.Popup, { popupWindow } as EventPayload, null, correlationId);
    try {
      await Promise.race([this.settle(this.popup(request)), cancelled]);
      const account = this.signIn(request.account ?? this.popupAccount);
      this.interactionRequired = false;
      const result = this.result(account, request.scopes, request.claims, true, request);
      this.release(own);
      if (login) this.emit(EventType.LOGIN_SUCCESS, InteractionType.Popup, account, null, correlationId);
      this.emit(EventType.ACQUIRE_TOKEN_SUCCESS, InteractionType.Popup, result, null, correlationId);
      return result;
    } catch (error) {
      this.release(own);
      this.emit(EventType.ACQUIRE_TOKEN_FAILURE, InteractionType.Popup, null, error as EventError, correlationId);
      throw error;
    }
  }

  // The lock is this popup's to release unless a later popup overrode it.
  private release(own: (error: unknown) => void): void {
    if (this.cancelPopup !== own) return;
    this.cancelPopup = null;
    this.locked = false;
  }

  private takeLock(interactionType: InteractionType, correlationId?: string): void {
    if (this.locked || this.lockedElsewhere) throw interactionInProgressError();
    this.locked = true;
    this.emit(EventType.ACQUIRE_TOKEN_START, interactionType, null, null, correlationId);
  }

  private logoutNow(interactionType: InteractionType, request: EndSessionRequest | undefined): void {
    this.calls.logout.push(request);
    this.emit(EventType.LOGOUT_START, interactionType);
    const account = request?.account ?? this.active;
    if (account) this.removeAccount(account);
    // As msal-browser: the payload is the end-session request, naming the account signed out.
    this.emit(EventType.LOGOUT_SUCCESS, interactionType, { ...request, account });
    this.emit(EventType.LOGOUT_END, interactionType);
  }

  private async settle(outcome: FakeOutcome | Promise<FakeOutcome>): Promise<void> {
    const decided = await outcome;
    if (decided.kind === 'error') throw decided.error;
    if (decided.kind === 'never') await new Promise<never>(() => undefined);
  }

  // With `authenticationScheme: 'DPoP'`, as msal-browser 5: a DPoP token type and a proof for the
  // request's method and URL, signed anew on every call, cached token or not.
  private result(
    account: AccountInfo,
    scopes: readonly string[],
    claims: string | undefined,
    network = false,
    request: Pick<SilentRequest, 'authenticationScheme' | 'resourceRequestMethod' | 'resourceRequestUri'> = {},
  ): AuthenticationResult {
    const dpop = request.authenticationScheme === 'DPoP';
    if (dpop && (!request.resourceRequestMethod || !request.resourceRequestUri)) {
      throw new ClientConfigurationError('dpop_missing_resource_context', 'fake: DPoP needs resourceRequestMethod and resourceRequestUri');
    }
    const key = `${account.homeAccountId} ${[...scopes].sort().join(' ')}${claims ? ' +claims' : ''}`;
    const fromCache = !network && !claims && this.cache.has(key);
    this.cache.add(key);
    const accessToken = this.accessTokenFor
      ? this.accessTokenFor(scopes, account, claims)
      : `fake-at.${account.localAccountId}.${[...scopes].sort().join('+')}${claims ? '.claims' : ''}.${++this.issued}`;
    if (accessToken) this.tokens.set(accessToken, { scopes: [...scopes], account, claims });
    return {
      authority: 'https://login.fake.test/fake-tenant',
      uniqueId: account.localAccountId,
      tenantId: account.tenantId,
      scopes: [...scopes],
      account,
      idToken: `fake-id-token-for-${account.localAccountId}`,
      idTokenClaims: {},
      accessToken,
      fromCache,
      expiresOn: new Date(Date.now() + this.tokenLifetimeMs),
      tokenType: dpop ? 'DPoP' : 'Bearer',
      correlationId: 'fake-correlation-id',
      ...(dpop ? { dpopProof: `fake-dpop-proof.${request.resourceRequestMethod} ${request.resourceRequestUri}.${++this.proofs}` } : {}),
    };
  }
}

/**
 * A popup window handle as the opener sees it, for `FakeMsalClient.popupWindow`: it starts on
 * `about:blank`; {@link commit} shows the provider's page (its location becomes unreadable, as a
 * cross-origin page's is); {@link close} closes it. {@link sever} is what a provider page with
 * `Cross-Origin-Opener-Policy` does: the handle reads `closed` although the popup is open.
 *
 * @example
 * const popup = new FakePopupWindow();
 * client.popupWindow = () => popup;
 */
export class FakePopupWindow {
  closed = false;
  private crossOrigin = false;

  /** The popup's location; reading `href` throws once a cross-origin page is shown. */
  readonly location = {} as { readonly href: string };

  constructor() {
    Object.defineProperty(this.location, 'href', {
      get: () => {
        if (this.crossOrigin) throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
        return 'about:blank';
      },
    });
  }

  /** The provider's page has loaded in the popup. */
  commit(): void {
    this.crossOrigin = true;
  }

  /** The user closed the popup. */
  close(): void {
    this.closed = true;
  }

  /** The popup's page severed the opener's handle (COOP): `closed` reads true from now on. */
  sever(): void {
    this.crossOrigin = true;
    this.closed = true;
  }
}
