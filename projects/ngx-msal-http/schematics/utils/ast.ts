import { Tree } from '@angular-devkit/schematics';
import { insertImport } from '@schematics/angular/utility/ast-utils';
import { Change, InsertChange } from '@schematics/angular/utility/change';
import { applyChangesToFile, getSourceFile } from '@schematics/angular/utility/standalone/util';
import type { ArrayLiteralExpression, CallExpression, Node, NodeArray, ObjectLiteralExpression, SourceFile } from 'typescript';

import { ts } from './typescript';

/**
 * The first call inside `node` whose callee reads exactly `callee` (`'provideHttpClient'`,
 * `'MsalHttpModule.forRoot'`), or null.
 */
export function findCall(node: Node, callee: string): CallExpression | null {
  let found: CallExpression | null = null;
  node.forEachChild(function visit(child) {
    if (found) return;
    if (ts.isCallExpression(child) && child.expression.getText() === callee) found = child;
    else child.forEachChild(visit);
  });
  return found;
}

/** Whether the identifier `name` appears anywhere inside `node`. */
export function containsIdentifier(node: Node, name: string): boolean {
  let found = false;
  node.forEachChild(function visit(child) {
    if (found) return;
    if (ts.isIdentifier(child) && child.text === name) found = true;
    else child.forEachChild(visit);
  });
  return found;
}

/** The array literal under `field` of an object literal (`providers: [...]`), or null. */
export function arrayProperty(object: ObjectLiteralExpression, field: string): ArrayLiteralExpression | null {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && property.name.getText() === field && ts.isArrayLiteralExpression(property.initializer)) {
      return property.initializer;
    }
  }
  return null;
}

/**
 * Appends `text` to an argument or element list on the same line: `f(a)` -> `f(a, text)`,
 * `[]` -> `[text]`. For short additions such as a feature or one interceptor.
 */
export function appendInline(file: string, list: NodeArray<Node>, text: string): Change {
  const last = list[list.length - 1];
  return last ? new InsertChange(file, last.getEnd(), `, ${text}`) : new InsertChange(file, list.pos, text);
}

/**
 * Appends elements to an array literal, one per line, indented like the existing elements, so
 * the file reads as if written by hand. A trailing comma already there stays after the last one;
 * a one-line array (`[provideRouter(routes)]`) is opened up so each new element gets its own line.
 */
export function appendToArray(file: string, array: ArrayLiteralExpression, elements: readonly string[]): Change[] {
  const source = array.getSourceFile();
  const baseIndent = lineIndent(source, array.getStart());
  const first = array.elements[0];
  const last = array.elements[array.elements.length - 1];
  if (!first || !last) {
    const lines = elements.map((element) => `${baseIndent}  ${reindent(element, `${baseIndent}  `)}`);
    return [new InsertChange(file, array.elements.pos, `\n${lines.join(',\n')},\n${baseIndent}`)];
  }
  const oneLine = lineOf(source, first.getStart()) === lineOf(source, array.getStart());
  const indent = oneLine ? `${baseIndent}  ` : lineIndent(source, first.getStart());
  const lines = elements.map((element) => indent + reindent(element, indent)).join(',\n');
  if (!oneLine) return [new InsertChange(file, last.getEnd(), `,\n${lines}`)];
  return [
    new InsertChange(file, first.getStart(), `\n${indent}`),
    new InsertChange(file, last.getEnd(), `,\n${lines}${array.elements.hasTrailingComma ? '' : ','}`),
    new InsertChange(file, array.getEnd() - 1, `\n${baseIndent}`),
  ];
}

/**
 * Adds named imports one at a time, re-reading the file in between, so that two symbols from one
 * module end up in one import statement. Symbols already imported are left alone.
 */
export function addImports(tree: Tree, file: string, imports: readonly (readonly [symbol: string, module: string])[]): void {
  for (const [symbol, module] of imports) {
    applyChangesToFile(tree, file, [insertImport(getSourceFile(tree, file), file, symbol, module)]);
  }
}

function lineOf(source: SourceFile, position: number): number {
  return source.getLineAndCharacterOfPosition(position).line;
}

function lineIndent(source: SourceFile, position: number): string {
  const lineStart = source.getPositionOfLineAndCharacter(lineOf(source, position), 0);
  return /^[ \t]*/.exec(source.text.slice(lineStart))?.[0] ?? '';
}

/** Indents every line but the first (which lands after the insertion point's own indent). */
function reindent(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : indent + line))
    .join('\n');
}
