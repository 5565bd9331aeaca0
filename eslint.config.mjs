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

// Localisation: what the extension says to people goes through vscode.l10n.t('…', args), so that a
// bundle in l10n/ can translate it (CONTRIBUTING.md, "Localised strings"). This rule reports English
// written straight into the places VS Code shows it: a message and its buttons, a progress title,
// a quick pick's or input box's title/placeholder/prompt, a quick pick item's label/description/
// detail, a tree item's label, and those properties set on a quick pick, input box, tree item or
// status bar item; in the webviews (media/), h()'s children and shown attributes, append() and
// replaceChildren() children, and textContent. A string with no letters (a codicon such as '$(sync~spin)', a separator) is no
// English. Text built elsewhere and passed in by name is not seen: the rule catches the common slip,
// not every one.
const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
const SHOWN_OPTIONS = new Set(['title', 'placeHolder', 'prompt', 'detail']);
const SHOWN_ITEM_KEYS = new Set(['label', 'description', 'detail']);
const SHOWN_ASSIGNED = new Set(['title', 'placeholder', 'prompt', 'tooltip', 'validationMessage', 'textContent']);
// The webviews (media/) build their DOM with h(tag, attributes, ...children): the children and
// these attributes are what a reader sees or a screen reader says.
const SHOWN_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'label', 'alt']);
const BARE_MESSAGE = "User-visible text goes through vscode.l10n.t('…', args) (placeholders {0}, never concatenation): a bare string here is never translated.";

/** The parts of an expression that are bare English: a string or template literal with letters, through ?:, ||, ?? and +. */
function bareStrings(node) {
  if (!node) return [];
  const hasWords = (text) => /\p{L}/u.test(text.replace(/\$\([\w~-]+\)/g, ''));
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' && hasWords(node.value) ? [node] : [];
    case 'TemplateLiteral':
      return node.quasis.some((q) => hasWords(q.value.cooked ?? '')) ? [node] : node.expressions.flatMap(bareStrings);
    case 'BinaryExpression':
      return node.operator === '+' ? [...bareStrings(node.left), ...bareStrings(node.right)] : [];
    case 'LogicalExpression':
      return [...bareStrings(node.left), ...bareStrings(node.right)];
    case 'ConditionalExpression':
      return [...bareStrings(node.consequent), ...bareStrings(node.alternate)];
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return bareStrings(node.expression);
    default:
      return [];
  }
}

const calleeName = (callee) => (callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : callee.type === 'Identifier' ? callee.name : undefined);
const keyName = (property) => (property.type === 'Property' && !property.computed ? (property.key.name ?? property.key.value) : undefined);

const noBareUserStrings = {
  meta: { type: 'problem', docs: { description: 'user-visible strings go through vscode.l10n.t' }, messages: { bare: BARE_MESSAGE }, schema: [] },
  create(context) {
    const report = (node) => {
      for (const bare of bareStrings(node)) context.report({ node: bare, messageId: 'bare' });
    };
    /** An object literal's properties VS Code shows. */
    const reportOptions = (node, keys) => {
      if (node?.type !== 'ObjectExpression') return;
      for (const property of node.properties) if (keys.has(keyName(property))) report(property.value);
    };
    const reportItems = (node) => {
      if (node?.type !== 'ArrayExpression') return;
      for (const item of node.elements) {
        if (item?.type === 'ObjectExpression') reportOptions(item, SHOWN_ITEM_KEYS);
        else report(item);
      }
    };
    return {
      CallExpression(node) {
        const name = calleeName(node.callee);
        const [first, second] = node.arguments;
        if (MESSAGE_CALLS.has(name)) {
          // The message, a modal's detail and each button.
          for (const arg of node.arguments) {
            if (arg.type === 'ObjectExpression') {
              reportOptions(arg, SHOWN_OPTIONS);
              reportOptions(arg, new Set(['title']));
            } else report(arg);
          }
        } else if (name === 'withProgress' || name === 'showInputBox') {
          reportOptions(first, SHOWN_OPTIONS);
        } else if (name === 'showQuickPick') {
          reportItems(first);
          reportOptions(second, SHOWN_OPTIONS);
        } else if (name === 'h') {
          reportOptions(second, SHOWN_ATTRIBUTES);
          node.arguments.slice(2).forEach(report);
        } else if (name === 'replaceChildren' || name === 'append') {
          node.arguments.slice(1).forEach(report);
        }
      },
      NewExpression(node) {
        if (calleeName(node.callee) === 'TreeItem') report(node.arguments[0]);
      },
      AssignmentExpression(node) {
        const target = node.left;
        if (target.type === 'MemberExpression' && !target.computed && SHOWN_ASSIGNED.has(target.property.name)) report(node.right);
        if (target.type === 'MemberExpression' && !target.computed && target.property.name === 'items') reportItems(node.right);
      },
    };
  },
};
const glanceShare = { rules: { 'no-bare-user-strings': noBareUserStrings } };

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
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='bail']",
          message: "mocha's bail skips a whole suite, uncounted, once any earlier test failed: use skipAfterFirstFailure() from test/e2e/support/steps.ts",
        },
      ],
    },
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

  {
    name: 'glance-share/l10n',
    files: ['src/ui/**/*.ts', 'src/extension.ts', 'media/**/*.ts'],
    plugins: { 'glance-share': glanceShare },
    rules: { 'glance-share/no-bare-user-strings': 'error' },
  },

  prettier,
);
