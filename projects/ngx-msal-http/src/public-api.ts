/*
 * Public API surface of ngx-msal-http.
 */

// Protected-resource matching (pure)
export { compileProtectedResourceMap } from './lib/resource-map/compile-protected-resource-map';
export type {
  CompileProtectedResourceMapOptions,
  MethodScopes,
  ProtectedResourceMap,
  ProtectedResourceMatcher,
  ProtectedResourceScopes,
  ResourceMatch,
} from './lib/resource-map/protected-resource-map';

// Errors
export { MsalHttpError, MSAL_HTTP_ERROR_CODES } from './lib/config/msal-http-error';
export type { MsalHttpErrorCode } from './lib/config/msal-http-error';
