// The README is the marketplace page: its commands and settings tables are package.json's, its
// screenshots are committed PNGs shown through absolute URLs into the repository (vsce refuses
// relative ones), and the two set-up commands stay at its top, under "Develop", where .ci/run's
// `npm test` is documented.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_PURPOSE, localisedManifest, readmeFile, withTables } from '../../../scripts/readmeTables';
import { WALKTHROUGH_ID, WALKTHROUGH_KEYS } from '../../../src/ui/walkthroughProgress';

const root = path.resolve(__dirname, '..', '..', '..');
const readme = fs.readFileSync(readmeFile, 'utf8');
// The English texts, as VS Code shows them: package.json's `%key%` strings resolved through package.nls.json.
const manifest = localisedManifest<{
  name: string;
  publisher: string;
  repository: { url: string };
  bugs: { url: string };
  homepage: string;
  keywords: string[];
  categories: string[];
  scripts: Record<string, string>;
  contributes: {
    commands: Array<{ command: string }>;
    walkthroughs: Array<{ id: string; steps: Array<{ id: string; description: string; media: { markdown?: string }; completionEvents: string[] }> }>;
  };
}>();
const repo = manifest.repository.url.replace(/\.git$/, '');
/** A screenshot's budget: enough for a clipped workbench PNG, small enough for a page that loads fast. */
const SCREENSHOT_BUDGET_BYTES = 250 * 1024;

describe('the README (marketplace page)', () => {
  it('has the commands and settings tables package.json gives (npx tsx scripts/readmeTables.ts writes them)', () => {
    assert.equal(readme, withTables(readme));
  });

  it('describes every command, and no command that is gone', () => {
    assert.deepEqual(Object.keys(COMMAND_PURPOSE).sort(), manifest.contributes.commands.map((c) => c.command).sort());
  });

  it('starts with a "Develop" section holding npm run demo and npm test (.ci/run runs npm test)', () => {
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.equal(headings[0], 'Develop');
    const develop = readme.slice(readme.indexOf('## Develop'), readme.indexOf(`## ${headings[1]}`));
    assert.match(develop, /^npm run demo\b/m);
    assert.match(develop, /^npm test\b/m);
    assert.match(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8'), /^npm test\b/m);
    assert.ok(manifest.scripts.demo && manifest.scripts.test);
  });

  it('shows committed, small PNG screenshots through absolute URLs into the repository', () => {
    const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1]!, src: m[2]! }));
    assert.ok(images.length >= 2, `only ${images.length} screenshots`);
    for (const { alt, src } of images) {
      assert.ok(alt.length > 20, `${src}: say what the picture shows in its alt text`);
      assert.ok(src.startsWith(`${repo}/raw/HEAD/`), `${src} is not under ${repo}/raw/HEAD/`);
      const file = path.join(root, src.slice(`${repo}/raw/HEAD/`.length));
      assert.ok(fs.existsSync(file), `${src}: ${path.relative(root, file)} is not in the repository`);
      const png = fs.readFileSync(file);
      assert.equal(png.toString('latin1', 1, 4), 'PNG', `${file} is not a PNG`);
      assert.ok(png.length <= SCREENSHOT_BUDGET_BYTES, `${path.relative(root, file)} is ${(png.length / 1024).toFixed(0)} KB`);
    }
  });
});

describe('package.json for the marketplaces', () => {
  it('names the repository, where to report bugs, the home page, and search words', () => {
    assert.match(manifest.repository.url, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    assert.equal(manifest.bugs.url, `${repo}/issues`);
    assert.equal(manifest.homepage, `${repo}#readme`);
    for (const word of ['openstack', 'glance']) assert.ok(manifest.keywords.includes(word), `keyword ${word}`);
    assert.ok(manifest.keywords.length <= 30, 'the marketplace takes at most 30 keywords');
    assert.ok(manifest.categories.length > 0);
  });

  it('packages without --allow-missing-repository', () => {
    assert.match(manifest.scripts.package, /vsce package/);
    assert.doesNotMatch(manifest.scripts.package, /allow-missing-repository/);
  });

  it('has a walkthrough whose steps complete on the keys the extension sets, with their pages', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(WALKTHROUGH_ID, `${manifest.publisher}.${manifest.name}#${walkthrough.id}`, 'Glance: Get Started opens this walkthrough');
    assert.deepEqual(
      walkthrough.steps.map((s) => s.completionEvents),
      Object.values(WALKTHROUGH_KEYS).map((key) => [`onContext:${key}`]),
    );
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown && fs.existsSync(path.join(root, step.media.markdown)), `${step.id}: its page ${step.media.markdown}`);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(
          command!.startsWith('workbench.') || manifest.contributes.commands.some((c) => c.command === command),
          `${step.id} links to unknown command ${command}`,
        );
      }
    }
  });
});
