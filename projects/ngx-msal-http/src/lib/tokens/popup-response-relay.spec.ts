import { clearSignOutState, listenForRelayWarnings, relayPopupResponse, RelayWindow } from './popup-response-relay';

const BASE_URI = 'https://app.example.test/';
const HINT = 'https://app.example.test/redirect-bridge.html';

describe('relayPopupResponse', () => {
  let errors: jasmine.Spy;
  beforeEach(() => (errors = spyOn(console, 'error')));

  it('hands a popup response to the opener on its channel, clears the URL and closes the window', async () => {
    const channel = `relay-test-${Math.random()}`;
    const received = nextMessage(channel);
    const win = fakeWindow({ hash: `#code=abc&state=${msalState(channel, 'popup')}` });

    expect(relayPopupResponse(win, BASE_URI)).toBeTrue();

    expect(await received).toEqual({ v: 1, payload: `code=abc&state=${msalState(channel, 'popup')}` });
    expect(win.history.replaceState).toHaveBeenCalledOnceWith(null, '', 'https://app.example.test/');
    expect(win.close).toHaveBeenCalledTimes(1);
  });

  it('says in development which redirectUri to set, without the authorization code', () => {
    const win = fakeWindow({ hash: `#code=secret-code&state=${msalState('c1', 'popup')}` });

    relayPopupResponse(win, BASE_URI);

    expect(errors).toHaveBeenCalledTimes(1);
    const message = String(errors.calls.mostRecent().args[0]);
    expect(message).toContain(HINT);
    expect(message).toContain('broadcastResponseToMainFrame');
    expect(message).not.toContain('secret-code');
  });

  it('relays an error response from the provider too', async () => {
    const channel = `relay-test-${Math.random()}`;
    const received = nextMessage(channel);

    expect(relayPopupResponse(fakeWindow({ search: `?error=access_denied&state=${msalState(channel, 'popup')}` }), BASE_URI)).toBeTrue();
    expect(await received).toEqual(jasmine.objectContaining({ payload: `error=access_denied&state=${msalState(channel, 'popup')}` }));
  });

  it('relays the end of a popup sign-out, which carries only the state', async () => {
    const channel = `relay-test-${Math.random()}`;
    const received = nextMessage(channel);

    expect(relayPopupResponse(fakeWindow({ search: `?state=${msalState(channel, 'popup')}` }), BASE_URI)).toBeTrue();
    expect(await received).toEqual(jasmine.objectContaining({ payload: `state=${msalState(channel, 'popup')}` }));
  });

  it('relays a popup whose opener a Cross-Origin-Opener-Policy severed (no opener, not framed)', () => {
    const win = fakeWindow({ hash: `#code=abc&state=${msalState('c3', 'popup')}`, opener: null });

    expect(relayPopupResponse(win, BASE_URI)).toBeTrue();
  });

  it('tells the app that opened the popup which redirectUri to set (development builds)', async () => {
    const stop = listenForRelayWarnings(window);
    const messages: unknown[] = [];
    // The popup's own console.error comes first; the app's, from the channel, second.
    const appLogged = new Promise<void>((resolve) =>
      errors.and.callFake((message: unknown) => {
        messages.push(message);
        if (messages.length === 2) resolve();
      }),
    );

    relayPopupResponse(fakeWindow({ hash: `#code=abc&state=${msalState('c7', 'popup')}` }), BASE_URI);
    await appLogged;
    stop();

    expect(String(messages[1])).toContain(HINT);
    expect(String(messages[1])).not.toContain('code=abc');
  });

  it('relays a hidden iframe (silent) response', () => {
    const win = fakeWindow({ hash: `#code=abc&state=${msalState('c2', 'silent')}`, opener: null, framed: true });

    expect(relayPopupResponse(win, BASE_URI)).toBeTrue();
  });

  const untouched: readonly (readonly [string, Partial<FakeWindowOptions>])[] = [
    ['a normal page load', { hash: '' }],
    ['a redirect sign-in coming back (msal handles it)', { hash: `#code=abc&state=${msalState('c4', 'redirect')}` }],
    ['a fragment route with a state parameter', { hash: `#/orders?state=${msalState('c5', 'popup')}` }],
    ['an app query parameter named state', { search: '?state=open&tab=2' }],
    ['a state msal did not write', { hash: '#code=abc&state=not-base64-json' }],
    ['a browser without BroadcastChannel', { hash: `#code=abc&state=${msalState('c6', 'popup')}`, noChannel: true }],
  ];
  for (const [name, options] of untouched) {
    it(`does nothing for ${name}`, () => {
      const win = fakeWindow(options);

      expect(relayPopupResponse(win, BASE_URI)).toBeFalse();
      expect(win.close).not.toHaveBeenCalled();
      expect(win.history.replaceState).not.toHaveBeenCalled();
      expect(errors).not.toHaveBeenCalled();
    });
  }
});

interface FakeWindowOptions {
  readonly hash: string;
  readonly search: string;
  readonly opener: unknown;
  readonly framed: boolean;
  readonly noChannel: boolean;
}

function fakeWindow(options: Partial<FakeWindowOptions>): RelayWindow & { close: jasmine.Spy; history: { replaceState: jasmine.Spy } } {
  const win = {
    opener: 'opener' in options ? options.opener : {},
    parent: null as unknown,
    location: { hash: options.hash ?? '', search: options.search ?? '', origin: 'https://app.example.test', pathname: '/' },
    history: { replaceState: jasmine.createSpy('replaceState') },
    BroadcastChannel: options.noChannel ? undefined : BroadcastChannel,
    close: jasmine.createSpy('close'),
  };
  win.parent = options.framed ? {} : win;
  return win;
}

/** msal-browser's state: base64 of `{ id, meta: { interactionType } }`, then `|` and the app's state. */
function msalState(id: string, interactionType: string): string {
  return encodeURIComponent(`${btoa(JSON.stringify({ id, meta: { interactionType } }))}|app-state`);
}

function nextMessage(name: string): Promise<unknown> {
  const channel = new BroadcastChannel(name);
  return new Promise((resolve) => {
    channel.onmessage = (event: MessageEvent) => {
      channel.close();
      resolve(event.data);
    };
  });
}

describe('clearSignOutState', () => {
  it("removes msal's state from the URL a redirect sign-out came back to, keeping the rest", () => {
    const win = fakeWindow({ search: `?tab=2&state=${msalState('s1', 'redirect')}`, hash: '#top' });

    clearSignOutState(win);

    expect(win.history.replaceState).toHaveBeenCalledOnceWith(null, '', 'https://app.example.test/?tab=2#top');
  });

  const kept: readonly (readonly [string, string])[] = [
    ['a redirect sign-in response (msal handles it)', `?code=abc&state=${msalState('s2', 'redirect')}`],
    ["an app's own state parameter", '?state=open'],
    ['no state at all', '?tab=2'],
  ];
  for (const [name, search] of kept) {
    it(`leaves ${name} alone`, () => {
      const win = fakeWindow({ search });

      clearSignOutState(win);

      expect(win.history.replaceState).not.toHaveBeenCalled();
    });
  }
});
