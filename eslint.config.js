// Lint rules, including the one-way import rule of docs/architecture.md §2:
// components → state → domain; map/ and worker/ import only domain; server imports only domain;
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
    files: ['src/app/map/**', 'src/app/worker/**'],
    rules: {
      'no-restricted-imports': restrict([
        { glob: '**/server/**', why: 'map/ and worker/ import only src/domain.' },
        { glob: '**/state/**', why: 'map/ and worker/ import only src/domain.' },
        { glob: '**/components/**', why: 'map/ and worker/ import only src/domain.' },
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
      ]),
    },
  },
);
