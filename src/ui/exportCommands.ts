import * as vscode from 'vscode';
import { mapBounded } from '../common/bounded';
import { asError } from '../openstack';
import { roleOf, shellExport, terraformExport, type ExportScope, type ScopeExport } from '../sharing';
import type { Connections, Scope } from './connections';
import { explanationOf } from './errors';
import { imageTargets, type ImageTarget } from './imageTargets';
import type { ImageStore } from './imageStore';
import { scopeFor } from './pickers';

export interface ExportCommandDeps {
  readonly connections: Connections;
  readonly images: ImageStore;
  readonly log: vscode.LogOutputChannel;
}

/** Member lists read at once for an export: as many as the tree's summaries read. */
const EXPORT_CONCURRENCY = 4;

const FORMATS = {
  terraform: { language: 'terraform', build: terraformExport },
  shell: { language: 'shellscript', build: shellExport },
} as const;

/** "Export as Terraform" and "Export as Shell Script": the selected images, or one scope's owned shared images. */
export function exportCommands(deps: ExportCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  const run =
    (format: keyof typeof FORMATS) =>
    async (...args: unknown[]) => {
      const targets = await exportTargets(deps, args);
      if (targets.length === 0) return undefined;
      const exports = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the members of the images to export…') },
        () => readExports(deps, targets),
      );
      const names = rawProjectNames(deps.connections);
      const content = FORMATS[format].build(exports, (id) => names.get(id));
      // A language no installed extension contributes (terraform, without HashiCorp's) opens as plain text.
      const known = await vscode.languages.getLanguages();
      const language = known.includes(FORMATS[format].language) ? FORMATS[format].language : 'plaintext';
      const document = await vscode.workspace.openTextDocument({ language, content });
      await vscode.window.showTextDocument(document, { preview: false });
      return document;
    };
  return { 'glanceShare.exportTerraform': run('terraform'), 'glanceShare.exportShellScript': run('shell') };
}

async function exportTargets(deps: ExportCommandDeps, args: readonly unknown[]): Promise<ImageTarget[]> {
  const [clicked] = args;
  if (clicked && typeof clicked === 'object' && (clicked as { kind?: unknown }).kind === 'image') {
    return imageTargets(deps.connections, deps.images, args, 'copyId', { placeHolder: '', many: true });
  }
  const scope = await scopeFor(deps.connections, clicked, (s) => s.state.kind === 'connected', vscode.l10n.t('Export the shared images of which project scope?'));
  if (!scope || scope.state.kind !== 'connected') return [];
  const main = deps.images.main(scope.id);
  if (main.kind !== 'loaded') {
    void vscode.window.showInformationMessage(vscode.l10n.t('The images of this scope are not loaded yet: try again when the tree shows them.'));
    return [];
  }
  if (main.value.owned.shared.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This project owns no shared image: there are no members to export.'));
    return [];
  }
  const connection = scope.state.connection;
  const viewpoint = { projectId: connection.session.projectScope?.id ?? '', isAdmin: connection.session.isAdmin };
  return main.value.owned.shared.map((image) => ({ scope, connection, image, viewpoint }));
}

/** Members of the owned shared images, a few at a time; the answers of the incoming ones come from their rows. */
async function readExports(deps: ExportCommandDeps, targets: readonly ImageTarget[]): Promise<ScopeExport[]> {
  const byScope = new Map<string, { scope: Scope; targets: ImageTarget[] }>();
  for (const t of targets) {
    const entry = byScope.get(t.scope.id) ?? { scope: t.scope, targets: [] };
    entry.targets.push(t);
    byScope.set(t.scope.id, entry);
  }
  const owned = targets.filter((t) => roleOf(t.image, t.viewpoint) === 'owned' && t.image.visibility === 'shared');
  const read = await mapBounded(owned, EXPORT_CONCURRENCY, (t) => t.connection.glance.listMembers(t.image.id));
  const members = new Map(owned.map((t, i) => [t, read[i]]));
  return [...byScope.values()].map(({ scope, targets: mine }) => {
    const first = mine[0];
    const project = first.connection.session.projectScope;
    const exportScope: ExportScope = {
      cloud: scope.cloud.name,
      source: scope.cloud.source.kind,
      region: scope.cloud.regionName,
      projectId: project?.id ?? first.viewpoint.projectId,
      projectName: project?.name,
    };
    const result: { owned: ScopeExport['owned'][number][]; incoming: ScopeExport['incoming'][number][]; skipped: NonNullable<ScopeExport['skipped']>[number][] } = {
      owned: [],
      incoming: [],
      skipped: [],
    };
    for (const t of mine) {
      const role = roleOf(t.image, t.viewpoint);
      const settled = members.get(t);
      if (role === 'incoming' && t.memberStatus) result.incoming.push({ image: t.image, status: t.memberStatus });
      else if (role !== 'owned') result.skipped.push({ image: t.image, reason: 'neither owned by nor shared with this project' });
      else if (!settled) result.skipped.push({ image: t.image, reason: `${t.image.visibility}: only shared images have members` });
      else if (settled.ok === true) result.owned.push({ image: t.image, members: settled.value });
      else {
        const why = settled.ok === false ? explanationOf(asError(settled.error)) : 'not read';
        deps.log.warn(`Export: members of ${t.image.id}: ${why}`);
        result.skipped.push({ image: t.image, reason: `its members could not be read: ${why}` });
      }
    }
    return { scope: exportScope, ...result };
  });
}

/** Project names as Keystone has them (the export writes them out as plain text itself). */
function rawProjectNames(connections: Connections): Map<string, string> {
  const names = new Map<string, string>();
  for (const scope of connections.scopes) {
    const project = scope.state.kind === 'connected' ? scope.state.connection.session.projectScope : undefined;
    if (project?.name) names.set(project.id, project.name);
  }
  return names;
}
