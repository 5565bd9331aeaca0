// The README's commands and settings tables, made from package.json so that they cannot drift:
// test/unit/manifest/readme.test.ts fails when the README's copy differs, and
// `npx tsx scripts/readmeTables.ts` writes the current tables into README.md between the
// <!-- commands --> / <!-- settings --> markers. package.json's texts are `%key%` references into
// package.nls.json (the English bundle VS Code localises the manifest with): the tables show the English.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const readmeFile = path.resolve(__dirname, '..', 'README.md');
const manifestFile = path.resolve(__dirname, '..', 'package.json');
const manifestNlsFile = path.resolve(__dirname, '..', 'package.nls.json');

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
}
interface Manifest {
  readonly contributes: {
    readonly commands: ReadonlyArray<{ readonly command: string; readonly title: string; readonly category?: string }>;
    readonly menus: Readonly<Record<string, readonly MenuEntry[]>>;
    readonly configuration: { readonly properties: Readonly<Record<string, { readonly type: string; readonly default: unknown; readonly markdownDescription: string }>> };
  };
}

/** What each command does, for people. A command without a line here fails the README test. */
export const COMMAND_PURPOSE: Readonly<Record<string, string>> = {
  'glanceShare.refresh': 'Reads the clouds again (title bar) or one project’s images (its row).',
  'glanceShare.addCloud': 'Adds a cloud without a `clouds.yaml`: Keystone URL, user, project; the password can be kept in VS Code’s secret storage.',
  'glanceShare.removeCloud': 'Forgets a cloud added with Add Cloud… and its stored password.',
  'glanceShare.addProjectScope': 'Shows another project of the same user side by side.',
  'glanceShare.switchProject': 'Signs the row in to another project of the same user (also: click the status bar item).',
  'glanceShare.removeProjectScope': 'Hides a project added with Add Project Scope….',
  'glanceShare.showRegions': 'Chooses which regions of a cloud have a row.',
  'glanceShare.copyProjectId': 'Copies the project’s ID: what someone needs to share an image with you.',
  'glanceShare.enterPassword': 'Asks for a missing or wrong password and signs in again.',
  'glanceShare.forgetPassword': 'Removes a password kept in VS Code’s secret storage.',
  'glanceShare.openCloudsYaml': 'Opens the `clouds.yaml` in use.',
  'glanceShare.retry': 'Signs in again after an error.',
  'glanceShare.showLog': 'Opens the “Glance Image Sharing” log (requests, answers, errors; never secrets).',
  'glanceShare.share':
    'Shares the selected images with one or more projects. One image and one project is one step; otherwise (or when a private image is made shared first) it shows the plan: members to add, already members, the member quota, what this project may not do; then a result per row, Retry Failed, Show or Copy Results.',
  'glanceShare.shareFiltered': 'The same plan for every private and shared image of yours that the view’s filter shows.',
  'glanceShare.shareSameProjectsAs': 'Copies the member projects of another of your images to this one, as a plan.',
  'glanceShare.publishNewVersion':
    'On the new image: pick the old one; shares with every project that accepted it (optionally the pending ones too), opens a share notice per consumer, then offers to hide the old image or make it community or private without members.',
  'glanceShare.removeMember': 'Stops sharing an image with some of its member projects.',
  'glanceShare.accept': 'Accepts an image shared with your project: it joins your image list.',
  'glanceShare.reject': 'Rejects a share: the image leaves your list (the owner still sees you as a member).',
  'glanceShare.resetPending': 'Takes back an answer: the share waits again.',
  'glanceShare.setVisibility': 'Makes an image private, shared, community or public (as far as Glance’s policy allows).',
  'glanceShare.copyImageId': 'Copies the image’s ID.',
  'glanceShare.copyShareNotice': 'Copies a message for the member project: the image, its ID, region and how to accept it.',
  'glanceShare.copyCliCommand': 'Copies the `openstack` command that does the same (share, accept, …).',
  'glanceShare.showMembers': 'Opens the image’s members panel: who it is shared with and each answer; add and remove members there.',
  'glanceShare.filterImages': 'Filters the tree: `ubuntu* tag:golden status:active owner:<id> member:pending created>2026-01-01`.',
  'glanceShare.clearFilter': 'Removes the filter.',
  'glanceShare.openImageById': 'Finds an image by ID (or a pasted share notice) in every signed-in project and reveals it; offers Accept when it is pending.',
  'glanceShare.showImageDetails': 'Opens everything Glance says about the image as a read-only YAML document.',
  'glanceShare.compareImages': 'Compares two images’ details side by side.',
  'glanceShare.openWalkthrough': 'Opens the “Get Started with glance-share” walkthrough.',
  'glanceShare.shareAndAccept': 'Shares an image with one of your own other projects and accepts it there with that project’s own token, in one step.',
  'glanceShare.editAddressBook': 'Opens the workspace’s address book (`.vscode/glance-share-projects.json`), creating it empty.',
  'glanceShare.addToAddressBook': 'Adds a project (a member row, or one you pick) to the address book.',
  'glanceShare.hideImage': 'Hides one of your images from default image listings (`os_hidden`); it stays usable by ID and for its members.',
  'glanceShare.unhideImage': 'Lists a hidden image again.',
  'glanceShare.checkPermissions':
    'Shows what the project’s token may change (share, remove, answer, visibility) and why: its roles, the policy, or a refusal Glance gave.',
  'glanceShare.exportTerraform':
    'Opens the selected images’ shares (or a project’s) as Terraform `openstack_images_image_access_v2` / `…_accept_v2` resources with `import` blocks.',
  'glanceShare.exportShellScript': 'Opens the same shares as a shell script of `openstack --os-cloud … --os-region-name …` lines.',
  'glanceShare.showAccessOverview':
    'A table of a project’s shared images × the projects they are shared with: each answer and how long it has stood, filters (pending for more than N days, rejected, one project, image name), totals, a click to the image’s members; export as CSV, JSON or Markdown. For one scope or every connected scope of a cloud.',
  'glanceShare.showAllShares':
    'For a scope with an admin token only (where Shared with me cannot be told apart): every shared image of its region, whoever owns it, as lines of owner project → image → member project → answer, sortable by each, with the same filters and CSV, JSON or Markdown exports (owner name and ID included).',
  'glanceShare.whatDidIShare': 'Lists the images of a project that another project is a member of, with its answer and since when.',
  'glanceShare.removeProjectFromAll':
    'Removes a project from every image of yours it is a member of: shows the plan, asks, then reports per image; Retry Failed finishes the rest.',
  'glanceShare.reviewShares':
    'Lists everything shared with all your connected projects and regions, pending first, with since when and from whom; check several and Accept, Reject or Reset them to pending: shows the plan, asks, then reports per share; Retry Failed finishes the rest.',
};

/**
 * package.json with every `%key%` string replaced by its English text from package.nls.json, as
 * VS Code and vsce show it. A key missing from package.nls.json throws: VS Code would show the raw `%key%`.
 */
export function localisedManifest<T = Manifest>(): T {
  const nls = JSON.parse(fs.readFileSync(manifestNlsFile, 'utf8')) as Record<string, string>;
  return JSON.parse(fs.readFileSync(manifestFile, 'utf8'), (_key, value: unknown) => {
    const ref = typeof value === 'string' ? /^%([^%\s]+)%$/.exec(value) : null;
    if (!ref) return value;
    const text = nls[ref[1]!];
    if (text === undefined) throw new Error(`package.json names ${value}, which package.nls.json does not have`);
    return text;
  }) as T;
}

function readManifest(): Manifest {
  return localisedManifest();
}

/** Where a command is offered: the view's title bar, a row's context menu, the Command Palette. */
function placesOf(manifest: Manifest, command: string): string[] {
  const menus = manifest.contributes.menus;
  const places: string[] = [];
  const entries = (menu: string) => (menus[menu] ?? []).filter((e) => e.command === command);
  if (entries('view/title').length > 0) places.push('view title bar');
  const rows = entries('view/item/context').map((e) => e.when ?? '');
  if (rows.some((w) => w.includes('/^scope;/'))) places.push('project row');
  if (rows.some((w) => w.includes('/^image;'))) places.push('image row');
  if (rows.some((w) => w.includes('viewItem == error'))) places.push('error row');
  if (!entries('commandPalette').some((e) => e.when === 'false')) places.push('palette');
  return places;
}

export function commandsTable(manifest = readManifest()): string {
  const lines = ['| Command | What it does | Where |', '| --- | --- | --- |'];
  for (const c of manifest.contributes.commands) {
    const purpose = COMMAND_PURPOSE[c.command];
    if (!purpose) throw new Error(`scripts/readmeTables.ts: no COMMAND_PURPOSE for ${c.command}`);
    lines.push(`| ${c.category ? `${c.category}: ` : ''}${c.title} | ${purpose} | ${placesOf(manifest, c.command).join(', ')} |`);
  }
  return lines.join('\n');
}

export function settingsTable(manifest = readManifest()): string {
  const lines = ['| Setting | Default | What it does |', '| --- | --- | --- |'];
  for (const [key, p] of Object.entries(manifest.contributes.configuration.properties)) {
    lines.push(`| \`${key}\` | \`${JSON.stringify(p.default)}\` | ${p.markdownDescription.replace(/\|/g, '\\|')} |`);
  }
  return lines.join('\n');
}

/** The README's text with each marked table replaced by the current one. */
export function withTables(readme: string): string {
  const tables: Record<string, string> = { commands: commandsTable(), settings: settingsTable() };
  let text = readme;
  for (const [name, table] of Object.entries(tables)) {
    const pattern = new RegExp(`<!-- ${name} -->\\n(?:[\\s\\S]*?\\n)?<!-- /${name} -->`);
    if (!pattern.test(text)) throw new Error(`README.md has no <!-- ${name} --> … <!-- /${name} --> block`);
    text = text.replace(pattern, `<!-- ${name} -->\n${table}\n<!-- /${name} -->`);
  }
  return text;
}

if (require.main === module) {
  fs.writeFileSync(readmeFile, withTables(fs.readFileSync(readmeFile, 'utf8')));
  console.log('README.md: commands and settings tables written from package.json');
}
