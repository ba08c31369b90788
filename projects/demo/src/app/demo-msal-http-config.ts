import { ProtocolMode } from '@azure/msal-browser';
import { MsalHttpFeature, withCrossTabSync, withDpop, withTokenRenewal } from 'ngx-msal-http';
import type { MsalHttpConfig } from 'ngx-msal-http';

import { DemoSettings } from './demo-settings';

// The demo API's two resources, named the way Entra ID names them: `<application ID URI>/<scope>`.
export const ORDERS_READ = 'api://demo-orders/orders.read';
export const ORDERS_WRITE = 'api://demo-orders/orders.write';
export const PROFILE_READ = 'api://demo-profile/profile.read';
// Sender-constrained: the provider issues these tokens DPoP-bound only.
export const DPOP_READ = 'api://demo-dpop/dpop.read';

/**
 * The one ngx-msal-http configuration both variants use (`provideMsalHttp(config)` and
 * `MsalHttpModule.forRoot(config)`). This is the file to read first.
 */
export function demoMsalHttpConfig(settings: DemoSettings): MsalHttpConfig {
  const app = window.location.origin;
  return {
    // A msal-browser Configuration; the library builds the PublicClientApplication from it.
    msal: {
      auth: {
        clientId: settings.clientId,
        authority: settings.issuer,
        // The local provider is not a Microsoft cloud: msal must trust it and speak plain OIDC.
        knownAuthorities: [new URL(settings.issuer).host],
        // A tiny static page that hands the provider's response back: the one ng add writes
        // (projects/ngx-msal-http/schematics/ng-add/redirect-bridge.html; angular.json serves it).
        // ?bridge=off uses the app itself, which msal-browser 5 cannot complete a popup with; the
        // library notices when the app boots in the popup, says so, and relays the response.
        redirectUri: settings.bridge ? `${app}/redirect-bridge.html` : `${app}/`,
        postLogoutRedirectUri: `${app}/`,
      },
      // sessionStorage by default; ?cache=local shares the cache (and sign-in state) between tabs.
      cache: { cacheLocation: settings.cacheLocation },
      system: {
        protocolMode: ProtocolMode.OIDC,
        // ?offset=<seconds>: how long before expiry msal stops returning a cached token (default 300).
        ...(settings.renewalOffsetSeconds === null ? {} : { tokenRenewalOffsetSeconds: settings.renewalOffsetSeconds }),
      },
    },

    // URL -> scopes. Anything the map does not name (GET /public, or http://127.0.0.1:<port>, which
    // only looks like the API) is sent without a token. Matching rules: docs/matching.md.
    protectedResourceMap: [
      // The plain scope (orders.read) applies to every method; the POST entry adds orders.write,
      // so a POST asks for both (as in msal-angular). Use { httpMethod: 'GET', ... } entries
      // instead of a plain scope to give each method only its own scopes.
      [`${settings.apiUrl}/orders`, [{ httpMethod: 'POST', scopes: [ORDERS_WRITE] }, ORDERS_READ]],
      // Another API, another audience: this token is useless to /orders and the other way round.
      [`${settings.apiUrl}/profile`, [PROFILE_READ]],
      // DPoP-bound tokens (see demoMsalHttpFeatures below): the API verifies a proof per request over https.
      [`${settings.dpopApiUrl}/dpop`, [DPOP_READ]],
    ],

    // What a request does when it needs the user: 'popup' (default), 'redirect', or 'none' (fail
    // with MSALHTTP200 / MSALHTTP203 and let the app decide). Try ?interaction=redirect.
    interactionType: settings.interactionType,

    // Asked for at sign-in, so later calls get their tokens silently.
    consentScopes: [ORDERS_READ, ORDERS_WRITE],

    // Added to every token request. The local provider (oidc-provider) only issues a refresh token
    // when the user is asked to consent, and consent for the profile API is collected up front
    // (a sign-in names one API's scopes; other APIs go in extraScopesToConsent). Entra ID needs
    // neither. Silent requests are not affected: a refresh token needs neither field, and
    // msal-browser's hidden-iframe fallback replaces the prompt with 'none'.
    authRequest: { prompt: 'consent', extraScopesToConsent: [PROFILE_READ, DPOP_READ] },
  };
}

/**
 * The optional features the settings ask for: `?renewal=on` renews tokens before they expire; and
 * always `withCrossTabSync()` (the local provider rotates refresh tokens and revokes the grant when
 * two tabs redeem the same one; it also carries sign-out and the sign-in popup across tabs) and
 * `withDpop(...)` for the key of the API's DPoP route: its requests carry
 * `Authorization: DPoP …` and a `DPoP` proof msal-browser signs for each one (README,
 * "Sender-constrained tokens").
 */
export function demoMsalHttpFeatures(settings: DemoSettings): MsalHttpFeature[] {
  return [withCrossTabSync(), withDpop({ keys: [`${settings.dpopApiUrl}/dpop`] }), ...(settings.renewal ? [withTokenRenewal()] : [])];
}
