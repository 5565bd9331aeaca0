import * as vscode from 'vscode';
import type { GlanceImage } from '../openstack';
import { count, imageLabel } from '../sharing';

/**
 * The questions asked before a change that is hard to take back, written once: the commands
 * (src/ui/imageCommands.ts) and the members panel (src/ui/panel/membersPanel.ts) both ask them.
 */

// Functions, not constants: vscode.l10n.t reads the bundle of the running VS Code's language.
export const makeSharedButton = (): string => vscode.l10n.t('Make Shared and Share');
export const removeButton = (): string => vscode.l10n.t('Remove');

// Written once, in src/sharing: the pure plans' words use it too.
export { count } from '../sharing';

/** Only shared images have members: a private one must be made shared first. True if the user agrees. */
export async function confirmMakeShared(privates: readonly GlanceImage[], projectCount: number): Promise<boolean> {
  const names = privates.map((image) => `"${imageLabel(image)}"`).join(', ');
  const button = makeSharedButton();
  const choice = await vscode.window.showWarningMessage(
    privates.length === 1
      ? vscode.l10n.t('{0} is private. Only shared images can have members.', names)
      : vscode.l10n.t('{0} are private. Only shared images can have members.', names),
    {
      modal: true,
      detail: vscode.l10n.t('glance-share will first set the visibility to shared, then add {0}. Nothing else changes.', count(projectCount, 'project')),
    },
    button,
  );
  return choice === button;
}

/** A project to remove, with its name when one of the user's scopes knows it. */
export interface MemberToRemove {
  readonly projectId: string;
  readonly projectName?: string;
}

/** Removing members takes the image away from them at once. True if the user agrees. */
export async function confirmRemoveMembers(image: GlanceImage, members: readonly MemberToRemove[]): Promise<boolean> {
  const [one] = members;
  const question =
    members.length === 1
      ? vscode.l10n.t('Remove {0} from "{1}"?', one.projectName ?? one.projectId, imageLabel(image))
      : vscode.l10n.t('Remove {0} of "{1}"?', count(members.length, 'member'), imageLabel(image));
  const detail =
    members.length === 1
      ? vscode.l10n.t('The project loses access to the image at once; servers already booted from it keep running. You can share it again later.')
      : vscode.l10n.t('They lose access to the image at once; servers already booted from it keep running. You can share it again later.');
  const button = removeButton();
  const answer = await vscode.window.showWarningMessage(question, { modal: true, detail }, button);
  return answer === button;
}
