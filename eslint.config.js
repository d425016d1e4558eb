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

// Above the engine, an incident is reached only through the registry
// (src/incidents/registry.ts, cores.ts, module.ts): nothing outside
// src/incidents and src/machines imports an incident's own modules.
const incidentSeam = {
  patterns: [
    {
      group: ['**/incidents/mod-*', '**/incidents/mod-*/**', '**/incidents/redis-*', '**/incidents/redis-*/**'],
      message: 'Reach an incident through the registry (incidents/registry.ts, cores.ts), not its own modules.',
    },
    {
      group: ['**/machines/mod-*/**', '**/machines/redis-*/**'],
      message: "An incident's machines belong to its module.",
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
    files: ['src/**'],
    ignores: ['src/incidents/**', 'src/machines/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', incidentSeam] },
  },
  {
    files: ['src/views/**', 'src/store/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
