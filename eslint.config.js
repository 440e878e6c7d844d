// @ts-check
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

/**
 * The folders of src/, lowest first: a folder imports its own files and those of the folders
 * before it, never those after (README.md, "Layout"). Components and layouts use each other (a
 * page frame holds the header, a page component fills a frame). The browser scripts in
 * src/client sit beside the chain: they use lib and the domain modules that run in a browser,
 * and only the components and pages that ship them import them.
 */
const LAYERS = [['lib'], ['content'], ['domain'], ['views'], ['build'], ['components', 'layouts'], ['pages']];
const BESIDE = { client: ['lib', 'content', 'domain'] };
const SHIPPED = ['client', 'styles'];
const FOLDERS = [...LAYERS.flat(), ...Object.keys(BESIDE), 'styles'];
/** @param {string[]} folders */
const list = (folders) => (folders.length ? folders.map((f) => `src/${f}`).join(', ') : 'nothing else');

/** One zone per folder: every folder it must not import (import-x resolves each real import). */
function layerZones() {
  /** @type {{ target: string; from: string[]; message: string }[]} */
  const zones = [];
  /** @param {string} folder @param {string[]} allowed @param {string} message */
  const add = (folder, allowed, message) => {
    const from = FOLDERS.filter((f) => f !== folder && !allowed.includes(f)).map((f) => `./src/${f}`);
    if (from.length) zones.push({ target: `./src/${folder}`, from, message });
  };
  LAYERS.forEach((group, i) => {
    const below = LAYERS.slice(0, i).flat();
    const allowed = [...below, ...group, ...(i >= LAYERS.findIndex((g) => g.includes('components')) ? SHIPPED : [])];
    for (const folder of group)
      add(
        folder,
        allowed,
        `src/${folder} may import only ${list(allowed.filter((f) => f !== folder))}: folders run one way (README.md, "Layout").`,
      );
  });
  for (const [folder, allowed] of Object.entries(BESIDE))
    add(folder, allowed, `browser code in src/${folder} may import only ${list(allowed)}.`);
  return zones;
}

export default defineConfig(
  {
    ignores: [
      'dist/',
      'dist-*/',
      'node_modules/',
      '.astro/',
      'test-results/',
      'playwright-report/',
      'bench/tmp/',
      'content/',
      'tests/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js', '.astro', '.json'] })],
    },
    rules: {
      // A rest pattern that drops fields is how a record is narrowed.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // The text sanitizers (src/lib/text/clean.ts, src/domain/urls/link.ts, …) name control,
      // format and combining characters one by one: that is what they exist to match.
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,mjs,astro}'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones() }] },
  },
  {
    // Browser code, and the bench's page.evaluate callbacks, which run in the page.
    files: ['src/client/**/*.ts', 'public/**/*.js', 'scripts/bench.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
