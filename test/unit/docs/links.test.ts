// The repository's documentation is its own: every relative link in a Markdown file, and every
// `docs/<page>.md#<anchor>` that a comment, script or test cites, must lead to a file and an
// anchor that exist here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
/** Generated, installed or scratch folders: not the repository's own text. */
const SKIP = new Set(['node_modules', '.git', '.stack', '.test-output', '.vscode-test', 'dist', 'out', 'results']);
const TEXT = /\.(md|ts|mjs|js|cjs|sh|py|json|css)$/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return TEXT.test(entry.name) && entry.name !== 'package-lock.json' ? [full] : [];
  });
}

/** Explicit `<a id="…">` anchors and GitHub's slugs of the headings. */
function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(file, 'utf8');
  const ids = new Set([...text.matchAll(/<a id="([^"]+)"/g)].map((m) => m[1]!));
  for (const [, heading] of text.matchAll(/^#+ (.+)$/gm)) {
    ids.add(
      heading!
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-'),
    );
  }
  return ids;
}

function problemOf(from: string, target: string, anchor: string | undefined): string | undefined {
  if (!fs.existsSync(target)) return `${path.relative(root, from)}: ${path.relative(root, target)} does not exist`;
  if (anchor && fs.statSync(target).isFile() && !anchorsOf(target).has(anchor)) return `${path.relative(root, from)}: no #${anchor} in ${path.relative(root, target)}`;
  return undefined;
}

describe('documentation links', () => {
  const all = files(root);

  it('every relative link in a Markdown file leads to a file and anchor of the repository', () => {
    const problems: string[] = [];
    for (const file of all.filter((f) => f.endsWith('.md'))) {
      for (const [, link] of fs.readFileSync(file, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(link!)) continue;
        const [target, anchor] = link!.split('#');
        const problem = problemOf(file, target ? path.resolve(path.dirname(file), target) : file, anchor);
        if (problem) problems.push(problem);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('every docs/<page>.md#<anchor> cited in code, scripts and tests exists', () => {
    const problems: string[] = [];
    let cited = 0;
    for (const file of all.filter((f) => !f.endsWith('.md'))) {
      for (const [, page, anchor] of fs.readFileSync(file, 'utf8').matchAll(/\bdocs\/([a-z-]+\.md)#([\w-]+)/g)) {
        cited++;
        const problem = problemOf(file, path.join(root, 'docs', page!), anchor);
        if (problem) problems.push(problem);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(cited > 0, 'no docs anchor cited anywhere: the pattern no longer matches how comments cite docs');
  });
});

describe('the pages that go into the .vsix', () => {
  // vsce rewrites relative links of README.md and CHANGELOG.md against the repository URL and
  // refuses to package without one: those two pages name other files as text, not as links.
  for (const page of ['README.md', 'CHANGELOG.md']) {
    it(`${page} has no relative link (vsce package would refuse it)`, () => {
      const text = fs.readFileSync(path.join(root, page), 'utf8');
      const relative = [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!).filter((href) => !/^(https?:|mailto:|#)/.test(href));
      assert.deepEqual(relative, []);
    });
  }
});
