import { createRequire } from 'node:module';

import type * as TypeScript from 'typescript';

/**
 * The TypeScript that @schematics/angular parses with. Its helpers hand us nodes from that copy and
 * we must inspect them with the same one (SyntaxKind numbers change between TypeScript versions).
 * @schematics/angular 21 bundles it under third_party/; 22 depends on the `typescript` package.
 */
export const ts: typeof TypeScript = loadTypeScript();

function loadTypeScript(): typeof TypeScript {
  const fromAngular = createRequire(require.resolve('@schematics/angular/package.json'));
  try {
    return fromAngular('./third_party/github.com/Microsoft/TypeScript/lib/typescript.js') as typeof TypeScript;
  } catch {
    return fromAngular('typescript') as typeof TypeScript;
  }
}
