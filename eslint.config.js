// Lint rules, including the one-way import rule of docs/architecture.md §2:
// components → queries → api/state → domain; map/ and worker/ import only domain; server imports only domain;
// domain imports nothing of ours (seed data files are data, not code, and are allowed).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const restrict = (patterns) => ['error', { patterns: patterns.map((p) => ({ group: [p.glob], message: p.why })) }];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'var/', 'public/', 'data/generated/', 'bench/tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': restrict([
        { glob: '**/app/**', why: 'src/domain is pure: it must not import the app.' },
        { glob: '**/server/**', why: 'src/domain is pure: it must not import the server.' },
        { glob: '**/scripts/**', why: 'src/domain is pure: it must not import scripts.' },
        { glob: 'react', why: 'src/domain is pure: no React.' },
        { glob: 'maplibre-gl', why: 'src/domain is pure: no map library.' },
      ]),
    },
  },
  {
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': restrict([
        { glob: '**/app/**', why: 'The server imports only src/domain, never the app.' },
        { glob: 'react', why: 'The server does not use React.' },
      ]),
    },
  },
  {
    files: ['src/app/**'],
    rules: {
      'no-restricted-imports': restrict([{ glob: '**/server/**', why: 'The app talks to the server over HTTP only (src/app/api).' }]),
    },
  },
  {
    // docs/architecture.md §4, "The stores": a component selects the fields it reads, so a change of another field does not re-render it.
    files: ['src/app/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'CallExpression[callee.name=/^use\\w*Store$/][arguments.length=0]',
        message: 'Select what you read: useAppStore((s) => s.field), one field each (docs/architecture.md §4, "The stores").',
      }],
    },
  },
  {
    // The data layer (docs/architecture.md §2): cached questions over api/, read by components and the dashboard.
    files: ['src/app/queries/**'],
    rules: {
      'no-restricted-imports': restrict([
        { glob: '**/server/**', why: 'The app talks to the server over HTTP only (src/app/api).' },
        { glob: '**/components/**', why: 'Imports flow components → queries → api and state, never back.' },
        { glob: '**/dashboard/**', why: 'Imports flow dashboard → queries → api and state, never back.' },
      ]),
    },
  },
  {
    files: ['src/app/api/**'],
    rules: {
      'no-restricted-imports': restrict([
        { glob: '**/server/**', why: 'The app talks to the server over HTTP only (src/app/api).' },
        { glob: '**/queries/**', why: 'api/ is HTTP only: the cache (queries/) builds on it, never the reverse.' },
        { glob: '**/components/**', why: 'api/ is HTTP only: components build on it, never the reverse.' },
        { glob: '**/state/**', why: 'api/ is HTTP only: it holds no app state.' },
      ]),
    },
  },
  {
    files: ['src/app/map/**', 'src/app/worker/**'],
    rules: {
      'no-restricted-imports': restrict([
        { glob: '**/server/**', why: 'map/ and worker/ import only src/domain.' },
        { glob: '**/state/**', why: 'map/ and worker/ import only src/domain.' },
        { glob: '**/components/**', why: 'map/ and worker/ import only src/domain.' },
        { glob: '**/queries/**', why: 'map/ and worker/ import only src/domain.' },
        { glob: 'react', why: 'map/ and worker/ are plain classes, no React.' },
      ]),
    },
  },
  {
    files: ['src/app/state/**'],
    rules: {
      'no-restricted-imports': restrict([
        { glob: '**/server/**', why: 'state imports only src/domain.' },
        { glob: '**/components/**', why: 'Imports flow components → state, never back.' },
        { glob: '**/queries/**', why: 'Imports flow queries → state, never back.' },
        { glob: '**/services.ts', why: 'Services (the worker client, the map controller) are not state: no store holds them (docs/architecture.md §4).' },
        { glob: '**/worker/**', why: 'Services (the worker client, the map controller) are not state: no store holds them (docs/architecture.md §4).' },
        { glob: '**/map/**', why: 'Services (the worker client, the map controller) are not state: no store holds them (docs/architecture.md §4).' },
      ]),
    },
  },
);
