// msal-browser 5's localStorage cache (cache/LocalStorage.mjs) keeps an in-memory copy per tab. A
// tab that writes an entry posts { key, value, context } on the "msal.broadcast.cache" channel;
// the other tabs then read the key from localStorage and decrypt it into their copy, ignoring
// `value`. localStorage reaches a tab in another renderer process on its own path, and can arrive
// after the message: that tab then re-reads the old entry and keeps it (seen end to end: the second
// tab redeemed the refresh token the first had just rotated, and oidc-provider revoked the grant).
const MSAL_CACHE_CHANNEL = 'msal.broadcast.cache';

/**
 * Makes msal-browser re-read, in this tab, each entry another tab announced once localStorage
 * shows the write here (the `storage` event): it posts msal's own message again, which msal's
 * channel in this tab receives like any other. Returns the function that stops it.
 *
 * @example
 * const stop = resyncMsalCache(window);
 * destroyRef.onDestroy(stop);
 */
export function resyncMsalCache(view: (Window & typeof globalThis) | null): () => void {
  if (!view || typeof view.BroadcastChannel === 'undefined') return () => undefined;
  // Keys announced by other tabs whose localStorage write this tab has not seen yet, with msal's context.
  const announced = new Map<string, string>();
  const channel = new view.BroadcastChannel(MSAL_CACHE_CHANNEL);
  channel.onmessage = (event: MessageEvent<{ readonly key?: unknown; readonly context?: unknown } | null>) => {
    const { key, context } = event.data ?? {};
    if (typeof key === 'string' && typeof context === 'string') announced.set(key, context);
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key === null) return;
    const context = announced.get(event.key);
    if (context === undefined) return;
    announced.delete(event.key);
    channel.postMessage({ key: event.key, value: null, context });
  };
  view.addEventListener('storage', onStorage);
  return () => {
    view.removeEventListener('storage', onStorage);
    channel.close();
  };
}
