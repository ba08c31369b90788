// ESLint for the whole workspace (`npm run lint`, together with `prettier --check`).
// TypeScript is linted with type information, so rules such as no-floating-promises can see
// Promises. Plain .mjs/.js tooling (scripts/, e2e/, bench/) is linted without types.
// Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import angular from 'angular-eslint';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Type-aware parsing against the given tsconfigs (the first one that contains a file wins). */
const typedBy = (...project) => ({
  languageOptions: { parserOptions: { project, tsconfigRootDir: import.meta.dirname } },
});

export default defineConfig([
  // `.scratch/` folders hold throwaway experiments, not project code.
  globalIgnores(['dist/', 'out-tsc/', '.angular/', 'tmp/', 'e2e/.certs/', 'e2e/screenshots/', '**/.scratch/']),

  // Every TypeScript file: recommended + type-checked rules, Angular's class rules.
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked, angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      // Jasmine: `expect(x).toBeUndefined;` without `()` is an assertion that never runs.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: false, allowTernary: false }],
      // A Promise nobody awaits swallows its rejection (msal-browser returns Promises everywhere).
      // node:test's test()/describe() return Promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      // `async` on a method that implements a Promise-returning interface (fakes of msal-browser)
      // is the plain way to turn a throw into a rejection; an `await` would add nothing.
      '@typescript-eslint/require-await': 'off',
      // Passing on a rejection reason we received (typed unknown) is not inventing a non-Error one.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@angular-eslint/prefer-inject': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },

  // Type information: one program for the library, its entry points, the demo and the bench page
  // (tsconfig.eslint.json); the schematic, compiled as CommonJS, with its own tsconfigs.
  {
    files: ['**/*.ts'],
    ignores: ['projects/ngx-msal-http/schematics/**'],
    ...typedBy('tsconfig.eslint.json'),
  },
  {
    files: ['projects/ngx-msal-http/schematics/**/*.ts'],
    ...typedBy('projects/ngx-msal-http/tsconfig.schematics.spec.json', 'projects/ngx-msal-http/tsconfig.schematics.json'),
  },

  // The library and its secondary entry points (testing/, ...): what consumers compile against.
  {
    files: ['projects/ngx-msal-http/**/*.ts'],
    ignores: ['projects/ngx-msal-http/schematics/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'msal', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'msal', style: 'kebab-case' }],
    },
  },
  {
    files: ['projects/demo/**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'demo', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'demo', style: 'kebab-case' }],
    },
  },

  // Templates, inline (through processInlineTemplates above) and in .html files.
  {
    files: ['**/*.html'],
    extends: [angular.configs.templateRecommended, angular.configs.templateAccessibility],
  },

  // Node tooling in JavaScript: no type information, Node globals.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  // Browser automation: callbacks passed to Playwright's page.evaluate() run in the page.
  {
    files: ['e2e/**/*.{js,mjs}', 'bench/node/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['karma.conf.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
]);
