import * as vscode from 'vscode';
import type { MemberStatus, Visibility } from '../openstack';
import { cliCommands, crossPairs, displayText, imageLabel, planMemberAdds, projectText, shareNotice, uncheckedProjectsCaution, visibilityChoices } from '../sharing';
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

const VISIBILITY_WORDS: Readonly<Record<Visibility, string>> = {
  private: 'only this project',
  shared: 'this project and the projects it is shared with',
  community: 'every project can use it; not in their lists unless they ask for community images',
  public: 'every project, listed for all',
};

/** Sharing commands on images: share, unshare, answer a share, visibility, copy helpers. */
export function imageCommands(deps: ImageCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  const { connections, images, log } = deps;
  const targets = (args: unknown[], action: Parameters<typeof imageTargets>[3], placeHolder: string, many: boolean, keepDisallowed = false) =>
    imageTargets(connections, images, args, action, { placeHolder, many, keepDisallowed });

  const answer =
    (status: MemberStatus, verb: string) =>
    async (...args: unknown[]) => {
      const action = status === 'accepted' ? 'accept' : status === 'rejected' ? 'reject' : 'resetPending';
      const chosen = await targets(args, action, `${verb} which shared images?`, true);
      if (chosen.length === 0) return;
      const { done, failures } = await progress(`${verb} ${count(chosen.length, 'image')}…`, () => answerShares(deps, chosen, status));
      report(log, done, failures, `${verb}`, 'image');
    };

  /**
   * Hide or unhide (os_hidden): the row stays in its group, marked; other projects' default
   * listings and `openstack image list` leave a hidden image out (docs/glance-behaviour.md#hidden-images).
   */
  const setHidden = async (args: unknown[], hidden: boolean) => {
    const verb = hidden ? 'Hide' : 'Unhide';
    const [t] = await targets(args, hidden ? 'hide' : 'unhide', `${verb} which image?`, false);
    if (!t) return;
    const updated = await progress(`${hidden ? 'Hiding' : 'Unhiding'} "${imageLabel(t.image)}"…`, () =>
      reconciled(deps, t, () => t.connection.glance.setHidden(t.image.id, hidden)),
    );
    images.applyOwnedImage(t.scope.id, updated);
    log.info(`${imageLabel(updated)} (${updated.id}) is now ${updated.os_hidden ? 'hidden' : 'not hidden'}`);
    void vscode.window.showInformationMessage(
      updated.os_hidden
        ? `"${imageLabel(updated)}" is hidden: left out of image lists unless asked for (it can still be used by ID).`
        : `"${imageLabel(updated)}" is no longer hidden.`,
    );
  };

  return {
    'glanceShare.accept': answer('accepted', 'Accept'),
    'glanceShare.reject': answer('rejected', 'Reject'),
    'glanceShare.resetPending': answer('pending', 'Reset to pending'),

    'glanceShare.share': async (...args: unknown[]) => {
      const chosen = await targets(args, 'share', 'Share which images?', true, true);
      if (chosen.length > 0) await shareWithProjects(deps, chosen, args[2]);
    },

    'glanceShare.shareAndAccept': async (...args: unknown[]) => {
      const chosen = await targets(args, 'share', 'Share and accept which images?', true);
      if (chosen.length === 0) return;
      const projectIds = await chooseProjects(deps, chosen, args[2], true);
      if (!projectIds) return;
      const toShare = await shareChosen(deps, chosen, projectIds);
      if (toShare) await acceptChosen(deps, toShare, projectIds);
    },

    'glanceShare.removeMember': async (...args: unknown[]) => {
      const [t] = await targets(args, 'removeMember', 'Remove members of which image?', false);
      if (!t) return;
      const members = await progress('Reading members…', () => reconciled(deps, t, () => t.connection.glance.listMembers(t.image.id)));
      if (members.length === 0) {
        void vscode.window.showInformationMessage(`"${imageLabel(t.image)}" has no members.`);
        return;
      }
      const picked = await vscode.window.showQuickPick(
        members.map((m) => {
          const name = connections.projectName(m.member_id);
          return { label: name ?? m.member_id, description: name ? `${m.member_id} · ${m.status}` : m.status, detail: `since ${m.created_at}`, member: m };
        }),
        { placeHolder: `Remove which members of "${imageLabel(t.image)}"?`, canPickMany: true },
      );
      if (!picked?.length) return;
      const chosen = picked.map((p) => ({ projectId: p.member.member_id, projectName: connections.projectName(p.member.member_id) }));
      if (!(await confirmRemoveMembers(t.image, chosen))) return;
      const { removed, failures } = await progress('Removing members…', () =>
        removeMembers(
          deps,
          t,
          picked.map((p) => p.member.member_id),
        ),
      );
      report(log, removed.length, failures, 'Removed', 'member');
    },

    'glanceShare.setVisibility': async (...args: unknown[]) => {
      const [t] = await targets(args, 'setVisibility', 'Change the visibility of which image?', false);
      if (!t) return;
      const picked = await vscode.window.showQuickPick(
        visibilityChoices(t.image, t.viewpoint).map((c) => ({
          label: c.visibility,
          description: VISIBILITY_WORDS[c.visibility],
          detail: c.needsAdmin ? '$(warning) Only a cloud administrator can make an image public.' : undefined,
          choice: c,
        })),
        { placeHolder: `"${imageLabel(t.image)}" is ${t.image.visibility}. Make it…` },
      );
      if (!picked) return;
      const target = picked.choice.visibility;
      if (t.image.visibility === 'shared' && target !== 'shared') {
        const members = await reconciled(deps, t, () => t.connection.glance.listMembers(t.image.id));
        if (members.length > 0) {
          const confirm = await vscode.window.showWarningMessage(
            `"${imageLabel(t.image)}" has ${count(members.length, 'member')}. Make it ${target}?`,
            {
              modal: true,
              detail: `Only shared images have members: while it is ${target}, ${target === 'private' ? 'they lose access to it' : 'their membership is dormant'}. Glance keeps the members and they come back if you make it shared again.`,
            },
            `Make ${target}`,
          );
          if (!confirm) return;
        }
      }
      const updated = await progress(`Making "${imageLabel(t.image)}" ${target}…`, () =>
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
      void vscode.window.showInformationMessage(`"${imageLabel(updated)}" is now ${updated.visibility}.`);
    },

    'glanceShare.hideImage': (...args: unknown[]) => setHidden(args, true),
    'glanceShare.unhideImage': (...args: unknown[]) => setHidden(args, false),

    'glanceShare.showMembers': async (...args: unknown[]) => {
      const [arg] = args;
      // From a tooltip link: {scopeId, imageId}.
      if (arg && typeof arg === 'object' && 'imageId' in arg && 'scopeId' in arg) {
        const key = arg as PanelKey;
        deps.panels.show(key, 'Members');
        return;
      }
      const [t] = await targets(args, 'showMembers', 'Show the members of which image?', false);
      if (!t) return;
      deps.panels.show({ scopeId: t.scope.id, imageId: t.image.id }, `Members: ${imageLabel(t.image)}`);
    },

    'glanceShare.copyImageId': async (...args: unknown[]) => {
      const [t] = await targets(args, 'copyId', 'Copy the ID of which image?', false);
      if (!t) return;
      await vscode.env.clipboard.writeText(t.image.id);
      vscode.window.setStatusBarMessage(`Copied image ID ${t.image.id}`, 3000);
    },

    'glanceShare.copyShareNotice': async (...args: unknown[]) => {
      const [t] = await targets(args, 'copyShareNotice', 'Copy the share notice of which image?', false);
      if (t) await copyNotice(deps, t);
    },

    'glanceShare.copyCliCommand': async (...args: unknown[]) => {
      const [t] = await targets(args, 'copyCli', 'Copy a CLI command for which image?', false);
      if (!t) return;
      const lines = cliCommands(t.image, t.viewpoint, { cloud: t.scope.cloud.name, source: t.scope.cloud.source.kind, region: t.scope.cloud.regionName });
      const picked =
        lines.length === 1
          ? lines[0]
          : (
              await vscode.window.showQuickPick(
                lines.map((l) => ({ label: l.label, detail: l.command, line: l })),
                { placeHolder: 'Copy which openstack command?' },
              )
            )?.line;
      if (!picked) return;
      await vscode.env.clipboard.writeText(picked.command);
      vscode.window.setStatusBarMessage(`Copied: ${picked.command}`, 3000);
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
  const acceptButtons = new Map(mine.map((c) => [`Accept as ${displayText(c.name ?? c.id)}`, c.id]));
  const pick = await vscode.window.showInformationMessage(
    `Shared ${toShare.length > 1 ? `${count(toShare.length, 'image')} ` : ''}with ${await namesOf(deps, toShare[0].scope, projectIds)}${region ? ` in ${region}; they see it only there` : ''}. Each must accept before the image shows in its list.${caution ? ` Caution: ${caution}` : ''}`,
    ...acceptButtons.keys(),
    ...(toShare.length === 1 ? ['Copy Share Notice'] : []),
  );
  if (pick === 'Copy Share Notice') await copyNotice(deps, toShare[0], projectIds[0]);
  const acceptFor = pick ? acceptButtons.get(pick) : undefined;
  if (acceptFor) await acceptChosen(deps, toShare, [acceptFor]);
}

async function copyNotice(deps: ImageCommandDeps, t: ImageTarget, consumer?: string): Promise<void> {
  const owner = t.connection.session.projectScope;
  const consumerName = consumer ? await deps.directory.rawNameOf(t.scope, consumer) : undefined;
  await vscode.env.clipboard.writeText(shareNotice(t.image, { id: owner?.id ?? t.image.owner ?? '', name: owner?.name }, consumer, t.scope.region, consumerName));
  vscode.window.setStatusBarMessage('Copied the share notice: paste it to the consumer team', 4000);
}

/** "consumer (…id…)", "2 projects: consumer, 0c5c…": who a share went to, by name where known. */
async function namesOf(deps: ImageCommandDeps, scope: Scope, projectIds: readonly string[]): Promise<string> {
  const texts = await Promise.all(projectIds.map(async (id) => projectText(id, await deps.directory.nameOf(scope, id))));
  return projectIds.length === 1 ? texts[0] : `${count(projectIds.length, 'project')}: ${texts.join(', ')}`;
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
      if (others.length > 0) throw new Error(`Share and Accept is for your own projects; ${others.join(', ')} is not one of them.`);
    }
    return ids;
  }
  const single = chosen.length === 1 ? chosen[0] : undefined;
  const members = single ? (deps.images.members(single.scope.id, single.image.id) ?? []).map((m) => m.member_id) : [];
  const title = single ? `"${imageLabel(single.image)}"` : count(chosen.length, 'image');
  const picked = await pickProjects(deps.directory, chosen[0].scope, {
    title: onlyMine ? `Share ${title} with your project and accept it there` : `Share ${title} with projects`,
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
  if (chosen.some((t) => t.scope !== scope)) throw new Error('These images are in more than one project scope: select the images of one scope, then share.');
  return scope;
}

/** Accept each image as each of these (own) projects, and say so. */
async function acceptChosen(deps: ImageCommandDeps, toShare: readonly ImageTarget[], projectIds: readonly string[]): Promise<void> {
  const outcomes = await progress(`Accepting as ${count(projectIds.length, 'project')}…`, async () => {
    const all = [];
    for (const t of toShare) all.push(...(await acceptAs(deps, t.scope, t.image, projectIds)).map((o) => ({ ...o, image: t.image })));
    return all;
  });
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0) {
    report(
      deps.log,
      outcomes.length - failed.length,
      failed.map((o) => `${imageLabel(o.image)} as ${displayText(o.projectName)}: ${o.message}`),
      'Accept',
      'share',
    );
    return;
  }
  const names = [...new Set(outcomes.map((o) => displayText(o.projectName)))].join(', ');
  const what = toShare.length === 1 ? `"${imageLabel(toShare[0].image)}"` : count(toShare.length, 'image');
  void vscode.window.showInformationMessage(`Shared ${what} and accepted it as ${names}: it is in ${names}’s image list now.`);
}

function progress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task);
}

/** Say what changed and what did not. */
function report(log: vscode.LogOutputChannel, done: number, failures: readonly string[], verb: string, noun: string): void {
  if (failures.length === 0) {
    vscode.window.setStatusBarMessage(`${verb}: ${count(done, noun)}`, 4000);
    return;
  }
  failures.forEach((f) => log.error(`${verb}: ${f}`));
  const text = `${verb}: ${done} done, ${failures.length} failed. ${failures[0]}${failures.length > 1 ? ` (and ${failures.length - 1} more)` : ''}`;
  showErrorWithLog(log, text);
}
