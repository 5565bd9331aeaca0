// l10n/bundle.l10n.json: every message the extension passes to vscode.l10n.t (src/ui) or to
// @vscode/l10n's l10n.t (src/sharing, src/openstack: plain Node; media/: the webviews), in English, as
// `npx @vscode/l10n-dev export src` writes it (key and value the same English text). Translators
// copy it to l10n/bundle.l10n.<locale>.json and translate the values; VS Code loads that file
// for its display language and vscode.l10n.t looks each message up there (English needs no file:
// the message is its own text). test/unit/manifest/l10nBundle.test.ts fails when this file is
// stale; `npx tsx scripts/l10nBundle.ts` writes it again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..');
export const bundleFile = path.join(root, 'l10n', 'bundle.l10n.json');

export interface Extracted {
  /** Each message once, in the order the sources first use it. */
  readonly messages: readonly string[];
  /** Calls whose message is not a literal: a bundle cannot hold them, so no language could translate them. */
  readonly dynamic: readonly string[];
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** The local name of `import * as <name> from '@vscode/l10n'` in a file (src/sharing, src/openstack), if any. */
function l10nNamespace(source: ts.SourceFile): string | undefined {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== '@vscode/l10n') continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) return bindings.name.text;
  }
  return undefined;
}

/** `vscode.l10n.t(…)` (the callee is `<anything>.l10n.t`), or `l10n.t(…)` where `l10n` is the file's namespace import of '@vscode/l10n'. */
function isL10nT(call: ts.CallExpression, namespace: string | undefined): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 't') return false;
  const target = callee.expression;
  return (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n') || (namespace !== undefined && ts.isIdentifier(target) && target.text === namespace);
}

/** The sources whose messages the bundle holds: the extension, and the two webviews (media/, through the bundle the page is handed). */
export const SOURCE_DIRS = [path.join(root, 'src'), path.join(root, 'media')];

export function extract(dirs: string | readonly string[] = SOURCE_DIRS): Extracted {
  const messages = new Set<string>();
  const dynamic: string[] = [];
  for (const file of (typeof dirs === 'string' ? [dirs] : dirs).flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const namespace = l10nNamespace(source);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && isL10nT(node, namespace)) {
        const [first] = node.arguments;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) messages.add(first.text);
        else {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          dynamic.push(`${path.relative(root, file)}:${line + 1}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages: [...messages], dynamic };
}

/** The bundle's text: what `@vscode/l10n-dev export` writes, two-space indented. */
export function bundleText(extracted = extract()): string {
  return `${JSON.stringify(Object.fromEntries(extracted.messages.map((m) => [m, m])), null, 2)}\n`;
}

if (require.main === module) {
  const extracted = extract();
  if (extracted.dynamic.length > 0) throw new Error(`vscode.l10n.t or l10n.t with a message that is not a literal: ${extracted.dynamic.join(', ')}`);
  fs.mkdirSync(path.dirname(bundleFile), { recursive: true });
  fs.writeFileSync(bundleFile, bundleText(extracted));
  console.log(`${path.relative(root, bundleFile)}: ${extracted.messages.length} messages`);
}
