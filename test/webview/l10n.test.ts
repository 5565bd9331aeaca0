// The two webviews under a pseudo-localised bundle (every message «in guillemets»), handed to the
// page as the extension hands VS Code's bundle for a display language (src/ui/webviewPage.ts →
// data-l10n): every text the page writes itself must come out of the bundle. Glance's values
// (names, IDs, statuses, dates) are left out of the check; what remains with a letter outside «…»
// is English a translator could not reach. Put a literal back in media/ and this fails.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { GlanceMember } from '../../src/openstack';
import { buildMembersView, loadedRow, loadingRow, type OverviewModel } from '../../src/sharing';
import { extract } from '../../scripts/l10nBundle';
import { image } from '../support/fixtures';
import { KEY, openWebview, type WebviewPage } from './page';

/** Where a look at each pseudo-localised page is saved (the e2e suite's screenshots folder). */
const SCREENSHOTS = path.resolve(__dirname, '..', '..', '.test-output', 'screenshots');
async function screenshot(view: WebviewPage, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await view.page.screenshot({ path: path.join(SCREENSHOTS, `webview-pseudo-${name}.png`), fullPage: true });
}

const PSEUDO: Record<string, string> = Object.fromEntries(extract().messages.map((m) => [m, `\u00ab${m}\u00bb`]));
const OWNER = 'a'.repeat(32);
const MEMBER = 'b'.repeat(32);
const NOW = '2026-11-30T12:00:00Z';

/**
 * In the page: each element's own text (its text-node children joined) and the attributes a reader
 * sees or hears, outside the elements that hold Glance's values; with every «…» taken out (nested
 * ones too), what still has a letter.
 */
async function untranslated(view: WebviewPage): Promise<string[]> {
  // Plain JavaScript text: functions compiled by tsx would call a helper the page does not have.
  return view.page.evaluate(`(() => {
    // Where Glance's values and dates are written: names, IDs, statuses, sizes, times, the scope line.
    const VALUES = 'time, code, .badge, .term, .project-name, #image-name, #owner, #visibility, #image-status, #size, #scope, #overview-scopes, .image, .member, .owner';
    const strip = (text) => {
      let out = text;
      for (let before = ''; before !== out; ) {
        before = out;
        out = out.replace(/\u00ab[^\u00ab\u00bb]*\u00bb/g, '');
      }
      return out.replace(/\\b[0-9a-f]{32}\\b/g, '');
    };
    const found = [];
    for (const element of Array.from(document.querySelectorAll('#app, #app *'))) {
      if (element.closest(VALUES) || element.closest('[hidden]')) continue;
      const own = Array.from(element.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent || '').join('');
      for (const text of [own, ...['title', 'aria-label', 'placeholder', 'label'].map((a) => element.getAttribute(a) || '')]) {
        if (/\\p{L}/u.test(strip(text))) found.push(element.localName + (element.id ? '#' + element.id : '') + ': ' + text);
      }
    }
    if (/\\p{L}/u.test(strip(document.title))) found.push('title: ' + document.title);
    return found;
  })()`);
}

const members: GlanceMember[] = [
  { member_id: MEMBER, image_id: KEY.imageId, status: 'pending', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-02T00:00:00Z' },
  { member_id: 'c'.repeat(32), image_id: KEY.imageId, status: 'accepted', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-03T00:00:00Z' },
];
const glanceImage = image(KEY.imageId, { name: 'golden-ubuntu', owner: OWNER, visibility: 'shared', size: 2_361_393_152, created_at: '2026-01-01T00:00:00Z' });

describe('the webviews under a pseudo-localised bundle (plain Chromium)', function () {
  let view: WebviewPage | undefined;
  // The extension's side too (the page's title, the states it builds): one bundle for both, as activate() configures it.
  before(() => l10n.config({ contents: PSEUDO }));
  after(() => l10n.config({ contents: {} }));
  afterEach(async () => {
    await view?.close();
    view = undefined;
  });

  it('the members panel, owner and member: headings, buttons, facts, filters, the table, the legend and the empty state all come from the bundle', async () => {
    view = await openWebview('members', { language: 'qps-ploc', messages: PSEUDO });
    assert.equal(await view.page.locator('html').getAttribute('lang'), 'qps-ploc');
    assert.equal(
      await view.page.locator('#image-name').textContent(),
      '\u00abLoading\u2026\u00bb',
      'before the first state: the bundle is read before anything is built',
    );
    const owner = buildMembersView({ image: glanceImage, viewpoint: { projectId: OWNER }, members, cloud: 'alice', projectName: 'producer', nameOf: () => undefined });
    await view.send({ type: 'state', state: owner });
    assert.equal(await view.page.locator('#members-heading').textContent(), '\u00abMembers\u00bb');
    assert.match((await view.page.locator('#member-counts').textContent()) ?? '', /^\u00ab2 members: 1 pending/);
    assert.deepEqual(await untranslated(view), []);
    await screenshot(view, 'members-owner');
    // The empty state of a filter.
    await view.page.locator('vscode-radio[data-filter="rejected"]').click();
    assert.equal(await view.page.locator('.empty-cell').textContent(), '\u00abNo rejected members.\u00bb');
    assert.deepEqual(await untranslated(view), []);

    const member = buildMembersView({
      image: glanceImage,
      viewpoint: { projectId: MEMBER, memberStatus: 'pending' },
      members: [members[0]],
      cloud: 'bob',
      projectName: 'consumer',
      nameOf: () => undefined,
    });
    await view.send({ type: 'state', state: member });
    assert.equal(await view.page.locator('#answer-heading').textContent(), '\u00abYour project\u2019s answer\u00bb');
    assert.deepEqual(await untranslated(view), []);
    assert.deepEqual(view.errors, []);
  });

  it('the access overview: title, toolbar, filters, headers, cells, totals and summary come from the bundle', async () => {
    view = await openWebview('overview', { language: 'qps-ploc', messages: PSEUDO });
    const row = loadingRow('s1', image('img-a', { name: 'base-debian', visibility: 'shared' }));
    const model: OverviewModel = {
      scopes: [{ scopeId: 's1', cloud: 'alice', projectId: 'p0', projectName: 'producer' }],
      rows: [
        loadedRow(row, [
          { ...members[0], image_id: 'img-a' },
          { ...members[1], image_id: 'img-a' },
        ]),
        loadingRow('s1', image('img-b', { name: 'base-alma', visibility: 'shared' })),
      ],
      names: {},
      done: false,
      now: NOW,
    };
    await view.send({ type: 'model', model });
    assert.equal(await view.page.locator('#overview-title').textContent(), '\u00abAccess overview\u00bb');
    assert.equal(await view.page.locator('#overview-progress-text').textContent(), '\u00abReading members\u2026 1 of 2 images\u00bb');
    assert.deepEqual(await untranslated(view), []);
    await screenshot(view, 'overview');
    await view.send({ type: 'model', model: { ...model, rows: [], done: true } });
    assert.equal(await view.page.locator('#overview-empty').textContent(), '\u00abThis project owns no shared image.\u00bb');
    assert.deepEqual(await untranslated(view), []);
    await view.send({ type: 'model', model: { ...model, mode: 'admin', done: true } });
    assert.equal(await view.page.locator('#overview-title').textContent(), '\u00abAll shares (admin)\u00bb');
    assert.deepEqual(await untranslated(view), []);
    assert.deepEqual(view.errors, []);
  });

  it('in English (no bundle) the pages read as before', async () => {
    l10n.config({ contents: {} });
    view = await openWebview('members');
    assert.equal(await view.page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await view.page.locator('#app').getAttribute('data-l10n'), null, 'nothing to hand over in English');
    const owner = buildMembersView({ image: glanceImage, viewpoint: { projectId: OWNER }, members, cloud: 'alice', projectName: 'producer', nameOf: () => undefined });
    await view.send({ type: 'state', state: owner });
    assert.equal(await view.page.locator('#member-counts').textContent(), '2 members: 1 pending \u00b7 1 accepted \u00b7 0 rejected');
  });
});
