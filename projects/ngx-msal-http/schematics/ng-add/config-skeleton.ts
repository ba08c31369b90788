/**
 * The configuration ng-add writes into the app: it compiles and boots as is (placeholders are
 * plain strings), and every field carries the comment a first-time user needs to fill it in.
 * Written unindented; the caller indents it to where it lands.
 */
export const CONFIG_SKELETON = `{
  // TODO(ngx-msal-http): fill in your app registration (Microsoft Entra admin center > App registrations).
  // \`msal\` also accepts a PublicClientApplication instance or a factory that returns one.
  msal: {
    auth: {
      clientId: 'YOUR-CLIENT-ID', // Application (client) ID
      authority: 'https://login.microsoftonline.com/YOUR-TENANT-ID', // or .../common, .../organizations
      // Popups and silent renewal report back through this page; in msal-browser 5 it must call
      // broadcastResponseToMainFrame() from '@azure/msal-browser/redirect-bridge'.
      // redirectUri: 'http://localhost:4200/redirect-bridge.html',
    },
  },
  // Which requests get a token, and for which scopes. Keys are absolute URLs or URL prefixes;
  // \`null\` excludes a URL. A request no key covers goes out without a token.
  protectedResourceMap: [
    ['https://graph.microsoft.com/v1.0/me', ['user.read']],
    // ['https://api.contoso.com/orders', [{ httpMethod: 'POST', scopes: ['api://contoso/orders.write'] }, 'api://contoso/orders.read']],
    // ['https://api.contoso.com/orders/health', null],
  ],
  // Scopes consented at sign-in, so one prompt covers the APIs above.
  consentScopes: ['user.read'],
  // How a token that needs the user is obtained: 'popup' (default), 'redirect' or 'none' (fail the request).
  interactionType: 'popup',
}`;

/** `provideMsalHttp({...})` for an application config. */
export function provideMsalHttpCall(): string {
  return `provideMsalHttp(${CONFIG_SKELETON})`;
}

/** `MsalHttpModule.forRoot({...}, withDiInterceptor())` for an NgModule's imports. */
export function msalHttpModuleCall(): string {
  return `MsalHttpModule.forRoot(\n  ${CONFIG_SKELETON.replace(/\n/g, '\n  ')},\n  withDiInterceptor(),\n)`;
}

/** Logged after the skeleton is written. */
export const FILL_IN = 'ngx-msal-http: fill in the TODO(ngx-msal-http) configuration (clientId, authority, protectedResourceMap).';
