import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Rule } from '@angular-devkit/schematics';
import { addDependency, ExistingBehavior, InstallBehavior } from '@schematics/angular/utility';
import { getDependency } from '@schematics/angular/utility/dependency';

const MSAL_BROWSER = '@azure/msal-browser';

/**
 * Adds @azure/msal-browser to the workspace's dependencies unless it is there already, and lets
 * `addDependency` schedule the package install. The range is our own peer range, read from the
 * package.json this schematic ships in, so the two cannot drift apart.
 */
export function addMsalBrowser(skipInstall: boolean): Rule {
  return (tree, context) => {
    const range = ownPeerRange(MSAL_BROWSER);
    const existing = getDependency(tree, MSAL_BROWSER);
    if (existing) {
      // Never rewrite a version the user chose; say so when it cannot work.
      if (majorOf(existing.version) !== majorOf(range)) {
        context.logger.warn(`ngx-msal-http needs ${MSAL_BROWSER} ${range}; package.json has ${existing.version}.`);
      }
      return;
    }
    return addDependency(MSAL_BROWSER, range, {
      existing: ExistingBehavior.Skip,
      install: skipInstall ? InstallBehavior.None : InstallBehavior.Auto,
    });
  };
}

function ownPeerRange(name: string): string {
  // Compiled to <package>/schematics/ng-add/*.js; the package manifest is two folders up.
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    peerDependencies?: Record<string, string>;
  };
  const range = manifest.peerDependencies?.[name];
  if (!range) throw new Error(`ngx-msal-http: ${name} missing from the package's peerDependencies`);
  return range;
}

/** The first number of a range such as `^5.0.0` or `~5.29`; null for tags and URLs. */
function majorOf(range: string): string | null {
  return /^[\^~>=v\s]*(\d+)/.exec(range)?.[1] ?? null;
}
