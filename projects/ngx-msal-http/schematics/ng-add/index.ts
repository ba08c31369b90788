import { chain, Rule, SchematicsException, Tree } from '@angular-devkit/schematics';
import { readWorkspace } from '@schematics/angular/utility';
import { isStandaloneApp } from '@schematics/angular/utility/ng-ast-utils';
import { getMainFilePath } from '@schematics/angular/utility/standalone/util';

import { appRegistration } from './app-registration';
import { addMsalBrowser } from './msal-browser-dependency';
import { addRedirectBridge } from './redirect-bridge';
import { NgAddOptions } from './schema';
import { setupNgModule } from './setup-ng-module';
import { setupStandalone } from './setup-standalone';

/**
 * `ng add ngx-msal-http`: installs @azure/msal-browser, registers the interceptor with HttpClient,
 * adds the configuration to the app, whichever way it bootstraps, and the redirect bridge page
 * msal-browser 5 needs. With --client-id, --authority, --api-url and --api-scopes the app signs in
 * as generated; without them the configuration has placeholders to fill in. Running it again
 * leaves an app that is already set up unchanged.
 *
 * @example
 * ng add ngx-msal-http --provider=oidc --client-id=my-spa --authority=https://id.contoso.com \
 *   --api-url=https://api.contoso.com --api-scopes=api://contoso/orders.read
 */
export function ngAdd(options: NgAddOptions): Rule {
  return async (tree) => {
    const project = await resolveProject(tree, options.project);
    const registration = appRegistration(options, await rendersOnServer(tree, project));
    const mainPath = await getMainFilePath(tree, project);
    const setup = isStandaloneApp(tree, mainPath)
      ? setupStandalone(project, mainPath, registration)
      : setupNgModule(project, mainPath, registration);
    return chain([addMsalBrowser(options.skipInstall ?? false), setup, addRedirectBridge(project)]);
  };
}

/** Whether the app also renders on the server (`ng add @angular/ssr`, prerendering, or an old server target). */
async function rendersOnServer(tree: Tree, name: string): Promise<boolean> {
  const project = (await readWorkspace(tree)).projects.get(name);
  const options = project?.targets.get('build')?.options ?? {};
  return ['ssr', 'server', 'prerender'].some((key) => !!options[key]) || !!project?.targets.has('server');
}

/** The named project, or the workspace's only application; it must be an application. */
async function resolveProject(tree: Tree, name: string | undefined): Promise<string> {
  const workspace = await readWorkspace(tree);
  const applications = [...workspace.projects]
    .filter(([, project]) => project.extensions['projectType'] === 'application')
    .map(([key]) => key);
  if (name) {
    if (!applications.includes(name)) {
      throw new SchematicsException(
        `ngx-msal-http: "${name}" is not an application of this workspace; applications: ${applications.join(', ') || 'none'}.`,
      );
    }
    return name;
  }
  if (applications.length === 1) return applications[0];
  throw new SchematicsException(`ngx-msal-http: pass --project, one of: ${applications.join(', ') || '(no application found)'}.`);
}
