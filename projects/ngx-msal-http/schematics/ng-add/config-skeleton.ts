import { AppRegistration, hasPlaceholders } from './app-registration';

/** Where the redirect bridge page is served, relative to the app's origin (see redirect-bridge.ts). */
export const BRIDGE_PATH = '/redirect-bridge.html';

/**
 * The configuration ng-add writes into the app, from what the options told us. It compiles and
 * boots as is; whatever the options left out is a placeholder under a TODO(ngx-msal-http) comment,
 * and every field carries the comment a first-time user needs. Written unindented; the caller
 * indents it to where it lands.
 */
export function configSource(registration: AppRegistration): string {
  const { provider, clientId, authority, apiUrl, apiScopes, serverRendering } = registration;
  const oidc = provider === 'oidc';
  // On the server this file is evaluated too, without `window`; msal-browser never runs there.
  const origin = serverRendering ? 'globalThis.location?.origin' : 'window.location.origin';
  const lines: string[] = ['{'];
  if (hasPlaceholders(registration)) {
    lines.push(
      oidc
        ? '  // TODO(ngx-msal-http): fill in the placeholders with your client registration at your OpenID provider.'
        : '  // TODO(ngx-msal-http): fill in the placeholders with your app registration (Microsoft Entra admin center > App registrations).',
    );
  }
  const authorityValue = authority ?? (oidc ? 'https://YOUR-PROVIDER' : 'https://login.microsoftonline.com/YOUR-TENANT-ID');
  lines.push(
    '  // `msal` also accepts a PublicClientApplication instance or a factory that returns one.',
    '  msal: {',
    '    auth: {',
    `      clientId: ${quote(clientId ?? 'YOUR-CLIENT-ID')}, // ${oidc ? 'the client_id of a public client (PKCE, no secret)' : 'Application (client) ID'}`,
    `      authority: ${quote(authorityValue)},${oidc ? ' // the issuer' : authority ? '' : ' // or .../common, .../organizations'}`,
  );
  if (oidc) {
    lines.push(
      '      // Not a Microsoft cloud: msal-browser only talks to an authority it is told to trust.',
      `      knownAuthorities: [${quote(authority ? new URL(authority).host : 'YOUR-PROVIDER')}],`,
    );
  }
  lines.push(
    "      // msal-browser 5 hands the provider's answer back through this tiny static page (made by ng add,",
    '      // it calls broadcastResponseToMainFrame()); a popup sign-out returns there too. Register both',
    `      // URIs with your ${oidc ? 'provider' : "app registration's Single-page application platform"}.`,
    ...(serverRendering ? ['      // globalThis.location: undefined during server-side rendering, where msal-browser never runs.'] : []),
    `      redirectUri: ${origin} + '${BRIDGE_PATH}',`,
    '      // Where a sign-out by redirect comes back to.',
    `      postLogoutRedirectUri: ${origin} + '/',`,
    '    },',
  );
  if (oidc) {
    lines.push(
      '    // Plain OpenID Connect (discovery from <authority>/.well-known/openid-configuration). msal-browser 5',
      '    // reads protocolMode from `system`: under `auth` it is silently ignored (endpoints_resolution_error).',
      '    system: { protocolMode: ProtocolMode.OIDC },',
    );
  }
  lines.push('  },');

  const scopes = apiScopes.length > 0 ? apiScopes : [apiUrl || oidc ? 'YOUR-API-SCOPE' : 'user.read'];
  const key = apiUrl ?? (apiScopes.length > 0 || oidc ? 'https://YOUR-API' : 'https://graph.microsoft.com/v1.0/me');
  const scopeList = `[${scopes.map(quote).join(', ')}]`;
  lines.push(
    '  // Which requests get a token, and for which scopes. Keys are absolute URLs or URL prefixes;',
    '  // `null` excludes a URL. A request no key covers goes out without a token.',
    '  protectedResourceMap: [',
    `    [${quote(key)}, ${scopeList}],`,
    "    // ['https://api.contoso.com/orders', [{ httpMethod: 'POST', scopes: ['api://contoso/orders.write'] }, 'api://contoso/orders.read']],",
    '  ],',
    '  // Scopes consented at sign-in, so one prompt covers the APIs above.',
    `  consentScopes: ${scopeList},`,
  );
  if (oidc) {
    lines.push(
      '  // Some providers (a default oidc-provider setup) only issue a refresh token when sign-in asks for consent;',
      "  // if silent renewal fails after the first access token expires, add: authRequest: { prompt: 'consent' },",
      "  // (Entra ID and the ngx-msal-http repository's local provider need no such prompt.)",
    );
  }
  lines.push(
    "  // How a token that needs the user is obtained: 'popup' (default), 'redirect' or 'none' (fail the request).",
    "  interactionType: 'popup',",
    '}',
  );
  return lines.join('\n');
}

/**
 * Symbols the config needs besides the provider call: `ProtocolMode` and `withCrossTabSync` for an
 * OIDC provider.
 */
export function configImports(registration: AppRegistration): readonly (readonly [symbol: string, module: string])[] {
  return registration.provider === 'oidc'
    ? [
        ['ProtocolMode', '@azure/msal-browser'],
        ['withCrossTabSync', 'ngx-msal-http'],
      ]
    : [];
}

/**
 * The features ng add turns on, each line after its comment: for a generic OpenID provider,
 * `withCrossTabSync()`, since such providers commonly rotate refresh tokens and revoke the grant
 * when one is redeemed twice (two tabs renewing at once). Entra ID does not revoke on reuse.
 */
function featureLines(registration: AppRegistration): readonly string[] {
  return registration.provider === 'oidc'
    ? [
        '// Tabs take turns renewing tokens (a provider that rotates refresh tokens revokes the grant',
        '// when two tabs redeem the same one) and share one sign-in popup. Sharing needs one cache for all',
        "// tabs: add cache: { cacheLocation: 'localStorage' } to msal above (msal's default is sessionStorage).",
        'withCrossTabSync(),',
      ]
    : [];
}

/** `provideMsalHttp({...})` for an application config. */
export function provideMsalHttpCall(registration: AppRegistration): string {
  const features = featureLines(registration);
  if (features.length === 0) return `provideMsalHttp(${configSource(registration)})`;
  return `provideMsalHttp(\n  ${configSource(registration).replace(/\n/g, '\n  ')},\n  ${features.join('\n  ')}\n)`;
}

/** `MsalHttpModule.forRoot({...}, withDiInterceptor())` for an NgModule's imports. */
export function msalHttpModuleCall(registration: AppRegistration): string {
  const features = [...featureLines(registration), 'withDiInterceptor(),'];
  return `MsalHttpModule.forRoot(\n  ${configSource(registration).replace(/\n/g, '\n  ')},\n  ${features.join('\n  ')}\n)`;
}

/** Logged after the config is written. */
export function afterSetup(registration: AppRegistration): string {
  return hasPlaceholders(registration)
    ? 'ngx-msal-http: fill in the TODO(ngx-msal-http) configuration (clientId, authority, protectedResourceMap).'
    : `ngx-msal-http: configured for ${registration.authority}; register <app origin>${BRIDGE_PATH} as a redirect URI there.`;
}

/** A TypeScript single-quoted string literal. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
