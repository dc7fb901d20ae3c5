// Lint rules that carry the house style: named exports only, no double casts, no import cycles.
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
    },
  },
  // Tools that read their settings from a default export.
  { files: ['**/eslint.config.js', '**/*.config.ts'], rules: { 'no-restricted-syntax': 'off' } },
);
