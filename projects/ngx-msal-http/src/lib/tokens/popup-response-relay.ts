/** The parts of `window` the relay reads and uses; a seam for tests. */
export interface RelayWindow {
  readonly opener: unknown;
  readonly parent: unknown;
  readonly location: Pick<Location, 'hash' | 'search' | 'origin' | 'pathname'>;
  readonly history: Pick<History, 'replaceState'>;
  readonly BroadcastChannel?: typeof BroadcastChannel;
  readonly close: () => void;
}

/**
 * msal-browser 5 hands a popup's (or hidden iframe's) authorization response back to the app
 * through its redirect bridge: the `redirectUri` page calls `broadcastResponseToMainFrame()`,
 * which posts the response on a `BroadcastChannel` named in the request's state. When
 * `redirectUri` is the app itself, the whole app boots inside the popup instead, and msal in the
 * opener waits until its bridge timeout (60 s) for a message that never comes.
 *
 * Called first thing at startup, this notices that case (a window opened by another, or framed,
 * with a response whose msal state says popup or silent in its URL, sign-in or popup sign-out), says so in development
 * builds, and relays the response the way the bridge would, so that the sign-in still completes.
 * Anywhere else (a normal page load, a redirect sign-in coming back) it does nothing.
 *
 * `baseUri` is the app's `document.baseURI`: the development message suggests a bridge page next to it.
 *
 * @returns whether the response was relayed (the window then closes, and startup should stop).
 */
export function relayPopupResponse(win: RelayWindow, baseUri: string): boolean {
  // No check of `window.opener`: a provider that sets Cross-Origin-Opener-Policy severs it, and the
  // popup comes back with no opener at all. msal's own state, decoded below, is what tells a popup.
  const response = authorizationResponse(win.location);
  if (!response) return false;
  const channelName = popupChannelName(response.state);
  if (!channelName || !win.BroadcastChannel) return false;

  if (typeof ngDevMode === 'undefined' || ngDevMode) {
    const redirectHint = new URL('redirect-bridge.html', baseUri).href;
    // The end of a sign-out: the state and nothing else.
    const params = new URLSearchParams(response.payload);
    const signOut = !params.has('code') && !params.has('error');
    const message =
      `ngx-msal-http: the app was loaded inside msal-browser's popup (sign-in or sign-out) or hidden iframe with the ` +
      `provider's response, because auth.redirectUri${signOut ? ' (for a popup sign-out)' : ''} is the app itself ` +
      `(${win.location.origin}${win.location.pathname}). msal-browser 5 needs it to be a page that calls ` +
      `broadcastResponseToMainFrame() from @azure/msal-browser/redirect-bridge, for example ${redirectHint}; register ` +
      `that URL with the provider too (README, "Redirect bridge"). The response was handed to the app this time.`;
    console.error(message);
    // The popup closes at once: say it where the developer is looking, in the app that opened it.
    const devChannel = new win.BroadcastChannel(RELAY_WARNINGS);
    devChannel.postMessage(message);
    devChannel.close();
  }
  // Off the address bar and the history first: the response holds an authorization code.
  win.history.replaceState(null, '', `${win.location.origin}${win.location.pathname}`);
  const channel = new win.BroadcastChannel(channelName);
  channel.postMessage({ v: 1, payload: response.payload });
  channel.close();
  win.close();
  return true;
}

interface AuthorizationResponse {
  readonly payload: string;
  readonly state: string;
}

/** The channel a relaying popup reports its configuration warning on (development builds). */
export const RELAY_WARNINGS = 'ngx-msal-http.relay-warnings';

/**
 * Development builds: logs, in the app, the warning a relaying popup or iframe wrote to its own
 * console just before closing. Returns the function that stops listening.
 */
export function listenForRelayWarnings(win: Pick<RelayWindow, 'BroadcastChannel'>): () => void {
  if (!win.BroadcastChannel) return () => undefined;
  const channel = new win.BroadcastChannel(RELAY_WARNINGS);
  channel.onmessage = (event: MessageEvent) => {
    if (typeof event.data === 'string') console.error(event.data);
  };
  return () => channel.close();
}

/**
 * After a redirect sign-out the provider sends the app back with msal's `state` in its URL, which
 * msal-browser 5 leaves there (and in the history entry). Removes it when it is msal's and the URL
 * holds nothing else of a response; anything else in the URL stays.
 */
export function clearSignOutState(win: Pick<RelayWindow, 'location' | 'history'>): void {
  const query = new URLSearchParams(win.location.search);
  const state = query.get('state');
  if (!state || query.has('code') || query.has('error') || libraryState(state)?.type !== 'redirect') return;
  query.delete('state');
  const search = query.toString();
  win.history.replaceState(null, '', `${win.location.origin}${win.location.pathname}${search ? `?${search}` : ''}${win.location.hash}`);
}

// The response is in the fragment (msal's default response mode) or the query, with a `state` (msal's,
// checked below) and a `code` or an `error`; a popup sign-out comes back with the `state` alone.
function authorizationResponse(location: RelayWindow['location']): AuthorizationResponse | null {
  for (const part of [location.hash, location.search]) {
    const payload = part.slice(1);
    if (!payload) continue;
    const params = new URLSearchParams(payload);
    const state = params.get('state');
    if (state) return { payload, state };
  }
  return null;
}

// msal's state is `<base64url JSON of { id, meta: { interactionType } }>|<app state>`; the id
// names the channel the opener listens on. A redirect response is msal's own business.
function popupChannelName(state: string): string | null {
  const library = libraryState(state);
  return library && (library.type === 'popup' || library.type === 'silent') ? library.id : null;
}

function libraryState(state: string): { readonly id: string; readonly type: unknown } | null {
  try {
    // A `+` the provider did not percent-encode reads back as a space.
    const encoded = state.split('|')[0].replace(/[ -]/g, '+').replace(/_/g, '/');
    const json = atob(encoded + '='.repeat((4 - (encoded.length % 4)) % 4));
    const library = JSON.parse(json) as { id?: unknown; meta?: { interactionType?: unknown } };
    return typeof library.id === 'string' && library.id ? { id: library.id, type: library.meta?.interactionType } : null;
  } catch {
    return null;
  }
}
