import { HttpContextToken } from '@angular/common/http';

/**
 * Set to `true` to send a request without the interceptor looking at it.
 *
 * @example
 * http.get(url, { context: new HttpContext().set(MSAL_HTTP_SKIP, true) });
 */
export const MSAL_HTTP_SKIP = new HttpContextToken<boolean>(() => false);

/**
 * Scopes for this request instead of the map's. Applies only to URLs the protectedResourceMap
 * names (a token never goes elsewhere); on any other URL the request fails with `MSALHTTP209`.
 *
 * @example
 * http.post(url, body, { context: new HttpContext().set(MSAL_HTTP_SCOPES, ['api://orders/orders.write']) });
 */
export const MSAL_HTTP_SCOPES = new HttpContextToken<readonly string[] | null>(() => null);
