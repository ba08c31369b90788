// The lock manager seam is shared with the popup coordinator and renewal: one token, in web-locks.ts.
export { MSAL_HTTP_RENEWAL_LOCKS } from './web-locks';

/**
 * The Web Lock an account's silent calls hold. The name predates request-triggered refreshes
 * taking it too; it stays, so that tabs still running an older build of the app keep excluding
 * each other during a deployment.
 */
export function accountLockName(homeAccountId: string): string {
  return `ngx-msal-http.renewal.${homeAccountId}`;
}

/**
 * How long a tab keeps the lock after one of its calls reached the token endpoint. msal-browser
 * writes the new tokens to localStorage and tells the other tabs over its `msal.broadcast.cache`
 * channel, where each tab decrypts them into its in-memory cache (LocalStorage.updateCache)
 * asynchronously; the tab that gets the lock next must read the renewed refresh token, not the one
 * just redeemed (oidc-provider revokes the grant on reuse). Message and decryption take a few
 * milliseconds; this leaves a wide margin on a loaded machine. Calls of the same tab do not wait.
 */
export const CACHE_SYNC_MS = 200;
