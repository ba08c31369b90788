/*
 * Public API surface of ngx-msal-http/testing.
 */
export { FakeMsalClient, FakePopupWindow, fakeAccount } from './fake-msal-client';
export type { FakeBehavior, FakeIssuedToken, FakeMsalCalls, FakeOutcome } from './fake-msal-client';
export {
  authError,
  interactionInProgressError,
  interactionRequiredError,
  networkError,
  popupBlockedError,
  serverError,
  userCancelledError,
} from './fake-msal-errors';
export { MsalHttpTestingController, provideMsalHttpTesting, provideMsalHttpTestingController } from './provide-msal-http-testing';
export type { MsalHttpRequestMatch, MsalHttpTestingOptions } from './provide-msal-http-testing';
