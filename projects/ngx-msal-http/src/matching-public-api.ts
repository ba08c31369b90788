/*
 * Public API surface of ngx-msal-http/matching: the protectedResourceMap matcher with no Angular
 * imports, for plain Node (see matching/README.md). The main entry point exports the same names.
 * This entry point bundles its own copy of the matcher and of `MsalHttpError`; `instanceof
 * MsalHttpError` holds across both copies.
 */
export { compileProtectedResourceMap } from './lib/resource-map/compile-protected-resource-map';
export type {
  CompileProtectedResourceMapOptions,
  MethodScopes,
  ProtectedResourceMap,
  ProtectedResourceMatcher,
  ProtectedResourceScopes,
  ResourceMatch,
} from './lib/resource-map/protected-resource-map';
export { MsalHttpError, MsalHttpErrorCode } from './lib/config/msal-http-error';
