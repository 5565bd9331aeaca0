import * as vscode from 'vscode';
import { MEMBER_STATUSES, VISIBILITIES, type GlanceImage, type MemberStatus, type ScopeConnection } from '../openstack';
import { allowedActions, imageLabel, type ImageAction, type ImageContext } from '../sharing';
import type { Connections, Scope } from './connections';
import type { ScopeImages } from './scopeImages';
import type { ImageNode } from './tree/nodes';

/** An image as a command sees it: where it is shown and what this project is to it. */
export interface ImageTarget {
  readonly scope: Scope;
  readonly connection: ScopeConnection;
  readonly image: GlanceImage;
  readonly memberStatus?: MemberStatus;
  readonly ctx: ImageContext;
}

function isImageNode(value: unknown): value is ImageNode {
  return !!value && typeof value === 'object' && (value as { kind?: unknown }).kind === 'image';
}

function targetOf(connections: Connections, node: ImageNode): ImageTarget | undefined {
  const scope = connections.find(node.scopeId);
  if (!scope || scope.state.kind !== 'connected') return undefined;
  const session = scope.state.connection.session;
  const ctx: ImageContext = { projectId: session.projectScope?.id ?? '', memberStatus: node.memberStatus, isAdmin: session.isAdmin };
  return { scope, connection: scope.state.connection, image: node.image, memberStatus: node.memberStatus, ctx };
}

/**
 * The images a command acts on: the right-clicked row, or every selected row when it is part of
 * a multi-selection, or, from the palette, the ones the user picks. Only images that allow the
 * action are kept.
 */
export async function imageTargets(
  connections: Connections,
  images: ScopeImages,
  args: readonly unknown[],
  action: ImageAction,
  options: { placeHolder: string; many: boolean },
): Promise<ImageTarget[]> {
  const [clicked, selection] = args;
  const allows = (t: ImageTarget) => allowedActions(t.image, t.ctx).includes(action);
  if (isImageNode(clicked)) {
    const nodes = options.many && Array.isArray(selection) && selection.some((n) => n === clicked) ? selection.filter(isImageNode) : [clicked];
    return nodes.map((n) => targetOf(connections, n)).filter((t): t is ImageTarget => !!t && allows(t));
  }
  const candidates = allLoadedTargets(connections, images).filter(allows);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('No image in the connected projects allows this. Check the Images view.');
    return [];
  }
  const items = candidates.map((t) => ({
    label: imageLabel(t.image),
    description: `${t.scope.cloud.name} · ${t.connection.session.projectScope?.name ?? ''}${t.memberStatus ? ` · ${t.memberStatus}` : ` · ${t.image.visibility}`}`,
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

function allLoadedTargets(connections: Connections, images: ScopeImages): ImageTarget[] {
  const targets: ImageTarget[] = [];
  for (const scope of connections.scopes) {
    if (scope.state.kind !== 'connected') continue;
    const main = images.main(scope.id);
    if (main.kind !== 'loaded') continue;
    const push = (image: GlanceImage, memberStatus?: MemberStatus) => {
      const t = targetOf(connections, { kind: 'image', scopeId: scope.id, path: '', image, memberStatus });
      if (t) targets.push(t);
    };
    VISIBILITIES.forEach((v) => main.value.owned[v].forEach((i) => push(i)));
    MEMBER_STATUSES.forEach((s) => main.value.incoming[s].forEach((i) => push(i, s)));
  }
  return targets;
}
