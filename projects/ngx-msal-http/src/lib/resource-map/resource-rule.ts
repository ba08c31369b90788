import { MsalHttpError } from '../config/msal-http-error';
import { MethodScopes, ProtectedResourceScopes, ResourceMatch } from './protected-resource-map';

/**
 * What one key decides for a method: a match (attach a token for these scopes), `null` (exclude:
 * no token) or `undefined` (this key has nothing for the method: fall through to the next key).
 */
export type RuleDecision = ResourceMatch | null | undefined;

/** A key's value, validated and turned into prebuilt, frozen results. */
export interface ResourceRule {
  decide(method: string): RuleDecision;
}

// RFC 9110 token characters.
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Validates a protectedResourceMap value (rules 7 and 8) and compiles it into a rule. */
export function compileResourceRule(key: string, value: ProtectedResourceScopes): ResourceRule {
  if (value === null) return { decide: () => null };
  if (!Array.isArray(value)) {
    throw new MsalHttpError(
      'MSALHTTP110',
      `protectedResourceMap key "${key}" maps to ${describeValue(value)}; use a scope list such as ` +
        `["api://app/read"], null to exclude it, or method entries { httpMethod, scopes }`,
    );
  }
  if (value.length === 0) {
    throw new MsalHttpError('MSALHTTP102', `protectedResourceMap key "${key}" maps to an empty scope list; use null to exclude it`);
  }
  const plain: string[] = [];
  const byMethod = new Map<string, ResourceMatch | null>();
  for (const item of value) {
    if (item !== null && typeof item === 'object') {
      const { method, scopes } = validateMethodEntry(key, item as Partial<MethodScopes>);
      if (byMethod.has(method)) {
        throw new MsalHttpError('MSALHTTP109', `protectedResourceMap key "${key}" lists method ${method} twice; merge the two entries`);
      }
      byMethod.set(method, scopes === null ? null : freezeMatch(key, scopes));
    } else {
      plain.push(validateScope(key, item));
    }
  }
  const fallback = plain.length > 0 ? freezeMatch(key, plain) : undefined;
  return { decide: (method) => (byMethod.has(method) ? byMethod.get(method) : fallback) };
}

function validateMethodEntry(key: string, entry: Partial<MethodScopes>): { method: string; scopes: string[] | null } {
  const { httpMethod, scopes } = entry;
  if (typeof httpMethod !== 'string' || !METHOD.test(httpMethod)) {
    throw new MsalHttpError(
      'MSALHTTP109',
      `protectedResourceMap key "${key}" has a method entry with httpMethod ${describeValue(httpMethod)}; ` +
        `use an HTTP method name such as "GET" or "POST"`,
    );
  }
  if (scopes === null) return { method: httpMethod.toUpperCase(), scopes: null };
  if (!Array.isArray(scopes)) {
    throw new MsalHttpError(
      'MSALHTTP109',
      `protectedResourceMap key "${key}" method ${httpMethod} has scopes ${describeValue(scopes)}; use a scope list or null to exclude the method`,
    );
  }
  if (scopes.length === 0) {
    throw new MsalHttpError(
      'MSALHTTP102',
      `protectedResourceMap key "${key}" method ${httpMethod} maps to an empty scope list; use null to exclude it`,
    );
  }
  return { method: httpMethod.toUpperCase(), scopes: scopes.map((scope: unknown) => validateScope(key, scope)) };
}

function validateScope(key: string, scope: unknown): string {
  if (typeof scope !== 'string' || scope === '' || /\s/.test(scope)) {
    throw new MsalHttpError(
      'MSALHTTP103',
      `protectedResourceMap key "${key}" has scope ${describeValue(scope)}; each scope must be a ` +
        `non-empty string without spaces, one array item per scope`,
    );
  }
  return scope;
}

function freezeMatch(key: string, scopes: readonly string[]): ResourceMatch {
  return Object.freeze({ key, scopes: Object.freeze([...new Set(scopes)]) });
}

/** A short, safe description of a configuration value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
