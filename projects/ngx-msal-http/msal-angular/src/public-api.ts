/*
 * Public API surface of ngx-msal-http/msal-angular: interop with an existing @azure/msal-angular setup.
 */
export { fromMsalInterceptorConfig, msalAngularInstance } from './from-msal-angular';
