import { type ErrorCodeOf, MsalHttpError } from '../config/msal-http-error';

// Factories for the protectedResourceMap's configuration errors (1xx): one per condition, message
// text only in development builds. The matcher runs in plain Node too (`ngx-msal-http/matching`),
// where `ngDevMode` is not defined at all: hence always the `typeof` form, never bare `ngDevMode`.
// Declared here rather than taken from @angular/core's global, which this file must not import.
declare const ngDevMode: boolean | object | null | undefined;

/**
 * A short, safe description of a configuration value for error messages. Called only inside the
 * development-mode message, so that production builds do not ship it.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

const KEY_FORMS = 'write an absolute http(s) URL such as "https://api.contoso.com/v1" or a path such as "/api"';

/** A key that is not a string (a `Map` can hold any key). */
export function keyNotString(value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP101' satisfies ErrorCodeOf<'KeyNotUrl'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key ${describeValue(value)} is not a string; keys are URLs or app paths`,
  );
}

/** An empty or blank key. */
export function emptyKey(): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP101' satisfies ErrorCodeOf<'KeyNotUrl'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) && `protectedResourceMap has an empty key; use a URL or an app path such as "/api"`,
  );
}

/** A key the URL parser rejects, alone or against the base URL. */
export function keyNotUrl(key: string, baseUrl?: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP101' satisfies ErrorCodeOf<'KeyNotUrl'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" is not a valid URL${baseUrl === undefined ? '' : ` (base "${baseUrl}")`}; ${KEY_FORMS}`,
  );
}

/** A key whose scheme is not http or https; `suggestion` is the URL the user most likely meant. */
export function unsupportedScheme(key: string, protocol: string, suggestion: string | undefined): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP104' satisfies ErrorCodeOf<'UnsupportedScheme'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" has scheme "${protocol}"; keys must be http(s) URLs or paths relative to the app` +
        (suggestion === undefined ? '' : ` (write "${suggestion}" if you meant a host)`),
  );
}

/** A key with `?` or `#`. */
export function keyWithQueryOrFragment(key: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP105' satisfies ErrorCodeOf<'KeyWithQueryOrFragment'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" contains a query or fragment; queries and fragments are ignored when matching, so remove them from the key`,
  );
}

/** A key with user information. */
export function keyWithUserInfo(key: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP106' satisfies ErrorCodeOf<'KeyWithUserInfo'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) && `protectedResourceMap key "${key}" contains user information ("user@"); remove it`,
  );
}

/** A host `*` that is not a whole leftmost label, or that leaves fewer than two literal labels. */
export function invalidHostWildcard(key: string, hostname: string, tooBroad: boolean): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP107' satisfies ErrorCodeOf<'InvalidHostWildcard'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" has host "${hostname}"` +
        (tooBroad ? ' with fewer than two literal labels, which would match unrelated sites' : '') +
        '; a host wildcard is a whole leftmost label, as in "https://*.contoso.com"',
  );
}

/** Two keys that cover the same URLs. */
export function duplicateKey(earlier: string, key: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP108' satisfies ErrorCodeOf<'DuplicateKey'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap keys "${earlier}" and "${key}" cover the same URLs; keep one of them`,
  );
}

/** A method entry whose `httpMethod` is missing or not an HTTP method name. */
export function invalidHttpMethod(key: string, value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP109' satisfies ErrorCodeOf<'InvalidMethodEntry'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" has a method entry with httpMethod ${describeValue(value)}; use an HTTP method name such as "GET" or "POST"`,
  );
}

/** A method entry whose `scopes` is neither a list nor `null`. */
export function invalidMethodScopes(key: string, method: string, value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP109' satisfies ErrorCodeOf<'InvalidMethodEntry'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" method ${method} has scopes ${describeValue(value)}; use a scope list or null to exclude the method`,
  );
}

/** The same method twice in one key. */
export function duplicateMethod(key: string, method: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP109' satisfies ErrorCodeOf<'InvalidMethodEntry'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" lists method ${method} twice; merge the two entries`,
  );
}

/** A value that is not a list or `null`. */
export function invalidMapValue(key: string, value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP110' satisfies ErrorCodeOf<'InvalidMapValue'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" maps to ${describeValue(value)}; use a scope list such as ["api://app/read"], null to exclude it, ` +
        `or method entries { httpMethod, scopes }`,
  );
}

/** An empty scope list, for a key or (with `method`) for one method entry. */
export function emptyScopeList(key: string, method?: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP102' satisfies ErrorCodeOf<'EmptyScopeList'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}"${method === undefined ? '' : ` method ${method}`} maps to an empty scope list; use null to exclude it`,
  );
}

/**
 * A scope in the map that is not a non-empty string without spaces. (The option-level
 * `invalidScope` in config-errors.ts covers `consentScopes`; the matcher, built on its own as
 * `ngx-msal-http/matching`, cannot import it.)
 */
export function invalidMapScope(key: string, value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP103' satisfies ErrorCodeOf<'InvalidScope'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" has scope ${describeValue(value)}; each scope must be a non-empty string without spaces, one array item per scope`,
  );
}

/** The map is not a `Map`, an array of pairs or a plain object. */
export function invalidMapShape(value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP112' satisfies ErrorCodeOf<'InvalidMapShape'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap is ${describeValue(value)}; use a Map, an array of [key, scopes] pairs or a plain object`,
  );
}

/** An item of an array map that is not a `[key, value]` pair. */
export function mapItemNotPair(value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP112' satisfies ErrorCodeOf<'InvalidMapShape'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap array item ${describeValue(value)} is not a [key, scopes] pair; write [['https://api.contoso.com', ['scope']]]`,
  );
}

/** A path segment that mixes `*` with other characters. */
export function invalidPathWildcard(key: string, segment: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP113' satisfies ErrorCodeOf<'InvalidPathWildcard'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" has path segment "${segment}"; "*" (one segment) and "**" (any number of segments) ` +
        `must stand alone between slashes`,
  );
}

/** A relative key and no base URL to resolve it against; `meant` when the key looks like a host. */
export function relativeKeyWithoutBase(key: string, meant: string | undefined): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP114' satisfies ErrorCodeOf<'RelativeKeyWithoutBase'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" is relative and there is no base URL; ` +
        (meant === undefined ? '' : `write "${meant}" if you meant a host, or `) +
        `use an absolute URL or pass { baseUrl } to compileProtectedResourceMap`,
  );
}

/** A key whose http(s) scheme is misspelled (no "//", or no ":"); `corrected` is the key written right. */
export function malformedScheme(key: string, corrected: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP118' satisfies ErrorCodeOf<'MalformedScheme'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `protectedResourceMap key "${key}" does not start with "http://" or "https://", so it does not name the host it ` +
        `seems to (as a request URL it would be a path on the app's own origin); write "${corrected}"`,
  );
}

/**
 * Development builds only: a relative key that starts like a host ("api.contoso.com/v1"). It is
 * valid, a path on the app, so this warns instead of throwing; `meant` is the URL it most likely meant.
 */
export function warnKeyLooksLikeHost(key: string, resolved: string, meant: string): void {
  if (typeof ngDevMode === 'undefined' || ngDevMode) {
    const code: ErrorCodeOf<'KeyLooksLikeHost'> = 'MSALHTTP119';
    console.warn(
      `${code}: protectedResourceMap key "${key}" is a path relative to the app (it resolves ` +
        `to "${resolved}"); if you meant a host, write "${meant}". Start the key with "/" or "./" to keep it a path ` +
        `and silence this warning.`,
    );
  }
}
