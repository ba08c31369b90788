import { Configuration, ProtocolMode, PublicClientApplication } from '@azure/msal-browser';

import { BenchMaps, BenchRequest } from './resource-maps';
import type { ScenarioDefinition } from './sessions';

/** Where the local OpenID provider and the API of the end-to-end tests run (from the Node side). */
export interface RealClientSetup {
  readonly issuer: string;
  readonly clientId: string;
  readonly apiUrl: string;
  /** The same API on https: DPoP proofs need an https `htu` (scenario 8). */
  readonly apiHttpsUrl: string;
  readonly origin: string;
}

const ORDERS_READ = 'api://demo-orders/orders.read';
const ORDERS_WRITE = 'api://demo-orders/orders.write';
const PROFILE_READ = 'api://demo-profile/profile.read';

function configFor(setup: RealClientSetup): Configuration {
  return {
    auth: {
      clientId: setup.clientId,
      authority: setup.issuer,
      knownAuthorities: [new URL(setup.issuer).host],
      redirectUri: `${setup.origin}/redirect-bridge.html`,
    },
    cache: { cacheLocation: 'sessionStorage' },
    system: { protocolMode: ProtocolMode.OIDC },
  };
}

/**
 * Signs in with a real popup (the Node side fills the provider's forms) and caches a token for
 * each API, so that afterwards every PublicClientApplication on this page answers
 * acquireTokenSilent from its sessionStorage cache. Resolves to what the second silent call says.
 */
export async function realLogin(setup: RealClientSetup): Promise<{ username: string; fromCache: boolean[] }> {
  const pca = new PublicClientApplication(configFor(setup));
  await pca.initialize();
  await pca.handleRedirectPromise();
  const login = await pca.loginPopup({ scopes: [ORDERS_READ, ORDERS_WRITE], extraScopesToConsent: [PROFILE_READ], prompt: 'consent' });
  pca.setActiveAccount(login.account);
  const fromCache: boolean[] = [];
  for (const scopes of [[ORDERS_READ], [PROFILE_READ]]) {
    await pca.acquireTokenSilent({ scopes, account: login.account });
    fromCache.push((await pca.acquireTokenSilent({ scopes, account: login.account })).fromCache);
  }
  return { username: login.account.username, fromCache };
}

/** Scenario 6: scenario 2's shape with real PublicClientApplications (a new one per variant, one cache). */
export function realClientScenario(setup: RealClientSetup): Omit<ScenarioDefinition, 'variants'> {
  return realScenario(setup, [
    [`${setup.apiUrl}/orders`, ORDERS_READ],
    [`${setup.apiUrl}/profile`, PROFILE_READ],
  ]);
}

/**
 * Scenario 8: one mapped https URL, the token for it cached, with real PublicClientApplications:
 * `ours` attaches the bearer token from memory, `ours-dpop` (withDpop() for that key) has msal
 * sign a fresh proof for every request and attaches the DPoP-bound token (msal's cache).
 */
export function dpopScenario(setup: RealClientSetup): Omit<ScenarioDefinition, 'variants'> {
  return realScenario(setup, [[`${setup.apiHttpsUrl}/orders`, ORDERS_READ]]);
}

// GETs to each URL, each mapped to its one scope in both libraries' syntaxes; a new real client per variant.
function realScenario(
  setup: RealClientSetup,
  routes: readonly (readonly [url: string, scope: string])[],
): Omit<ScenarioDefinition, 'variants'> {
  const requests: BenchRequest[] = routes.map(([url]) => ({ method: 'GET', url }));
  const maps: BenchMaps = {
    ours: routes.map(([url, scope]) => [url, [scope]]),
    theirs: new Map(routes.map(([url, scope]) => [url, [scope]])),
    middle: requests[0],
    samples: requests,
  };
  return { maps, requests, client: () => new PublicClientApplication(configFor(setup)) };
}
