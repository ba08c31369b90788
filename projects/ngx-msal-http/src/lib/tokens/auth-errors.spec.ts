import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { FakeMsalClient, fakeAccount } from '../../../testing/src/fake-msal-client';
import {
  authError,
  interactionRequiredError,
  networkError,
  popupBlockedError,
  serverError,
  userCancelledError,
} from '../../../testing/src/fake-msal-errors';
import { settle, MsalHttpHarness, outcomeOf, setUpMsalHttp } from '../../test-support/msal-http-test-bed';
import { MsalHttpConfig } from '../config/msal-http-config';
import { MsalHttpErrorCode } from '../config/msal-http-error';
import { toMsalHttpError } from './auth-errors';

const ORDERS = 'https://api.contoso.test/orders';
const TIMEOUTS = { silent: 1_000, interaction: 5_000, initialization: 2_000 };
const REQUESTS = 5;

// Each row: how the client misbehaves, the code every request must end with, and how long (mock
// clock) the library may take. No row may hang, complete empty, or open a popup it should not.
const FAILURES: readonly {
  readonly name: string;
  readonly arrange: (client: FakeMsalClient) => void;
  readonly code: MsalHttpErrorCode;
  readonly config?: Partial<MsalHttpConfig>;
  readonly popups: number;
  readonly advanceMs?: number;
}[] = [
  {
    name: 'a network error',
    arrange: (c) => (c.silent = () => ({ kind: 'error', error: networkError() })),
    code: 'MSALHTTP202',
    popups: 0,
  },
  {
    name: 'an authority msal-browser cannot resolve (a generic provider without knownAuthorities / protocolMode)',
    arrange: (c) => (c.silent = () => ({ kind: 'error', error: authError('endpoints_resolution_error') })),
    code: 'MSALHTTP217',
    popups: 0,
  },
  {
    name: 'a token endpoint error',
    arrange: (c) => (c.silent = () => ({ kind: 'error', error: serverError() })),
    code: 'MSALHTTP202',
    popups: 0,
  },
  {
    name: 'a silent call that never settles',
    arrange: (c) => (c.silent = () => ({ kind: 'never' })),
    code: 'MSALHTTP206',
    popups: 0,
    advanceMs: TIMEOUTS.silent,
  },
  {
    name: 'a popup the user closes',
    arrange: (c) => ((c.interactionRequired = true), (c.popup = () => ({ kind: 'error', error: userCancelledError() }))),
    code: 'MSALHTTP207',
    popups: 1,
  },
  {
    name: "a sign-in the user cancels on the provider's page in the popup (access_denied)",
    arrange: (c) => ((c.interactionRequired = true), (c.popup = () => ({ kind: 'error', error: serverError('access_denied') }))),
    code: 'MSALHTTP207',
    popups: 1,
  },
  {
    name: 'a blocked popup',
    arrange: (c) => ((c.interactionRequired = true), (c.popup = () => ({ kind: 'error', error: popupBlockedError() }))),
    code: 'MSALHTTP213',
    popups: 1,
  },
  {
    name: "a popup whose response never comes back (msal-browser's bridge timing out)",
    arrange: (c) => ((c.interactionRequired = true), (c.popup = () => ({ kind: 'error', error: authError('timed_out') }))),
    code: 'MSALHTTP214',
    popups: 1,
  },
  {
    name: 'a popup that never closes',
    arrange: (c) => ((c.interactionRequired = true), (c.popup = () => ({ kind: 'never' }))),
    code: 'MSALHTTP210',
    popups: 1,
    advanceMs: TIMEOUTS.interaction,
  },
  {
    name: 'an interaction in progress in another tab',
    arrange: (c) => ((c.interactionRequired = true), (c.lockedElsewhere = true)),
    code: 'MSALHTTP208',
    popups: 1,
    advanceMs: TIMEOUTS.interaction,
  },
  {
    name: 'the account removed mid-flight',
    arrange: (c) => {
      const account = c.getActiveAccount()!;
      c.silent = () => {
        c.removeAccount(account);
        return { kind: 'error', error: interactionRequiredError('no_tokens_found') };
      };
    },
    config: { interactionType: 'none' },
    code: 'MSALHTTP203',
    popups: 0,
  },
  {
    name: 'a failed initialization',
    arrange: (c) => (c.initializeBehavior = () => ({ kind: 'error', error: new Error('crypto unavailable') })),
    code: 'MSALHTTP205',
    popups: 0,
  },
  {
    name: 'an initialization that never settles',
    arrange: (c) => (c.initializeBehavior = () => ({ kind: 'never' })),
    code: 'MSALHTTP205',
    popups: 0,
    advanceMs: TIMEOUTS.initialization,
  },
  {
    name: 'redirect handling that never settles',
    arrange: (c) => (c.redirectBehavior = () => ({ kind: 'never' })),
    code: 'MSALHTTP205',
    popups: 0,
    advanceMs: TIMEOUTS.initialization,
  },
];

describe('failure modes: every request ends with a typed error and one failure event', () => {
  // mockDate: the silent timeout is measured with Date.now() (one timer for all pending calls).
  beforeEach(() => jasmine.clock().install().mockDate());
  afterEach(() => {
    jasmine.clock().uninstall();
    TestBed.inject(HttpTestingController).verify();
  });

  for (const failure of FAILURES) {
    it(`ends ${REQUESTS} parallel requests with ${failure.code} on ${failure.name}`, async () => {
      const client = new FakeMsalClient();
      client.signIn(fakeAccount(), true);
      failure.arrange(client);
      const harness = setUpMsalHttp({ client, config: { timeouts: TIMEOUTS, ...failure.config } });

      const outcomes = Array.from({ length: REQUESTS }, (_, i) => outcomeOf(harness.http.get(`${ORDERS}/${i}`)));
      await settle();
      if (failure.advanceMs) {
        jasmine.clock().tick(failure.advanceMs - 1);
        await settle();
        expect(failureEvents(harness).length).withContext('nothing fails before its timeout').toBe(0);
        jasmine.clock().tick(1);
        await settle();
      }
      const results = await Promise.all(outcomes);

      expect(results.map((r) => (r.error as { code?: string } | undefined)?.code)).toEqual(Array(REQUESTS).fill(failure.code));
      expect(failureEvents(harness).length).toBe(REQUESTS);
      expect(client.calls.acquireTokenPopup.length).toBe(failure.popups);
      harness.backend.expectNone((r) => r.url.startsWith(ORDERS));
    });
  }
});

function failureEvents(harness: MsalHttpHarness) {
  return harness.seen.filter((e) => e.type === 'msal:acquireTokenFailure');
}

describe('toMsalHttpError for a sign-in the user declined (access_denied)', () => {
  it('is a cancelled popup in a popup, and a failed redirect sign-in after a redirect', () => {
    expect(toMsalHttpError(serverError('access_denied'), 'login-popup').code).toBe('MSALHTTP207');
    expect(toMsalHttpError(serverError('access_denied'), 'login-redirect').code).toBe('MSALHTTP215');
    expect(toMsalHttpError(serverError('access_denied'), 'silent').code).toBe('MSALHTTP202');
  });
});

describe('toMsalHttpError for an unresolvable authority', () => {
  it('names knownAuthorities and protocolMode as the fix, whatever the step', () => {
    for (const step of ['silent', 'popup', 'login-popup', 'logout-redirect'] as const) {
      const error = toMsalHttpError(authError('endpoints_resolution_error'), step);
      expect(error.code).toBe('MSALHTTP217');
      expect(error.message).toContain('knownAuthorities');
      expect(error.message).toContain('ProtocolMode.OIDC');
    }
  });
});
