import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import { SchematicTestRunner, UnitTestTree } from '@angular-devkit/schematics/testing';

import { APP_CONFIG, APP_MODULE, compileErrors, count, createApp, createRunner, dependencies, MAIN, peerRange } from '../testing/app-trees';

const runner: SchematicTestRunner = createRunner();
const ngAdd = (tree: UnitTestTree, options: object = {}) => runner.runSchematic('ng-add', options, tree);

describe('ng-add on a standalone app', () => {
  let tree: UnitTestTree;
  before(async () => {
    tree = await ngAdd(await createApp(runner, true));
  });

  it('registers msalHttpInterceptor with HttpClient and provides the config in app.config.ts', () => {
    const config = tree.readContent(APP_CONFIG);
    assert.match(
      config,
      /provideBrowserGlobalErrorListeners\(\),\n {4}provideHttpClient\(withInterceptors\(\[msalHttpInterceptor\]\)\),\n {4}provideMsalHttp\(\{\n/,
    );
    assert.match(config, /import \{ provideHttpClient, withInterceptors \} from '@angular\/common\/http';/);
    assert.match(config, /import \{ msalHttpInterceptor, provideMsalHttp \} from 'ngx-msal-http';/);
  });

  it('leaves a commented configuration with placeholders to fill in', () => {
    const config = tree.readContent(APP_CONFIG);
    for (const field of [
      "clientId: 'YOUR-CLIENT-ID'",
      'authority:',
      'protectedResourceMap: [',
      'consentScopes: [',
      "interactionType: 'popup'",
      'TODO(ngx-msal-http)',
    ]) {
      assert.ok(config.includes(field), `app.config.ts lacks ${field}`);
    }
  });

  it('produces an app that type-checks against Angular and ngx-msal-http', () => {
    assert.deepEqual(compileErrors(tree), []);
  });

  it('adds @azure/msal-browser with our peer range and schedules an install', () => {
    assert.equal(dependencies(tree)['@azure/msal-browser'], peerRange('@azure/msal-browser'));
    assert.match(peerRange('@azure/msal-browser'), /^\^5\./);
    assert.deepEqual(
      runner.tasks.map((task) => task.name),
      ['node-package'],
    );
  });

  it('changes nothing and installs nothing when run a second time', async () => {
    // Snapshots as strings: the runner may update the tree it is given in place.
    const [config, manifest] = [tree.readContent(APP_CONFIG), tree.readContent('/package.json')];
    const again = await ngAdd(tree);
    assert.equal(again.readContent(APP_CONFIG), config);
    assert.equal(again.readContent('/package.json'), manifest);
    assert.deepEqual(runner.tasks, []);
  });
});

describe('ng-add on a standalone app that already provides HttpClient', () => {
  it('adds the withInterceptors feature to the existing provideHttpClient call, opening up a one-line array', async () => {
    const app = await createApp(runner, true);
    app.overwrite(
      APP_CONFIG,
      `import { ApplicationConfig } from '@angular/core';\nimport { provideHttpClient, withFetch } from '@angular/common/http';\n\n` +
        `export const appConfig: ApplicationConfig = {\n  providers: [provideHttpClient(withFetch())],\n};\n`,
    );
    const tree = await ngAdd(app);
    const config = tree.readContent(APP_CONFIG);
    assert.equal(count(config, 'provideHttpClient('), 1);
    assert.match(
      config,
      /providers: \[\n {4}provideHttpClient\(withFetch\(\), withInterceptors\(\[msalHttpInterceptor\]\)\),\n {4}provideMsalHttp\(\{\n/,
    );
    assert.match(config, /\n {4}\}\),\n {2}\],\n\};/);
    assert.match(config, /import \{ provideHttpClient, withFetch, withInterceptors \} from '@angular\/common\/http';/);
    assert.deepEqual(compileErrors(tree), []);
  });

  it('appends msalHttpInterceptor to an existing withInterceptors list, after the app interceptors', async () => {
    const app = await createApp(runner, true);
    app.overwrite(
      APP_CONFIG,
      appConfig(
        `import { HttpInterceptorFn, provideHttpClient, withInterceptors } from '@angular/common/http';\n` +
          `const baseUrl: HttpInterceptorFn = (request, next) => next(request);`,
        'provideHttpClient(withInterceptors([baseUrl]))',
      ),
    );
    const tree = await ngAdd(app);
    const config = tree.readContent(APP_CONFIG);
    assert.ok(config.includes('provideHttpClient(withInterceptors([baseUrl, msalHttpInterceptor]))'));
    assert.equal(count(config, 'withInterceptors('), 1);
    assert.deepEqual(compileErrors(tree), []);
  });

  it('leaves a list that already has msalHttpInterceptor alone', async () => {
    const app = await createApp(runner, true);
    app.overwrite(
      APP_CONFIG,
      appConfig(
        `import { provideHttpClient, withInterceptors } from '@angular/common/http';\nimport { msalHttpInterceptor } from 'ngx-msal-http';`,
        'provideHttpClient(withInterceptors([msalHttpInterceptor]))',
      ),
    );
    const config = (await ngAdd(app)).readContent(APP_CONFIG);
    assert.equal(count(config, 'msalHttpInterceptor'), 2); // the import and the one registration
    assert.equal(count(config, 'provideMsalHttp('), 1);
  });
});

describe('ng-add on a standalone app bootstrapped without a config', () => {
  it('passes a config with both providers to bootstrapApplication', async () => {
    const app = await createApp(runner, true);
    app.overwrite(
      MAIN,
      `import { bootstrapApplication } from '@angular/platform-browser';\nimport { App } from './app/app';\n\nbootstrapApplication(App);\n`,
    );
    const tree = await ngAdd(app);
    const main = tree.readContent(MAIN);
    assert.ok(main.includes('provideHttpClient(withInterceptors([msalHttpInterceptor]))'));
    assert.equal(count(main, 'provideMsalHttp('), 1);
    assert.deepEqual(compileErrors(tree), []);
  });
});

describe('ng-add on a standalone app whose providers are not an array literal', () => {
  it('stops with a message saying what to add by hand, and writes nothing', async () => {
    const app = await createApp(runner, true);
    const shared = `import { ApplicationConfig } from '@angular/core';\nimport { shared } from './shared';\n\nexport const appConfig: ApplicationConfig = { providers: shared };\n`;
    app.overwrite(APP_CONFIG, shared);
    await assert.rejects(
      ngAdd(app),
      /providers in \/?projects\/app\/src\/app\/app\.config\.ts are not an array literal; add provideHttpClient/,
    );
    assert.equal(app.readContent(APP_CONFIG), shared);
  });
});

describe('ng-add on an NgModule app', () => {
  let tree: UnitTestTree;
  before(async () => {
    tree = await ngAdd(await createApp(runner, false));
  });

  it('imports MsalHttpModule.forRoot with the DI interceptor and provides HttpClient with DI interceptors', () => {
    const module = tree.readContent(APP_MODULE);
    assert.match(module, /imports: \[\n {4}BrowserModule,\n {4}MsalHttpModule\.forRoot\(\n {6}\{\n/);
    assert.match(module, /\n {6}withDiInterceptor\(\),\n {4}\)\n {2}\],/);
    assert.match(module, /provideBrowserGlobalErrorListeners\(\),\n {4}provideHttpClient\(withInterceptorsFromDi\(\)\),\n/);
    assert.match(module, /import \{ MsalHttpModule, withDiInterceptor \} from 'ngx-msal-http';/);
    assert.match(module, /import \{ provideHttpClient, withInterceptorsFromDi \} from '@angular\/common\/http';/);
    assert.ok(module.includes("clientId: 'YOUR-CLIENT-ID'"));
  });

  it('produces an app that type-checks against Angular and ngx-msal-http', () => {
    assert.deepEqual(compileErrors(tree), []);
  });

  it('changes nothing when run a second time', async () => {
    const module = tree.readContent(APP_MODULE);
    const again = await ngAdd(tree);
    assert.equal(again.readContent(APP_MODULE), module);
    assert.deepEqual(runner.tasks, []);
  });

  it('adds withInterceptorsFromDi() to an existing provideHttpClient call instead of a second one', async () => {
    const app = await createApp(runner, false);
    app.overwrite(APP_MODULE, withHttp(app.readContent(APP_MODULE), 'provideHttpClient(withFetch())', 'provideHttpClient, withFetch'));
    const module = (await ngAdd(app)).readContent(APP_MODULE);
    assert.equal(count(module, 'provideHttpClient('), 1);
    assert.ok(module.includes('provideHttpClient(withFetch(), withInterceptorsFromDi())'));
  });

  it('adds no HttpClient provider when HttpClientModule is imported', async () => {
    const app = await createApp(runner, false);
    const module = app.readContent(APP_MODULE).replace('BrowserModule\n', 'BrowserModule,\n    HttpClientModule\n');
    app.overwrite(APP_MODULE, `import { HttpClientModule } from '@angular/common/http';\n${module}`);
    const result = (await ngAdd(app)).readContent(APP_MODULE);
    assert.equal(count(result, 'provideHttpClient'), 0);
    assert.equal(count(result, 'MsalHttpModule.forRoot('), 1);
  });
});

describe('ng-add options and package.json', () => {
  it('keeps a @azure/msal-browser version the app already depends on', async () => {
    const app = await createApp(runner, true);
    const manifest = JSON.parse(app.readContent('/package.json')) as object;
    app.overwrite(
      '/package.json',
      JSON.stringify({ ...manifest, dependencies: { ...dependencies(app), '@azure/msal-browser': '5.29.0' } }),
    );
    const tree = await ngAdd(app);
    assert.equal(dependencies(tree)['@azure/msal-browser'], '5.29.0');
    assert.deepEqual(runner.tasks, []);
  });

  it('schedules no install with --skip-install', async () => {
    const tree = await ngAdd(await createApp(runner, true), { skipInstall: true });
    assert.ok(dependencies(tree)['@azure/msal-browser']);
    assert.deepEqual(runner.tasks, []);
  });

  it('rejects a project that is not an application of the workspace', async () => {
    const app = await createApp(runner, true);
    await assert.rejects(ngAdd(app, { project: 'nope' }), /"nope" is not an application of this workspace; applications: app/);
  });
});

const LOCAL_IDP = {
  provider: 'oidc',
  clientId: 'my-spa',
  authority: 'https://localhost:3443',
  apiUrl: 'http://localhost:3001',
  apiScopes: 'api://demo-orders/orders.read, api://demo-orders/orders.write',
};
const BRIDGE_PAGE = '/projects/app/public/redirect-bridge.html';

describe('ng-add with the app registration given as options', () => {
  it('writes a complete OIDC configuration: knownAuthorities, protocolMode under system, the API and its scopes', async () => {
    const tree = await ngAdd(await createApp(runner, true), LOCAL_IDP);
    const config = tree.readContent(APP_CONFIG);
    for (const expected of [
      "clientId: 'my-spa',",
      "authority: 'https://localhost:3443',",
      "knownAuthorities: ['localhost:3443'],",
      "redirectUri: window.location.origin + '/redirect-bridge.html',",
      "postLogoutRedirectUri: window.location.origin + '/',",
      'system: { protocolMode: ProtocolMode.OIDC },',
      "['http://localhost:3001', ['api://demo-orders/orders.read', 'api://demo-orders/orders.write']],",
      "consentScopes: ['api://demo-orders/orders.read', 'api://demo-orders/orders.write'],",
    ]) {
      assert.ok(config.includes(expected), `app.config.ts lacks ${expected}`);
    }
    assert.match(config, /import \{ ProtocolMode \} from '@azure\/msal-browser';/);
    // A generic provider may rotate refresh tokens: the tabs take turns renewing.
    assert.match(config, /\n {6}withCrossTabSync\(\),\n {4}\)/);
    assert.match(config, /import \{[^}]*\bwithCrossTabSync\b[^}]*\} from 'ngx-msal-http';/);
    assert.doesNotMatch(config, /auth: \{[^}]*protocolMode/, 'protocolMode under auth is ignored by msal-browser 5');
    assert.ok(!config.includes('TODO(ngx-msal-http)'), 'nothing is left to fill in');
    assert.ok(!/^\s*authRequest:/m.test(config), 'no prompt=consent on every sign-in');
    assert.deepEqual(compileErrors(tree), []);
  });

  it('writes an Entra ID configuration without knownAuthorities, protocolMode or prompt=consent', async () => {
    const options = {
      clientId: '11111111-2222-3333-4444-555555555555',
      authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
    };
    const tree = await ngAdd(await createApp(runner, true), {
      ...options,
      apiUrl: 'https://graph.microsoft.com/v1.0/me',
      apiScopes: 'user.read',
    });
    const config = tree.readContent(APP_CONFIG);
    assert.ok(config.includes("authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',"));
    assert.ok(config.includes("['https://graph.microsoft.com/v1.0/me', ['user.read']]"));
    for (const absent of ['knownAuthorities', 'ProtocolMode', 'prompt:', 'TODO(ngx-msal-http)', 'withCrossTabSync']) {
      assert.ok(!config.includes(absent), `app.config.ts has ${absent}`);
    }
    assert.deepEqual(compileErrors(tree), []);
  });

  it('writes the same configuration into an NgModule app, with ProtocolMode imported', async () => {
    const tree = await ngAdd(await createApp(runner, false), LOCAL_IDP);
    const module = tree.readContent(APP_MODULE);
    assert.ok(module.includes("          knownAuthorities: ['localhost:3443'],\n"));
    assert.ok(module.includes('        system: { protocolMode: ProtocolMode.OIDC },\n'));
    assert.match(module, /import \{ ProtocolMode \} from '@azure\/msal-browser';/);
    assert.match(module, /\n {6}withCrossTabSync\(\),\n {6}withDiInterceptor\(\),\n/);
    assert.deepEqual(compileErrors(tree), []);
  });

  it('uses globalThis.location in an app that also renders on the server, where window does not exist', async () => {
    const app = await createApp(runner, true);
    const workspace = JSON.parse(app.readContent('/angular.json')) as Workspace;
    workspace.projects.app.architect.build.options['ssr'] = { entry: 'projects/app/src/server.ts' };
    app.overwrite('/angular.json', JSON.stringify(workspace, null, 2));
    const config = (await ngAdd(app, LOCAL_IDP)).readContent(APP_CONFIG);
    assert.ok(config.includes("redirectUri: globalThis.location?.origin + '/redirect-bridge.html',"));
    assert.ok(!config.includes('window.'), 'no window reference');
  });

  it('keeps placeholders for options answered with an empty string (Enter at the prompt)', async () => {
    const tree = await ngAdd(await createApp(runner, true), {
      provider: 'oidc',
      clientId: '',
      authority: ' ',
      apiUrl: '',
      apiScopes: ' , ',
    });
    const config = tree.readContent(APP_CONFIG);
    for (const expected of [
      "clientId: 'YOUR-CLIENT-ID'",
      "authority: 'https://YOUR-PROVIDER'",
      "knownAuthorities: ['YOUR-PROVIDER']",
      'TODO(ngx-msal-http)',
    ]) {
      assert.ok(config.includes(expected), `app.config.ts lacks ${expected}`);
    }
    assert.deepEqual(compileErrors(tree), []);
  });

  it('rejects an authority that is not https, and an API URL that is not http(s), before writing anything', async () => {
    const app = await createApp(runner, true);
    const before = app.readContent(APP_CONFIG);
    await assert.rejects(ngAdd(app, { authority: 'http://localhost:3443' }), /--authority must be an https URL/);
    await assert.rejects(ngAdd(app, { apiUrl: 'ftp://files.contoso.com' }), /--api-url must be an http\(s\) URL/);
    await assert.rejects(ngAdd(app, { provider: 'okta' }), /allowed values are: "entra", "oidc"/i);
    assert.equal(app.readContent(APP_CONFIG), before);
  });
});

describe('ng-add and the redirect bridge', () => {
  let tree: UnitTestTree;
  before(async () => {
    tree = await ngAdd(await createApp(runner, true), LOCAL_IDP);
  });

  it("writes public/redirect-bridge.html, which loads msal's bridge script and broadcasts the response", () => {
    const page = tree.readContent(BRIDGE_PAGE);
    assert.match(page, /<script src="msal-redirect-bridge\.min\.js"><\/script>/);
    assert.match(page, /msalRedirectBridge\.broadcastResponseToMainFrame\(\)/);
  });

  it('writes redirect-bridge.html from the schematic folder as is, the file the demo (and so the e2e suite) serves', () => {
    // Compiled to out-tsc/schematics-spec/ng-add/; the repository root is three folders up.
    const source = join(__dirname, '..', '..', '..', 'projects/ngx-msal-http/schematics/ng-add/redirect-bridge.html');
    assert.equal(tree.readContent(BRIDGE_PAGE), readFileSync(source, 'utf8'));
  });

  it('copies the bridge script from @azure/msal-browser to the output root, once', () => {
    const assets = buildOptions(tree)['assets'];
    assert.deepEqual(assets, [
      { glob: '**/*', input: 'projects/app/public' },
      { glob: 'msal-redirect-bridge.min.js', input: 'node_modules/@azure/msal-browser/lib/redirect-bridge', output: '/' },
    ]);
  });

  it('changes nothing in angular.json, the page or the config when run a second time', async () => {
    const files = ['/angular.json', BRIDGE_PAGE, APP_CONFIG];
    const before = files.map((file) => tree.readContent(file));
    const again = await ngAdd(tree, LOCAL_IDP);
    assert.deepEqual(
      files.map((file) => again.readContent(file)),
      before,
    );
  });

  it('leaves a bridge page the app already has alone', async () => {
    const app = await createApp(runner, true);
    app.create(BRIDGE_PAGE, '<!-- mine -->');
    assert.equal((await ngAdd(app)).readContent(BRIDGE_PAGE), '<!-- mine -->');
  });

  it('puts the page in the source root, with its own asset entry, in an app without public/ (src/assets layout)', async () => {
    const app = await createApp(runner, true);
    const workspace = JSON.parse(app.readContent('/angular.json')) as Workspace;
    workspace.projects.app.architect.build.options['assets'] = ['projects/app/src/favicon.ico', 'projects/app/src/assets'];
    app.overwrite('/angular.json', JSON.stringify(workspace, null, 2));
    const tree = await ngAdd(app);
    assert.ok(tree.exists('/projects/app/src/redirect-bridge.html'));
    assert.ok(!tree.exists(BRIDGE_PAGE));
    assert.deepEqual(buildOptions(tree)['assets'], [
      'projects/app/src/favicon.ico',
      'projects/app/src/assets',
      'projects/app/src/redirect-bridge.html',
      { glob: 'msal-redirect-bridge.min.js', input: 'node_modules/@azure/msal-browser/lib/redirect-bridge', output: '/' },
    ]);
  });
});

interface Workspace {
  projects: { app: { architect: { build: { options: Record<string, unknown> } } } };
}

function buildOptions(tree: UnitTestTree): Record<string, unknown> {
  return (JSON.parse(tree.readContent('/angular.json')) as Workspace).projects.app.architect.build.options;
}

function appConfig(imports: string, httpProvider: string): string {
  return `import { ApplicationConfig } from '@angular/core';\n${imports}\n\nexport const appConfig: ApplicationConfig = {\n  providers: [\n    ${httpProvider},\n  ],\n};\n`;
}

function withHttp(module: string, provider: string, symbols: string): string {
  return `import { ${symbols} } from '@angular/common/http';\n${module.replace('provideBrowserGlobalErrorListeners(),', `provideBrowserGlobalErrorListeners(),\n    ${provider},`)}`;
}
