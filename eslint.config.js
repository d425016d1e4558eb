import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The simulation core (engine, machines, incidents) runs in Node and in a Web
// Worker untouched: it must not import the UI, React, Zustand or D3.
const coreBoundary = {
  patterns: [
    {
      group: ['**/views/**', '**/store/**', '**/worker/**', '**/render/**'],
      message: 'The simulation core must not import the UI.',
    },
    {
      group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3-*'],
      message: 'The simulation core must not depend on UI libraries.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded Rng: runs must be reproducible.' },
        { object: 'Date', property: 'now', message: 'Use the virtual clock: runs must be reproducible.' },
      ],
    },
  },
  {
    files: ['src/engine/**', 'src/machines/**', 'src/incidents/**'],
    rules: { 'no-restricted-imports': ['error', coreBoundary] },
  },
  {
    files: ['src/views/**', 'src/store/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
