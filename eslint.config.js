const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
// Formatting is Prettier's job (`prettier --check` runs with lint); this turns off ESLint's overlapping style rules.
const prettier = require('eslint-config-prettier');
const { builtinModules } = require('node:module');

/*
 * Boundaries between the three source folders (tests/unit/boundaries.test.ts proves each one):
 * - admin/ runs in the browser and imports only itself and shared/;
 * - server/ imports only itself and shared/;
 * - shared/ runs on both sides, so it imports neither, nor Node, nor React.
 * A relative path that climbs out of its folder into another one is what these patterns catch.
 */
const intoServer = {
  regex: '^(\\.\\./)+server(/|$)',
  message: 'The admin imports from shared/, never from server/ (move the code or its type to shared/).',
};
const intoAdmin = { regex: '^(\\.\\./)+admin(/|$)', message: 'Nothing imports from admin/: put what both sides need in shared/.' };
// The chart library weighs more than the rest of the Reports page: one module of that page imports it, and
// only that page's files import the module, so it stays in the page's lazy chunks (docs/decisions.md).
const recharts = {
  regex: '^recharts(/|$)',
  message: 'recharts is loaded with the Reports page only: draw charts in admin/pages/Reports/charts.tsx.',
};
// Other pages may share the Reports page's data hooks (api.ts), nothing that draws (App.tsx's lazy import() is not checked).
const intoReports = {
  regex: '(^|/)pages/Reports/(?!api$)|^(\\.\\./)+Reports/(?!api$)',
  message: 'From outside the Reports page, import only Reports/api: its other modules bring the chart library.',
};
const sharedMessage = 'shared/ runs in the browser and in Node: no Node API, no React, no server or admin code.';
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

module.exports = tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'playground/.tmp/**',
      'playground/dist/**',
      'playground/.strapi/**',
      'playground/build/**',
      'playground/types/**',
      'playground/public/**',
      'tests/e2e/artifacts/**',
      'tests/.tmp/**',
      'bench/.tmp/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.js'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    // Fakes read arbitrary network JSON the way the real clients do; production code stays any-free.
    files: ['tests/fakes/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [intoServer, recharts, intoReports] }],
      // A route contract holds zod schemas: imported at run time, they (and zod) would land in the admin bundle.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+shared/([^/]+/contract|networks/([^/]+\\.credentials|fields))$',
              allowTypeImports: true,
              message: 'The admin imports types only from a route contract or a credentials schema (`import type`), never its zod schemas.',
            },
          ],
        },
      ],
    },
  },
  {
    // The Reports page's own files import each other; one of them, charts.tsx, imports recharts.
    files: ['admin/pages/Reports/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [intoServer, recharts] }] },
  },
  {
    files: ['admin/pages/Reports/charts.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [intoServer] }] },
  },
  {
    files: ['server/**/*.ts', 'strapi-server.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [intoAdmin] }] },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'react', 'react-dom', 'koa'].map((name) => ({ name, message: sharedMessage })),
          patterns: [
            { ...intoServer, message: sharedMessage },
            { ...intoAdmin, message: sharedMessage },
            {
              group: ['node:*', 'react/*', 'react-dom/*', '@strapi/*', ...nodeBuiltins.map((name) => `${name}/*`)],
              message: sharedMessage,
            },
          ],
        },
      ],
    },
  }
);
