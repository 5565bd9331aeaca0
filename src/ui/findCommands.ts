import * as vscode from 'vscode';
import { HttpError, IMAGE_VISIBILITIES, MEMBER_STATUSES, asError, type GlanceImage, type MemberStatus } from '../openstack';
import { describeImageFilter, filterSyntax, imageLabel, matchesImageFilter, parseImageFilter, parseImageId } from '../sharing';
import type { Connections, Scope } from './connections';
import { imageDetailsUri } from './imageDetails';
import { imageTargets } from './imageTargets';
import type { ImageStore } from './imageStore';
import type { ImageNode, Node } from './tree/nodes';
import { scopeTitle } from './tree/nodes';
import type { ViewFilter } from './viewFilter';

export interface FindCommandDeps {
  readonly connections: Connections;
  readonly images: ImageStore;
  readonly view: vscode.TreeView<Node>;
  readonly filter: ViewFilter;
}

/** How long a revealed row's selection may take to reach the extension host before the reveal is tried again. */
const REVEAL_SETTLE_MS = 2000;
const REVEAL_ATTEMPTS = 3;

/** Resolves when the view's selection satisfies `isSelected`, or after REVEAL_SETTLE_MS. */
function selectionArrives(view: vscode.TreeView<Node>, isSelected: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const timer = setTimeout(finish, REVEAL_SETTLE_MS);
    const listener = view.onDidChangeSelection(() => isSelected() && finish());
  });
}

/** What "Open Image by ID…" found (also its return value, which the extension-host tests read). */
export type OpenByIdOutcome =
  | { readonly kind: 'revealed'; readonly node: ImageNode }
  | { readonly kind: 'pending'; readonly node: ImageNode }
  | { readonly kind: 'hiddenByFilter'; readonly node: ImageNode }
  | { readonly kind: 'notListed'; readonly scopeId: string; readonly image: GlanceImage }
  | { readonly kind: 'notFound'; readonly imageId: string };

/** Where an image is shown in one scope's tree, from what is loaded (every group). */
function loadedRows(connections: Connections, images: ImageStore, imageId: string): ImageNode[] {
  const rows: ImageNode[] = [];
  for (const scope of connections.scopes) {
    if (scope.state.kind !== 'connected') continue;
    const row = (where: string, image: GlanceImage, memberStatus?: MemberStatus): ImageNode => ({
      kind: 'image',
      scopeId: scope.id,
      path: `${scope.id}/${where}/${image.id}`,
      image,
      memberStatus,
    });
    const main = images.main(scope.id);
    if (main.kind === 'loaded') {
      for (const v of IMAGE_VISIBILITIES) main.value.owned[v].filter((i) => i.id === imageId).forEach((i) => rows.push(row(`mine/${v}`, i)));
      for (const s of MEMBER_STATUSES) main.value.incoming[s].filter((i) => i.id === imageId).forEach((i) => rows.push(row(`incoming/${s}`, i, s)));
    }
    for (const listing of ['community', 'public'] as const) {
      const others = images.others(scope.id, listing);
      if (others.kind === 'loaded') others.value.filter((i) => i.id === imageId).forEach((i) => rows.push(row(listing, i)));
    }
  }
  return rows;
}

/** Filter, Open Image by ID, details and compare: finding and inspecting images. Registered in commands.ts. */
export function findCommands(deps: FindCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  const { connections, images, view, filter } = deps;
  const connectedScopes = () => connections.scopes.filter((s): s is Scope & { state: { kind: 'connected' } } => s.state.kind === 'connected');

  /**
   * Reveal and select a row. A refresh of the tree while VS Code opens the way to the row (the member
   * summaries that opening a group starts, a reload) can drop the reveal without an error, so when
   * the selection has not arrived after a moment the row is revealed once more.
   */
  const reveal = async (node: ImageNode) => {
    const selected = () => view.selection.some((n) => n.kind === 'image' && n.path === node.path);
    for (let attempt = 0; attempt < REVEAL_ATTEMPTS; attempt++) {
      const arrived = selectionArrives(view, selected);
      await view.reveal(node, { select: true, focus: true, expand: false });
      await arrived;
      if (selected()) return;
    }
  };

  /** A pending share: say so and offer Accept right here. */
  const offerAccept = async (node: ImageNode) => {
    const scope = connections.find(node.scopeId);
    const accept = vscode.l10n.t('Accept');
    const showDetails = vscode.l10n.t('Show Details');
    const pick = await vscode.window.showInformationMessage(
      scope
        ? vscode.l10n.t(
            '"{0}" is shared with {1} and waits for an answer: it stays out of your image list until you accept it.',
            imageLabel(node.image),
            scopeTitle(scope),
          )
        : vscode.l10n.t('"{0}" is shared with this project and waits for an answer: it stays out of your image list until you accept it.', imageLabel(node.image)),
      accept,
      showDetails,
    );
    if (pick === accept) await vscode.commands.executeCommand('glanceShare.accept', node);
    if (pick === showDetails) await vscode.commands.executeCommand('glanceShare.showImageDetails', node);
  };

  /** Ask each connected scope's Glance for the image: one GET each, side by side. */
  const askGlance = async (imageId: string): Promise<OpenByIdOutcome> => {
    const scopes = connectedScopes();
    const answers = await Promise.all(
      scopes.map(async (scope) => {
        try {
          return { scope, image: await scope.state.connection.glance.getImage(imageId) };
        } catch (error) {
          if (!(error instanceof HttpError && (error.status === 404 || error.status === 403))) throw asError(error);
          return undefined;
        }
      }),
    );
    const found = answers.find((a) => a !== undefined);
    if (!found) return { kind: 'notFound', imageId };
    const projectId = found.scope.state.connection.session.projectScope?.id;
    if (found.image.visibility === 'shared' && projectId && found.image.owner !== projectId) {
      const member = await found.scope.state.connection.glance.getMember(imageId, projectId).catch(() => undefined);
      if (member?.status === 'pending') {
        return {
          kind: 'pending',
          node: {
            kind: 'image',
            scopeId: found.scope.id,
            path: `${found.scope.id}/incoming/${member.status}/${imageId}`,
            image: found.image,
            memberStatus: member.status,
          },
        };
      }
    }
    return { kind: 'notListed', scopeId: found.scope.id, image: found.image };
  };

  return {
    'glanceShare.filterImages': async (text?: unknown) => {
      let input = typeof text === 'string' ? text : undefined;
      if (input === undefined) {
        input = await vscode.window.showInputBox({
          title: vscode.l10n.t('Filter Images'),
          prompt: filterSyntax(),
          // The filter's own syntax, the same in every language: not a sentence to translate.
          // eslint-disable-next-line glance-share/no-bare-user-strings
          placeHolder: 'ubuntu* tag:golden status:active created>2026-01-01 member:pending',
          value: describeImageFilter(filter.current),
          validateInput: (value) => {
            const parsed = parseImageFilter(value);
            return parsed.ok ? undefined : { message: parsed.message, severity: vscode.InputBoxValidationSeverity.Error };
          },
        });
        if (input === undefined) return;
      }
      const parsed = parseImageFilter(input);
      if (!parsed.ok) {
        void vscode.window.showErrorMessage(parsed.message);
        return;
      }
      await filter.apply(parsed.filter);
    },

    'glanceShare.clearFilter': async () => {
      await filter.apply({});
    },

    'glanceShare.openImageById': async (text?: unknown): Promise<OpenByIdOutcome | undefined> => {
      let input = typeof text === 'string' ? text : undefined;
      if (input === undefined) {
        input = await vscode.window.showInputBox({
          title: vscode.l10n.t('Open Image by ID'),
          prompt: vscode.l10n.t('An image ID (a UUID, with or without dashes), or a whole share notice as it was pasted to you.'),
          // An example ID, not words.
          // eslint-disable-next-line glance-share/no-bare-user-strings
          placeHolder: '0f9c1e2a-5b3d-4c6e-8f70-1a2b3c4d5e6f',
          ignoreFocusOut: true,
          validateInput: (value) => {
            const parsed = parseImageId(value);
            return parsed.ok ? undefined : { message: parsed.message, severity: vscode.InputBoxValidationSeverity.Error };
          },
        });
        if (input === undefined) return undefined;
      }
      const parsed = parseImageId(input);
      if (!parsed.ok) {
        void vscode.window.showErrorMessage(parsed.message);
        return undefined;
      }
      if (connectedScopes().length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No project scope is connected: connect one in the Images view, then look the image up again.'));
        return undefined;
      }
      const rows = loadedRows(connections, images, parsed.id);
      const outcome: OpenByIdOutcome = rows.length
        ? { kind: 'revealed', node: rows.find((r) => r.memberStatus === 'pending') ?? rows[0] }
        : await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for image {0}…', parsed.id) }, () =>
            askGlance(parsed.id),
          );
      switch (outcome.kind) {
        case 'revealed':
        case 'pending': {
          const node = outcome.node;
          if (!matchesImageFilter(filter.current, node.image, node.memberStatus)) {
            const clearFilter = vscode.l10n.t('Clear Filter');
            const showDetails = vscode.l10n.t('Show Details');
            void vscode.window
              .showInformationMessage(vscode.l10n.t('"{0}" is hidden by the view\'s filter.', imageLabel(node.image)), clearFilter, showDetails)
              .then(async (pick) => {
                if (pick === clearFilter) {
                  await filter.apply({});
                  if (rows.length) await reveal(node);
                }
                if (pick === showDetails) await vscode.commands.executeCommand('glanceShare.showImageDetails', node);
              });
            return { kind: 'hiddenByFilter', node };
          }
          if (rows.length) await reveal(node);
          if (node.memberStatus === 'pending') {
            void offerAccept(node);
            return { kind: 'pending', node };
          }
          return outcome;
        }
        case 'notListed': {
          const scope = connections.find(outcome.scopeId);
          void vscode.window
            .showInformationMessage(
              vscode.l10n.t('{who} can use "{image}" ({visibility}, owned by {owner}), but it is not in the loaded groups.', {
                who: scope ? scopeTitle(scope) : vscode.l10n.t('A connected project'),
                image: imageLabel(outcome.image),
                visibility: outcome.image.visibility,
                owner: connections.projectName(outcome.image.owner ?? '') ?? outcome.image.owner ?? vscode.l10n.t('nobody'),
              }),
              vscode.l10n.t('Show Details'),
            )
            .then(
              (pick) =>
                pick && vscode.commands.executeCommand('glanceShare.showImageDetails', { kind: 'image', scopeId: outcome.scopeId, path: '', image: outcome.image }),
            );
          return outcome;
        }
        case 'notFound':
          void vscode.window.showWarningMessage(
            vscode.l10n.t(
              "No connected project can see image {0}. Either it does not exist in these clouds (deleted, or a typo), or it is private or shared with a project not shown here: a shared image is visible only to its owner and the projects it was shared with. Ask its owner to share it with one of your projects, or add that project's scope.",
              outcome.imageId,
            ),
          );
          return outcome;
      }
    },

    'glanceShare.showImageDetails': async (...args: unknown[]) => {
      const [t] = await imageTargets(connections, images, args, 'copyId', { placeHolder: vscode.l10n.t('Show the details of which image?'), many: false });
      if (!t) return undefined;
      const uri = imageDetailsUri(connections, t.scope.id, t.image);
      await vscode.window.showTextDocument(uri, { preview: true });
      return uri;
    },

    'glanceShare.compareImages': async (...args: unknown[]) => {
      const [clicked, selection] = args;
      // Two rows selected: compare them; otherwise the clicked one with one picked.
      const pair = Array.isArray(selection) && selection.length === 2 && selection.includes(clicked) ? selection : undefined;
      const [left] = await imageTargets(connections, images, pair ? [pair[0]] : args.slice(0, 1), 'copyId', {
        placeHolder: vscode.l10n.t('Compare which image?'),
        many: false,
      });
      if (!left) return undefined;
      const [right] = await imageTargets(connections, images, pair ? [pair[1]] : [], 'copyId', {
        placeHolder: vscode.l10n.t('Compare "{0}" with…', imageLabel(left.image)),
        many: false,
      });
      if (!right) return undefined;
      const leftUri = imageDetailsUri(connections, left.scope.id, left.image);
      const rightUri = imageDetailsUri(connections, right.scope.id, right.image);
      await vscode.commands.executeCommand(
        'vscode.diff',
        leftUri,
        rightUri,
        `${imageLabel(left.image)} (${scopeTitle(left.scope)}) ↔ ${imageLabel(right.image)} (${scopeTitle(right.scope)})`,
        { preview: true },
      );
      return [leftUri, rightUri];
    },
  };
}
