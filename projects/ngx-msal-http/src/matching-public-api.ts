/*
 * Public API surface of ngx-msal-http/matching: the protectedResourceMap matcher with no Angular
 * imports, for plain Node (matching/README.md). The main entry point exports the same names.
 * This entry point bundles its own copy of the matcher and of `MsalHttpError`; `instanceof
 * MsalHttpError` holds across both copies.
 *
 * This file, not matching/src/public-api.ts, is the entry file: ng-packagr compiles each entry
 * point with its entry file's folder as `rootDir`, and the matcher lives in src/lib/resource-map/
 * (its errors in src/lib/config/msal-http-error.ts), where the main entry point compiles it too.
 * Nothing reachable from here may import `@angular/*`; `npm run package:check` fails if the built
 * fesm2022/ngx-msal-http-matching.mjs does.
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
