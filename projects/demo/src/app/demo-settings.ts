import { InjectionToken } from '@angular/core';
import type { MsalHttpInteractionType } from 'ngx-msal-http';

/** The two ways the demo boots; both render the same components. */
export type DemoVariant = 'standalone' | 'module';

/**
 * Where the demo's OpenID provider and API live, and how the app boots. `npm start` (and the
 * end-to-end runner) choose the ports, so the values arrive at run time in `demo-config.json`
 * instead of being compiled in. A real app would keep them in its environment files.
 */
export interface DemoSettings {
  /** The OpenID provider, e.g. `https://localhost:3443`. */
  readonly issuer: string;
  readonly clientId: string;
  /** The protected API, e.g. `http://localhost:3001`. */
  readonly apiUrl: string;
  /** The same API over https, e.g. `https://localhost:3002`: its DPoP route (RFC 9449 proofs must name an https URL). */
  readonly dpopApiUrl: string;
  readonly variant: DemoVariant;
  readonly interactionType: MsalHttpInteractionType;
  /**
   * `false` (`?bridge=off`) points redirectUri at the app itself instead of the redirect bridge
   * page: the misconfiguration ngx-msal-http detects and works around (README, "Redirect bridge").
   */
  readonly bridge: boolean;
  /**
   * Where msal-browser keeps its cache. `?cache=local` picks localStorage: tabs then share tokens,
   * and msal relays sign-in, sign-out and active-account changes between them (the library's
   * token memory follows those; see docs/token-cache.md). Default sessionStorage.
   */
  readonly cacheLocation: DemoCacheLocation;
  /**
   * `true` (`?renewal=on`) adds `withTokenRenewal()`: tokens are renewed shortly before they stop
   * being served, so requests never wait for the token endpoint (docs/token-cache.md).
   */
  readonly renewal: boolean;
  /**
   * msal-browser's `system.tokenRenewalOffsetSeconds` (`?offset=<seconds>`), `null` for msal's
   * default (300). Short-lived tokens (the end-to-end tests use 20 s) need an offset below their
   * lifetime, or msal refreshes on every request.
   */
  readonly renewalOffsetSeconds: number | null;
}

/** msal-browser cache locations the demo offers. */
export type DemoCacheLocation = 'sessionStorage' | 'localStorage';

/** The settings the components read (the same object in both variants). */
export const DEMO_SETTINGS = new InjectionToken<DemoSettings>('DEMO_SETTINGS');

/** `npm start`'s default ports, used when `demo-config.json` is missing (a plain `ng serve demo`). */
const DEFAULTS: DemoSettings = {
  issuer: 'https://localhost:3443',
  clientId: 'ngx-msal-http-demo',
  apiUrl: 'http://localhost:3001',
  dpopApiUrl: 'https://localhost:3002',
  variant: 'standalone',
  interactionType: 'popup',
  bridge: true,
  cacheLocation: 'sessionStorage',
  renewal: false,
  renewalOffsetSeconds: null,
};

// `?cache=` values, by the cache location they choose.
const CACHES: Readonly<Record<string, DemoCacheLocation>> = { session: 'sessionStorage', local: 'localStorage' };

const VARIANTS: readonly DemoVariant[] = ['standalone', 'module'];
const INTERACTIONS: readonly MsalHttpInteractionType[] = ['popup', 'redirect', 'none'];

let loaded: DemoSettings | null = null;

/**
 * Reads `demo-config.json`, then lets the page's query override the boot choices:
 * `?variant=module`, `?interaction=redirect|none`, `?cache=local`, `?bridge=off`, `?renewal=on` and
 * `?offset=<seconds>`. msal-browser returns to the page that
 * started a redirect sign-in, query included, so the choice survives the round trip.
 */
export async function loadDemoSettings(): Promise<DemoSettings> {
  const fromFile = await fetch('demo-config.json', { cache: 'no-store' })
    .then((response) => (response.ok ? (response.json() as Promise<Partial<DemoSettings>>) : {}))
    .catch(() => ({}));
  const query = new URLSearchParams(window.location.search);
  const merged = { ...DEFAULTS, ...fromFile };
  loaded = {
    ...merged,
    variant: pick(query.get('variant') ?? merged.variant, VARIANTS, DEFAULTS.variant),
    interactionType: pick(query.get('interaction') ?? merged.interactionType, INTERACTIONS, DEFAULTS.interactionType),
    bridge: query.get('bridge') !== 'off' && merged.bridge,
    cacheLocation: CACHES[query.get('cache') ?? ''] ?? merged.cacheLocation,
    renewal: query.has('renewal') ? query.get('renewal') === 'on' : merged.renewal,
    renewalOffsetSeconds: seconds(query.get('offset')) ?? merged.renewalOffsetSeconds,
  };
  return loaded;
}

/**
 * The settings {@link loadDemoSettings} read. The NgModule variant needs them while its module
 * file is evaluated (`MsalHttpModule.forRoot(...)` sits in a decorator), which is why main.ts
 * imports that file only after loading them.
 */
export function loadedDemoSettings(): DemoSettings {
  if (!loaded) throw new Error('loadDemoSettings() must finish before the app module is imported');
  return loaded;
}

function seconds(value: string | null): number | null {
  const parsed = value === null || value === '' ? NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : null;
}

function pick<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}
