import { describeValue } from '../resource-map/resource-rule';
import { MsalHttpConfig, MsalHttpTimeouts, ResolvedMsalHttpConfig } from './msal-http-config';
import { MsalHttpError } from './msal-http-error';

const DEFAULT_TIMEOUTS: Required<MsalHttpTimeouts> = { silent: 30_000, interaction: 300_000, initialization: 30_000 };
const INTERACTION_TYPES = ['popup', 'redirect', 'none'];
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Validates the configuration once, when providers are created, and fills in defaults. The
 * protectedResourceMap itself is validated by compileProtectedResourceMap.
 */
export function resolveConfig(config: MsalHttpConfig): ResolvedMsalHttpConfig {
  const isObject = config !== null && typeof config === 'object';
  const msal: unknown = isObject ? config.msal : undefined;
  if (msal === null || (typeof msal !== 'object' && typeof msal !== 'function')) {
    throw new MsalHttpError(
      'MSALHTTP100',
      `provideMsalHttp / MsalHttpModule.forRoot got ${isObject ? `${describeValue(msal)} as the msal client` : `${describeValue(config)} as the configuration`}; pass ` +
        `{ msal: { auth: { clientId } }, protectedResourceMap } or { msal: myPublicClientApplication, … }`,
    );
  }
  const interactionType = config.interactionType ?? 'popup';
  if (!INTERACTION_TYPES.includes(interactionType)) {
    throw new MsalHttpError('MSALHTTP111', `interactionType is ${describeValue(interactionType)}; use 'popup', 'redirect' or 'none'`);
  }
  const { authRequest } = config;
  if (authRequest !== undefined && (authRequest === null || (typeof authRequest !== 'object' && typeof authRequest !== 'function'))) {
    throw new MsalHttpError(
      'MSALHTTP116',
      `authRequest is ${describeValue(authRequest)}; use an object such as { authority } or a function (request, scopes) => ({ … })`,
    );
  }
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  for (const [name, value] of Object.entries(timeouts)) {
    // Browsers fire a setTimeout longer than 2^31 - 1 ms (about 24.8 days) at once, and Infinity as 0.
    if (typeof value !== 'number' || !(value > 0) || value > MAX_TIMER_MS) {
      throw new MsalHttpError(
        'MSALHTTP115',
        `timeouts.${name} is ${describeValue(value)}; use a positive number of milliseconds up to ${MAX_TIMER_MS} (about 24.8 days)`,
      );
    }
  }
  for (const scope of config.consentScopes ?? []) {
    if (typeof scope !== 'string' || scope === '' || /\s/.test(scope)) {
      throw new MsalHttpError(
        'MSALHTTP103',
        `consentScopes has scope ${describeValue(scope)}; each scope must be a non-empty string without spaces`,
      );
    }
  }
  return {
    msal: config.msal,
    protectedResourceMap: config.protectedResourceMap,
    interactionType,
    consentScopes: Object.freeze([...(config.consentScopes ?? [])]),
    authRequest: (request, scopes) =>
      typeof authRequest === 'function' ? (request ? authRequest(request, scopes) : {}) : (authRequest ?? {}),
    timeouts,
  };
}
