import assert from 'node:assert/strict';
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

function appConfig(imports: string, httpProvider: string): string {
  return `import { ApplicationConfig } from '@angular/core';\n${imports}\n\nexport const appConfig: ApplicationConfig = {\n  providers: [\n    ${httpProvider},\n  ],\n};\n`;
}

function withHttp(module: string, provider: string, symbols: string): string {
  return `import { ${symbols} } from '@angular/common/http';\n${module.replace('provideBrowserGlobalErrorListeners(),', `provideBrowserGlobalErrorListeners(),\n    ${provider},`)}`;
}
