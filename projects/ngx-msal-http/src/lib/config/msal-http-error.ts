/**
 * Every error code ngx-msal-http throws or emits, by name: the only place codes live. `1xx` codes
 * are configuration errors thrown at startup; `2xx` codes are runtime errors: the error of the HTTP
 * request itself (an `MsalHttpError`, not an `HttpErrorResponse`: the request was not sent) and,
 * for failed acquisitions, the `msal:acquireTokenFailure` event. A code means one thing; each is
 * documented, with its fix, in `docs/errors.md` (a check keeps the two in step).
 *
 * @example
 * if (error instanceof MsalHttpError && error.code === MsalHttpErrorCode.RedirectStarted) return;
 */
export const MsalHttpErrorCode = {
  // Configuration (thrown at startup)
  MissingMsalClient: 'MSALHTTP100',
  KeyNotUrl: 'MSALHTTP101',
  EmptyScopeList: 'MSALHTTP102',
  InvalidScope: 'MSALHTTP103',
  UnsupportedScheme: 'MSALHTTP104',
  KeyWithQueryOrFragment: 'MSALHTTP105',
  KeyWithUserInfo: 'MSALHTTP106',
  InvalidHostWildcard: 'MSALHTTP107',
  DuplicateKey: 'MSALHTTP108',
  InvalidMethodEntry: 'MSALHTTP109',
  InvalidMapValue: 'MSALHTTP110',
  InvalidInteractionType: 'MSALHTTP111',
  InvalidMapShape: 'MSALHTTP112',
  InvalidPathWildcard: 'MSALHTTP113',
  RelativeKeyWithoutBase: 'MSALHTTP114',
  InvalidTimeout: 'MSALHTTP115',
  InvalidAuthRequest: 'MSALHTTP116',
  NotProvided: 'MSALHTTP117',
  MalformedScheme: 'MSALHTTP118',
  KeyLooksLikeHost: 'MSALHTTP119',
  NotInRootInjector: 'MSALHTTP120',
  DuplicateFeature: 'MSALHTTP121',
  DpopKeyNotInMap: 'MSALHTTP140',
  DpopKeyNotHttps: 'MSALHTTP141',
  // Runtime (the error of a request, and its failure event)
  NoAccount: 'MSALHTTP200',
  NoActiveAccount: 'MSALHTTP201',
  AcquisitionFailed: 'MSALHTTP202',
  InteractionNotAllowed: 'MSALHTTP203',
  RedirectStarted: 'MSALHTTP204',
  StartupFailed: 'MSALHTTP205',
  SilentTimeout: 'MSALHTTP206',
  PopupClosed: 'MSALHTTP207',
  InteractionElsewhereTimeout: 'MSALHTTP208',
  ScopesOnUnnamedUrl: 'MSALHTTP209',
  PopupTimeout: 'MSALHTTP210',
  InteractionRoundsExhausted: 'MSALHTTP211',
  BrowserOnly: 'MSALHTTP212',
  PopupBlocked: 'MSALHTTP213',
  PopupResponseLost: 'MSALHTTP214',
  SignInFailed: 'MSALHTTP215',
  SignOutFailed: 'MSALHTTP216',
  EndpointsUnresolved: 'MSALHTTP217',
  EmptyAccessToken: 'MSALHTTP218',
  DpopProofMissing: 'MSALHTTP240',
  DpopNonceUnsupported: 'MSALHTTP241',
  DpopProofRejected: 'MSALHTTP242',
} as const;

/** A stable ngx-msal-http error code, for example `'MSALHTTP102'`. */
export type MsalHttpErrorCode = (typeof MsalHttpErrorCode)[keyof typeof MsalHttpErrorCode];

/**
 * The code named `N`, as a type. The factories write each code as a literal checked against its
 * name (`'MSALHTTP101' satisfies ErrorCodeOf<'KeyNotUrl'>`): the table above stays the one
 * definition, and an app that never reads `MsalHttpErrorCode` does not ship the table.
 */
export type ErrorCodeOf<N extends keyof typeof MsalHttpErrorCode> = (typeof MsalHttpErrorCode)[N];

// Registry-wide, so that the copy of the class in ngx-msal-http/matching brands the same way.
const BRAND = Symbol.for('ngx-msal-http.MsalHttpError');

/**
 * The one error type ngx-msal-http throws. `code` is stable across releases. In development builds
 * `message` names the bad value and the fix; production builds keep the code and point to its entry
 * in `docs/errors.md`, as Angular's own errors do. `cause` keeps the underlying msal-browser error
 * for runtime failures. Messages never contain tokens.
 *
 * @example
 * http.get(url).subscribe({
 *   error: (error: unknown) => {
 *     if (error instanceof MsalHttpError && error.code === MsalHttpErrorCode.RedirectStarted) return; // redirecting
 *   },
 * });
 */
export class MsalHttpError extends Error {
  override readonly name = 'MsalHttpError';

  // ngx-msal-http/matching bundles its own copy of this class (it imports nothing from Angular):
  // instances carry a registry-wide brand, so `instanceof` holds across both copies.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  constructor(
    readonly code: MsalHttpErrorCode,
    /** The development-mode explanation; `false` (production builds) leaves the code and a docs pointer. */
    message: string | false | null | undefined,
    options?: { readonly cause?: unknown },
  ) {
    super(`${code}: ${message ? redactTokens(message) : `see docs/errors.md#${code.toLowerCase()} in the ngx-msal-http package`}`, options);
    Object.defineProperty(this, BRAND, { value: true });
  }
}

// A JWT (three base64url parts) or a long opaque bearer-like string. Messages we build never
// include tokens, but some carry text from the token endpoint, so they are scrubbed once more.
const TOKEN_LIKE = /\beyJ[\w-]*\.[\w-]+\.[\w-]*|\b[A-Za-z0-9_-]{120,}\b/g;

/** Replaces anything that looks like a token with `[redacted]`. */
function redactTokens(text: string): string {
  return text.replace(TOKEN_LIKE, '[redacted]');
}
