// node --test scripts/package-docs.test.mjs: the package README's link rewriting (package-docs.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { packageReadme } from './package-docs.mjs';

const SHIPPED = new Set(['docs/errors.md', 'docs/popups.md']);

test('keeps links to shipped docs, anchors and absolute URLs', () => {
  const text = '[errors](docs/errors.md), [tabs](./docs/popups.md#tabs), [up](#install), [npm](https://www.npmjs.com/)';
  assert.equal(packageReadme(text, SHIPPED), text);
});

test('names the repository path of a link the package cannot follow, anchor included', () => {
  assert.equal(
    packageReadme('sizes in [bench/README.md](bench/README.md#bundle-cost).', SHIPPED),
    'sizes in `bench/README.md#bundle-cost` in the repository.',
  );
  assert.equal(
    packageReadme('see [the demo](projects/demo/src/app.ts)', SHIPPED),
    'see the demo (`projects/demo/src/app.ts` in the repository)',
  );
  assert.equal(packageReadme('[a doc](./docs/unshipped.md)', SHIPPED), 'a doc (`docs/unshipped.md` in the repository)');
});

test('replaces a picture by its repository path', () => {
  assert.equal(packageReadme('![The panel](docs/panel.png)', SHIPPED), '(picture: `docs/panel.png` in the repository)');
});
