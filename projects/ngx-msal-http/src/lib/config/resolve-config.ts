import { MsalHttpAuthRequest, MsalHttpConfig, MsalHttpTimeouts, ResolvedMsalHttpConfig } from './msal-http-config';
import { invalidAuthRequest, invalidInteractionType, invalidScope, invalidTimeout, MAX_TIMER_MS, missingMsalClient } from './config-errors';

const DEFAULT_TIMEOUTS: Required<MsalHttpTimeouts> = { silent: 30_000, interaction: 300_000, initialization: 30_000 };
const INTERACTION_TYPES = ['popup', 'redirect', 'none'];
const NO_FIELDS: MsalHttpAuthRequest = Object.freeze({});

/**
 * Validates the configuration once, when providers are created, and fills in defaults. The
 * protectedResourceMap itself is validated by compileProtectedResourceMap.
 */
export function resolveConfig(config: MsalHttpConfig): ResolvedMsalHttpConfig {
  const isObject = config !== null && typeof config === 'object';
  const msal: unknown = isObject ? config.msal : undefined;
  if (msal === null || (typeof msal !== 'object' && typeof msal !== 'function')) {
    throw missingMsalClient(isObject ? msal : config, !isObject);
  }
  const interactionType = config.interactionType ?? 'popup';
  if (!INTERACTION_TYPES.includes(interactionType)) {
    throw invalidInteractionType(interactionType);
  }
  const { authRequest } = config;
  if (authRequest !== undefined && (authRequest === null || (typeof authRequest !== 'object' && typeof authRequest !== 'function'))) {
    throw invalidAuthRequest(authRequest);
  }
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  for (const [name, value] of Object.entries(timeouts)) {
    // Browsers fire a setTimeout longer than 2^31 - 1 ms (about 24.8 days) at once, and Infinity as 0.
    if (typeof value !== 'number' || !(value > 0) || value > MAX_TIMER_MS) {
      throw invalidTimeout(name, value);
    }
  }
  for (const scope of config.consentScopes ?? []) {
    if (typeof scope !== 'string' || scope === '' || /\s/.test(scope)) {
      throw invalidScope('consentScopes', scope);
    }
  }
  const fields: MsalHttpAuthRequest = typeof authRequest === 'object' ? Object.freeze({ ...authRequest }) : NO_FIELDS;
  return {
    msal: config.msal,
    protectedResourceMap: config.protectedResourceMap,
    interactionType,
    consentScopes: Object.freeze([...(config.consentScopes ?? [])]),
    authRequest:
      typeof authRequest === 'function'
        ? (request, scopes, context) => (request ? authRequest(request, scopes, context ?? { account: null }) : NO_FIELDS)
        : () => fields,
    timeouts,
    watchPopupClose: config.watchPopupClose !== false,
  };
}
