// The images tree's rows from the provider itself (src/ui/tree/imagesTree.ts), with VS Code's API
// stubbed (test/unit/vscode/stub.ts) and the two things it reads, the connections and the image
// store, as small objects holding exactly the state a test sets: root rows, connection-state rows,
// groups with their counts, loading and error rows, and the contextValues the menus read.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  ConfigError,
  capabilitiesOf,
  type CloudConfig,
  type ImageApiCapabilities,
  type GlanceImage,
  type GlanceMember,
  type MemberStatus,
  type ScopeConnection,
  type Visibility,
} from '../../../src/openstack';
import { derivePermissions, groupScopeImages, type ImageGroups, type ScopePermissions } from '../../../src/sharing';
import type { Connections, Scope, ScopeState } from '../../../src/ui/connections';
import type { ImageStore, Loadable, OthersListing } from '../../../src/ui/imageStore';
import { ImagesTreeProvider, PENDING_OPEN_MAX } from '../../../src/ui/tree/imagesTree';
import type { Node } from '../../../src/ui/tree/nodes';
import { image } from '../../support/fixtures';

const ME = 'p'.repeat(32);

function cloud(name: string, overrides: Partial<CloudConfig> = {}): CloudConfig {
  return {
    name,
    source: { kind: 'file', path: '/clouds.yaml' },
    auth: { type: 'password', authUrl: 'http://keystone/v3', username: name, project: { name: 'producer' } },
    regions: [],
    interface: 'public',
    verify: true,
    ...overrides,
  };
}

/** What the tree reads of a signed-in session. */
function connected(projectName: string, isAdmin = false, roles = isAdmin ? ['admin'] : ['member']): ScopeState {
  const session = { projectScope: { id: ME, name: projectName }, user: { id: 'u', name: 'alice' }, roles, isAdmin };
  return { kind: 'connected', connection: { session, glance: { endpoint: 'http://glance' } } as unknown as ScopeConnection };
}

function scope(id: string, state: ScopeState, overrides: Partial<Scope> = {}): Scope {
  return { id, cloudKey: id, cloud: cloud(id), extra: false, state, storedSecret: false, ...overrides };
}

/** The members of Connections the tree uses, holding what a test puts there. */
class FakeConnections {
  loaded = true;
  scopes: Scope[] = [];
  configErrors: ConfigError[] = [];
  readonly changed = new vscode.EventEmitter<Scope | undefined>();
  readonly onDidChange = this.changed.event;
  find(id: string): Scope | undefined {
    return this.scopes.find((s) => s.id === id);
  }
  projectName(id: string): string | undefined {
    return id === 'them' ? 'consumer' : undefined;
  }
}

/** The members of ImageStore the tree uses; records the loads the tree asks for. */
class FakeImages {
  readonly mainState = new Map<string, Loadable<ImageGroups>>();
  readonly othersState = new Map<string, Loadable<readonly GlanceImage[]>>();
  readonly loading = new Set<string>();
  /** Scopes whose Pending listing is still arriving (a first load before its owned-and-pending walk ended). */
  readonly pendingArriving = new Set<string>();
  readonly admin = new Set<string>();
  readonly permissionsState = new Map<string, ScopePermissions>();
  readonly othersRequested: string[] = [];
  readonly membersRequested: string[] = [];
  readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  main(scopeId: string): Loadable<ImageGroups> {
    return this.mainState.get(scopeId) ?? { kind: 'idle' };
  }
  isLoading(scopeId: string): boolean {
    return this.loading.has(scopeId);
  }
  pendingComplete(scopeId: string): boolean {
    return !this.pendingArriving.has(scopeId);
  }
  others(scopeId: string, listing: OthersListing): Loadable<readonly GlanceImage[]> {
    return this.othersState.get(`${scopeId}/${listing}`) ?? { kind: 'idle' };
  }
  incomingUnknown(scopeId: string): boolean {
    return this.admin.has(scopeId);
  }
  readonly capabilitiesOf = new Map<string, ImageApiCapabilities>();
  capabilities(scopeId: string): ImageApiCapabilities | undefined {
    return this.capabilitiesOf.get(scopeId);
  }
  permissions(scopeId: string): ScopePermissions | undefined {
    return this.permissionsState.get(scopeId);
  }
  /** What a Community or Public load waits for (a test holds it open to act meanwhile). */
  othersAnswer: Promise<void> = Promise.resolve();
  async loadOthers(scopeId: string, listing: OthersListing): Promise<void> {
    this.othersRequested.push(`${scopeId}/${listing}`);
    await this.othersAnswer;
  }
  async loadMembers(scopeId: string, images: readonly GlanceImage[]): Promise<void> {
    this.membersRequested.push(...images.map((i) => `${scopeId}/${i.id}`));
  }
  members(): readonly GlanceMember[] | undefined {
    return undefined;
  }
}

function groups(owned: Array<[string, Visibility]>, incoming: Partial<Record<MemberStatus, string[]>> = {}): ImageGroups {
  const shared = (ids: string[] = []) => ids.map((id) => image(id, { visibility: 'shared', owner: 'them' }));
  return groupScopeImages({
    projectId: ME,
    owned: owned.map(([id, visibility]) => image(id, { visibility, owner: ME })),
    incoming: { pending: shared(incoming.pending), accepted: shared(incoming.accepted), rejected: shared(incoming.rejected) },
  });
}

interface Row {
  readonly label: string;
  readonly description?: string | boolean;
  readonly contextValue?: string;
  readonly state?: vscode.TreeItemCollapsibleState;
  readonly icon?: string;
  readonly command?: string;
  readonly node: Node;
}

describe('images tree provider', () => {
  let connections: FakeConnections;
  let images: FakeImages;
  let tree: ImagesTreeProvider;

  beforeEach(() => {
    connections = new FakeConnections();
    images = new FakeImages();
    tree = new ImagesTreeProvider(connections as unknown as Connections, images as unknown as ImageStore);
  });
  afterEach(() => tree.dispose());

  const row = (node: Node): Row => {
    const item = tree.getTreeItem(node) as vscode.TreeItem;
    return {
      label: String(item.label),
      description: item.description,
      contextValue: item.contextValue,
      state: item.collapsibleState,
      icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
      command: item.command?.command,
      node,
    };
  };
  const children = (parent?: Node): Row[] => tree.rows(parent).map(row);
  const child = (parent: Row | undefined, label: string | RegExp): Row => {
    const found = children(parent?.node).find((r) => (typeof label === 'string' ? r.label === label : label.test(r.label)));
    assert.ok(
      found,
      `no row ${label} under ${parent?.label ?? 'the root'}: ${children(parent?.node)
        .map((r) => r.label)
        .join(', ')}`,
    );
    return found;
  };

  it('says it is reading the configuration before the clouds are known', () => {
    connections.loaded = false;
    assert.deepEqual(
      children().map((r) => [r.label, r.contextValue, r.icon]),
      [['Reading cloud configuration…', 'message', 'loading~spin']],
    );
  });

  it('has one root row per scope, then the configuration problems with one row per error', () => {
    connections.scopes = [scope('alice', connected('producer')), scope('bob', { kind: 'error', error: new Error('boom') })];
    connections.configErrors = [new ConfigError('clouds.prod.auth.auth_url is missing: write the Keystone URL', '/clouds.yaml', 'prod', 'auth_url')];
    const roots = children();
    assert.deepEqual(
      roots.map((r) => [r.label, r.description]),
      [
        ['alice · producer', 'alice'],
        ['bob · producer', 'not connected'],
        ['Configuration problems', '1'],
      ],
    );
    assert.equal(roots[0].contextValue, 'scope;state:connected;can:rescope;can:copyProjectId;can:checkPermissions');
    assert.equal(roots[1].contextValue, 'scope;state:error');
    // Up to three scopes start expanded.
    assert.equal(roots[0].state, vscode.TreeItemCollapsibleState.Expanded);
    const [problem] = children(roots[2].node);
    assert.deepEqual([problem.label, problem.contextValue, problem.command], ['Cloud "prod"', 'configError', 'glanceShare.openCloudsYaml']);
  });

  it('collapses the scopes when there are more than three', () => {
    connections.scopes = ['a', 'b', 'c', 'd'].map((id) => scope(id, connected('producer')));
    assert.ok(children().every((r) => r.state === vscode.TreeItemCollapsibleState.Collapsed));
  });

  it('shows what a scope that is not signed in needs, with the command that does it', () => {
    connections.scopes = [
      scope('connecting', { kind: 'connecting' }),
      scope('secret', { kind: 'needsSecret' }),
      scope('project', {
        kind: 'needsProject',
        projects: [
          { id: '1', name: 'a', domain_id: 'default', enabled: true },
          { id: '2', name: 'b', domain_id: 'default', enabled: true },
        ],
      }),
      scope('broken', { kind: 'error', error: Object.assign(new Error('HTTP 401'), { explanation: 'The password was refused.' }) }),
    ];
    const under = (id: string) => children(children().find((r) => r.label.startsWith(id))?.node);
    assert.deepEqual(
      under('connecting').map((r) => [r.label, r.contextValue]),
      [['Connecting…', 'message']],
    );
    assert.deepEqual(
      under('secret').map((r) => [r.label, r.command]),
      [['Enter password…', 'glanceShare.enterPassword']],
    );
    assert.deepEqual(
      under('project').map((r) => [r.label, r.description, r.command]),
      [['Choose a project…', '2 available', 'glanceShare.switchProject']],
    );
    assert.deepEqual(
      under('broken').map((r) => [r.label, r.description, r.contextValue, r.command]),
      [['Could not connect', 'The password was refused.', 'error', 'glanceShare.retry']],
    );
  });

  it('shows the four groups of a connected scope, loading rows until the listing is in', () => {
    connections.scopes = [scope('alice', connected('producer'))];
    images.mainState.set('alice', { kind: 'loading' });
    const alice = child(undefined, 'alice · producer');
    assert.deepEqual(
      children(alice.node).map((r) => [r.label, r.contextValue, r.description]),
      [
        ['My images', 'group;mine', undefined],
        ['Shared with me', 'group;incoming', undefined],
        ['Community', 'group;community', undefined],
        ['Public', 'group;public', undefined],
      ],
    );
    assert.deepEqual(
      children(child(alice, 'My images').node).map((r) => [r.label, r.contextValue]),
      [['Loading images…', 'message']],
    );
  });

  it('counts images by visibility and member status, and opens Pending only when it holds some', () => {
    connections.scopes = [scope('alice', connected('producer'))];
    images.mainState.set('alice', {
      kind: 'loaded',
      value: groups(
        [
          ['p1', 'private'],
          ['p2', 'private'],
          ['s1', 'shared'],
        ],
        { pending: ['in1', 'in2'], accepted: ['in3'] },
      ),
    });
    images.loading.add('alice');
    const alice = child(undefined, 'alice · producer');
    const mine = child(alice, 'My images');
    const incoming = child(alice, 'Shared with me');
    assert.equal(mine.description, '3 · loading…');
    assert.equal(incoming.description, '3 · 2 pending · loading…');
    assert.deepEqual(
      children(mine.node).map((r) => [r.label, r.state]),
      [
        ['Private (2)', vscode.TreeItemCollapsibleState.Collapsed],
        ['Shared (1)', vscode.TreeItemCollapsibleState.Collapsed],
        ['Community (0)', vscode.TreeItemCollapsibleState.None],
        ['Public (0)', vscode.TreeItemCollapsibleState.None],
      ],
    );
    assert.deepEqual(
      children(incoming.node).map((r) => [r.label, r.contextValue, r.state]),
      [
        ['Pending (2)', 'subgroup;incoming;pending', vscode.TreeItemCollapsibleState.Expanded],
        ['Accepted (1)', 'subgroup;incoming;accepted', vscode.TreeItemCollapsibleState.Collapsed],
        ['Rejected (0)', 'subgroup;incoming;rejected', vscode.TreeItemCollapsibleState.None],
      ],
    );
  });

  it('opens Pending by itself up to PENDING_OPEN_MAX shares, and leaves a longer list closed with its count', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `in${i}`);
    const pendingRow = (n: number) => {
      connections.scopes = [scope('alice', connected('producer'))];
      images.mainState.set('alice', { kind: 'loaded', value: groups([], { pending: ids(n) }) });
      return child(child(child(undefined, 'alice · producer'), 'Shared with me'), /^Pending/);
    };
    assert.deepEqual(
      [pendingRow(PENDING_OPEN_MAX).label, pendingRow(PENDING_OPEN_MAX).state],
      [`Pending (${PENDING_OPEN_MAX})`, vscode.TreeItemCollapsibleState.Expanded],
    );
    const long = pendingRow(PENDING_OPEN_MAX + 1);
    assert.deepEqual([long.label, long.state], [`Pending (${PENDING_OPEN_MAX + 1})`, vscode.TreeItemCollapsibleState.Collapsed]);
  });

  it('keeps Pending closed under an ID of its own while its listing arrives, and opens the complete one (or the one the user opened meanwhile)', () => {
    connections.scopes = [scope('alice', connected('producer'))];
    images.mainState.set('alice', { kind: 'loaded', value: groups([], { pending: ['in1', 'in2'] }) });
    images.loading.add('alice');
    images.pendingArriving.add('alice');
    const pendingItem = () => tree.getTreeItem(child(child(child(undefined, 'alice · producer'), 'Shared with me'), /^Pending/).node);
    const arriving = pendingItem();
    assert.deepEqual([arriving.id, arriving.collapsibleState], ['alice/incoming/pending#arriving', vscode.TreeItemCollapsibleState.Collapsed]);
    images.pendingArriving.delete('alice');
    const complete = pendingItem();
    assert.deepEqual(
      [complete.id, complete.collapsibleState],
      ['alice/incoming/pending', vscode.TreeItemCollapsibleState.Expanded],
      'a new row, open: VS Code takes its state',
    );
    // A long list the user opened while it arrived stays open once complete; collapsed again, it is not forced open.
    const many = Array.from({ length: PENDING_OPEN_MAX + 1 }, (_, i) => `in${i}`);
    images.mainState.set('alice', { kind: 'loaded', value: groups([], { pending: many }) });
    images.pendingArriving.add('alice');
    const pendingNode = child(child(child(undefined, 'alice · producer'), 'Shared with me'), /^Pending/).node;
    tree.noteExpansion(pendingNode, true);
    images.pendingArriving.delete('alice');
    assert.equal(pendingItem().collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    tree.noteExpansion(pendingNode, false);
    assert.equal(pendingItem().collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });

  it('gives image rows the contextValue of what Glance allows there', () => {
    connections.scopes = [scope('alice', connected('producer'))];
    images.mainState.set('alice', {
      kind: 'loaded',
      value: groups(
        [
          ['p1', 'private'],
          ['s1', 'shared'],
        ],
        { pending: ['in1'] },
      ),
    });
    const alice = child(undefined, 'alice · producer');
    const [own] = children(child(child(alice, 'My images'), /^Private/).node);
    assert.equal(own.contextValue, 'image;owned;visibility:private;member:none;can:share;can:setVisibility;can:hide;can:copyId;can:copyCli');
    const [offered] = children(child(child(alice, 'Shared with me'), /^Pending/).node);
    assert.equal(offered.label, 'in1');
    assert.equal(offered.description, 'from consumer');
    assert.match(String(offered.contextValue), /^image;incoming;visibility:shared;member:pending;can:accept;can:reject;/);
    // Opening My images › Shared asks for the member lists behind "2 accepted · 1 pending".
    children(child(child(alice, 'My images'), /^Shared/).node);
    assert.deepEqual(images.membersRequested, ['alice/s1']);
  });

  it('a reader-only token under secure RBAC: a Read only row says why, and no row offers a change', () => {
    connections.scopes = [scope('rita', connected('producer', false, ['reader']))];
    images.permissionsState.set('rita', derivePermissions({ roles: ['reader'], adminRoles: ['admin'], profile: 'secure-rbac' }));
    images.mainState.set('rita', {
      kind: 'loaded',
      value: groups(
        [
          ['p1', 'private'],
          ['s1', 'shared'],
        ],
        { pending: ['in1'] },
      ),
    });
    const rita = child(undefined, 'rita · producer');
    const [first] = children(rita.node);
    assert.deepEqual([first.label, first.icon, first.command], ['Read only', 'lock', 'glanceShare.checkPermissions']);
    assert.match(String(first.description), /reader may not share, remove members, answer shares or change visibility \(secure-rbac policy\)/);
    const [priv] = children(child(child(rita, 'My images'), /^Private/).node);
    assert.equal(priv.contextValue, 'image;owned;visibility:private;member:none;can:copyId;can:copyCli');
    const [shared] = children(child(child(rita, 'My images'), /^Shared/).node);
    assert.equal(shared.contextValue, 'image;owned;visibility:shared;member:none;can:showMembers;can:copyShareNotice;can:copyId;can:copyCli');
    const [offered] = children(child(child(rita, 'Shared with me'), /^Pending/).node);
    assert.equal(offered.contextValue, 'image;incoming;visibility:shared;member:pending;can:showMembers;can:copyId;can:copyCli');
  });

  it('loads Community when it is expanded, awaited (VS Code\u2019s progress, no Loading row), then the images or an empty row', async () => {
    connections.scopes = [scope('alice', connected('producer'))];
    images.mainState.set('alice', { kind: 'loaded', value: groups([]) });
    const alice = child(undefined, 'alice · producer');
    const community = child(alice, 'Community');
    assert.equal(community.state, vscode.TreeItemCollapsibleState.Collapsed);
    assert.deepEqual(images.othersRequested, [], 'nothing read before the group opens');
    const opening = tree.getChildren(community.node);
    assert.ok(opening instanceof Promise, 'the group\u2019s children wait for the load');
    assert.deepEqual(images.othersRequested, ['alice/community']);
    images.othersState.set('alice/community', { kind: 'loaded', value: [image('c0', { visibility: 'community', owner: 'them' })] });
    assert.deepEqual(
      (await opening).map((n) => row(n).label),
      ['c0'],
    );
    assert.ok(Array.isArray(tree.getChildren(community.node)), 'once loaded, drawn from memory');
    images.othersState.set('alice/community', { kind: 'loaded', value: [] });
    assert.deepEqual(
      children(community.node).map((r) => r.label),
      ['No community images of other projects'],
    );
    images.othersState.set('alice/community', { kind: 'loaded', value: [image('c1', { visibility: 'community', owner: 'them' })] });
    assert.deepEqual(
      children(community.node).map((r) => [r.label, r.contextValue]),
      [['c1', 'image;other;visibility:community;member:none;can:copyId;can:copyCli']],
    );
    assert.equal(child(alice, 'Community').description, '1');
  });

  it('marks hidden images in the row and the tooltip, with Unhide for the owner and Hide for the others', () => {
    connections.scopes = [scope('alice', connected('producer'))];
    const value = groupScopeImages({
      projectId: ME,
      owned: [image('h1', { visibility: 'shared', owner: ME, os_hidden: true }), image('v1', { visibility: 'shared', owner: ME })],
      incoming: { pending: [image('in1', { visibility: 'shared', owner: 'them', os_hidden: true })], accepted: [], rejected: [] },
    });
    images.mainState.set('alice', { kind: 'loaded', value });
    const alice = child(undefined, 'alice · producer');
    const shared = children(child(child(alice, 'My images'), /^Shared/).node);
    const hidden = shared.find((r) => r.label === 'h1');
    assert.equal(hidden?.description, 'hidden');
    assert.match(String(hidden?.contextValue), /;can:unhide(;|$)/);
    assert.doesNotMatch(String(hidden?.contextValue), /;can:hide(;|$)/);
    assert.match(String(shared.find((r) => r.label === 'v1')?.contextValue), /;can:hide(;|$)/);
    // The row leaves its tooltip to hover time (thousands of Markdown tooltips stalled the host).
    const item = tree.getTreeItem(hidden!.node);
    assert.equal(item.tooltip, undefined, 'no tooltip built with the row');
    const tooltip = tree.resolveTreeItem(item, hidden!.node).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /Hidden: yes/);
    assert.match(tooltip.value, /ID: `h1`/);
    const [offered] = children(child(child(alice, 'Shared with me'), /^Pending/).node);
    assert.equal(offered.description, 'from consumer · hidden');
    assert.doesNotMatch(String(offered.contextValue), /;can:(un)?hide(;|$)/);
    assert.equal(child(alice, 'Shared with me').description, '1 · 1 pending');
  });

  it('puts an image whose visibility it does not know under My images › Other, with the raw value as text', () => {
    connections.scopes = [scope('alice', connected('producer'))];
    images.mainState.set('alice', { kind: 'loaded', value: groups([['p1', 'private']]) });
    const alice = child(undefined, 'alice · producer');
    assert.ok(!children(child(alice, 'My images').node).some((r) => r.label.startsWith('Other')), 'no Other row without such images');
    const value = groupScopeImages({
      projectId: ME,
      owned: [image('odd', { visibility: 'other', rawVisibility: 'secret', owner: ME, status: 'frozen' })],
      incoming: { pending: [], accepted: [], rejected: [] },
    });
    images.mainState.set('alice', { kind: 'loaded', value });
    const other = child(child(alice, 'My images'), 'Other (1)');
    const [odd] = children(other.node);
    assert.equal(odd.description, 'visibility secret · frozen');
    assert.equal(odd.icon, 'question');
    assert.equal(odd.contextValue, 'image;owned;visibility:other;member:none;can:copyId;can:copyCli');
    assert.equal(child(alice, 'My images').description, '1');
    assert.equal(tree.getParent(odd.node)?.kind, 'subgroup');
  });

  it('says a Glance before Image API 2.5 has no community visibility, and asks it nothing', () => {
    connections.scopes = [scope('alice', connected('producer'))];
    images.mainState.set('alice', { kind: 'loaded', value: groups([]) });
    images.capabilitiesOf.set('alice', capabilitiesOf({ id: 'v2.3', major: 2, minor: 3 }));
    const community = child(child(undefined, 'alice · producer'), 'Community');
    assert.deepEqual(
      children(community.node).map((r) => [r.label, r.icon, r.contextValue]),
      [["This cloud's Glance, v2.3, has no community visibility (Image API 2.5 or later).", 'info', 'message']],
    );
    assert.deepEqual(images.othersRequested, []);
  });

  it('shows a failed listing as an error row with Retry', () => {
    connections.scopes = [scope('alice', connected('producer'))];
    images.mainState.set('alice', { kind: 'error', error: Object.assign(new Error('HTTP 503'), { explanation: 'Glance is unavailable.' }) });
    const mine = child(child(undefined, 'alice · producer'), 'My images');
    assert.deepEqual(
      children(mine.node).map((r) => [r.label, r.description, r.contextValue, r.command]),
      [['Could not load images', 'Glance is unavailable.', 'error', 'glanceShare.retry']],
    );
  });

  it('shows no incoming shares for an admin token, says why, and offers All Shares instead (on the scope row too)', () => {
    connections.scopes = [scope('admin', connected('admin', true)), scope('alice', connected('producer'))];
    images.mainState.set('admin', { kind: 'loaded', value: groups([], { pending: ['x'] }) });
    images.mainState.set('alice', { kind: 'loaded', value: groups([], { pending: ['y'] }) });
    images.admin.add('admin');
    const adminScope = child(undefined, 'admin · admin');
    const incoming = child(adminScope, 'Shared with me');
    assert.equal(incoming.description, undefined);
    assert.deepEqual(
      children(incoming.node).map((r) => [r.label, r.command]),
      [
        ['All Shares (admin)\u2026', 'glanceShare.showAllShares'],
        ['Not shown for an admin token', undefined],
      ],
    );
    const allShares = tree.getTreeItem(children(incoming.node)[0].node) as vscode.TreeItem;
    assert.deepEqual(allShares.command?.arguments, [{ scopeId: 'admin' }]);
    assert.equal(tree.getParent(children(incoming.node)[0].node)?.kind, 'group', 'the row sits under Shared with me');
    assert.match(adminScope.contextValue ?? '', /;can:showAllShares(;|$)/);
    // A project scope without the admin role: its own shares, and no All Shares anywhere.
    const alice = child(undefined, 'alice · producer');
    assert.doesNotMatch(alice.contextValue ?? '', /showAllShares/);
    assert.ok(children(child(alice, 'Shared with me').node).every((r) => r.command !== 'glanceShare.showAllShares'));
  });

  it('refreshes exactly the scope row whose connection or images changed', () => {
    connections.scopes = [scope('alice', connected('producer')), scope('bob', connected('consumer'))];
    const [alice, bob] = tree.rows();
    const fired: Array<Node | undefined> = [];
    tree.onDidChangeTreeData((node) => fired.push(node));
    connections.changed.fire(connections.scopes[1]);
    images.changed.fire('alice');
    connections.changed.fire(undefined);
    assert.deepEqual(fired, [bob, alice, undefined]);
  });
  it('holds a scope\u2019s refresh while VS Code awaits one of its groups, and sends it once the rows are answered', async () => {
    connections.scopes = [scope('alice', connected('producer'))];
    images.mainState.set('alice', { kind: 'loaded', value: groups([]) });
    const [alice] = tree.rows();
    const community = child(child(undefined, 'alice · producer'), 'Community');
    let answer: () => void = () => undefined;
    images.othersAnswer = new Promise((resolve) => (answer = resolve));
    const fired: Array<Node | undefined> = [];
    tree.onDidChangeTreeData((node) => fired.push(node));
    const opening = tree.getChildren(community.node);
    images.changed.fire('alice'); // e.g. a page of a reload
    assert.deepEqual(fired, [], 'not while the group\u2019s children are awaited');
    images.othersState.set('alice/community', { kind: 'loaded', value: [] });
    answer();
    await opening;
    assert.deepEqual(fired, [], 'not in the same turn as the answer either');
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(fired, [alice], 'then once');
  });

  /** Every row reachable from the root, with the row it is under (undefined at the root). */
  const walk = (parent?: Node, out: Array<[Node, Node | undefined]> = []): Array<[Node, Node | undefined]> => {
    for (const node of tree.rows(parent)) {
      out.push([node, parent]);
      walk(node, out);
    }
    return out;
  };
  const idOf = (node: Node | undefined) => (node ? tree.getTreeItem(node).id : undefined);

  it('getParent gives every row the row it is under (so TreeView.reveal can open the way to any of them)', () => {
    // A scope ID with slashes and colons, like the real ones (origin + project).
    const odd = 'file:/home/u/clouds.yaml#alice/producer:x';
    connections.scopes = [scope(odd, connected('producer')), scope('bob', { kind: 'error', error: new Error('boom') }), scope('carol', { kind: 'connecting' })];
    connections.configErrors = [new ConfigError('bad auth_url', '/clouds.yaml', 'broken', 'auth_url')];
    images.mainState.set(odd, {
      kind: 'loaded',
      value: groups(
        [
          ['a', 'private'],
          ['b', 'shared'],
        ],
        { pending: ['p'], accepted: ['q'] },
      ),
    });
    images.othersState.set(`${odd}/community`, { kind: 'loaded', value: [image('c', { visibility: 'community', owner: 'them' })] });
    images.othersState.set(`${odd}/public`, { kind: 'loaded', value: [] });
    const rows = walk();
    const kinds = new Set(rows.map(([n]) => n.kind));
    assert.deepEqual([...kinds].sort(), ['configError', 'configProblems', 'group', 'image', 'message', 'scope', 'subgroup']);
    for (const [node, parent] of rows) {
      assert.equal(idOf(tree.getParent(node)), idOf(parent), `parent of ${idOf(node)}`);
    }
    assert.ok(
      rows.some(([n, p]) => n.kind === 'message' && p?.kind === 'group'),
      'an empty-group row is under its group',
    );
  });

  it('a filter narrows the groups, and their counts say "matching"', () => {
    connections.scopes = [scope('alice', connected('producer'))];
    images.mainState.set('alice', {
      kind: 'loaded',
      value: groups(
        [
          ['ubuntu-22', 'private'],
          ['debian-12', 'private'],
          ['ubuntu-24', 'shared'],
        ],
        { pending: ['ubuntu-x', 'fedora'] },
      ),
    });
    const alice = child(undefined, 'alice · producer');
    assert.equal(child(alice, 'My images').description, '3');
    tree.setFilter({ name: 'ubuntu*' });
    assert.equal(child(alice, 'My images').description, '2 matching');
    assert.equal(child(alice, 'Shared with me').description, '1 matching · 1 pending');
    assert.deepEqual(
      children(child(child(alice, 'My images'), /^Private/).node).map((r) => r.label),
      ['ubuntu-22'],
    );
    tree.setFilter({});
    assert.equal(child(alice, 'My images').description, '3');
  });
});
