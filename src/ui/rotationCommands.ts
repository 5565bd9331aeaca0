import * as vscode from 'vscode';
import type { GlanceImage, GlanceMember } from '../openstack';
import {
  consumersToCarry,
  count,
  crossPairs,
  filterImageGroups,
  imageLabel,
  memberCounts,
  retireChoices,
  retireChoiceWords,
  retireConfirmation,
  retireSummary,
  rotationNotices,
  type RetireChoice,
} from '../sharing';
import type { Scope } from './connections';
import { showErrorWithLog } from './errorNotice';
import { reconciled } from './imageActions';
import { shareWithProjects, type ImageCommandDeps } from './imageCommands';
import { imageTargets, type ImageTarget } from './imageTargets';
import type { Rotation } from './rotation';
import { runSharePlan, showResults, showResultsButton } from './sharePlan';
import type { ViewFilter } from './viewFilter';
import { scopeFor } from './pickers';

export interface RotationCommandDeps extends ImageCommandDeps {
  readonly filter: ViewFilter;
  readonly rotation: Rotation;
}

/**
 * Bulk and rotation shares: "Share Filtered Images with Project(s)…" (the images the view's filter
 * shows), "Share with the Same Projects as…" and "Publish New Version…". Every one of them shares
 * through the plan of src/ui/sharePlan.ts.
 */
export function rotationCommands(deps: RotationCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  const { connections, images } = deps;
  const target = async (args: unknown[], placeHolder: string) => (await imageTargets(connections, images, args, 'share', { placeHolder, many: false }))[0];

  return {
    'glanceShare.shareFiltered': async (...args: unknown[]) => {
      const withImages = (s: Scope) => filteredOwned(deps, s).length > 0;
      if (!connections.scopes.some(withImages)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No private or shared image of yours matches the filter.'));
        return;
      }
      const scope = await scopeFor(connections, args[0], withImages, vscode.l10n.t('Share the filtered images of which project scope?'));
      if (!scope) return;
      const nodes = filteredOwned(deps, scope).map((image) => ({ kind: 'image' as const, scopeId: scope.id, path: '', image }));
      const chosen = await imageTargets(connections, images, [nodes[0], nodes], 'share', { placeHolder: '', many: true, keepDisallowed: true });
      if (chosen.length > 0) await shareWithProjects(deps, chosen, args[1]);
    },

    'glanceShare.shareSameProjectsAs': async (...args: unknown[]) => {
      const t = await target(args, vscode.l10n.t('Share which image with the same projects as another?'));
      if (!t) return undefined;
      const source = await pickOwnedImage(deps, t, vscode.l10n.t('Share "{0}" with the members of which image?', imageLabel(t.image)));
      if (!source) return undefined;
      const members = await readMembers(deps, t, source);
      const projectIds = members.map((m) => m.member_id).filter((id) => id !== t.viewpoint.projectId);
      if (projectIds.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no members to copy.', imageLabel(source)));
        return undefined;
      }
      const run = await runSharePlan(deps, t.scope, [t.image], crossPairs([t.image.id], projectIds), { alwaysShow: true });
      if (run?.complete) {
        const pick = await vscode.window.showInformationMessage(
          vscode.l10n.t(
            '"{0}" is shared with the same {1} as "{2}". Each must accept before it shows in its list.',
            imageLabel(t.image),
            count(projectIds.length, 'project'),
            imageLabel(source),
          ),
          showResultsButton(),
        );
        await showResults(run.result, run.names, pick);
      }
      return run?.result;
    },

    'glanceShare.publishNewVersion': async (...args: unknown[]) => {
      const t = await target(args, vscode.l10n.t('Publish which image as the new version?'));
      if (!t) return undefined;
      const old = await pickOwnedImage(deps, t, vscode.l10n.t('"{0}" is the new version of which image?', imageLabel(t.image)));
      if (!old) return undefined;
      const members = await readMembers(deps, t, old);
      const tally = memberCounts(members);
      let includePending = false;
      if (tally.pending > 0) {
        const picked = await vscode.window.showQuickPick(
          [
            {
              label: vscode.l10n.t('The {0} that accepted it', count(tally.accepted, 'project')),
              detail: vscode.l10n.t('Those who use the old version.'),
              pending: false,
            },
            {
              label: vscode.l10n.t('Those and the {0} still pending', tally.pending),
              detail: vscode.l10n.t('{0}: the pending ones have not answered the old share.', count(tally.accepted + tally.pending, 'project')),
              pending: true,
            },
          ],
          { placeHolder: vscode.l10n.t('Share "{0}" with which members of "{1}"?', imageLabel(t.image), imageLabel(old)), ignoreFocusOut: true },
        );
        if (!picked) return undefined;
        includePending = picked.pending;
      }
      const consumers = consumersToCarry(members, includePending, t.viewpoint.projectId);
      if (consumers.length === 0) {
        void vscode.window.showInformationMessage(
          tally.pending > 0
            ? vscode.l10n.t('No project has accepted "{0}" yet: there is nobody to publish the new version to.', imageLabel(old))
            : vscode.l10n.t('No project has accepted "{0}": there is nobody to publish the new version to.', imageLabel(old)),
        );
        return undefined;
      }
      // Step 1: the share, as a plan.
      const run = await runSharePlan(deps, t.scope, [t.image], crossPairs([t.image.id], consumers), { alwaysShow: true });
      if (!run) return undefined;
      const reached = run.result.pairs.filter((r) => r.outcome.kind === 'added' || r.outcome.kind === 'alreadyMember').map((r) => r.projectId);
      // Step 2: a notice for each consumer the new version reached.
      if (reached.length > 0) {
        const owner = t.connection.session.projectScope;
        const named = await Promise.all(reached.map(async (id) => ({ id, name: await deps.directory.rawNameOf(t.scope, id) })));
        const content = rotationNotices(t.image, old, { id: owner?.id ?? t.image.owner ?? '', name: owner?.name }, named, t.scope.region);
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content }), { preview: false });
      }
      if (run.complete)
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            '"{0}" is shared with {1} of "{2}"; a notice for each is in the new document. Each must accept before it shows in its list.',
            imageLabel(t.image),
            count(reached.length, 'consumer'),
            imageLabel(old),
          ),
        );
      // Step 3: the old image.
      await retireOld(deps, t, old, members.length);
      return run.result;
    },
  };
}

/** The owned private and shared images of the scope that the view's filter shows. */
function filteredOwned(deps: RotationCommandDeps, scope: Scope): GlanceImage[] {
  const main = deps.images.main(scope.id);
  if (scope.state.kind !== 'connected' || main.kind !== 'loaded') return [];
  const shown = filterImageGroups(main.value, deps.filter.current);
  return [...shown.owned.private, ...shown.owned.shared];
}

/** Another shared image of the same scope, picked; its member count where the tree has read it. */
async function pickOwnedImage(deps: RotationCommandDeps, t: ImageTarget, placeHolder: string): Promise<GlanceImage | undefined> {
  const main = deps.images.main(t.scope.id);
  const candidates = main.kind === 'loaded' ? main.value.owned.shared.filter((i) => i.id !== t.image.id) : [];
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This project has no other shared image than "{0}".', imageLabel(t.image)));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((image) => {
      const members = deps.images.members(t.scope.id, image.id);
      return { label: imageLabel(image), description: members ? count(members.length, 'member') : undefined, detail: image.id, image };
    }),
    { placeHolder, matchOnDetail: true, matchOnDescription: true },
  );
  return picked?.image;
}

async function readMembers(deps: RotationCommandDeps, t: ImageTarget, of: GlanceImage): Promise<GlanceMember[]> {
  const source: ImageTarget = { ...t, image: of };
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the members of "{0}"…', imageLabel(of)) }, () =>
    reconciled(deps, source, () => t.connection.glance.listMembers(of.id)),
  );
}

/** "What about the old image?": a pick of what this scope may do, confirmed, then reported. */
async function retireOld(deps: RotationCommandDeps, t: ImageTarget, old: GlanceImage, memberCount: number): Promise<void> {
  const choices = retireChoices(old, t.viewpoint);
  if (choices.length === 1) return;
  const picked = await vscode.window.showQuickPick(
    choices.map((choice) => ({ ...retireChoiceWords(choice, memberCount), choice })),
    { placeHolder: vscode.l10n.t('And the old version, "{0}"?', imageLabel(old)), ignoreFocusOut: true },
  );
  const choice: RetireChoice = picked?.choice ?? 'keep';
  if (choice === 'keep') return;
  const question = retireConfirmation(old, choice, memberCount);
  const answer = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.button);
  if (answer !== question.button) return;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: question.message.replace(/\?$/, '…') }, () =>
    deps.rotation.retire(t.scope, old, choice),
  );
  const summary = retireSummary(old, result);
  if (result.change.kind === 'done' && result.failed.length === 0) void vscode.window.showInformationMessage(summary);
  else showErrorWithLog(deps.log, summary);
}
