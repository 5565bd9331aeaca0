import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { secretWords } from '../openstack';
import type { ProjectDirectory } from './projectDirectory';
import type { Connections, Scope } from './connections';
import { removeButton } from './confirmations';
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
      const scope = await scopeFor(connections, arg, (s) => s.state.kind === 'error', vscode.l10n.t('Retry which cloud?'));
      if (scope) await connections.connectScope(scope);
    },
    'glanceShare.showLog': () => log.show(true),
    'glanceShare.addCloud': () => addCloud(deps),
    'glanceShare.removeCloud': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, (s) => s.cloud.source.kind === 'user', vscode.l10n.t('Remove which cloud?'));
      if (!scope) return;
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Remove cloud "{0}" and its stored password from VS Code?', scope.cloud.name),
        { modal: true, detail: vscode.l10n.t('Nothing changes in OpenStack: only this editor forgets the cloud.') },
        removeButton(),
      );
      if (answer === removeButton()) await connections.removeUserCloud(scope);
    },
    'glanceShare.enterPassword': async (arg?: unknown) => {
      const scope = await scopeFor(
        connections,
        arg,
        (s) => s.state.kind === 'needsSecret' || s.state.kind === 'error',
        vscode.l10n.t('Enter the password of which cloud?'),
      );
      if (!scope) return;
      const what = secretWords(scope.cloud.auth);
      const secret = await vscode.window.showInputBox({
        title: vscode.l10n.t('Sign in to {0}', scope.cloud.name),
        // `what` (password, application credential secret, …) is src/openstack's word: see CONTRIBUTING.md, "Localised strings".
        prompt: vscode.l10n.t('The {0} for {1} ({2})', what, scope.cloud.name, scope.cloud.auth.authUrl),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v ? undefined : vscode.l10n.t('Enter the {0}.', what)),
      });
      if (!secret) return;
      const keep = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Remember it'), description: vscode.l10n.t('in VS Code\u2019s secret storage (the OS keychain where available)'), remember: true },
          { label: vscode.l10n.t('Only for this session'), description: vscode.l10n.t('asked again after a restart'), remember: false },
        ],
        { placeHolder: vscode.l10n.t('Keep the {0} of {1}?', what, scope.cloud.name), ignoreFocusOut: true },
      );
      if (!keep) return;
      await connections.provideSecret(scope, secret, keep.remember);
    },
    'glanceShare.forgetPassword': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, (s) => s.storedSecret, vscode.l10n.t('Forget the stored password of which cloud?'));
      if (scope) await connections.forgetSecret(scope);
    },
    'glanceShare.addProjectScope': async (arg?: unknown) => {
      const scope = await scopeFor(
        connections,
        arg,
        (s) => connected(s) && s.cloud.auth.type !== 'applicationCredential',
        vscode.l10n.t('Add a project of which cloud?'),
      );
      if (!scope) return;
      const projects = await withProgress(vscode.l10n.t('Listing your projects…'), () => connections.projectsOf(scope));
      const shown = new Set(connections.scopes.filter((s) => s.cloudKey === scope.cloudKey).map((s) => connections.projectIdOf(s) ?? ''));
      const project = await pickProject(projects, shown, vscode.l10n.t('Show another project of {0} side by side', scope.cloud.name));
      if (!project) return;
      const added = await connections.addScope(scope, { id: project.id, name: project.name });
      deps.statusBar.setActive(added);
    },
    'glanceShare.switchProject': async (arg?: unknown) => {
      const scope = await scopeFor(
        connections,
        arg ?? (deps.statusBar.active ? { scopeId: deps.statusBar.active.id } : undefined),
        (s) => (connected(s) || s.state.kind === 'needsProject') && s.cloud.auth.type !== 'applicationCredential',
        vscode.l10n.t('Switch the project of which cloud?'),
      );
      if (!scope) return;
      const projects = await withProgress(vscode.l10n.t('Listing your projects…'), () => connections.projectsOf(scope));
      const current = new Set([connections.projectIdOf(scope) ?? '']);
      const project = await pickProject(projects, current, vscode.l10n.t('Switch {0} to project…', scope.cloud.name));
      if (!project || current.has(project.id)) return;
      await connections.switchProject(scope, { id: project.id, name: project.name });
    },
    'glanceShare.removeProjectScope': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, (s) => s.extra, vscode.l10n.t('Hide which project scope?'));
      if (scope) await connections.removeScope(scope);
    },
    'glanceShare.showRegions': async (arg?: unknown) => {
      const scope = await scopeFor(connections, arg, () => true, vscode.l10n.t('Show or hide the regions of which cloud?'));
      if (!scope) return;
      const choices = connections.regionChoices(scope);
      if (choices.all.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Cloud "{0}" names no region and its catalog lists none to choose from.', scope.cloud.name));
        return;
      }
      const catalogOnly = new Set(choices.catalogOnly);
      const picked = await vscode.window.showQuickPick(
        choices.all.map((region) => ({
          label: region,
          description: catalogOnly.has(region) ? vscode.l10n.t('in the catalog, not in the configuration') : undefined,
          picked: choices.shown.includes(region),
        })),
        {
          canPickMany: true,
          title: vscode.l10n.t('Regions of {0} shown in this workspace', scope.cloud.name),
          placeHolder: vscode.l10n.t('Each region is its own Glance: images and shares of one are not in another'),
        },
      );
      if (!picked) return;
      if (picked.length === 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Keep at least one region: to stop seeing a cloud, remove it from clouds.yaml.'));
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
        vscode.l10n.t('Copy the project ID of which scope?'),
      );
      if (!scope || scope.state.kind !== 'connected') return;
      const project = scope.state.connection.session.projectScope;
      if (!project) return;
      await vscode.env.clipboard.writeText(project.id);
      deps.walkthrough.reached('copiedProjectId');
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the ID of project {0}: {1}', project.name, project.id));
    },
    'glanceShare.openCloudsYaml': async (arg?: unknown) => {
      const file = typeof arg === 'string' ? arg : connections.cloudsFile;
      if (file) {
        await vscode.window.showTextDocument(vscode.Uri.file(file));
        return;
      }
      const target = path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'openstack', 'clouds.yaml');
      const create = vscode.l10n.t('Create');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('No clouds.yaml was found. Create {0}?', target),
        create,
        vscode.l10n.t('Add Cloud in VS Code…'),
      );
      if (answer === create) {
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
  const title = vscode.l10n.t('Add OpenStack Cloud');
  const existing = new Set(deps.connections.scopes.map((s) => s.cloud.name));
  const ask = (step: number, prompt: string, options: Partial<vscode.InputBoxOptions> = {}) =>
    vscode.window.showInputBox({ title: vscode.l10n.t('{0} ({1}/7)', title, step), prompt, ignoreFocusOut: true, ...options });
  // Each field's own sentence: "{0} is required." would glue a translated fragment into another.
  const required = (message: string) => (v: string) => (v.trim() ? undefined : message);

  const name = await ask(1, vscode.l10n.t('A name for this cloud, as it will appear in the view'), {
    placeHolder: 'prod',
    validateInput: (v) =>
      !v.trim() ? vscode.l10n.t('A name is required.') : existing.has(v.trim()) ? vscode.l10n.t('A cloud named "{0}" exists already.', v.trim()) : undefined,
  });
  if (!name) return;
  const authUrl = await ask(2, vscode.l10n.t('Keystone URL (auth_url)'), {
    placeHolder: 'https://keystone.example.com:5000/v3',
    validateInput: (v) => (/^https?:\/\/[^\s/]+/i.test(v.trim()) ? undefined : vscode.l10n.t('Enter an http(s) URL, for example https://keystone.example.com:5000/v3.')),
  });
  if (!authUrl) return;
  const username = await ask(3, vscode.l10n.t('User name'), { validateInput: required(vscode.l10n.t('The user name is required.')) });
  if (!username) return;
  const userDomain = await ask(4, vscode.l10n.t('User domain (name)'), { value: 'Default', validateInput: required(vscode.l10n.t('The user domain is required.')) });
  if (!userDomain) return;
  const projectName = await ask(5, vscode.l10n.t('Project name'), { validateInput: required(vscode.l10n.t('The project name is required.')) });
  if (!projectName) return;
  const projectDomain = await ask(6, vscode.l10n.t('Project domain (name)'), {
    value: userDomain,
    validateInput: required(vscode.l10n.t('The project domain is required.')),
  });
  if (!projectDomain) return;
  const password = await ask(7, vscode.l10n.t("Password of {0} (kept in VS Code's secret storage, never in settings)", username.trim()), {
    password: true,
    validateInput: required(vscode.l10n.t('The password is required.')),
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
