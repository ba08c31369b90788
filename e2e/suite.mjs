// The end-to-end suite, run in one process so that all tests share one browser and one set of
// servers. Run it with `npm run e2e` (e2e/run.mjs builds what it needs first).
import { after } from 'node:test';
import { stopSharedEnvironment } from './support/e2e-test.mjs';

import './tests/sign-in.e2e.mjs';
import './tests/audiences.e2e.mjs';
import './tests/no-token.e2e.mjs';
import './tests/parallel-popup.e2e.mjs';
import './tests/redirect.e2e.mjs';
import './tests/claims.e2e.mjs';
import './tests/renewal.e2e.mjs';
import './tests/renewal-tabs.e2e.mjs';
import './tests/sign-out.e2e.mjs';
import './tests/redirect-bridge.e2e.mjs';
import './tests/guard.e2e.mjs';
import './tests/popup-close.e2e.mjs';
import './tests/tabs.e2e.mjs';
import './tests/dpop.e2e.mjs';

after(stopSharedEnvironment);
