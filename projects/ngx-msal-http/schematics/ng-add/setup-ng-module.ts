import { chain, Rule, SchematicsException } from '@angular-devkit/schematics';
import { addRootImport, addRootProvider } from '@schematics/angular/utility';
import { getDecoratorMetadata } from '@schematics/angular/utility/ast-utils';
import { Change } from '@schematics/angular/utility/change';
import { getAppModulePath } from '@schematics/angular/utility/ng-ast-utils';
import { applyChangesToFile, getSourceFile } from '@schematics/angular/utility/standalone/util';

import { addImports, appendInline, appendToArray, arrayProperty, containsIdentifier, findCall } from '../utils/ast';
import { ts } from '../utils/typescript';
import { AppRegistration } from './app-registration';
import { afterSetup, configImports, msalHttpModuleCall } from './config-skeleton';

const MODULE_OF = {
  provideHttpClient: '@angular/common/http',
  withInterceptorsFromDi: '@angular/common/http',
  MsalHttpModule: 'ngx-msal-http',
  withDiInterceptor: 'ngx-msal-http',
} as const;

/**
 * Sets up an NgModule app: `MsalHttpModule.forRoot({...}, withDiInterceptor())` in the root
 * module's imports, and HttpClient with `withInterceptorsFromDi()` so the class interceptor that
 * feature registers runs. An app that already imports MsalHttpModule is left alone.
 */
export function setupNgModule(project: string, mainPath: string, registration: AppRegistration): Rule {
  return (tree, context) => {
    const file = getAppModulePath(tree, mainPath);
    const source = getSourceFile(tree, file);
    const metadata = getDecoratorMetadata(source, 'NgModule', '@angular/core')[0];
    if (!metadata || !ts.isObjectLiteralExpression(metadata)) {
      throw new SchematicsException(`ngx-msal-http: no @NgModule({...}) found in ${file}, the module ${mainPath} bootstraps.`);
    }
    if (containsIdentifier(metadata, 'MsalHttpModule')) {
      context.logger.info(`ngx-msal-http: ${file} already imports MsalHttpModule; left unchanged.`);
      return;
    }

    const changes: Change[] = [];
    const rules: Rule[] = [];
    const needed: (keyof typeof MODULE_OF)[] = [];
    const imports = arrayProperty(metadata, 'imports');
    if (imports) changes.push(...appendToArray(file, imports, [msalHttpModuleCall(registration)]));
    else rules.push(addRootImport(project, ({ code }) => code`${msalHttpModuleCall(registration)}`));

    const httpClient = findCall(metadata, 'provideHttpClient');
    if (httpClient) {
      const hasDi = httpClient.arguments.some(
        (argument) => ts.isCallExpression(argument) && argument.expression.getText() === 'withInterceptorsFromDi',
      );
      if (!hasDi) {
        changes.push(appendInline(file, httpClient.arguments, 'withInterceptorsFromDi()'));
        needed.push('withInterceptorsFromDi');
      }
    } else if (!containsIdentifier(metadata, 'HttpClientModule')) {
      // HttpClientModule (deprecated, still seen) already means provideHttpClient(withInterceptorsFromDi()).
      const providers = arrayProperty(metadata, 'providers');
      const provider = 'provideHttpClient(withInterceptorsFromDi())';
      if (providers) changes.push(...appendToArray(file, providers, [provider]));
      else rules.push(addRootProvider(project, ({ code }) => code`${provider}`));
      needed.push('provideHttpClient', 'withInterceptorsFromDi');
    }

    needed.push('MsalHttpModule', 'withDiInterceptor');
    applyChangesToFile(tree, file, changes);
    context.logger.info(afterSetup(registration));
    return chain([
      ...rules,
      (tree) => addImports(tree, file, [...needed.map((symbol) => [symbol, MODULE_OF[symbol]] as const), ...configImports(registration)]),
    ]);
  };
}
