// msal-browser 5's localStorage cache (cache/LocalStorage.mjs) keeps an in-memory copy per tab. A
// tab that writes an entry posts { key, value, context } on the "msal.broadcast.cache" channel;
// the other tabs then read the key from localStorage and decrypt it into their copy, ignoring
// `value`. localStorage reaches a tab in another renderer process on its own path, and can arrive
// after the message: that tab then re-reads the old entry and keeps it, or drops its read when the
// entry changes meanwhile (seen end to end: the second tab redeemed the refresh token the first had
// just rotated, and oidc-provider revoked the grant).
const MSAL_CACHE_CHANNEL = 'msal.broadcast.cache';

// Storage changes of keys no message named yet, kept this long in case the message comes second.
const UNNAMED_KEEP_MS = 2_000;

/**
 * Makes msal-browser re-read, in this tab, each entry other tabs write once localStorage shows the
 * write here (the `storage` event): it posts msal's own message again, which msal's channel in this
 * tab receives like any other. The event and msal's message come in either order: a key is known
 * (with msal's context) from its first message on, and a change seen before the key's first message
 * is re-announced when that message comes. Returns the function that stops it.
 *
 * @example
 * const stop = resyncMsalCache(window);
 * destroyRef.onDestroy(stop);
 */
export function resyncMsalCache(view: (Window & typeof globalThis) | null): () => void {
  if (!view || typeof view.BroadcastChannel === 'undefined') return () => undefined;
  // msal's keys, by the context its messages give them (a handful per account).
  const contexts = new Map<string, string>();
  const unnamed = new Map<string, number>();
  const channel = new view.BroadcastChannel(MSAL_CACHE_CHANNEL);
  const reread = (key: string, context: string) => channel.postMessage({ key, value: null, context });
  channel.onmessage = (event: MessageEvent<{ readonly key?: unknown; readonly context?: unknown } | null>) => {
    const { key, context } = event.data ?? {};
    if (typeof key !== 'string' || typeof context !== 'string') return;
    contexts.set(key, context);
    const seen = unnamed.get(key);
    unnamed.delete(key);
    if (seen !== undefined && Date.now() - seen < UNNAMED_KEEP_MS) reread(key, context);
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key === null) return;
    const context = contexts.get(event.key);
    if (context !== undefined) {
      reread(event.key, context);
      return;
    }
    const now = Date.now();
    for (const [key, at] of unnamed) if (now - at >= UNNAMED_KEEP_MS) unnamed.delete(key);
    unnamed.set(event.key, now);
  };
  view.addEventListener('storage', onStorage);
  return () => {
    view.removeEventListener('storage', onStorage);
    channel.close();
  };
}
