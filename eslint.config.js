// Lint rules, including the layer rules of ARCHITECTURE.md: a wrong import arrow fails the build.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const DB_LIBS = ['kysely', 'kysely/*', 'pg', 'better-sqlite3'];
const layer = (name) => [`**/${name}/**`, `../${name}`, `../../${name}`];

/** Builds a no-restricted-imports rule that forbids the given layers and packages. */
function forbid(layers, packages = [], message = 'This import crosses a layer boundary (see ARCHITECTURE.md).') {
  return [
    'error',
    {
      patterns: [
        { group: layers.flatMap(layer), message },
        { group: ['**/testing/**'], message: 'testing/ holds test-only code.' },
        ...(packages.length ? [{ group: packages, message }] : []),
      ],
    },
  ];
}

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'http', 'https', 'net', 'child_process', 'crypto', 'process', 'url', 'dns', 'tls', 'stream'];

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', 'coverage', 'bench/results', 'web/dist'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/**/testing/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/testing/**'], message: 'testing/ holds test-only code.' }] }] },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['app', 'storage', 'http', 'workers', 'cli', 'main', 'config'],
        [...DB_LIBS, ...NODE_BUILTINS, 'fastify', 'pino', 'nodemailer'],
        'src/domain is pure: no I/O, no Node APIs, no outer layers.',
      ),
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass time in; the domain never reads the clock.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass time in; the domain never reads the clock.' },
        { selector: "MemberExpression[object.name='process']", message: 'src/domain is pure: no process access.' },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    ignores: ['src/app/**/*.test.ts'],
    rules: {
      'no-restricted-imports': forbid(['adapters', 'storage', 'http', 'workers', 'cli', 'main'], [...DB_LIBS, 'fastify']),
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use the Clock port.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the Clock port.' }],
    },
  },
  { files: ['src/adapters/**/*.ts'], rules: { 'no-restricted-imports': forbid(['storage', 'http', 'workers', 'cli', 'main'], DB_LIBS) } },
  { files: ['src/storage/**/*.ts'], rules: { 'no-restricted-imports': forbid(['http', 'workers', 'cli', 'main']) } },
  { files: ['src/http/**/*.ts'], rules: { 'no-restricted-imports': forbid(['storage', 'workers', 'cli', 'main'], DB_LIBS) } },
  { files: ['src/workers/**/*.ts'], rules: { 'no-restricted-imports': forbid(['storage', 'http', 'cli', 'main'], DB_LIBS) } },
  { files: ['src/cli/**/*.ts'], rules: { 'no-restricted-imports': forbid(['storage', 'http', 'workers', 'main'], DB_LIBS) } },
  { files: ['src/config/**/*.ts'], rules: { 'no-restricted-imports': forbid(['app', 'storage', 'http', 'workers', 'cli', 'main'], DB_LIBS) } },
  { files: ['src/http/pages/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': forbid(['src'], DB_LIBS, 'web/ talks to the server through the documented API only.') },
  },
);
