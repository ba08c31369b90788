import { duplicateMethod, emptyScopeList, invalidHttpMethod, invalidMapScope, invalidMapValue, invalidMethodScopes } from './map-errors';
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
    throw invalidMapValue(key, value);
  }
  if (value.length === 0) {
    throw emptyScopeList(key);
  }
  // Each item, validated, in the order written: a plain scope, or one method's entry.
  const items: ({ readonly scope: string } | { readonly method: string; readonly scopes: readonly string[] | null })[] = [];
  const methods = new Set<string>();
  for (const item of value) {
    if (item !== null && typeof item === 'object') {
      const entry = validateMethodEntry(key, item as Partial<MethodScopes>);
      if (methods.has(entry.method)) throw duplicateMethod(key, entry.method);
      methods.add(entry.method);
      items.push(entry);
    } else {
      items.push({ scope: validateScope(key, item) });
    }
  }
  // As in msal-angular, plain scopes apply to every method and a method entry adds its own:
  // a method gets the plain scopes and its entry's scopes, in the order they are written.
  const scopesFor = (method: string | undefined): string[] =>
    items.flatMap((item) => ('scope' in item ? [item.scope] : item.method === method ? (item.scopes ?? []) : []));
  const plain = scopesFor(undefined);
  const byMethod = new Map<string, ResourceMatch | null>();
  for (const item of items) {
    if ('method' in item) byMethod.set(item.method, item.scopes === null ? null : freezeMatch(key, scopesFor(item.method)));
  }
  // No entry for the method and no plain scopes: undefined, so matching falls through (rule 7).
  const fallback = plain.length > 0 ? freezeMatch(key, plain) : undefined;
  return { decide: (method) => (byMethod.has(method) ? byMethod.get(method) : fallback) };
}

function validateMethodEntry(key: string, entry: Partial<MethodScopes>): { method: string; scopes: string[] | null } {
  const { httpMethod, scopes } = entry;
  if (typeof httpMethod !== 'string' || !METHOD.test(httpMethod)) {
    throw invalidHttpMethod(key, httpMethod);
  }
  if (scopes === null) return { method: httpMethod.toUpperCase(), scopes: null };
  if (!Array.isArray(scopes)) {
    throw invalidMethodScopes(key, httpMethod, scopes);
  }
  if (scopes.length === 0) {
    throw emptyScopeList(key, httpMethod);
  }
  return { method: httpMethod.toUpperCase(), scopes: scopes.map((scope: unknown) => validateScope(key, scope)) };
}

function validateScope(key: string, scope: unknown): string {
  if (typeof scope !== 'string' || scope === '' || /\s/.test(scope)) {
    throw invalidMapScope(key, scope);
  }
  return scope;
}

function freezeMatch(key: string, scopes: readonly string[]): ResourceMatch {
  return Object.freeze({ key, scopes: Object.freeze([...new Set(scopes)]) });
}
