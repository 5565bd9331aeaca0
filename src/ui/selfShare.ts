import * as vscode from 'vscode';
import { asError, type GlanceImage } from '../openstack';
import { imageLabel, refusalOf } from '../sharing';
import { explanationOf } from './errors';
import type { ActionDeps } from './imageActions';
import type { Scope } from './connections';
import type { ProjectDirectory } from './projectDirectory';

export interface AcceptAsOutcome {
  readonly projectId: string;
  readonly projectName: string;
  readonly ok: boolean;
  readonly message: string;
}

/**
 * "Accept as ‹project›": a share the user just made with one of their own projects, accepted by
 * that project itself. The member's status is the member's to change
 * (docs/glance-behaviour.md#who-may-do-what): the request goes with a token of that project (a
 * scope shown for it, or the same identity rescoped), never the owner's and never an admin's,
 * to the Glance the image was shared in. The member's scopes and the owner's then show it at once.
 */
export async function acceptAs(
  deps: ActionDeps & { readonly directory: ProjectDirectory },
  owner: Scope,
  image: GlanceImage,
  projectIds: readonly string[],
): Promise<AcceptAsOutcome[]> {
  const outcomes: AcceptAsOutcome[] = [];
  for (const projectId of projectIds) {
    const voice = await deps.directory.memberVoice(owner, projectId);
    if (!voice) {
      outcomes.push({
        projectId,
        projectName: projectId,
        ok: false,
        message: vscode.l10n.t('none of your signed-in identities on this cloud can sign in to that project: accept it there ("Add Project Scope…")'),
      });
      continue;
    }
    try {
      const member = await voice.connection.glance.updateMemberStatus(image.id, projectId, 'accepted');
      outcomes.push({ projectId, projectName: voice.projectName, ok: true, message: member.status });
      const endpoint = owner.state.kind === 'connected' ? owner.state.connection.glance.endpoint : '';
      deps.images.scopesOfProject(projectId, endpoint).forEach((scopeId) => deps.images.applyIncomingStatus(scopeId, image.id, 'accepted'));
      deps.log.info(
        `${imageLabel(image)} (${image.id}) is now ${member.status} for project ${voice.projectName} (${projectId}), answered as ${voice.connection.session.user.name}`,
      );
    } catch (error) {
      const refusal = refusalOf(error, 'member');
      outcomes.push({ projectId, projectName: voice.projectName, ok: false, message: refusal?.message ?? explanationOf(asError(error)) });
      deps.log.error(`Accept ${image.id} as project ${projectId}: ${asError(error).message}`);
    } finally {
      if (voice.temporary) voice.connection.dispose();
    }
  }
  const accepted = outcomes.filter((o) => o.ok).map((o) => o.projectId);
  // The member side at once (a scope of that project shown side by side moves the row), then
  // Glance confirms: the owner's member list, and every scope of those projects reads its listings again.
  await Promise.all([deps.images.refreshMembers(owner.id, image.id), deps.images.reloadProjects(accepted)]);
  return outcomes;
}
