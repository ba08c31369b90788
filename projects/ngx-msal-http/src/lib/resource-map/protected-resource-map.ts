/**
 * Scopes for one HTTP method of a protected resource. `scopes: null` excludes that method.
 *
 * @example
 * ['https://api.contoso.com/orders', [{ httpMethod: 'POST', scopes: ['orders.write'] }, 'orders.read']]
 */
export interface MethodScopes {
  readonly httpMethod: string;
  readonly scopes: readonly string[] | null;
}

/**
 * What a protectedResourceMap key maps to: a scope list, `null` to exclude the subtree from token
 * attachment, or a list mixing plain scopes with per-method entries.
 */
export type ProtectedResourceScopes = readonly (string | MethodScopes)[] | null;

/**
 * URL patterns to scopes, as a `Map`, an array of `[key, value]` pairs or a plain object. The
 * matching rules are documented in `docs/matching.md`.
 *
 * @example
 * const map: ProtectedResourceMap = [
 *   ['https://graph.microsoft.com/v1.0/me', ['user.read']],
 *   ['https://*.contoso.com/api', ['api://contoso/.default']],
 *   ['/api/public', null],
 * ];
 */
export type ProtectedResourceMap =
  | ReadonlyMap<string, ProtectedResourceScopes>
  | ReadonlyArray<readonly [string, ProtectedResourceScopes]>
  | { readonly [key: string]: ProtectedResourceScopes };

/** The key that won for a request and the scopes to request a token for. */
export interface ResourceMatch {
  /** The key exactly as it was written in the map. */
  readonly key: string;
  readonly scopes: readonly string[];
}

/** Options for {@link compileProtectedResourceMap}. */
export interface CompileProtectedResourceMapOptions {
  /**
   * Absolute URL that relative keys and relative request URLs resolve against. The providers pass
   * the document's base URI; without a base, relative keys are a configuration error and relative
   * request URLs never match.
   */
  readonly baseUrl?: string;
}

/**
 * A protectedResourceMap compiled once. `match` is pure and cheap: one URL parse, then hash
 * look-ups and a walk over the few keys that share the request's host.
 */
export interface ProtectedResourceMatcher {
  /** The map's keys, in the order they were given. */
  readonly keys: readonly string[];
  /**
   * The most specific key covering `url` for `method` (default `GET`) and its scopes, or `null`
   * when no token must be attached (no key covers the URL, or the winning key excludes it).
   */
  match(url: string, method?: string): ResourceMatch | null;
}
