import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { secretWords } from '../openstack';
import type { ProjectDirectory } from './projectDirectory';
import type { Connections, Scope } from './connections';
import { pickProject, scopeFor } from './pickers';
import type { CredentialStore, UserCloud } from './userClouds';
import type { ImagesTreeProvider } from './tree/imagesTree';
import type { ScopeStatusBar } from './statusBar';
import type { ImageStore } from './imageStore';
import type { MembersPanels } from './panel/membersPanel';
import type { WalkthroughProgress } from './walkthroughProgress';

export interface CommandDeps {
  readonly connections: Connections;
  readonly credentials: CredentialStore;
  readonly tree: ImagesTreeProvider;
  readonly images: ImageStore;
  readonly panels: MembersPanels;
  readonly statusBar: ScopeStatusBar;
  readonly log: vscode.LogOutputChannel;
  readonly walkthrough: WalkthroughProgress;
  readonly directory: ProjectDirectory;
}

const connected = (s: Scope) => s.state.kind === 'connected';

/** Commands about clouds, project scopes and credentials. Registered in commands.ts. */
export function connectionCommands(deps: CommandDeps): Record<string, (...args: unknown[]) => unknown> {
  const { connections, log } = deps;
  return {
    'glanceShare.refresh': async (arg?: unknown) => {
      const scope = arg ? await scopeFor(connections, arg, () => true, '') : undefined;
      if (!scope) {
        await connections.reload();
      } else if (scope.state.kind === 'connected') {
        // Same token, fresh listings: only this scope's images are read again.
        await deps.images.reload(scope.id);
      } else {
        await connections.connectScope(scope);
      }
    },
    'glanceShare.retry': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, (s) => s.state.kind === 'error', 'Retry which cloud?');
      if (scope) await connections.connectScope(scope);
    },
    'glanceShare.showLog': () => log.show(true),
    'glanceShare.addCloud': () => addCloud(deps),
    'glanceShare.removeCloud': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, (s) => s.cloud.source.kind === 'user', 'Remove which cloud?');
      if (!scope) return;
      const answer = await vscode.window.showWarningMessage(
        `Remove cloud "${scope.cloud.name}" and its stored password from VS Code?`,
        { modal: true, detail: 'Nothing changes in OpenStack: only this editor forgets the cloud.' },
        'Remove',
      );
      if (answer === 'Remove') await connections.removeUserCloud(scope);
    },
    'glanceShare.enterPassword': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, (s) => s.state.kind === 'needsSecret' || s.state.kind === 'error', 'Enter the password of which cloud?');
      if (!scope) return;
      const what = secretWords(scope.cloud.auth);
      const secret = await vscode.window.showInputBox({
        title: `Sign in to ${scope.cloud.name}`,
        prompt: `The ${what} for ${scope.cloud.name} (${scope.cloud.auth.authUrl})`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v ? undefined : `Enter the ${what}.`),
      });
      if (!secret) return;
      const keep = await vscode.window.showQuickPick(
        [
          { label: 'Remember it', description: 'in VS Code\u2019s secret storage (the OS keychain where available)', remember: true },
          { label: 'Only for this session', description: 'asked again after a restart', remember: false },
        ],
        { placeHolder: `Keep the ${what} of ${scope.cloud.name}?`, ignoreFocusOut: true },
      );
      if (!keep) return;
      await connections.provideSecret(scope, secret, keep.remember);
    },
    'glanceShare.forgetPassword': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, (s) => s.storedSecret, 'Forget the stored password of which cloud?');
      if (scope) await connections.forgetSecret(scope);
    },
    'glanceShare.addProjectScope': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, (s) => connected(s) && s.cloud.auth.type !== 'applicationCredential', 'Add a project of which cloud?');
      if (!scope) return;
      const projects = await withProgress('Listing your projects…', () => connections.projectsOf(scope));
      const shown = new Set(connections.scopes.filter((s) => s.cloudKey === scope.cloudKey).map((s) => connections.projectIdOf(s) ?? ''));
      const project = await pickProject(projects, shown, `Show another project of ${scope.cloud.name} side by side`);
      if (!project) return;
      const added = await connections.addScope(scope, { id: project.id, name: project.name });
      deps.statusBar.setActive(added);
    },
    'glanceShare.switchProject': async (arg?: unknown) => {
      const scope = await scopeFor(
        connections,
        arg ?? (deps.statusBar.active ? { scopeId: deps.statusBar.active.id } : undefined),
        (s) => (connected(s) || s.state.kind === 'needsProject') && s.cloud.auth.type !== 'applicationCredential',
        'Switch the project of which cloud?',
      );
      if (!scope) return;
      const projects = await withProgress('Listing your projects…', () => connections.projectsOf(scope));
      const current = new Set([connections.projectIdOf(scope) ?? '']);
      const project = await pickProject(projects, current, `Switch ${scope.cloud.name} to project…`);
      if (!project || current.has(project.id)) return;
      await connections.switchProject(scope, { id: project.id, name: project.name });
    },
    'glanceShare.removeProjectScope': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, (s) => s.extra, 'Hide which project scope?');
      if (scope) await connections.removeScope(scope);
    },
    'glanceShare.showRegions': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, () => true, 'Show or hide the regions of which cloud?');
      if (!scope) return;
      const choices = connections.regionChoices(scope);
      if (choices.all.length === 0) {
        void vscode.window.showInformationMessage(`Cloud "${scope.cloud.name}" names no region and its catalog lists none to choose from.`);
        return;
      }
      const catalogOnly = new Set(choices.catalogOnly);
      const picked = await vscode.window.showQuickPick(
        choices.all.map((region) => ({
          label: region,
          description: catalogOnly.has(region) ? 'in the catalog, not in the configuration' : undefined,
          picked: choices.shown.includes(region),
        })),
        {
          canPickMany: true,
          title: `Regions of ${scope.cloud.name} shown in this workspace`,
          placeHolder: 'Each region is its own Glance: images and shares of one are not in another',
        },
      );
      if (!picked) return;
      if (picked.length === 0) {
        void vscode.window.showWarningMessage('Keep at least one region: to stop seeing a cloud, remove it from clouds.yaml.');
        return;
      }
      await connections.showRegions(
        scope,
        picked.map((p) => p.label),
      );
    },
    'glanceShare.copyProjectId': async (arg?: unknown) => {
      const scope = await scopeFor(
        connections,
        arg ?? (deps.statusBar.active ? { scopeId: deps.statusBar.active.id } : undefined),
        connected,
        'Copy the project ID of which scope?',
      );
      if (!scope || scope.state.kind !== 'connected') return;
      const project = scope.state.connection.session.projectScope;
      if (!project) return;
      await vscode.env.clipboard.writeText(project.id);
      deps.walkthrough.reached('copiedProjectId');
      void vscode.window.showInformationMessage(`Copied the ID of project ${project.name}: ${project.id}`);
    },
    'glanceShare.openCloudsYaml': async (arg?: unknown) => {
      const file = typeof arg === 'string' ? arg : connections.cloudsFile;
      if (file) {
        await vscode.window.showTextDocument(vscode.Uri.file(file));
        return;
      }
      const target = path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'openstack', 'clouds.yaml');
      const answer = await vscode.window.showInformationMessage(`No clouds.yaml was found. Create ${target}?`, 'Create', 'Add Cloud in VS Code…');
      if (answer === 'Create') {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        if (!fs.existsSync(target)) fs.writeFileSync(target, CLOUDS_TEMPLATE, { mode: 0o600 });
        await vscode.window.showTextDocument(vscode.Uri.file(target));
      } else if (answer) {
        await vscode.commands.executeCommand('glanceShare.addCloud');
      }
    },
  };
}

async function withProgress<T>(title: string, task: () => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: { viewId: 'glanceShare.images' }, title }, task);
}

async function addCloud(deps: CommandDeps): Promise<void> {
  const title = 'Add OpenStack Cloud';
  const existing = new Set(deps.connections.scopes.map((s) => s.cloud.name));
  const ask = (step: number, prompt: string, options: Partial<vscode.InputBoxOptions> = {}) =>
    vscode.window.showInputBox({ title: `${title} (${step}/7)`, prompt, ignoreFocusOut: true, ...options });
  const required = (what: string) => (v: string) => (v.trim() ? undefined : `${what} is required.`);

  const name = await ask(1, 'A name for this cloud, as it will appear in the view', {
    placeHolder: 'prod',
    validateInput: (v) => (!v.trim() ? 'A name is required.' : existing.has(v.trim()) ? `A cloud named "${v.trim()}" exists already.` : undefined),
  });
  if (!name) return;
  const authUrl = await ask(2, 'Keystone URL (auth_url)', {
    placeHolder: 'https://keystone.example.com:5000/v3',
    validateInput: (v) => (/^https?:\/\/[^\s/]+/i.test(v.trim()) ? undefined : 'Enter an http(s) URL, for example https://keystone.example.com:5000/v3.'),
  });
  if (!authUrl) return;
  const username = await ask(3, 'User name', { validateInput: required('The user name') });
  if (!username) return;
  const userDomain = await ask(4, 'User domain (name)', { value: 'Default', validateInput: required('The user domain') });
  if (!userDomain) return;
  const projectName = await ask(5, 'Project name', { validateInput: required('The project name') });
  if (!projectName) return;
  const projectDomain = await ask(6, 'Project domain (name)', { value: userDomain, validateInput: required('The project domain') });
  if (!projectDomain) return;
  const password = await ask(7, `Password of ${username.trim()} (kept in VS Code's secret storage, never in settings)`, {
    password: true,
    validateInput: required('The password'),
  });
  if (!password) return;
  const cloud: UserCloud = {
    name: name.trim(),
    authUrl: authUrl.trim(),
    username: username.trim(),
    userDomain: userDomain.trim(),
    projectName: projectName.trim(),
    projectDomain: projectDomain.trim(),
  };
  await deps.credentials.addUserCloud(cloud, password);
  await deps.connections.reload();
}

const CLOUDS_TEMPLATE = `# OpenStack clouds for the openstack CLI and glance-share.
# Put passwords in secure.yaml next to this file, or let glance-share ask for them.
clouds:
  mycloud:
    auth:
      auth_url: https://keystone.example.com:5000/v3
      username: me
      project_name: my-project
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    # cacert: /path/to/ca-bundle.pem
`;
