import type { HttpErrorResponse, HttpRequest } from '@angular/common/http';
import { InjectionToken } from '@angular/core';
import type { AuthenticationResult } from '@azure/msal-browser';

import type { MsalHttpError } from '../config/msal-http-error';

/** The HTTP request a DPoP proof is signed for: RFC 9449 `htm` and `htu` (no query, no fragment). */
export interface DpopResource {
  readonly method: string;
  readonly uri: string;
}

/**
 * What the interceptor asks `withDpop()` about: which keys are sender-constrained, the headers a
 * result turns into, and what a refused proof means. Absent (no `withDpop()`): no DPoP code at all.
 */
export interface DpopPolicy {
  /** The proof's request for `request` (matched by `key`), or `null` when `key` is not a DPoP key. */
  resourceFor(key: string, request: HttpRequest<unknown>): DpopResource | null;
  /** `Authorization: DPoP …` and `DPoP: <proof>`; throws `MSALHTTP240` when the result has no proof. */
  headers(result: AuthenticationResult, resource: DpopResource): Readonly<Record<string, string>>;
  /** The typed error for a 401 that refuses the proof (`use_dpop_nonce`, `invalid_dpop_proof`), else `null`. */
  refusal(error: HttpErrorResponse, resource: DpopResource): MsalHttpError | null;
}

/** Provided by `withDpop()` only. */
export const MSAL_HTTP_DPOP = new InjectionToken<DpopPolicy>(ngDevMode ? 'MSAL_HTTP_DPOP' : '');
