// `npm run test:fresh-app`, a step of `npm test`: does a brand-new Angular CLI 21 app get its first
// token from `ng add` alone? Makes a new workspace with a standalone app and an NgModule app
// (`ng new --create-application=false` + two applications, one `npm install` for both), installs
// the packed library, runs `ng add` non-interactively with the local OpenID provider's values,
// writes only what a user writes (a page with buttons, the routes), builds both apps and drives
// them in headless Chromium: popup sign-in, a protected API call the API verifies, a guarded
// route, popup sign-out, and redirect sign-in and sign-out. Nothing ng add generated is edited;
// the README's setup snippets are type-checked in the same workspace.
//   node scripts/fresh-app.mjs [--skip-lib-build] [--keep]
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import CHROMIUM_FLAGS from '../chromium-flags.cjs';
import { writeUserCode } from '../e2e/fresh-app/app-sources.mjs';
import { checkReadmeSnippets } from '../e2e/fresh-app/readme-snippets.mjs';
import { newWorkspace, run } from '../e2e/fresh-app/workspace.mjs';
import { startAll } from '../e2e/servers/start-servers.mjs';
import { requestsTo } from '../e2e/support/api-records.mjs';
import { startAppServer } from '../e2e/support/app-server.mjs';
import { completeLogin } from '../e2e/support/demo-page.mjs';
import { ensureChromium, ensureDependencies, root } from './ensure-env.mjs';

ensureDependencies();

const args = process.argv.slice(2);
const SETUP_TIMEOUT_MS = 10 * 60_000;
const TEST_TIMEOUT_MS = 90_000;
const ORDERS_READ = 'api://demo-orders/orders.read';
// `prefer-offline`: versions already in npm's cache come from there (CI restores it); anything
// missing is still downloaded, so a missing install step cannot hide behind the cache.
const NPM_INSTALL = ['install', '--no-audit', '--no-fund', '--prefer-offline'];
const APPS = [
  { name: 'standalone-app', standalone: true },
  { name: 'module-app', standalone: false },
];

const work = mkdtempSync(join(tmpdir(), 'ngx-msal-http-fresh-app-'));
const workspace = join(work, 'fresh');
const timings = [];
const stops = [];
let env = null;

before(
  async () => {
    if (!args.includes('--skip-lib-build'))
      await timed('build the library (npm run build)', () => run('npm', ['run', 'build'], { cwd: root }));
    const tarball = await timed('npm pack dist/ngx-msal-http', () => pack());
    const servers = APPS.map((app) => startAppServer({ dir: join(workspace, 'dist', app.name, 'browser'), settings: () => ({}) }));
    const apps = await Promise.all(servers);
    stops.push(...apps.map((app) => () => app.stop()));
    const idp = await startAll({
      oidcPort: 0,
      apiPort: 0,
      appOrigin: apps.map((app) => app.origin),
      quiet: true,
      certDir: join(work, 'certs'),
    });
    stops.push(() => idp.stop());

    await timed('new workspace (ng new --create-application=false, 2 x ng generate application)', () => newWorkspace(workspace, APPS));
    await timed('npm install', () => run('npm', NPM_INSTALL, { cwd: workspace }));
    const generated = {};
    for (const app of APPS) {
      const ngAdd = [
        `--project=${app.name}`,
        '--skip-confirmation',
        '--provider=oidc',
        `--client-id=${idp.clientId}`,
        `--authority=${idp.issuer}`,
        `--api-url=${idp.apiUrl}`,
        `--api-scopes=${ORDERS_READ}`,
      ];
      await timed(`ng add ngx-msal-http (${app.name})`, () => ng(['add', tarball, ...ngAdd]));
    }
    for (const app of APPS) {
      generated[app.name] = { files: snapshot(app) };
      writeUserCode(workspace, { ...app, apiUrl: idp.apiUrl });
    }
    for (const app of APPS) {
      const output = await timed(`ng build ${app.name}`, () => ng(['build', app.name]));
      // The budget warning a new app gets (README, "Bundle size budget"), shown rather than hidden.
      for (const line of stripVTControlCharacters(output)
        .split('\n')
        .filter((text) => /WARNING/.test(text))) {
        console.log(`[fresh-app] ng build ${app.name}: ${line.trim()}`);
      }
    }
    const browser = await chromium.launch({ executablePath: ensureChromium(), args: [...CHROMIUM_FLAGS, '--ignore-certificate-errors'] });
    stops.push(() => browser.close());
    env = { idp, browser, generated, origin: Object.fromEntries(APPS.map((app, i) => [app.name, apps[i].origin])) };
  },
  { timeout: SETUP_TIMEOUT_MS },
);

after(async () => {
  for (const stop of stops.reverse()) await stop().catch((error) => console.error('[fresh-app] teardown:', error.message));
  if (args.includes('--keep')) console.log(`[fresh-app] kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  console.log('[fresh-app] timings');
  for (const [title, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${title}`);
});

test('the README setup snippets compile in the new workspace', { timeout: TEST_TIMEOUT_MS }, async () => {
  const snippets = await timed('README snippets type-check', () =>
    checkReadmeSnippets(workspace, join(root, 'README.md'), { standaloneApp: APPS[0].name, moduleApp: APPS[1].name }),
  );
  assert.deepEqual(
    snippets.map((snippet) => snippet.file),
    ['src/app/app.config.ts', 'src/app/app.config.ts', 'src/app/app-module.ts'],
  );
});

test("ng serve serves the bridge page and msal's bridge script too", { timeout: TEST_TIMEOUT_MS }, async () => {
  const port = await sparePort();
  const server = spawn(process.execPath, [ngBin(), 'serve', APPS[0].name, `--port=${port}`], {
    cwd: workspace,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  try {
    const started = Date.now();
    while (!/Local:/.test(stripVTControlCharacters(output))) {
      if (server.exitCode !== null || Date.now() - started > 60_000) throw new Error(`ng serve did not start:\n${output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const page = await fetch(`http://localhost:${port}/redirect-bridge.html`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /broadcastResponseToMainFrame/);
    const script = await fetch(`http://localhost:${port}/msal-redirect-bridge.min.js`);
    assert.equal(script.status, 200);
    assert.match(await script.text(), /msalRedirectBridge/);
  } finally {
    server.kill();
  }
});

for (const app of APPS) {
  describe(`${app.name} (${app.standalone ? 'standalone, app.config.ts' : 'NgModule, app-module.ts'})`, () => {
    test('ng add writes a complete OIDC configuration, the redirect bridge page and its asset entry', () => {
      const { files } = env.generated[app.name];
      const config = files[app.standalone ? 'config' : 'module'];
      for (const expected of [
        `clientId: '${env.idp.clientId}'`,
        `authority: '${env.idp.issuer}'`,
        `knownAuthorities: ['${new URL(env.idp.issuer).host}']`,
        'system: { protocolMode: ProtocolMode.OIDC }',
        "redirectUri: window.location.origin + '/redirect-bridge.html'",
        `['${env.idp.apiUrl}', ['${ORDERS_READ}']]`,
      ]) {
        assert.ok(config.includes(expected), `the generated config lacks ${expected}`);
      }
      assert.ok(!config.includes('TODO(ngx-msal-http)'), 'nothing is left to fill in');
      assert.match(files.bridge, /msalRedirectBridge\.broadcastResponseToMainFrame\(\)/);
      assert.ok(
        existsSync(join(workspace, 'dist', app.name, 'browser', 'msal-redirect-bridge.min.js')),
        'ng build copied the bridge script',
      );
      assert.ok(existsSync(join(workspace, 'dist', app.name, 'browser', 'redirect-bridge.html')), 'ng build copied the bridge page');
      assert.deepEqual(hashes(snapshot(app)), hashes(files), 'what ng add generated is unchanged by the test');
    });

    test('popup sign-in, then a protected API call carries a token the API verifies', { timeout: TEST_TIMEOUT_MS }, async () => {
      await withPage(app, async (page) => {
        await signInWithPopup(page);
        await resetApi();
        const called = await click(page, 'call-api');
        assert.equal(called.state, 'ok', called.text);
        const [get] = requestsTo(await received(), 'GET', '/orders');
        assert.equal(get?.tokenError, null, 'the API accepted the token');
        assert.equal(get.token.aud, 'api://demo-orders');
        assert.ok(get.token.scope.split(' ').includes(ORDERS_READ), `token scope ${get.token.scope}`);
      });
    });

    test('the guarded route signs the user in first, then lets them through', { timeout: TEST_TIMEOUT_MS }, async () => {
      await withPage(app, async (page) => {
        const popup = page.waitForEvent('popup');
        await page.click('[data-action=orders]');
        await completeLogin(await popup);
        await page.waitForSelector('[data-page=orders]');
        assert.equal(await page.textContent('[data-orders-account]'), 'alice');

        let popups = 0;
        page.on('popup', () => popups++);
        await page.goBack();
        await page.click('[data-action=orders]');
        await page.waitForSelector('[data-page=orders]');
        assert.equal(popups, 0, 'no second sign-in');
      });
    });

    test('popup sign-out ends within seconds; the guarded route then asks to sign in again', { timeout: TEST_TIMEOUT_MS }, async () => {
      await withPage(app, async (page) => {
        await signInWithPopup(page);
        const popup = page.waitForEvent('popup');
        const signOut = click(page, 'logout-popup', { timeout: 15_000 });
        const signOutPopup = await popup;
        await confirmSignOut(signOutPopup);
        const outcome = await signOut.catch((error) => {
          throw new Error(
            `sign-out did not end within 15 s; the popup shows ${signOutPopup.isClosed() ? '(closed)' : signOutPopup.url()}`,
            { cause: error },
          );
        });
        assert.equal(outcome.state, 'ok', outcome.text);
        await page.waitForSelector('[data-account]:text-is("(nobody)")');

        const again = page.waitForEvent('popup');
        await page.click('[data-action=orders]');
        await completeLogin(await again);
        await page.waitForSelector('[data-page=orders]');
      });
    });

    test(
      'redirect sign-in comes back signed in, the API call works, redirect sign-out comes back signed out',
      { timeout: TEST_TIMEOUT_MS },
      async () => {
        await withPage(app, async (page) => {
          await page.click('[data-action=login-redirect]');
          await page.waitForURL((url) => url.origin === env.idp.issuer);
          await completeLogin(page);
          await page.waitForURL((url) => url.origin === env.origin[app.name] && !url.pathname.includes('redirect-bridge'));
          await page.waitForSelector('[data-account]:text-is("alice")');
          const called = await click(page, 'call-api');
          assert.equal(called.state, 'ok', called.text);

          await page.click('[data-action=logout-redirect]');
          await page.waitForURL((url) => url.origin === env.idp.issuer);
          await confirmSignOut(page);
          await page.waitForURL((url) => url.origin === env.origin[app.name]);
          await page.waitForSelector('[data-account]:text-is("(nobody)")');
        });
      },
    );
  });
}

async function signInWithPopup(page) {
  const popup = page.waitForEvent('popup');
  const signIn = click(page, 'login-popup', { timeout: 30_000 });
  await completeLogin(await popup);
  const outcome = await signIn;
  assert.equal(outcome.state, 'ok', outcome.text);
  await page.waitForSelector('[data-account]:text-is("alice")');
}

// oidc-provider asks "sign out?" on its end-session page (in a popup, or in the page itself for a
// redirect); anything else there is reported as is.
async function confirmSignOut(popup) {
  const button = popup.locator('button[name=logout][value=yes], button[autofocus]').first();
  try {
    await button.click({ timeout: 10_000 });
  } catch (error) {
    const body = await popup.textContent('body').catch(() => '(popup closed)');
    throw new Error(`the sign-out popup (${popup.url()}) showed no sign-out button: ${body?.trim().slice(0, 300)}`, { cause: error });
  }
}

/** Clicks `data-action=<action>` and resolves to the result once it settles: `{ state, text }`. */
async function click(page, action, { timeout = 15_000 } = {}) {
  const before = await page.getAttribute('[data-result]', 'data-run');
  await page.click(`[data-action=${action}]`);
  const settled = page.locator(`[data-result]:not([data-run="${before}"]):not([data-state=pending])`);
  await settled.waitFor({ timeout });
  return { state: await settled.getAttribute('data-state'), text: await settled.textContent() };
}

async function withPage(app, fn) {
  const context = await env.browser.newContext({ ignoreHTTPSErrors: true });
  context.setDefaultTimeout(15_000);
  const errors = [];
  context.on('page', (page) => page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`)));
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && errors.push(`console: ${message.text()}`));
    await page.goto(env.origin[app.name]);
    await page.waitForSelector('[data-account]');
    await fn(page);
  } catch (error) {
    if (errors.length) console.error(`[fresh-app] browser errors:\n  ${errors.slice(-10).join('\n  ')}`);
    throw error;
  } finally {
    await context.close();
  }
}

async function resetApi() {
  await fetch(`${env.idp.apiUrl}/__reset`, { method: 'POST', signal: AbortSignal.timeout(5_000) });
}

async function received() {
  const response = await fetch(`${env.idp.apiUrl}/__received`, { signal: AbortSignal.timeout(5_000) });
  return (await response.json()).requests;
}

/** The files ng add writes, read now. */
function snapshot(app) {
  const project = join(workspace, 'projects', app.name);
  const read = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
  return {
    angularJson: read(join(workspace, 'angular.json')),
    config: read(join(project, 'src/app/app.config.ts')),
    module: read(join(project, 'src/app/app-module.ts')),
    bridge: read(join(project, 'public/redirect-bridge.html')),
  };
}

function hashes(files) {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, createHash('sha256').update(text).digest('hex')]));
}

function ngBin() {
  return join(workspace, 'node_modules/@angular/cli/bin/ng.js');
}

function ng(ngArgs) {
  return run(process.execPath, [ngBin(), ...ngArgs], { cwd: workspace, timeoutMs: 300_000 });
}

function sparePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function pack() {
  const out = await run('npm', ['pack', join(root, 'dist/ngx-msal-http'), '--pack-destination', work, '--json', '--loglevel=error'], {
    cwd: root,
  });
  return join(work, JSON.parse(out.slice(out.indexOf('[')))[0].filename);
}

async function timed(title, action) {
  const started = Date.now();
  try {
    return await action();
  } finally {
    timings.push([title, (Date.now() - started) / 1000]);
    console.log(`[fresh-app] ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
