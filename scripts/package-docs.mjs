// The documentation the packed library carries: the repository's README as the package README
// (what npm shows, and what a user reads in node_modules) and docs/*.md next to it, where the
// README's links and production error messages ("see docs/errors.md#msalhttpnnn") point.
// ng-packagr copies no file from outside the project, so this runs after it (build-schematics.mjs).
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The docs/ files the package ships (the README's picture stays in the repository). */
export function shippedDocs(root) {
  return readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));
}

/** Writes README.md and docs/*.md into the built package at `packageDir`. */
export function writePackageDocs(root, packageDir) {
  const docs = shippedDocs(root);
  mkdirSync(join(packageDir, 'docs'), { recursive: true });
  for (const name of docs) cpSync(join(root, 'docs', name), join(packageDir, 'docs', name));
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  writeFileSync(join(packageDir, 'README.md'), packageReadme(readme, new Set(docs.map((name) => `docs/${name}`))));
}

/**
 * The README with every relative link the package cannot follow (the demo's sources, the bench,
 * the picture) turned into plain text naming the repository path; links to shipped docs, anchors
 * and absolute URLs stay. `shipped` holds package paths such as `docs/errors.md`.
 */
export function packageReadme(readme, shipped) {
  return readme.replace(/(!?)\[([^\]]*)\]\(([^)\s]+)\)/g, (link, image, text, target) => {
    if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('#')) return link;
    const path = target.replace(/^\.\//, '');
    if (shipped.has(path.split('#')[0])) return link;
    const where = `\`${path}\` in the repository`;
    if (image) return `(picture: ${where})`;
    return text === path.split('#')[0] ? where : `${text} (${where})`;
  });
}
