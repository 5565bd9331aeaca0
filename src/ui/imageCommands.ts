import * as vscode from 'vscode';
import type { MemberStatus, Visibility } from '../openstack';
import { cliCommands, imageLabel, planMemberAdds, shareNotice, visibilityChoices } from '../sharing';
import { answerShares, removeMembers, shareImages } from './imageActions';
import type { Connections } from './connections';
import { imageTargets, type ImageTarget } from './imageTargets';
import type { ScopeImages } from './scopeImages';
import type { MembersPanels, PanelKey } from './panel/membersPanel';

export interface ImageCommandDeps {
  readonly connections: Connections;
  readonly images: ScopeImages;
  readonly panels: MembersPanels;
  readonly log: vscode.LogOutputChannel;
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
  const targets = (args: unknown[], action: Parameters<typeof imageTargets>[3], placeHolder: string, many: boolean) =>
    imageTargets(connections, images, args, action, { placeHolder, many });

  const answer = (status: MemberStatus, verb: string) => async (...args: unknown[]) => {
    const action = status === 'accepted' ? 'accept' : status === 'rejected' ? 'reject' : 'resetPending';
    const chosen = await targets(args, action, `${verb} which shared images?`, true);
    if (chosen.length === 0) return;
    const { done, failures } = await progress(`${verb} ${count(chosen.length, 'image')}…`, () => answerShares(deps, chosen, status));
    report(log, done, failures, `${verb}`, 'image');
  };

  return {
    'glanceShare.accept': answer('accepted', 'Accept'),
    'glanceShare.reject': answer('rejected', 'Reject'),
    'glanceShare.resetPending': answer('pending', 'Reset to pending'),

    'glanceShare.share': async (...args: unknown[]) => {
      const chosen = await targets(args, 'share', 'Share which images?', true);
      if (chosen.length === 0) return;
      const own = new Set(chosen.map((t) => t.ctx.projectId));
      const input = await vscode.window.showInputBox({
        title: `Share ${chosen.length === 1 ? `"${imageLabel(chosen[0].image)}"` : count(chosen.length, 'image')} with projects`,
        prompt: 'Project IDs (32 hex digits), separated by commas, spaces or new lines. Ask the other team for theirs ("Copy My Project ID").',
        placeHolder: '8f1c9a2b3d4e5f60718293a4b5c6d7e8, …',
        ignoreFocusOut: true,
        validateInput: (text) => {
          if (!text.trim()) return { message: 'Enter at least one project ID.', severity: vscode.InputBoxValidationSeverity.Info };
          const plan = planMemberAdds(text, '');
          const problem = plan.rejected.find((r) => !r.message.startsWith('listed twice'));
          if (problem) return { message: problem.message, severity: vscode.InputBoxValidationSeverity.Error };
          if (plan.ids.some((id) => own.has(id))) return { message: 'That is the owner project itself: it already has the image.', severity: vscode.InputBoxValidationSeverity.Error };
          return undefined;
        },
      });
      if (!input) return;
      const projectIds = planMemberAdds(input, '').ids.filter((id) => !own.has(id));
      if (projectIds.length === 0) return;
      const privates = chosen.filter((t) => t.image.visibility === 'private');
      let toShare = chosen;
      if (privates.length > 0) {
        const names = privates.map((t) => `"${imageLabel(t.image)}"`).join(', ');
        const choice = await vscode.window.showWarningMessage(
          `${names} ${privates.length === 1 ? 'is' : 'are'} private. Only shared images can have members.`,
          { modal: true, detail: `glance-share will first set the visibility to shared, then add ${count(projectIds.length, 'project')}. Nothing else changes.` },
          'Make Shared and Share',
        );
        if (choice !== 'Make Shared and Share') {
          toShare = chosen.filter((t) => t.image.visibility !== 'private');
          if (toShare.length === 0) return;
        }
      }
      const outcome = await progress(`Sharing ${count(toShare.length, 'image')} with ${count(projectIds.length, 'project')}…`, () => shareImages(deps, toShare, projectIds));
      const failures = outcome.results.filter((r) => !r.ok).map((r) => `${imageLabel(r.image)}${r.projectId ? ` → ${r.projectId}` : ''}: ${r.message}`);
      if (failures.length === 0) {
        const pick = await vscode.window.showInformationMessage(
          `Shared with ${count(projectIds.length, 'project')}. Each must accept before the image shows in its list.`,
          ...(toShare.length === 1 ? ['Copy Share Notice'] : []),
        );
        if (pick) await copyNotice(toShare[0], projectIds[0]);
      } else {
        report(log, outcome.added, failures, 'Share', 'member');
      }
    },

    'glanceShare.removeMember': async (...args: unknown[]) => {
      const [t] = await targets(args, 'removeMember', 'Remove members of which image?', false);
      if (!t) return;
      const members = await progress('Reading members…', () => t.connection.glance.listMembers(t.image.id));
      if (members.length === 0) {
        void vscode.window.showInformationMessage(`"${imageLabel(t.image)}" has no members.`);
        return;
      }
      const picked = await vscode.window.showQuickPick(
        members.map((m) => ({ label: m.member_id, description: m.status, detail: `since ${m.created_at}`, member: m })),
        { placeHolder: `Remove which members of "${imageLabel(t.image)}"?`, canPickMany: true },
      );
      if (!picked?.length) return;
      const confirm = await vscode.window.showWarningMessage(
        `Remove ${count(picked.length, 'member')} of "${imageLabel(t.image)}"?`,
        { modal: true, detail: 'They lose access to the image at once; servers already booted from it keep running. You can share it again later.' },
        'Remove',
      );
      if (confirm !== 'Remove') return;
      const { removed, failures } = await progress('Removing members…', () => removeMembers(deps, t, picked.map((p) => p.member.member_id)));
      report(log, removed.length, failures, 'Removed', 'member');
    },

    'glanceShare.setVisibility': async (...args: unknown[]) => {
      const [t] = await targets(args, 'setVisibility', 'Change the visibility of which image?', false);
      if (!t) return;
      const picked = await vscode.window.showQuickPick(
        visibilityChoices(t.image, t.ctx).map((c) => ({
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
        const members = await t.connection.glance.listMembers(t.image.id);
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
      const updated = await progress(`Making "${imageLabel(t.image)}" ${target}…`, () => t.connection.glance.setVisibility(t.image.id, target));
      images.applyOwnedImage(t.scope.id, updated);
      void vscode.window.showInformationMessage(`"${imageLabel(updated)}" is now ${updated.visibility}.`);
    },

    'glanceShare.showMembers': async (...args: unknown[]) => {
      const [arg] = args;
      // From a tooltip link: {scopeId, imageId}.
      if (arg && typeof arg === 'object' && 'imageId' in arg && 'scopeId' in arg) {
        const key = arg as PanelKey;
        await deps.panels.show(key, 'Members').refresh();
        return;
      }
      const [t] = await targets(args, 'showMembers', 'Show the members of which image?', false);
      if (!t) return;
      await deps.panels.show({ scopeId: t.scope.id, imageId: t.image.id }, `Members: ${imageLabel(t.image)}`).refresh();
    },

    'glanceShare.copyImageId': async (...args: unknown[]) => {
      const [t] = await targets(args, 'copyId', 'Copy the ID of which image?', false);
      if (!t) return;
      await vscode.env.clipboard.writeText(t.image.id);
      vscode.window.setStatusBarMessage(`Copied image ID ${t.image.id}`, 3000);
    },

    'glanceShare.copyShareNotice': async (...args: unknown[]) => {
      const [t] = await targets(args, 'copyShareNotice', 'Copy the share notice of which image?', false);
      if (t) await copyNotice(t);
    },

    'glanceShare.copyCliCommand': async (...args: unknown[]) => {
      const [t] = await targets(args, 'copyCli', 'Copy a CLI command for which image?', false);
      if (!t) return;
      const lines = cliCommands(t.image, t.ctx);
      const picked = lines.length === 1 ? lines[0] : (await vscode.window.showQuickPick(lines.map((l) => ({ label: l.label, detail: l.command, line: l })), { placeHolder: 'Copy which openstack command?' }))?.line;
      if (!picked) return;
      await vscode.env.clipboard.writeText(picked.command);
      vscode.window.setStatusBarMessage(`Copied: ${picked.command}`, 3000);
    },
  };
}

async function copyNotice(t: ImageTarget, consumer?: string): Promise<void> {
  const owner = t.connection.session.projectScope;
  await vscode.env.clipboard.writeText(shareNotice(t.image, { id: owner?.id ?? t.image.owner ?? '', name: owner?.name }, consumer));
  vscode.window.setStatusBarMessage('Copied the share notice: paste it to the consumer team', 4000);
}

function progress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Say what changed and what did not. */
function report(log: vscode.LogOutputChannel, done: number, failures: readonly string[], verb: string, noun: string): void {
  if (failures.length === 0) {
    vscode.window.setStatusBarMessage(`${verb}: ${count(done, noun)}`, 4000);
    return;
  }
  failures.forEach((f) => log.error(`${verb}: ${f}`));
  const text = `${verb}: ${done} done, ${failures.length} failed. ${failures[0]}${failures.length > 1 ? ` (and ${failures.length - 1} more)` : ''}`;
  void vscode.window.showErrorMessage(text, 'Show Log').then((choice) => {
    if (choice) log.show(true);
  });
}
