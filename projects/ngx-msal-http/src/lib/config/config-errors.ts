import { describeValue } from '../resource-map/map-errors';
import { type ErrorCodeOf, MsalHttpError } from './msal-http-error';

// Factories for the configuration errors of the options themselves (the protectedResourceMap's
// live in resource-map/map-errors.ts). Message text exists only in development builds.

const MAX_TIMER_MS = 2_147_483_647;

/** `msal` is missing, or the whole configuration is. */
export function missingMsalClient(value: unknown, whole: boolean): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP100' satisfies ErrorCodeOf<'MissingMsalClient'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `provideMsalHttp / MsalHttpModule.forRoot got ${describeValue(value)} as ${whole ? 'the configuration' : 'the msal client'}; pass ` +
        `{ msal: { auth: { clientId } }, protectedResourceMap } or { msal: myPublicClientApplication, … }`,
  );
}

/** `interactionType` is not one of the three. */
export function invalidInteractionType(value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP111' satisfies ErrorCodeOf<'InvalidInteractionType'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) && `interactionType is ${describeValue(value)}; use 'popup', 'redirect' or 'none'`,
  );
}

/** `authRequest` is neither an object nor a function. */
export function invalidAuthRequest(value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP116' satisfies ErrorCodeOf<'InvalidAuthRequest'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `authRequest is ${describeValue(value)}; use an object such as { authority } or a function (request, scopes, { account }) => ({ … })`,
  );
}

/** A `timeouts` entry setTimeout cannot honour. */
export function invalidTimeout(name: string, value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP115' satisfies ErrorCodeOf<'InvalidTimeout'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `timeouts.${name} is ${describeValue(value)}; use a positive number of milliseconds up to ${MAX_TIMER_MS} (about 24.8 days)`,
  );
}

/** A scope that is empty, not a string, or several scopes in one string. */
export function invalidScope(where: string, value: unknown): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP103' satisfies ErrorCodeOf<'InvalidScope'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `${where} has scope ${describeValue(value)}; each scope must be a non-empty string without spaces`,
  );
}

/** A library service or the interceptor is used in an injector without the library's providers. */
export function notProvided(what: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP117' satisfies ErrorCodeOf<'NotProvided'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `${what} is used but ngx-msal-http is not configured in this injector; add provideMsalHttp(config) to the ` +
        `application providers (app.config.ts) or MsalHttpModule.forRoot(config) to AppModule's imports; ` +
        `in a unit test, provideMsalHttpTesting() from ngx-msal-http/testing`,
  );
}

/** `provideMsalHttp` / `MsalHttpModule.forRoot` in a child injector (a route's providers, a lazy module). */
export function notInRootInjector(): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP120' satisfies ErrorCodeOf<'NotInRootInjector'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `provideMsalHttp / MsalHttpModule.forRoot is in a child injector (a route's providers or a lazy module); move it ` +
        `to the application providers (app.config.ts) or AppModule's imports: the library's services are provided in root`,
  );
}

/** The same feature kind passed twice to `provideMsalHttp` / `MsalHttpModule.forRoot`. */
export function duplicateFeature(kind: string): MsalHttpError {
  return new MsalHttpError(
    'MSALHTTP121' satisfies ErrorCodeOf<'DuplicateFeature'>,
    (typeof ngDevMode === 'undefined' || ngDevMode) &&
      `${featureCall(kind)} is passed twice to provideMsalHttp / MsalHttpModule.forRoot; pass each with*() once ` +
        `(withDpop({ keys }) takes every key in one call)`,
  );
}

// 'token-renewal' -> 'withTokenRenewal()': how the app wrote it (development messages only).
function featureCall(kind: string): string {
  return `with${kind.replace(/(?:^|-)(\w)/g, (_, letter: string) => letter.toUpperCase())}()`;
}

/** Throws {@link notProvided}: the fallback factory of the library's injectables. */
export function notConfigured(what: string): never {
  throw notProvided(what);
}

export { MAX_TIMER_MS };
