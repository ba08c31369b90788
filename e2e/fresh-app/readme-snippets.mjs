// Keeps the README's setup snippets correct: every ```ts block whose first line names a CLI file
// (`// src/app/app.config.ts`, `// src/app/app-module.ts`, optionally followed by a note) is a
// complete file. Each one replaces that file in a copy of the matching new app, and the copy is
// type-checked with the workspace's own TypeScript and tsconfig, against the installed packages.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './workspace.mjs';

const SNIPPET = /^```ts\n\/\/ (src\/app\/[\w.-]+\.ts)[^\n]*\n([\s\S]*?)^```$/gm;

/** The README's complete-file snippets: `[{ file, code }]`, in order. */
export function readmeSnippets(readmePath) {
  return [...readFileSync(readmePath, 'utf8').matchAll(SNIPPET)].map(([, file, code]) => ({ file, code }));
}

/**
 * Type-checks each snippet in a copy of the app it belongs to (`app-module.ts`: the NgModule app,
 * else the standalone one), all copies in one compiler run. Rejects with the compiler's output,
 * whose paths name the snippet (`projects/readme-snippet-<n>/...`); resolves to the snippets.
 */
export async function checkReadmeSnippets(workspace, readmePath, { standaloneApp, moduleApp }) {
  const snippets = readmeSnippets(readmePath);
  if (snippets.length === 0) throw new Error(`no complete-file snippets found in ${readmePath}`);
  const entryPoints = snippets.map(({ file, code }, index) => {
    const app = file.endsWith('app-module.ts') ? moduleApp : standaloneApp;
    const copy = join('projects', `readme-snippet-${index + 1}`);
    cpSync(join(workspace, 'projects', app), join(workspace, copy), { recursive: true });
    writeFileSync(join(workspace, copy, file), code);
    return `${copy}/src/main.ts`;
  });
  // The apps' own tsconfig.app.json settings, with the copies' entry points as the only roots.
  const appConfig = JSON.parse(
    readFileSync(join(workspace, 'projects', standaloneApp, 'tsconfig.app.json'), 'utf8').replace(/^\s*\/\/.*$|\/\*[\s\S]*?\*\//gm, ''),
  );
  const tsconfig = join(workspace, 'tsconfig.readme-snippets.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({ extends: './tsconfig.json', compilerOptions: { ...appConfig.compilerOptions, noEmit: true }, files: entryPoints }),
  );
  await run(process.execPath, [join(workspace, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: workspace }).catch((error) => {
    throw new Error(`a README snippet does not compile (projects/readme-snippet-<n> is the n-th one):\n${error.message}`);
  });
  return snippets;
}
