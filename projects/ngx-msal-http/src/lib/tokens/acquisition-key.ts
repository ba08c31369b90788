import type { AccountInfo } from '@azure/msal-browser';

import { MsalHttpAuthRequest } from '../config/msal-http-config';

/**
 * What makes two acquisitions the same one, for single flight and the memory cache: the account,
 * the scope set (order-insensitive), the claims, and the request fields that change which token
 * msal-browser returns (those in its own request thumbprint, plus the cache policy). Fields that
 * only shape an interaction (`popupWindowParent`, `prompt`, `loginHint`, callbacks…) are left out,
 * and nothing here throws, whatever the fields hold.
 */
export function acquisitionKey(
  account: AccountInfo | null,
  scopes: readonly string[],
  claims: string | undefined,
  fields: MsalHttpAuthRequest,
): string {
  let key = `${account?.homeAccountId ?? ''}\n${scopes.join(' ')}\n${claims ?? ''}`;
  for (const name of IDENTIFYING_FIELDS) {
    const value = (fields as Readonly<Record<string, unknown>>)[name];
    if (value !== undefined && value !== null && value !== '') key += `\n${name}=${describe(value)}`;
  }
  return key;
}

/** Scopes as a set in a stable order: msal-browser de-duplicates in-flight requests without sorting. */
export function sortedScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes)].sort();
}

const IDENTIFYING_FIELDS = [
  'authority',
  'authenticationScheme',
  'resourceRequestMethod',
  'resourceRequestUri',
  'shrClaims',
  'shrNonce',
  'sshKid',
  'sshJwk',
  'resource',
  'embeddedClientId',
  'forceRefresh',
  'cacheLookupPolicy',
  'extraParameters',
  'extraQueryParameters',
  'tokenQueryParameters',
];

// Primitives as they are; a flat record or list of primitives (records sorted by name); anything
// else (a window, a function, a nested object) by its type only.
function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return primitive(value);
  if (Array.isArray(value)) return `[${value.map(primitive).join(',')}]`;
  const record = value as Readonly<Record<string, unknown>>;
  return `{${Object.keys(record)
    .sort()
    .map((name) => `${name}:${primitive(record[name])}`)
    .join(',')}}`;
}

function primitive(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return value === null ? 'null' : typeof value;
  }
}
