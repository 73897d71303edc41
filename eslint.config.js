const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');
// Formatting is Prettier's job (`prettier --check` runs with lint); this turns off ESLint's overlapping style rules.
const prettier = require('eslint-config-prettier');

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
  }
);
