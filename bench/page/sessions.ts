import { IPublicClientApplication } from '@azure/msal-browser';

import { BenchMsalClient } from './bench-msal-client';
import { RoundResult, send, timeRound } from './measure';
import { dpopScenario, RealClientSetup, realClientScenario } from './real-client';
import { BenchMaps, BenchRequest, generateMaps, PASS_THROUGH_REQUESTS } from './resource-maps';
import { createVariant, Variant, VariantName } from './variants';

/** A timed scenario, as the Node side names it. */
export type ScenarioSpec =
  | { readonly scenario: 'passThrough' }
  | { readonly scenario: 'protectedCached' }
  | { readonly scenario: 'mapScaling'; readonly size: number }
  | { readonly scenario: 'realClient'; readonly setup: RealClientSetup }
  | { readonly scenario: 'dpop'; readonly setup: RealClientSetup };

/** What the variants of a scenario share: the map, the requests, where clients come from. */
export interface ScenarioDefinition {
  readonly variants: readonly VariantName[];
  readonly maps: BenchMaps;
  readonly requests: readonly BenchRequest[];
  /** Builds the client a variant gets; each gets its own (msal-angular never removes its event callback). */
  readonly client: () => IPublicClientApplication;
}

const fakeClient = () => new BenchMsalClient().asClient();

function define(spec: ScenarioSpec, only?: readonly VariantName[]): ScenarioDefinition {
  const pick = (names: VariantName[]) => (only ? names.filter((name) => only.includes(name)) : names);
  switch (spec.scenario) {
    case 'passThrough': {
      // Scenario 1: URLs no key names, against no interceptor and the trivial-interceptor floor.
      return {
        variants: pick(['none', 'trivial', 'ours', 'theirs']),
        maps: generateMaps(10),
        requests: PASS_THROUGH_REQUESTS,
        client: fakeClient,
      };
    }
    case 'protectedCached': {
      // Scenario 2: mapped URLs of each kind, the token in the client's cache.
      const maps = generateMaps(10);
      return { variants: pick(['trivial', 'ours', 'ours-di', 'theirs']), maps, requests: maps.samples, client: fakeClient };
    }
    case 'mapScaling': {
      // Scenario 3: scenario 2 for one map size, one request naming a key in the middle.
      const maps = generateMaps(spec.size);
      return { variants: pick(['ours', 'theirs']), maps, requests: [maps.middle], client: fakeClient };
    }
    case 'realClient':
      // Scenario 6: scenario 2 against real PublicClientApplications.
      return { ...realClientScenario(spec.setup), variants: pick(['trivial', 'ours', 'ours-di', 'theirs']) };
    case 'dpop':
      // Scenario 8: a DPoP-bound request (fresh proof each) against a bearer one, real clients.
      return { ...dpopScenario(spec.setup), variants: pick(['trivial', 'ours', 'ours-dpop']) };
  }
}

interface Session {
  readonly requests: readonly BenchRequest[];
  readonly variants: Map<VariantName, Variant>;
}

const sessions = new Map<number, Session>();
let nextId = 1;

/**
 * Bootstraps one application per variant of `spec` and sends each its first request. Resolves to
 * the session id, the variants, and each one's startup time (bootstrap + first request, in ms).
 */
export async function openSession(
  spec: ScenarioSpec,
  only?: readonly VariantName[],
): Promise<{ id: number; variants: VariantName[]; startupMs: Record<string, number> }> {
  const definition = define(spec, only);
  const variants = new Map<VariantName, Variant>();
  const startupMs: Record<string, number> = {};
  const id = nextId++;
  sessions.set(id, { requests: definition.requests, variants });
  try {
    for (const name of definition.variants) {
      const start = performance.now();
      const variant = await createVariant(name, definition.client(), definition.maps);
      variants.set(name, variant);
      await send(variant.http, definition.requests[0]);
      startupMs[name] = Math.round((performance.now() - start) * 10) / 10;
    }
  } catch (error) {
    closeSession(id);
    throw error;
  }
  return { id, variants: [...variants.keys()], startupMs };
}

/** One timed round of one variant (see {@link timeRound}). */
export function sessionRound(id: number, name: VariantName, budgetMs: number, minRequests: number): Promise<RoundResult> {
  const session = sessions.get(id);
  const variant = session?.variants.get(name);
  if (!session || !variant) throw new Error(`no variant ${name} in session ${id}`);
  return timeRound(variant.http, session.requests, budgetMs, minRequests);
}

export function closeSession(id: number): void {
  for (const variant of sessions.get(id)?.variants.values() ?? []) variant.destroy();
  sessions.delete(id);
}

/** Collects garbage (Chromium runs with --expose-gc), outside the timed calls. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
