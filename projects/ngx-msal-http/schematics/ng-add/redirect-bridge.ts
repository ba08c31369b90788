import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { Rule, Tree } from '@angular-devkit/schematics';
import { updateWorkspace } from '@schematics/angular/utility';
import type { JsonObject, JsonValue } from '@angular-devkit/core';

import { BRIDGE_PATH } from './config-skeleton';

/** msal-browser's bridge script as a plain browser script (UMD, global `msalRedirectBridge`). */
const BRIDGE_SCRIPT = 'msal-redirect-bridge.min.js';
const BRIDGE_SCRIPT_ASSET = { glob: BRIDGE_SCRIPT, input: 'node_modules/@azure/msal-browser/lib/redirect-bridge', output: '/' };

/**
 * The page written next to the app's other static files (it has no Angular in it): the file
 * redirect-bridge.html beside this one, its only copy. The workspace's demo app serves that file
 * as is (an asset entry in angular.json), so the e2e suite signs in through the page ng add writes.
 */
function bridgePage(): string {
  return readFileSync(resolve(__dirname, 'redirect-bridge.html'), 'utf8');
}

/**
 * Adds the redirect bridge msal-browser 5 needs: the static page, served at /redirect-bridge.html,
 * and the asset entry that copies msal's bridge script to the output root, for `ng serve` and
 * `ng build` alike. CLI 17+ apps serve `public/` as is, so the page goes there; older layouts
 * (`src/assets`, `src/favicon.ico` entries) get the page in the source root and an asset entry
 * for it. Whatever is there already is left alone.
 */
export function addRedirectBridge(projectName: string): Rule {
  return updateWorkspace((workspace) => {
    const project = workspace.projects.get(projectName);
    const build = project?.targets.get('build');
    if (!project || !build) return;
    const assets = (build.options ??= {})['assets'];
    const list: JsonValue[] = Array.isArray(assets) ? assets : [];
    if (!Array.isArray(assets)) build.options['assets'] = list;

    const publicDir = join(project.root, 'public');
    const servesPublic = list.some((asset) => isObject(asset) && asset['input'] === publicDir && (asset['output'] ?? '/') === '/');
    const page = servesPublic ? join(publicDir, BRIDGE_PATH) : join(project.sourceRoot ?? join(project.root, 'src'), BRIDGE_PATH);
    if (!servesPublic && !list.includes(page)) list.push(page);
    if (!list.some((asset) => isObject(asset) && asset['glob'] === BRIDGE_SCRIPT)) list.push({ ...BRIDGE_SCRIPT_ASSET });
    // updateWorkspace writes angular.json before it runs the rule we return.
    return (tree: Tree) => {
      if (!tree.exists(page)) tree.create(page, bridgePage());
    };
  });
}

function join(...parts: string[]): string {
  return parts
    .filter((part) => part !== '')
    .join('/')
    .replace(/\/+/g, '/');
}

function isObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
