import { SchematicsException } from '@angular-devkit/schematics';

import { NgAddOptions } from './schema';

/** What ng-add knows about the app registration (and the app); `null` fields become placeholders. */
export interface AppRegistration {
  readonly provider: 'entra' | 'oidc';
  /** The app renders on the server too (SSR or prerendering), where `window` does not exist. */
  readonly serverRendering: boolean;
  readonly clientId: string | null;
  /** An https URL without a trailing slash. */
  readonly authority: string | null;
  readonly apiUrl: string | null;
  readonly apiScopes: readonly string[];
}

/**
 * Reads and checks the ng-add options once, before anything is written: an empty answer to a
 * prompt counts as "fill in later"; a value that cannot work stops ng-add with the fix.
 *
 * @example
 * appRegistration({ provider: 'oidc', authority: 'https://id.contoso.com/', apiScopes: 'a, b' }, false);
 * // { provider: 'oidc', authority: 'https://id.contoso.com', apiScopes: ['a', 'b'], clientId: null, apiUrl: null, … }
 */
export function appRegistration(options: NgAddOptions, serverRendering: boolean): AppRegistration {
  const provider = options.provider ?? 'entra';
  if (provider !== 'entra' && provider !== 'oidc') {
    throw new SchematicsException(`ngx-msal-http: --provider must be entra or oidc, not "${String(provider)}".`);
  }
  return {
    provider,
    serverRendering,
    clientId: given(options.clientId),
    authority: authorityOf(given(options.authority)),
    apiUrl: apiUrlOf(given(options.apiUrl)),
    apiScopes: (options.apiScopes ?? '')
      .split(',')
      .map((scope) => scope.trim())
      .filter((scope) => scope !== ''),
  };
}

/** Whether the config still has something to fill in. */
export function hasPlaceholders(registration: AppRegistration): boolean {
  return !registration.clientId || !registration.authority || !registration.apiUrl || registration.apiScopes.length === 0;
}

function given(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

// msal-browser accepts https authorities only (no localhost exception: authority_uri_insecure).
function authorityOf(value: string | null): string | null {
  if (value === null) return null;
  const url = parseUrl(value);
  if (url?.protocol !== 'https:') {
    throw new SchematicsException(
      `ngx-msal-http: --authority must be an https URL such as https://login.microsoftonline.com/<tenant-id>, not "${value}".`,
    );
  }
  return url.href.replace(/\/$/, '');
}

function apiUrlOf(value: string | null): string | null {
  if (value === null || value.startsWith('/')) return value;
  const url = parseUrl(value);
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new SchematicsException(
      `ngx-msal-http: --api-url must be an http(s) URL such as https://api.contoso.com or a path such as /api, not "${value}".`,
    );
  }
  return value;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
