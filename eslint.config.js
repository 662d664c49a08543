import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output*/', '.wxt/', 'node_modules/', '.cache/', 'test-results/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // With noUncheckedIndexedAccess, `!` is how code states an index it has just checked.
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "Literal[value=/\\b(happy|happiness|sad|sadness|angry|anger|fear|disgust|surprised|emotion)\\b/i]", message: 'Selfview names movements, not feelings.' },
      ],
    },
  },
  {
    // The pure core must not touch browser or extension globals (vitest runs it in Node).
    files: ['lib/cues/**/*.ts', 'lib/feedback/**/*.ts', 'lib/session/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'chrome', 'browser', 'fetch', 'performance'],
    },
  },
);
