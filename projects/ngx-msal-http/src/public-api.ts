/*
 * Public API surface of ngx-msal-http.
 */

// Setup
export { provideMsalHttp } from './lib/provide-msal-http';
export { MsalHttpModule } from './lib/msal-http-module';
export { withDiInterceptor, withTokenRenewal } from './lib/msal-http-feature';
export type { MsalHttpFeature, MsalHttpFeatureKind } from './lib/msal-http-feature';
export { withCrossTabSync } from './lib/tokens/cross-tab-sync';
export { withDpop } from './lib/dpop/with-dpop';
export type { MsalHttpDpopOptions } from './lib/dpop/with-dpop';
export { MSAL_HTTP_CONFIG } from './lib/config/msal-http-config';
export type {
  MsalClientSource,
  MsalHttpAuthRequest,
  MsalHttpAuthRequestFn,
  MsalHttpConfig,
  MsalHttpInteractionType,
  MsalHttpTimeouts,
  ResolvedMsalHttpConfig,
} from './lib/config/msal-http-config';

// Interceptor
export { msalHttpInterceptor, MsalHttpInterceptor } from './lib/interceptor/msal-http-interceptor';
export { MSAL_HTTP_SCOPES, MSAL_HTTP_SKIP } from './lib/interceptor/http-context-tokens';

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
export { PROTECTED_RESOURCE_MATCHER } from './lib/resource-map/protected-resource-matcher-token';

// Tokens and sign-in
export { MSAL_HTTP_CLIENT } from './lib/tokens/msal-client';
export { MSAL_HTTP_RENEWAL_LOCKS } from './lib/tokens/web-locks';
export { MsalHttpAuth } from './lib/auth/msal-http-auth';
export { msalHttpGuard } from './lib/auth/msal-http-guard';
export type { MsalHttpGuardOptions, MsalHttpIdTokenClaims } from './lib/auth/msal-http-guard';

// Events
export { MsalHttpEvents } from './lib/events/msal-http-events';
export type {
  MsalBrowserEvent,
  MsalBrowserEventOfType,
  MsalBrowserEventShape,
  MsalBrowserPayload,
  MsalBrowserPayloads,
  MsalHttpAccount,
  MsalHttpEvent,
  MsalHttpEventOfType,
  MsalHttpEventType,
  TokenRequestInfo,
  TokenResultInfo,
} from './lib/events/msal-http-event';

// Errors
export { MsalHttpError, MsalHttpErrorCode } from './lib/config/msal-http-error';

// Private: for ngx-msal-http/testing only; not covered by semver.
export { MsalHttpEventBus as ɵMsalHttpEventBus } from './lib/events/msal-http-event-bus';
