import * as vscode from 'vscode';
import { IMAGE_VISIBILITIES, MEMBER_STATUSES, type GlanceImage, type MemberStatus, type ScopeConnection } from '../openstack';
import { allowedActions, imageLabel, scopeName, viewpointOf, type ImageAction, type Viewpoint } from '../sharing';
import type { Connections, Scope } from './connections';
import type { ImageStore } from './imageStore';
import type { ImageNode } from './tree/nodes';

/** An image as a command sees it: where it is shown and what this project is to it. */
export interface ImageTarget {
  readonly scope: Scope;
  readonly connection: ScopeConnection;
  readonly image: GlanceImage;
  readonly memberStatus?: MemberStatus;
  readonly viewpoint: Viewpoint;
}

function isImageNode(value: unknown): value is ImageNode {
  return !!value && typeof value === 'object' && (value as { kind?: unknown }).kind === 'image';
}

/** The target of an image row (or of an image listed for a scope, as the inbox reads them). */
export function targetOf(connections: Connections, images: ImageStore, node: Pick<ImageNode, 'scopeId' | 'image' | 'memberStatus'>): ImageTarget | undefined {
  const scope = connections.find(node.scopeId);
  if (!scope || scope.state.kind !== 'connected') return undefined;
  const viewpoint = viewpointOf(scope.state.connection.session, node.memberStatus, {
    capabilities: scope.state.connection.glance.knownCapabilities,
    permissions: images.permissions(scope.id),
  });
  return { scope, connection: scope.state.connection, image: node.image, memberStatus: node.memberStatus, viewpoint };
}

/**
 * The images a command acts on: the right-clicked row, or every selected row when it is part of
 * a multi-selection, or, from the palette, the ones the user picks. Only images that allow the
 * action are kept (of a selection, all of them with `keepDisallowed`).
 */
export async function imageTargets(
  connections: Connections,
  images: ImageStore,
  args: readonly unknown[],
  action: ImageAction,
  options: { placeHolder: string; many: boolean; keepDisallowed?: boolean },
): Promise<ImageTarget[]> {
  const [clicked, selection] = args;
  const allows = (t: ImageTarget) => allowedActions(t.image, t.viewpoint).includes(action);
  if (isImageNode(clicked)) {
    const nodes = options.many && Array.isArray(selection) && selection.some((n) => n === clicked) ? selection.filter(isImageNode) : [clicked];
    // A share plan shows the selected images that do not allow it, and why: they are kept for it.
    return nodes.map((n) => targetOf(connections, images, n)).filter((t): t is ImageTarget => !!t && (options.keepDisallowed === true || allows(t)));
  }
  const candidates = allLoadedTargets(connections, images).filter(allows);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No image in the connected projects allows this. Check the Images view.'));
    return [];
  }
  const items = candidates.map((t) => ({
    label: imageLabel(t.image),
    description: `${scopeName(t.scope.cloud.name, t.connection.session.projectScope?.name ?? '', t.scope.region)}${t.memberStatus ? ` · ${t.memberStatus}` : ` · ${t.image.visibility}`}`,
    detail: t.image.id,
    target: t,
  }));
  if (options.many) {
    const picked = await vscode.window.showQuickPick(items, { placeHolder: options.placeHolder, canPickMany: true, matchOnDetail: true });
    return picked?.map((p) => p.target) ?? [];
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: options.placeHolder, matchOnDetail: true });
  return picked ? [picked.target] : [];
}

function allLoadedTargets(connections: Connections, images: ImageStore): ImageTarget[] {
  const targets: ImageTarget[] = [];
  for (const scope of connections.scopes) {
    if (scope.state.kind !== 'connected') continue;
    const main = images.main(scope.id);
    if (main.kind !== 'loaded') continue;
    const push = (image: GlanceImage, memberStatus?: MemberStatus) => {
      const t = targetOf(connections, images, { scopeId: scope.id, image, memberStatus });
      if (t) targets.push(t);
    };
    IMAGE_VISIBILITIES.forEach((v) => main.value.owned[v].forEach((i) => push(i)));
    MEMBER_STATUSES.forEach((s) => main.value.incoming[s].forEach((i) => push(i, s)));
  }
  return targets;
}
