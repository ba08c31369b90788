/*
 * Public API surface of ngx-msal-http/matching: the protectedResourceMap matcher with no Angular
 * imports, for plain Node (see matching/README.md). The main entry point exports the same names.
 * This entry point bundles its own copy of the matcher and of `MsalHttpError`: an error it throws
 * is an instance of the `MsalHttpError` exported here, so code that mixes the two entry points
 * should compare `error.code`.
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
