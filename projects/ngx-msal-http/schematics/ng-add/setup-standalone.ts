import { chain, Rule, SchematicsException } from '@angular-devkit/schematics';
import { addRootProvider } from '@schematics/angular/utility';
import { Change } from '@schematics/angular/utility/change';
import { findAppConfig } from '@schematics/angular/utility/standalone/app_config';
import {
  applyChangesToFile,
  findBootstrapApplicationCall,
  findProvidersLiteral,
  getSourceFile,
} from '@schematics/angular/utility/standalone/util';
import type { CallExpression } from 'typescript';

import { addImports, appendInline, appendToArray, findCall } from '../utils/ast';
import { ts } from '../utils/typescript';
import { AppRegistration } from './app-registration';
import { afterSetup, configImports, provideMsalHttpCall } from './config-skeleton';

const MODULE_OF = {
  provideHttpClient: '@angular/common/http',
  withInterceptors: '@angular/common/http',
  msalHttpInterceptor: 'ngx-msal-http',
  provideMsalHttp: 'ngx-msal-http',
} as const;

/**
 * Sets up a standalone app: `provideHttpClient(withInterceptors([msalHttpInterceptor]))` and
 * `provideMsalHttp({...})` in the config passed to `bootstrapApplication` (usually app.config.ts).
 * An existing `provideHttpClient(...)` gets the interceptor added instead of a second call; an
 * app that already calls `provideMsalHttp` is left alone, so running ng add twice changes nothing.
 */
export function setupStandalone(project: string, mainPath: string, registration: AppRegistration): Rule {
  return (tree, context) => {
    const appConfig = findAppConfig(findBootstrapApplicationCall(tree, mainPath), tree, mainPath);
    const file = appConfig?.filePath ?? mainPath;
    const source = getSourceFile(tree, file);
    if (findCall(source, 'provideMsalHttp')) {
      context.logger.info(`ngx-msal-http: ${file} already calls provideMsalHttp; left unchanged.`);
      return;
    }

    const changes: Change[] = [];
    const newProviders: string[] = [];
    const needed: (keyof typeof MODULE_OF)[] = [];
    const httpClient = findCall(appConfig?.node ?? source, 'provideHttpClient');
    if (!httpClient) {
      newProviders.push('provideHttpClient(withInterceptors([msalHttpInterceptor]))');
      needed.push('provideHttpClient', 'withInterceptors', 'msalHttpInterceptor');
    } else {
      const change = registerInterceptor(file, httpClient);
      if (change) {
        changes.push(change);
        needed.push('withInterceptors', 'msalHttpInterceptor');
      }
    }
    newProviders.push(provideMsalHttpCall(registration));
    needed.push('provideMsalHttp');

    const providers = appConfig && findProvidersLiteral(appConfig.node);
    if (!providers && appConfig?.node.properties.some((property) => property.name?.getText() === 'providers')) {
      // `providers: sharedProviders`: nowhere to add to that we can see; Angular's helper would add a second key.
      throw new SchematicsException(
        `ngx-msal-http: the providers in ${file} are not an array literal; add ` +
          `provideHttpClient(withInterceptors([msalHttpInterceptor])) and provideMsalHttp({...}) to them by hand (see the README).`,
      );
    }
    if (providers) changes.push(...appendToArray(file, providers, newProviders));
    applyChangesToFile(tree, file, changes);
    context.logger.info(afterSetup(registration));
    // No config passed to bootstrapApplication, or one without `providers`: Angular's own helper
    // knows those shapes; it formats less nicely.
    const fallback = providers ? [] : newProviders.map((code) => addRootProvider(project, ({ code: block }) => block`${code}`));
    return chain([
      ...fallback,
      (tree) => addImports(tree, file, [...needed.map((symbol) => [symbol, MODULE_OF[symbol]] as const), ...configImports(registration)]),
    ]);
  };
}

/**
 * Adds msalHttpInterceptor to an existing `provideHttpClient(...)`: into its `withInterceptors([...])`
 * list when there is one, else as a new `withInterceptors([msalHttpInterceptor])` feature; null
 * when the list already has it. Appended last so it sees the final URL after interceptors that rewrite requests.
 */
function registerInterceptor(file: string, httpClient: CallExpression): Change | null {
  const withInterceptors = httpClient.arguments.find(
    (argument): argument is CallExpression => ts.isCallExpression(argument) && argument.expression.getText() === 'withInterceptors',
  );
  const list = withInterceptors?.arguments[0];
  if (list && ts.isArrayLiteralExpression(list)) {
    if (list.elements.some((element) => element.getText() === 'msalHttpInterceptor')) return null;
    return appendInline(file, list.elements, 'msalHttpInterceptor');
  }
  return appendInline(file, httpClient.arguments, 'withInterceptors([msalHttpInterceptor])');
}
