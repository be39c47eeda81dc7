// ESLint flat config. The architectural rules enforced here: only src/extension may import
// `vscode`; src/core may import neither tfjs nor node built-ins (it is pure rules); src/checkpoint
// imports no tfjs, runtime or engine, and only its node.ts touches node built-ins.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', 'test/analyzer/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only src/extension may import vscode.' }] },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/analyzer/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is editor-free.' }],
          patterns: [
            { group: ['@tensorflow/*'], message: 'src/core is pure rules: no tfjs.' },
            { group: ['node:*', 'fs', 'path', 'child_process'], message: 'src/core does no I/O.' },
            {
              group: ['../engine/*', '../cli/*', '../extension/*'],
              message: 'src/core depends on nothing.',
            },
          ],
        },
      ],
    },
  },
  // src/checkpoint reads and writes TF checkpoints: no editor, no tfjs, no runtime. Its byte layer
  // (every module but node.ts) works on Uint8Arrays only, so it can run in a browser or worker.
  {
    files: ['src/checkpoint/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/checkpoint is editor-free.' }],
          patterns: [
            { group: ['@tensorflow/*'], message: 'src/checkpoint reads bytes: no tfjs.' },
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'buffer'],
              message: 'Only src/checkpoint/node.ts does I/O; the byte layer stays pure.',
            },
            {
              group: ['**/runtime', '**/runtime/**', '**/engine', '**/engine/**', '**/cli/**'],
              message: 'src/checkpoint depends on no runtime, engine or CLI.',
            },
            { group: ['**/extension/**'], message: 'src/checkpoint is editor-free.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/checkpoint/node.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/checkpoint is editor-free.' }],
          patterns: [
            { group: ['@tensorflow/*'], message: 'src/checkpoint reads bytes: no tfjs.' },
            {
              group: ['**/runtime', '**/runtime/**', '**/engine', '**/engine/**', '**/cli/**'],
              message: 'src/checkpoint depends on no runtime, engine or CLI.',
            },
            { group: ['**/extension/**'], message: 'src/checkpoint is editor-free.' },
          ],
        },
      ],
    },
  },
  // src/server: the analyzer over LSP. No editor API, no tfjs, no runtime or engine: it serves
  // static analysis only. protocol.ts is imported by the VS Code client, so it imports types only.
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The server is editor-neutral: LSP only.' }],
          patterns: [
            { group: ['@tensorflow/*'], message: 'The server analyses; it runs nothing.' },
            {
              group: ['**/engine', '**/engine/**', '**/runtime', '**/runtime/**', '**/cli/**'],
              message: 'The server depends on the analyzer and the core only.',
            },
            { group: ['**/extension/**'], message: 'The server never imports the client.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/protocol.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[importKind!='type']",
          message: 'protocol.ts is imported by the client: type imports only.',
        },
      ],
    },
  },
  {
    files: [
      'src/extension/**/*.ts',
      'test/extension/**/*.ts',
      'test/editor/**/*.ts',
      'test/web/**/*.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  // The Run results webview's script runs in the webview (a browser page), not in Node.
  {
    files: ['media/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', acquireVsCodeApi: 'readonly' },
    },
  },
  {
    files: ['**/*.mjs', 'bin/**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        require: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
