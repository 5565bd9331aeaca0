// Exports by clicks, their documents read back and checked against what Glance holds (the
// `openstack` CLI): the access overview's Export CSV / JSON / Markdown buttons (what its filter
// keeps), and "Export Shares as Terraform" / "… as Shell Script" from a scope row, the palette and
// an incoming image's row. Each document is read whole (select all, copy) and parsed: CSV per RFC
// 4180, JSON, Terraform with test/support/hcl.ts, the script with `sh -n` and line by line.
// Screenshots: .test-output/screenshots/exports-*.png.
import { skipAfterFirstFailure } from './support/steps';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { FrameLocator, Page } from 'playwright-core';
import type { GlanceImage } from '../../src/openstack';
import { parseCsv } from '../support/csv';
import { parseHcl, stringAttribute, type HclBlock } from '../support/hcl';
import { stackIds, uniqueName } from '../support/stack';
import { ERIN, ErinAndFrank, FRANK } from './support/erinAndFrank';
import { cliMembers } from './support/cli';
import { clickContextMenuEntry } from './support/contextMenu';
import { activeEditorLanguage, activeEditorText, activeTabIsUntitled, activeTabTitle, closeEditors } from './support/editor';
import { poll } from './support/poll';
import { pickRowByLabel, waitForPlaceholder, runCommand } from './support/quickInput';
import { collapseRow, exactText, waitForRow, waitForRowExpanding } from './support/tree';
import { clearHover, screenshotAtRest, screenshotIfFailed } from './support/workbench';

const OVERVIEW_TAB = `Access: ${ERIN}`;

type Key = 'golden' | 'legacy' | 'lonely';

/** The webview frame of the active editor: the workbench's webview frame, then the content frame inside it. */
function activeFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

/** "image id member id status" for each member, sorted: the shape every format is compared in. */
function triples(rows: ReadonlyArray<readonly [string, string, string]>): string[] {
  return rows.map((r) => r.join(' ')).sort();
}

/** Markdown's backslash escapes undone (CommonMark: a backslash before ASCII punctuation). */
function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('exports by clicks: the overview\u2019s CSV, JSON and Markdown, Terraform and shell, read back against Glance', function () {
  this.timeout(300_000);

  let users: ErinAndFrank;
  let page: Page;
  const consumer = stackIds().projects['e2e-consumer'];
  const producer = stackIds().projects['e2e-producer'];
  const stranger = randomBytes(16).toString('hex');
  const prefix = uniqueName('e2e-export');
  const images = {} as Record<Key, GlanceImage>;
  const ids = () => new Set(Object.values(images).map((i) => i.id));

  /** What Glance holds for this suite's images, by the CLI: image id, member id, status. */
  const glanceTriples = () =>
    triples(Object.values(images).flatMap((image) => Object.entries(cliMembers('erin', image.id)).map(([member, status]) => [image.id, member, status] as const)));

  const shoot = (file: string) => screenshotAtRest(page, file);

  /** Waits for an untitled document to be the active editor, then reads it whole. */
  async function untitledText(): Promise<string> {
    await poll(() => activeTabIsUntitled(page), Boolean, 'an untitled document in front', 60_000);
    return activeEditorText(page, users.origin);
  }

  /** Clicks one of the overview's export buttons (the overview in front first) and reads the document it opens. */
  async function exportFromOverview(title: string, shot: string): Promise<string> {
    if ((await activeTabTitle(page)) !== OVERVIEW_TAB) {
      await page.locator('.tabs-container .tab', { has: page.locator('.label-name', { hasText: exactText(OVERVIEW_TAB) }) }).click();
    }
    const frame = activeFrame(page);
    // The filter is the webview's state: kept when the tab was in the background.
    await poll(
      () => frame.locator('#filter-text').inputValue(),
      (v) => v === prefix,
      'the overview with its filter',
      30_000,
    );
    await frame.locator('button[data-export]', { hasText: exactText(title) }).click();
    const text = await untitledText();
    await shoot(shot);
    return text;
  }

  before(async function () {
    users = await ErinAndFrank.connect();
    const { erin, frank } = users;
    for (const key of ['golden', 'legacy', 'lonely'] as const) images[key] = await users.image(`${prefix}-${key}`, 'shared');
    await erin.glance.addMember(images.golden.id, consumer);
    await erin.glance.addMember(images.golden.id, stranger);
    await erin.glance.addMember(images.legacy.id, consumer);
    await frank.glance.updateMemberStatus(images.golden.id, consumer, 'accepted');
    await frank.glance.updateMemberStatus(images.legacy.id, consumer, 'rejected');
    page = (await users.open('gs-e2e-export-', 480)).page;
    await clearHover(page);
    await waitForRowExpanding(page, [ERIN, 'My images', /^Shared \(\d+\)$/, images.golden.name ?? '']);
    await waitForRowExpanding(page, [FRANK, 'Shared with me', /^Accepted \(\d+\)$/, images.golden.name ?? '']);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async function () {
    await users?.close();
  });

  describe('the access overview\u2019s buttons', function () {
    skipAfterFirstFailure();

    before(async function () {
      await clickContextMenuEntry(page, await waitForRow(page, [ERIN]), 'Show Access Overview');
      await clearHover(page);
      const frame = activeFrame(page);
      await frame.locator('#overview-progress-text', { hasText: /images? read$/ }).waitFor({ timeout: 60_000 });
      await frame.locator('#filter-text').fill(prefix);
      await poll(
        () => frame.locator('#overview-table tbody tr').count(),
        (n) => n === 3,
        'this suite\u2019s three images in the overview',
      );
      await shoot('exports-01-overview');
    });

    it('Export CSV: one line per image and member, names and IDs, the image without members on a line saying so; the same members as Glance', async () => {
      const text = await exportFromOverview('Export CSV', 'exports-02-csv');
      assert.match(await activeEditorLanguage(page), /^(CSV|Plain Text)$/);
      const [header, ...rows] = parseCsv(text);
      assert.deepEqual(header, [
        'cloud',
        'region',
        'owner project',
        'owner project id',
        'image',
        'image id',
        'member project',
        'member project id',
        'status',
        'since',
        'days',
        'note',
      ]);
      assert.ok(
        rows.every((r) => r.length === header.length),
        'every line has every field',
      );
      assert.ok(
        rows.every((r) => r[4].startsWith(prefix)),
        `only what the filter keeps: ${rows.map((r) => r[4]).join(', ')}`,
      );
      // The region its requests go to, also for a one-region cloud, as the Terraform and shell exports say.
      const owner = ['erin', 'RegionOne', 'e2e-producer', producer];
      assert.deepEqual(
        rows.filter((r) => r.slice(0, 4).join(',') !== owner.join(',')),
        [],
        'the owner scope on every line',
      );
      const withMembers = rows.filter((r) => r[7]);
      assert.deepEqual(triples(withMembers.map((r) => [r[5], r[7], r[8]] as const)), glanceTriples());
      assert.ok(
        withMembers.every((r) => r[6] === (r[7] === consumer ? 'e2e-consumer' : '')),
        'frank\u2019s project by name, the stranger by ID only',
      );
      const today = new Date().toISOString().slice(0, 10);
      assert.ok(
        withMembers.every((r) => r[9].startsWith(today) && r[10] === '0'),
        withMembers.map((r) => `${r[9]} ${r[10]}`).join('\n'),
      );
      assert.deepEqual(
        rows.filter((r) => !r[7]).map((r) => [r[4], r[5], r[11]]),
        [[images.lonely.name, images.lonely.id, 'no members']],
      );
    });

    it('Export JSON: the scope, the three images with their members and totals; the same members as Glance', async () => {
      const text = await exportFromOverview('Export JSON', 'exports-03-json');
      assert.equal(await activeEditorLanguage(page), 'JSON');
      const data = JSON.parse(text) as {
        complete: boolean;
        filter: { imageText: string };
        scopes: Array<{ cloud: string; region: string | null; projectId: string; projectName: string }>;
        images: Array<{ id: string; name: string; ownerProjectId: string; members: Array<{ projectId: string; projectName: string | null; status: string }> }>;
        totals: { pending: number; accepted: number; rejected: number; all: number };
      };
      assert.equal(data.complete, true);
      assert.equal(data.filter.imageText, prefix);
      assert.deepEqual(
        data.scopes.map((s) => [s.cloud, s.region, s.projectId, s.projectName]),
        [['erin', 'RegionOne', producer, 'e2e-producer']],
      );
      assert.deepEqual(data.images.map((i) => i.id).sort(), [...ids()].sort());
      assert.ok(data.images.every((i) => i.ownerProjectId === producer));
      assert.deepEqual(triples(data.images.flatMap((i) => i.members.map((m) => [i.id, m.projectId, m.status] as const))), glanceTriples());
      const names = new Map(data.images.flatMap((i) => i.members.map((m) => [m.projectId, m.projectName] as const)));
      assert.deepEqual(Object.fromEntries(names), { [consumer]: 'e2e-consumer', [stranger]: null });
      assert.deepEqual(data.totals, { pending: 1, accepted: 1, rejected: 1, all: 3 });
    });

    it('Export Markdown: the matrix, image × project, each cell the status; the same members as Glance', async () => {
      const text = await exportFromOverview('Export Markdown', 'exports-04-markdown');
      assert.equal(await activeEditorLanguage(page), 'Markdown');
      assert.match(text, /^# Access overview$/m);
      const table = text
        .split('\n')
        .filter((l) => l.startsWith('| '))
        .map((l) =>
          l
            .slice(2, -2)
            .split(' | ')
            .map((c) => unescapeMarkdown(c.replace(/^`|`$/g, ''))),
        );
      const [header, rule, ...body] = table;
      assert.deepEqual(
        rule,
        header.map(() => '---'),
      );
      assert.deepEqual(header.slice(0, 2), ['Image', 'Image ID']);
      assert.equal(header[header.length - 1], 'Total');
      const projects = header.slice(2, -1);
      assert.deepEqual([...projects].sort(), ['e2e-consumer', stranger].sort(), 'frank\u2019s project by name, the stranger by its ID');
      const projectId = (column: string) => (column === 'e2e-consumer' ? consumer : column);
      const imageRows = body.filter((r) => r[0] !== '**Total**');
      assert.deepEqual(
        imageRows.map((r) => r[0]).sort(),
        Object.values(images)
          .map((i) => i.name)
          .sort(),
      );
      const cells = imageRows.flatMap((r) =>
        projects.flatMap((column, i) => {
          const cell = r[2 + i];
          if (!cell) return [];
          const m = /^(pending|accepted|rejected) 0 d$/.exec(cell);
          assert.ok(m, `a cell reads "status 0 d": ${cell}`);
          return [[r[1], projectId(column), m[1]] as const];
        }),
      );
      assert.deepEqual(triples(cells), glanceTriples());
      assert.match(text, /^1 pending · 1 accepted · 1 rejected\.$/m);
      assert.match(text, new RegExp(`^- e2e\\\\-consumer: \`${consumer}\`$`, 'm'));
    });

    after(async function () {
      await closeEditors(page);
    });
  });

  it('"Export Shares as Terraform" from erin\u2019s row: HCL that parses, one access resource and import per member Glance has, the image without members in a comment', async () => {
    await collapseRow(await waitForRow(page, [FRANK]));
    await clickContextMenuEntry(page, await waitForRow(page, [ERIN]), 'Export Shares as Terraform');
    const text = await untitledText();
    // No installed extension contributes Terraform here: the document opens as plain text.
    assert.equal(await activeEditorLanguage(page), 'Plain Text');
    await shoot('exports-05-terraform');
    const body = parseHcl(text);
    const provider = body.blocks.find((b) => b.type === 'provider');
    assert.ok(provider, 'a provider block');
    assert.deepEqual(provider.labels, ['openstack']);
    assert.equal(stringAttribute(provider.body, 'cloud'), 'erin');
    assert.equal(stringAttribute(provider.body, 'region'), 'RegionOne');
    // The scope's every owned shared image is exported; this suite's are those it made.
    const ours = (b: HclBlock) => ids().has(stringAttribute(b.body, 'image_id'));
    const access = body.blocks.filter((b) => b.type === 'resource' && b.labels[0] === 'openstack_images_image_access_v2').filter(ours);
    assert.deepEqual(
      access.map((b) => `${stringAttribute(b.body, 'image_id')} ${stringAttribute(b.body, 'member_id')}`).sort(),
      glanceTriples().map((t) => t.split(' ').slice(0, 2).join(' ')),
    );
    assert.ok(
      access.every((b) => !('status' in b.body.attributes)),
      'the member\u2019s answer is not the owner\u2019s to set',
    );
    // Each resource has its import block, by the provider's import ID.
    const imports = new Map(
      body.blocks
        .filter((b) => b.type === 'import')
        .map((b) => {
          const to = b.body.attributes.to;
          return [to?.kind === 'traversal' ? to.path.join('.') : '', stringAttribute(b.body, 'id')] as const;
        }),
    );
    for (const b of access) {
      assert.equal(imports.get(`${b.labels[0]}.${b.labels[1]}`), `${stringAttribute(b.body, 'image_id')}/${stringAttribute(b.body, 'member_id')}`);
    }
    assert.match(text, new RegExp(`^# "${images.lonely.name}" \\(${images.lonely.id}\\): no members$`, 'm'));
    await closeEditors(page);
  });

  it('"Export Shares as Shell Script" from the palette, erin\u2019s scope picked: valid sh, one add line per member Glance has, each answer in a comment', async () => {
    await runCommand(page, 'Glance: Export Shares as Shell Script');
    await waitForPlaceholder(page, 'Export the shared images of which project scope?');
    await (await pickRowByLabel(page, ERIN)).click();
    const text = await untitledText();
    assert.equal(await activeEditorLanguage(page), 'Shell Script');
    await shoot('exports-06-shell');
    assert.equal(spawnSync('sh', ['-n', '-c', text]).status, 0, 'sh reads it');
    assert.ok(text.startsWith('#!/bin/sh\n'));
    const lines = text.split('\n');
    const add = /^openstack --os-cloud erin --os-region-name RegionOne image add project (\S+) (\S+)$/;
    const added = lines.flatMap((l) => {
      const m = add.exec(l);
      return m && ids().has(m[1]) ? [`${m[1]} ${m[2]}`] : [];
    });
    assert.deepEqual(
      added.sort(),
      glanceTriples().map((t) => t.split(' ').slice(0, 2).join(' ')),
    );
    const flags: Record<string, string> = { accepted: '--accept', rejected: '--reject', pending: '--pending' };
    for (const [imageId, member, status] of glanceTriples().map((t) => t.split(' '))) {
      const who = member === consumer ? `e2e-consumer \\(${consumer}\\)` : member;
      assert.match(text, new RegExp(`^#   ${who} is ${status}; only that project can answer: openstack image set ${flags[status]} ${imageId}$`, 'm'));
    }
    assert.match(text, new RegExp(`^# "${images.lonely.name}" \\(${images.lonely.id}\\): no members$`, 'm'));
    await closeEditors(page);
  });

  it('"Export Shares as Shell Script" on frank\u2019s accepted share: his project\u2019s answer, in his scope', async () => {
    await collapseRow(await waitForRow(page, [ERIN]));
    const at = [FRANK, 'Shared with me', /^Accepted \(\d+\)$/, images.golden.name ?? ''];
    await waitForRowExpanding(page, at);
    await clickContextMenuEntry(page, await waitForRow(page, at), 'Export Shares as Shell Script');
    const text = await untitledText();
    await shoot('exports-07-shell-incoming');
    assert.equal(spawnSync('sh', ['-n', '-c', text]).status, 0, 'sh reads it');
    const commands = text.split('\n').filter((l) => l && !l.startsWith('#') && l !== 'set -u');
    assert.deepEqual(commands, [`openstack --os-cloud frank --os-region-name RegionOne image set --accept ${images.golden.id}`]);
    assert.match(text, new RegExp(`^# "${images.golden.name}" \\(${images.golden.id}\\), owned by e2e-producer \\(${producer}\\): this project's answer$`, 'm'));
    await closeEditors(page);
  });
});
