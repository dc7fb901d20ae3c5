// Lint rules that carry the house style: named exports only, no double casts, no import cycles,
// no source function over 80 lines (blank lines and comments aside; tests may run longer).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './no-import-cycle.js';

export const config = tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { nst: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: {
      'nst/no-import-cycle': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: 'TSAsExpression > TSAsExpression',
          message: 'No double casts (`as unknown as`): type the value properly.',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  // A test's describe() holds its cases: its length is the number of cases, not one function's.
  { files: ['**/*.test.ts'], rules: { 'max-lines-per-function': 'off' } },
  // Tools that read their settings from a default export.
  { files: ['**/eslint.config.js', '**/*.config.ts'], rules: { 'no-restricted-syntax': 'off' } },
);
