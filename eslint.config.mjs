// ESLint flat config. The one architectural rule enforced here: only src/extension may import
// `vscode`, and src/core may import neither tfjs nor node built-ins (it is pure rules).
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
  {
    files: ['src/extension/**/*.ts', 'test/extension/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'bin/**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        require: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
