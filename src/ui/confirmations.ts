import * as vscode from 'vscode';
import type { GlanceImage } from '../openstack';
import { count, imageLabel } from '../sharing';

/**
 * The questions asked before a change that is hard to take back, written once: the commands
 * (src/ui/imageCommands.ts) and the members panel (src/ui/panel/membersPanel.ts) both ask them.
 */

export const MAKE_SHARED = 'Make Shared and Share';
export const REMOVE = 'Remove';

// Written once, in src/sharing: the pure plans' words use it too.
export { count } from '../sharing';

/** Only shared images have members: a private one must be made shared first. True if the user agrees. */
export async function confirmMakeShared(privates: readonly GlanceImage[], projectCount: number): Promise<boolean> {
  const names = privates.map((image) => `"${imageLabel(image)}"`).join(', ');
  const choice = await vscode.window.showWarningMessage(
    `${names} ${privates.length === 1 ? 'is' : 'are'} private. Only shared images can have members.`,
    { modal: true, detail: `glance-share will first set the visibility to shared, then add ${count(projectCount, 'project')}. Nothing else changes.` },
    MAKE_SHARED,
  );
  return choice === MAKE_SHARED;
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
      ? `Remove ${one.projectName ?? one.projectId} from "${imageLabel(image)}"?`
      : `Remove ${count(members.length, 'member')} of "${imageLabel(image)}"?`;
  const who = members.length === 1 ? 'The project loses' : 'They lose';
  const answer = await vscode.window.showWarningMessage(
    question,
    { modal: true, detail: `${who} access to the image at once; servers already booted from it keep running. You can share it again later.` },
    REMOVE,
  );
  return answer === REMOVE;
}
