// The demo APIs, described the way Entra ID describes an app registration: an application ID
// URI (the resource, which becomes the access token's `aud`) and the scopes it exposes.
//
// How msal-style scopes map to resources: msal-browser never sends a `resource` parameter; it asks
// for Entra's full form, `<resource>/<scope>` (`api://demo-orders/orders.read`). oidc-provider
// filters requested scopes through the resource server's `scope` list, so each resource server
// declares its scopes in that same full form, and `defaultResource` (oidc.mjs) derives the resource
// from the prefix of the requested scopes. The token's `aud` is the resource; its `scope` claim and
// the token response's `scope` hold the full-form names, exactly what msal requested, which is
// what msal needs to find the token in its cache again. Clients may still send an explicit
// `resource=api://demo-orders` (RFC 8707); it takes precedence.

/** Resource indicator (= audience) -> the short scope names it exposes. */
export const RESOURCES = Object.freeze({
  'api://demo-orders': Object.freeze(['orders.read', 'orders.write']),
  'api://demo-profile': Object.freeze(['profile.read']),
  // Sender-constrained: the provider issues its tokens only to DPoP token requests (oidc.mjs).
  'api://demo-dpop': Object.freeze(['dpop.read']),
});

/** Resources whose access tokens the provider issues DPoP-bound only (RFC 9449). */
export const DPOP_RESOURCES = Object.freeze(['api://demo-dpop']);

/**
 * The full-form scope msal-browser requests for a resource's short scope name.
 *
 * @example fullScope('api://demo-orders', 'orders.read') // 'api://demo-orders/orders.read'
 */
export function fullScope(resource, scope) {
  return `${resource}/${scope}`;
}

/**
 * The known resources named by full-form scopes in a space-separated scope string, in order of
 * first mention. OIDC scopes (`openid`, `offline_access`, ...) name none.
 *
 * @example resourcesInScope('openid api://demo-profile/profile.read') // ['api://demo-profile']
 */
export function resourcesInScope(scope) {
  const found = new Set();
  for (const token of String(scope ?? '').split(' ')) {
    const slash = token.lastIndexOf('/');
    const resource = token.slice(0, slash);
    if (slash > 0 && Object.hasOwn(RESOURCES, resource)) found.add(resource);
  }
  return [...found];
}
