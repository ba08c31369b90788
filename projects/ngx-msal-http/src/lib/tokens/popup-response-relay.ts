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
 * @returns whether the response was relayed (the window then closes, and startup should stop).
 */
export function relayPopupResponse(win: RelayWindow, redirectHint: string): boolean {
  if (!win.opener && win.parent === win) return false;
  const response = authorizationResponse(win.location);
  if (!response) return false;
  const channelName = popupChannelName(response.state);
  if (!channelName || !win.BroadcastChannel) return false;

  if (typeof ngDevMode === 'undefined' || ngDevMode) {
    console.error(
      `ngx-msal-http: this app was loaded inside msal-browser's sign-in popup (or iframe) with the provider's response, ` +
        `because auth.redirectUri is the app itself (${win.location.origin}${win.location.pathname}). msal-browser 5 needs ` +
        `redirectUri to be a page that calls broadcastResponseToMainFrame() from @azure/msal-browser/redirect-bridge, ` +
        `for example ${redirectHint}; register that URL with the provider too (README, "Redirect bridge"). ` +
        `The response was handed to the opener this time.`,
    );
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
  try {
    // A `+` the provider did not percent-encode reads back as a space.
    const encoded = state.split('|')[0].replace(/[ -]/g, '+').replace(/_/g, '/');
    const json = atob(encoded + '='.repeat((4 - (encoded.length % 4)) % 4));
    const library = JSON.parse(json) as { id?: unknown; meta?: { interactionType?: unknown } };
    const type = library.meta?.interactionType;
    return typeof library.id === 'string' && library.id && (type === 'popup' || type === 'silent') ? library.id : null;
  } catch {
    return null;
  }
}
