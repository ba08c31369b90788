import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { inject, provideEnvironmentInitializer } from '@angular/core';

import { MSAL_HTTP_CONFIG } from '../config/msal-http-config';
import type { MsalHttpError } from '../config/msal-http-error';
import { challengeParams } from '../interceptor/claims-challenge';
import type { MsalHttpFeature } from '../msal-http-feature';
import { protectedResourceEntries } from '../resource-map/compile-protected-resource-map';
import { PROTECTED_RESOURCE_MATCHER } from '../resource-map/protected-resource-matcher-token';
import { dpopKeyNotHttps, dpopKeyNotInMap, dpopNonceUnsupported, dpopProofMissing, dpopProofRejected } from './dpop-errors';
import { DpopPolicy, DpopResource, MSAL_HTTP_DPOP } from './dpop-policy';

/** Options of {@link withDpop}. */
export interface MsalHttpDpopOptions {
  /**
   * The protectedResourceMap keys whose tokens are DPoP-bound, written exactly as in the map.
   * Omitted: every key that maps to scopes. Each must be https (msal-browser signs no proof for
   * an http URL, localhost included): anything else is `MSALHTTP141` at startup.
   */
  readonly keys?: readonly string[];
}

/**
 * Sender-constrained tokens (OAuth 2.0 DPoP, RFC 9449) for some or all protectedResourceMap keys.
 * A request such a key wins is sent with `Authorization: DPoP <token>` and `DPoP: <proof>`;
 * msal-browser signs the proof for that request's method and URL (without query and fragment) in
 * every acquisition, so these requests always go through msal: never the interceptor's memory,
 * never a proof shared by single flight or reused by a retry. A 401 `use_dpop_nonce` fails with
 * `MSALHTTP241` (msal-browser puts no server nonce in resource proofs) and `invalid_dpop_proof`
 * with `MSALHTTP242`. The provider must issue DPoP tokens for the key's scopes. See docs/dpop.md.
 *
 * @example
 * provideMsalHttp(
 *   { msal, protectedResourceMap: [['https://api.contoso.com/payments', ['api://payments/pay']]] },
 *   withDpop({ keys: ['https://api.contoso.com/payments'] }),
 * )
 */
export function withDpop(options: MsalHttpDpopOptions = {}): MsalHttpFeature<'dpop'> {
  const keys = options.keys ? [...options.keys] : null;
  return {
    ɵkind: 'dpop',
    ɵproviders: [
      {
        provide: MSAL_HTTP_DPOP,
        useFactory: () => {
          const document = inject(DOCUMENT, { optional: true });
          // Compiling the map first reports its own errors before ours.
          inject(PROTECTED_RESOURCE_MATCHER);
          return createDpopPolicy(keys, inject(MSAL_HTTP_CONFIG).protectedResourceMap, document);
        },
      },
      // Validated at startup, like the map.
      provideEnvironmentInitializer(() => void inject(MSAL_HTTP_DPOP)),
    ],
  };
}

/** The policy for `keys` (`null`: every key with scopes) of `map`, validated. */
export function createDpopPolicy(
  keys: readonly string[] | null,
  map: Parameters<typeof protectedResourceEntries>[0],
  document: Document | null,
): DpopPolicy {
  const baseUrl = document?.baseURI || undefined;
  const entries = [...protectedResourceEntries(map)];
  const known = entries.map(([key]) => key);
  const chosen = new Set(keys ?? entries.filter(([, value]) => value !== null).map(([key]) => key));
  for (const key of chosen) {
    if (!known.includes(key)) throw dpopKeyNotInMap(key, known);
    const scheme = schemeOf(key, baseUrl);
    if (scheme !== 'https:') throw dpopKeyNotHttps(key, scheme ?? 'of no known scheme');
  }
  return {
    // The base as it is now, as the browser resolves a relative URL when sending.
    resourceFor: (key, request) =>
      chosen.has(key) ? { method: request.method.toUpperCase(), uri: htu(request.url, document?.baseURI || undefined) } : null,
    headers: (result, resource) => {
      if (!result.dpopProof || result.tokenType?.toLowerCase() !== 'dpop') {
        throw dpopProofMissing(resource.method, resource.uri, result.tokenType);
      }
      return { Authorization: `DPoP ${result.accessToken}`, DPoP: result.dpopProof };
    },
    refusal: (error, resource) => refusal(error, resource),
  };
}

function refusal(error: HttpErrorResponse, resource: DpopResource): MsalHttpError | null {
  for (const params of challengeParams(error.headers.get('WWW-Authenticate'), 'dpop')) {
    const code = params.get('error');
    if (code === 'use_dpop_nonce') return dpopNonceUnsupported(resource.method, resource.uri, error);
    if (code === 'invalid_dpop_proof')
      return dpopProofRejected(resource.method, resource.uri, params.get('error_description') ?? null, error);
  }
  return null;
}

// RFC 9449 htu: the request's absolute URL without query and fragment (msal normalizes it again).
function htu(url: string, baseUrl: string | undefined): string {
  try {
    const parsed = new URL(url, baseUrl);
    parsed.search = '';
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

const SCHEME = /^([a-z][a-z\d+.-]*:)\/\//i;

function schemeOf(key: string, baseUrl: string | undefined): string | null {
  const own = SCHEME.exec(key);
  if (own) return own[1].toLowerCase();
  try {
    return baseUrl ? new URL(baseUrl).protocol : null;
  } catch {
    return null;
  }
}
