import * as vscode from 'vscode';
import type { MemberStatus, Visibility } from '../openstack';
import {
  cliCommands,
  type CountNoun,
  crossPairs,
  displayText,
  imageLabel,
  planMemberAdds,
  projectText,
  shareNotice,
  uncheckedProjectsCaution,
  visibilityChoices,
} from '../sharing';
import { confirmRemoveMembers, count } from './confirmations';
import { answerShares, reconciled, removeMembers } from './imageActions';
import type { BulkSharing } from './bulkShare';
import { runSharePlan } from './sharePlan';
import type { Connections, Scope } from './connections';
import { showErrorWithLog } from './errorNotice';
import { imageTargets, type ImageTarget } from './imageTargets';
import type { ImageStore } from './imageStore';
import type { MembersPanels, PanelKey } from './panel/membersPanel';
import type { WalkthroughProgress } from './walkthroughProgress';
import type { ProjectDirectory } from './projectDirectory';
import { pickProjects } from './projectPicker';
import { acceptAs } from './selfShare';

export interface ImageCommandDeps {
  readonly connections: Connections;
  readonly images: ImageStore;
  readonly panels: MembersPanels;
  readonly log: vscode.LogOutputChannel;
  readonly walkthrough: WalkthroughProgress;
  readonly directory: ProjectDirectory;
  readonly bulk: BulkSharing;
}

/** Who sees an image of each visibility: a function, so that vscode.l10n.t runs after the bundle is loaded. */
const visibilityWords = (): Readonly<Record<Visibility, string>> => ({
  private: vscode.l10n.t('only this project'),
  shared: vscode.l10n.t('this project and the projects it is shared with'),
  community: vscode.l10n.t('every project can use it; not in their lists unless they ask for community images'),
  public: vscode.l10n.t('every project, listed for all'),
});

/** Each answer's words: whole sentences per answer, never a verb glued into a translated frame. */
const answerWords = (status: MemberStatus) =>
  status === 'accepted'
    ? { verb: vscode.l10n.t('Accept'), which: vscode.l10n.t('Accept which shared images?'), doing: (n: string) => vscode.l10n.t('Accept {0}…', n) }
    : status === 'rejected'
      ? { verb: vscode.l10n.t('Reject'), which: vscode.l10n.t('Reject which shared images?'), doing: (n: string) => vscode.l10n.t('Reject {0}…', n) }
      : {
          verb: vscode.l10n.t('Reset to pending'),
          which: vscode.l10n.t('Reset to pending which shared images?'),
          doing: (n: string) => vscode.l10n.t('Reset to pending {0}…', n),
        };

/** Sharing commands on images: share, unshare, answer a share, visibility, copy helpers. */
export function imageCommands(deps: ImageCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  const { connections, images, log } = deps;
  const targets = (args: unknown[], action: Parameters<typeof imageTargets>[3], placeHolder: string, many: boolean, keepDisallowed = false) =>
    imageTargets(connections, images, args, action, { placeHolder, many, keepDisallowed });

  const answer =
    (status: MemberStatus) =>
    async (...args: unknown[]) => {
      const words = answerWords(status);
      const action = status === 'accepted' ? 'accept' : status === 'rejected' ? 'reject' : 'resetPending';
      const chosen = await targets(args, action, words.which, true);
      if (chosen.length === 0) return;
      const { done, failures } = await progress(words.doing(count(chosen.length, 'image')), () => answerShares(deps, chosen, status));
      report(log, done, failures, words.verb, 'image');
    };

  /**
   * Hide or unhide (os_hidden): the row stays in its group, marked; other projects' default
   * listings and `openstack image list` leave a hidden image out (docs/glance-behaviour.md#hidden-images).
   */
  const setHidden = async (args: unknown[], hidden: boolean) => {
    const [t] = await targets(args, hidden ? 'hide' : 'unhide', hidden ? vscode.l10n.t('Hide which image?') : vscode.l10n.t('Unhide which image?'), false);
    if (!t) return;
    const title = hidden ? vscode.l10n.t('Hiding "{0}"…', imageLabel(t.image)) : vscode.l10n.t('Unhiding "{0}"…', imageLabel(t.image));
    const updated = await progress(title, () => reconciled(deps, t, () => t.connection.glance.setHidden(t.image.id, hidden)));
    images.applyOwnedImage(t.scope.id, updated);
    log.info(`${imageLabel(updated)} (${updated.id}) is now ${updated.os_hidden ? 'hidden' : 'not hidden'}`);
    void vscode.window.showInformationMessage(
      updated.os_hidden
        ? vscode.l10n.t('"{0}" is hidden: left out of image lists unless asked for (it can still be used by ID).', imageLabel(updated))
        : vscode.l10n.t('"{0}" is no longer hidden.', imageLabel(updated)),
    );
  };

  return {
    'glanceShare.accept': answer('accepted'),
    'glanceShare.reject': answer('rejected'),
    'glanceShare.resetPending': answer('pending'),

    'glanceShare.share': async (...args: unknown[]) => {
      const chosen = await targets(args, 'share', vscode.l10n.t('Share which images?'), true, true);
      if (chosen.length > 0) await shareWithProjects(deps, chosen, args[2]);
    },

    'glanceShare.shareAndAccept': async (...args: unknown[]) => {
      const chosen = await targets(args, 'share', vscode.l10n.t('Share and accept which images?'), true);
      if (chosen.length === 0) return;
      const projectIds = await chooseProjects(deps, chosen, args[2], true);
      if (!projectIds) return;
      const toShare = await shareChosen(deps, chosen, projectIds);
      if (toShare) await acceptChosen(deps, toShare, projectIds);
    },

    'glanceShare.removeMember': async (...args: unknown[]) => {
      const [t] = await targets(args, 'removeMember', vscode.l10n.t('Remove members of which image?'), false);
      if (!t) return;
      const members = await progress(vscode.l10n.t('Reading members…'), () => reconciled(deps, t, () => t.connection.glance.listMembers(t.image.id)));
      if (members.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" has no members.', imageLabel(t.image)));
        return;
      }
      const picked = await vscode.window.showQuickPick(
        members.map((m) => {
          const name = connections.projectName(m.member_id);
          return {
            label: name ?? m.member_id,
            description: name ? `${m.member_id} · ${m.status}` : m.status,
            detail: vscode.l10n.t('since {0}', m.created_at),
            member: m,
          };
        }),
        { placeHolder: vscode.l10n.t('Remove which members of "{0}"?', imageLabel(t.image)), canPickMany: true },
      );
      if (!picked?.length) return;
      const chosen = picked.map((p) => ({ projectId: p.member.member_id, projectName: connections.projectName(p.member.member_id) }));
      if (!(await confirmRemoveMembers(t.image, chosen))) return;
      const { removed, failures } = await progress(vscode.l10n.t('Removing members…'), () =>
        removeMembers(
          deps,
          t,
          picked.map((p) => p.member.member_id),
        ),
      );
      report(log, removed.length, failures, vscode.l10n.t('Removed'), 'member');
    },

    'glanceShare.setVisibility': async (...args: unknown[]) => {
      const [t] = await targets(args, 'setVisibility', vscode.l10n.t('Change the visibility of which image?'), false);
      if (!t) return;
      const words = visibilityWords();
      const picked = await vscode.window.showQuickPick(
        visibilityChoices(t.image, t.viewpoint).map((c) => ({
          label: c.visibility,
          description: words[c.visibility],
          detail: c.needsAdmin ? vscode.l10n.t('$(warning) Only a cloud administrator can make an image public.') : undefined,
          choice: c,
        })),
        { placeHolder: vscode.l10n.t('"{0}" is {1}. Make it…', imageLabel(t.image), t.image.visibility) },
      );
      if (!picked) return;
      const target = picked.choice.visibility;
      if (t.image.visibility === 'shared' && target !== 'shared') {
        const members = await reconciled(deps, t, () => t.connection.glance.listMembers(t.image.id));
        if (members.length > 0) {
          const confirm = await vscode.window.showWarningMessage(
            vscode.l10n.t('"{0}" has {1}. Make it {2}?', imageLabel(t.image), count(members.length, 'member'), target),
            {
              modal: true,
              detail:
                target === 'private'
                  ? vscode.l10n.t(
                      'Only shared images have members: while it is {0}, they lose access to it. Glance keeps the members and they come back if you make it shared again.',
                      target,
                    )
                  : vscode.l10n.t(
                      'Only shared images have members: while it is {0}, their membership is dormant. Glance keeps the members and they come back if you make it shared again.',
                      target,
                    ),
            },
            vscode.l10n.t('Make {0}', target),
          );
          if (!confirm) return;
        }
      }
      const updated = await progress(vscode.l10n.t('Making "{0}" {1}…', imageLabel(t.image), target), () =>
        reconciled(deps, t, async () => {
          try {
            return await t.connection.glance.setVisibility(t.image.id, target);
          } catch (error) {
            // publicize_image is its own rule: a refused Make Public says nothing of the others
            images.noteRefusal(t.scope.id, target === 'public' ? 'publicize' : 'setVisibility', error);
            throw error;
          }
        }),
      );
      images.applyOwnedImage(t.scope.id, updated);
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is now {1}.', imageLabel(updated), updated.visibility));
    },

    'glanceShare.hideImage': (...args: unknown[]) => setHidden(args, true),
    'glanceShare.unhideImage': (...args: unknown[]) => setHidden(args, false),

    'glanceShare.showMembers': async (...args: unknown[]) => {
      const [arg] = args;
      // From a tooltip link: {scopeId, imageId}.
      if (arg && typeof arg === 'object' && 'imageId' in arg && 'scopeId' in arg) {
        const key = arg as PanelKey;
        deps.panels.show(key, vscode.l10n.t('Members'));
        return;
      }
      const [t] = await targets(args, 'showMembers', vscode.l10n.t('Show the members of which image?'), false);
      if (!t) return;
      deps.panels.show({ scopeId: t.scope.id, imageId: t.image.id }, vscode.l10n.t('Members: {0}', imageLabel(t.image)));
    },

    'glanceShare.copyImageId': async (...args: unknown[]) => {
      const [t] = await targets(args, 'copyId', vscode.l10n.t('Copy the ID of which image?'), false);
      if (!t) return;
      await vscode.env.clipboard.writeText(t.image.id);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied image ID {0}', t.image.id), 3000);
    },

    'glanceShare.copyShareNotice': async (...args: unknown[]) => {
      const [t] = await targets(args, 'copyShareNotice', vscode.l10n.t('Copy the share notice of which image?'), false);
      if (t) await copyNotice(deps, t);
    },

    'glanceShare.copyCliCommand': async (...args: unknown[]) => {
      const [t] = await targets(args, 'copyCli', vscode.l10n.t('Copy a CLI command for which image?'), false);
      if (!t) return;
      const lines = cliCommands(t.image, t.viewpoint, { cloud: t.scope.cloud.name, source: t.scope.cloud.source.kind, region: t.scope.cloud.regionName });
      const picked =
        lines.length === 1
          ? lines[0]
          : (
              await vscode.window.showQuickPick(
                lines.map((l) => ({ label: l.label, detail: l.command, line: l })),
                { placeHolder: vscode.l10n.t('Copy which openstack command?') },
              )
            )?.line;
      if (!picked) return;
      await vscode.env.clipboard.writeText(picked.command);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied: {0}', picked.command), 3000);
    },
  };
}

/**
 * Share with Project(s)…: the projects (given, or picked), then the share as a plan, then what
 * happened: whom it went to, where, and the offers that follow (accept as an own project, the
 * share notice). The share commands of selections, filters and rotations end here.
 */
export async function shareWithProjects(deps: ImageCommandDeps, chosen: readonly ImageTarget[], given: unknown): Promise<void> {
  const projectIds = await chooseProjects(deps, chosen, given, false);
  if (!projectIds) return;
  const toShare = await shareChosen(deps, chosen, projectIds);
  if (!toShare || toShare.length === 0) return;
  const caution = uncheckedProjectsCaution(projectIds, await deps.connections.knownProjects());
  const region = toShare[0].scope.region;
  // The user's own projects among them: the share can be accepted there at once, as that project.
  const mine = (await deps.directory.ownOf(toShare[0].scope, projectIds)).slice(0, 2);
  const acceptButtons = new Map(mine.map((c) => [vscode.l10n.t('Accept as {0}', displayText(c.name ?? c.id)), c.id]));
  const words = { count: count(toShare.length, 'image'), names: await namesOf(deps, toShare[0].scope, projectIds), region: region ?? '' };
  const shared =
    toShare.length > 1
      ? region
        ? vscode.l10n.t('Shared {count} with {names} in {region}; they see it only there. Each must accept before the image shows in its list.', words)
        : vscode.l10n.t('Shared {count} with {names}. Each must accept before the image shows in its list.', words)
      : region
        ? vscode.l10n.t('Shared with {names} in {region}; they see it only there. Each must accept before the image shows in its list.', words)
        : vscode.l10n.t('Shared with {names}. Each must accept before the image shows in its list.', words);
  const copyShareNotice = vscode.l10n.t('Copy Share Notice');
  const pick = await vscode.window.showInformationMessage(
    caution ? vscode.l10n.t('{0} Caution: {1}', shared, caution) : shared,
    ...acceptButtons.keys(),
    ...(toShare.length === 1 ? [copyShareNotice] : []),
  );
  if (pick === copyShareNotice) await copyNotice(deps, toShare[0], projectIds[0]);
  const acceptFor = pick ? acceptButtons.get(pick) : undefined;
  if (acceptFor) await acceptChosen(deps, toShare, [acceptFor]);
}

async function copyNotice(deps: ImageCommandDeps, t: ImageTarget, consumer?: string): Promise<void> {
  const owner = t.connection.session.projectScope;
  const consumerName = consumer ? await deps.directory.rawNameOf(t.scope, consumer) : undefined;
  await vscode.env.clipboard.writeText(shareNotice(t.image, { id: owner?.id ?? t.image.owner ?? '', name: owner?.name }, consumer, t.scope.region, consumerName));
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the share notice: paste it to the consumer team'), 4000);
}

/** "consumer (…id…)", "2 projects: consumer, 0c5c…": who a share went to, by name where known. */
async function namesOf(deps: ImageCommandDeps, scope: Scope, projectIds: readonly string[]): Promise<string> {
  const texts = await Promise.all(projectIds.map(async (id) => projectText(id, await deps.directory.nameOf(scope, id))));
  return projectIds.length === 1 ? texts[0] : vscode.l10n.t('{0}: {1}', count(projectIds.length, 'project'), texts.join(', '));
}

/**
 * The projects to share with: given by a caller (`{ projects: [...] }`, checked like typed IDs;
 * a name is refused, never sent), or chosen in the project picker.
 */
async function chooseProjects(deps: ImageCommandDeps, chosen: readonly ImageTarget[], given: unknown, onlyMine: boolean): Promise<string[] | undefined> {
  const own = new Set(chosen.map((t) => t.viewpoint.projectId));
  if (given && typeof given === 'object' && Array.isArray((given as { projects?: unknown }).projects)) {
    const plan = planMemberAdds(((given as { projects: unknown[] }).projects ?? []).map(String).join(' '), '');
    if (plan.rejected.some((r) => r.reason !== 'duplicate')) throw new Error(plan.rejected.map((r) => r.message).join(' '));
    const ids = plan.ids.filter((id) => !own.has(id));
    if (onlyMine) {
      const mine = new Set((await deps.directory.ownOf(chosen[0].scope, ids)).map((c) => c.id));
      const others = ids.filter((id) => !mine.has(id));
      if (others.length > 0) throw new Error(vscode.l10n.t('Share and Accept is for your own projects; {0} is not one of them.', others.join(', ')));
    }
    return ids;
  }
  const single = chosen.length === 1 ? chosen[0] : undefined;
  const members = single ? (deps.images.members(single.scope.id, single.image.id) ?? []).map((m) => m.member_id) : [];
  const title = single ? `"${imageLabel(single.image)}"` : count(chosen.length, 'image');
  const picked = await pickProjects(deps.directory, chosen[0].scope, {
    title: onlyMine ? vscode.l10n.t('Share {0} with your project and accept it there', title) : vscode.l10n.t('Share {0} with projects', title),
    exclude: new Set([...own, ...members]),
    onlyMine,
    known: await deps.connections.knownProjects(),
  });
  const ids = picked?.map((c) => c.id).filter((id) => !own.has(id));
  return ids && ids.length > 0 ? ids : undefined;
}

/**
 * Shares as a plan (src/ui/sharePlan.ts): the images that are shared with every project now, or
 * undefined when the user declined, nothing was left to share, or not every pair went through
 * (then reported: what was and was not added, with Retry Failed).
 */
async function shareChosen(deps: ImageCommandDeps, chosen: readonly ImageTarget[], projectIds: readonly string[]): Promise<readonly ImageTarget[] | undefined> {
  const scope = oneScope(chosen);
  const run = await runSharePlan(
    deps,
    scope,
    chosen.map((t) => t.image),
    crossPairs(
      chosen.map((t) => t.image.id),
      projectIds,
    ),
  );
  if (!run?.complete) return undefined;
  const shared = new Set(run.result.pairs.map((r) => r.image.id));
  return chosen.filter((t) => shared.has(t.image.id));
}

/** A plan is for one scope's images: its projects are those of one cloud. */
function oneScope(chosen: readonly ImageTarget[]): Scope {
  const scope = chosen[0].scope;
  if (chosen.some((t) => t.scope !== scope))
    throw new Error(vscode.l10n.t('These images are in more than one project scope: select the images of one scope, then share.'));
  return scope;
}

/** Accept each image as each of these (own) projects, and say so. */
async function acceptChosen(deps: ImageCommandDeps, toShare: readonly ImageTarget[], projectIds: readonly string[]): Promise<void> {
  const outcomes = await progress(vscode.l10n.t('Accepting as {0}…', count(projectIds.length, 'project')), async () => {
    const all = [];
    for (const t of toShare) all.push(...(await acceptAs(deps, t.scope, t.image, projectIds)).map((o) => ({ ...o, image: t.image })));
    return all;
  });
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0) {
    report(
      deps.log,
      outcomes.length - failed.length,
      failed.map((o) => vscode.l10n.t('{0} as {1}: {2}', imageLabel(o.image), displayText(o.projectName), o.message)),
      vscode.l10n.t('Accept'),
      'share',
    );
    return;
  }
  const names = [...new Set(outcomes.map((o) => displayText(o.projectName)))].join(', ');
  const what = toShare.length === 1 ? `"${imageLabel(toShare[0].image)}"` : count(toShare.length, 'image');
  void vscode.window.showInformationMessage(vscode.l10n.t('Shared {0} and accepted it as {1}: it is in {1}’s image list now.', what, names));
}

function progress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task);
}

/** Say what changed and what did not. `verb` is already translated (a heading such as "Accept"). */
function report(log: vscode.LogOutputChannel, done: number, failures: readonly string[], verb: string, noun: CountNoun): void {
  if (failures.length === 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('{0}: {1}', verb, count(done, noun)), 4000);
    return;
  }
  failures.forEach((f) => log.error(`${verb}: ${f}`));
  const text =
    failures.length > 1
      ? vscode.l10n.t('{0}: {1} done, {2} failed. {3} (and {4} more)', verb, done, failures.length, failures[0]!, failures.length - 1)
      : vscode.l10n.t('{0}: {1} done, {2} failed. {3}', verb, done, failures.length, failures[0]!);
  showErrorWithLog(log, text);
}
