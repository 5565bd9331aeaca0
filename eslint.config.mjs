// ESLint (flat config): the recommended JavaScript and typescript-eslint rules, plus the project's
// layering as rules, so that a wrong import fails `npm run lint` instead of waiting for a review.
// Formatting is Prettier's job (.prettierrc.json): eslint-config-prettier, last, turns off every
// rule that would disagree with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// src/openstack and src/sharing run in plain Node (the unit and integration tests, the bench) and
// must keep doing so: they never import `vscode`, nor the UI that does.
const VSCODE_FREE = ['src/openstack/**', 'src/sharing/**', 'src/common/**'];
const NO_VSCODE =
  'src/openstack, src/sharing and src/common run in plain Node (unit/integration tests, bench): `vscode` belongs in src/ui; pass what you need in as a parameter.';
const NO_UI =
  'src/openstack, src/sharing and src/common must not depend on the UI (src/ui, src/extension.ts), which imports `vscode`: move the shared part down here instead.';

/** Rules that forbid importing `vscode` (statically, with import() or require()), and what else `patterns` names. */
function noVscode(message, patterns = []) {
  return {
    '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'vscode', message }], patterns }],
    'no-restricted-syntax': [
      'error',
      { selector: "ImportExpression[source.value='vscode']", message },
      { selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']", message },
    ],
  };
}

export default defineConfig(
  globalIgnores(['dist/', 'out/', 'node_modules/', '.stack/', '.test-output/', '.vscode-test/', '*.vsix']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'glance-share/environments',
    languageOptions: { globals: globals.node },
  },
  {
    name: 'glance-share/webview',
    files: ['media/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    name: 'glance-share/mocha',
    files: ['test/**'],
    languageOptions: { globals: globals.mocha },
  },
  {
    name: 'glance-share/commonjs',
    files: ['**/*.cjs', 'test/support/countingReporter.js'],
    languageOptions: { sourceType: 'commonjs' },
    // These files are CommonJS on purpose (mocha require()s its reporters; esbuild aliases the shim).
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    name: 'glance-share/typescript',
    files: ['**/*.ts'],
    rules: {
      // Unused names are TypeScript's to report (noUnusedLocals, noUnusedParameters): one report, one place.
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    name: 'glance-share/src',
    files: ['src/**/*.ts'],
    // No `any` across a module boundary (or anywhere in src/): an error whatever the shared configs say.
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    name: 'glance-share/layers',
    files: VSCODE_FREE,
    rules: noVscode(NO_VSCODE, [{ regex: '^(\\.\\./)+(ui|extension)(/|$)', message: NO_UI }]),
  },
  {
    name: 'glance-share/plain-node-tests',
    files: ['test/unit/**', 'test/integration/**', 'test/reliability/**', 'bench/lib/**', 'bench/run.ts'],
    // test/unit/ui runs src/ui against test/unit/vscode, a stand-in for the parts of VS Code's API it uses.
    ignores: ['test/unit/ui/**', 'test/unit/vscode/**'],
    rules: noVscode('These tests and the bench run in plain Node, where `vscode` does not exist: tests that need it belong in test/exthost (or bench/exthost).'),
  },
  {
    name: 'glance-share/webview-layer',
    files: ['media/**'],
    rules: noVscode('The members webview runs in a browser frame, not the extension host: talk to the extension with postMessage (acquireVsCodeApi).'),
  },

  prettier,
);
