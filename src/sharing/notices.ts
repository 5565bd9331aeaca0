import * as l10n from '@vscode/l10n';
import type { GlanceImage, MemberStatus } from '../openstack/models';
import { allowedActions, roleOf, type Viewpoint } from './actions';
import { plainText } from './displayText';
import { imagePlainLabel } from './grouping';
import type { CloudSource } from '../openstack/cloudConfig';

/**
 * What a producer sends the consumer after sharing: enough to find the image and accept it,
 * whatever tool the consumer uses.
 */
export function shareNotice(image: GlanceImage, owner: { id: string; name?: string }, consumerProjectId?: string, region?: string, consumerName?: string): string {
  // A share lives in one region's Glance: a consumer looking in another region would not find it.
  const regionOption = region ? ` --os-region-name ${shellQuote(region)}` : '';
  const name = imagePlainLabel(image);
  const project = consumerProjectId ? (consumerName ? `${plainText(consumerName)} (${consumerProjectId})` : `(${consumerProjectId})`) : undefined;
  const shared =
    project === undefined
      ? region
        ? l10n.t('The image "{0}" has been shared with your project in region {1} only.', name, plainText(region))
        : l10n.t('The image "{0}" has been shared with your project.', name)
      : region
        ? l10n.t('The image "{0}" has been shared with your project {1} in region {2} only.', name, project, plainText(region))
        : l10n.t('The image "{0}" has been shared with your project {1}.', name, project);
  const lines = [
    shared,
    '',
    // The "Image ID:" line is also what parseImageId reads back from a pasted notice (./imageId.ts).
    `  Image ID:      ${image.id}`,
    l10n.t('  Owner project: {0}', owner.name ? `${plainText(owner.name)} (${owner.id})` : owner.id),
    ...(region ? [l10n.t('  Region:        {0} (the share and the image exist there only)', plainText(region))] : []),
    '',
    l10n.t('It stays hidden from your image list until your project accepts it:'),
    '',
    `  ${withCliPrefix(cliAnswer(image.id, 'accepted'), { options: `openstack${regionOption}` })}`,
    '',
    region
      ? l10n.t('or, in VS Code with glance-share: your scope in {0} → Shared with me → Pending → right-click → Accept.', plainText(region))
      : l10n.t('or, in VS Code with glance-share: Shared with me → Pending → right-click → Accept.'),
    l10n.t('To decline it: {0}', withCliPrefix(cliAnswer(image.id, 'rejected'), { options: `openstack${regionOption}` })),
  ];
  return lines.join('\n');
}

/**
 * Where a line needs a project the user has not named yet, it starts by checking the shell
 * parameter PROJECT_ID and stops with this sentence when it is unset: valid shell as pasted, and
 * nothing runs (not even the make-shared step) before the project is known.
 */
const NEEDS_PROJECT_ID = ': "${PROJECT_ID:?set PROJECT_ID to the ID of the other project first}" && ';

export interface CliLine {
  readonly label: string;
  readonly command: string;
}

/** Quote an argument for a POSIX shell only when it needs it. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The `openstack` CLI lines equivalent to what this project can do with this image, in this scope. */
export function cliCommands(image: GlanceImage, viewpoint: Viewpoint, scope?: CliScope): CliLine[] {
  const prefix = scope ? cliPrefix(scope) : { options: 'openstack' };
  return bareCliCommands(image, viewpoint).map((line) => ({
    label: line.label,
    command: `${prefix.comment ? `${prefix.comment}\n` : ''}${withCliPrefix(line.command, prefix)}`,
  }));
}

function bareCliCommands(image: GlanceImage, viewpoint: Viewpoint): CliLine[] {
  const id = image.id;
  const actions = new Set(allowedActions(image, viewpoint));
  const lines: CliLine[] = [{ label: l10n.t('Show the image'), command: `openstack image show ${id}` }];
  if (roleOf(image, viewpoint) === 'owned') {
    if (actions.has('showMembers')) lines.push({ label: l10n.t('List its members'), command: `openstack image member list ${id}` });
    if (actions.has('share')) {
      const makeShared = image.visibility === 'private' ? `${cliMakeShared(id)} && ` : '';
      lines.push({ label: l10n.t('Share it with a project'), command: `${NEEDS_PROJECT_ID}${makeShared}${cliAddMember(id, '"$PROJECT_ID"')}` });
    }
    if (actions.has('removeMember')) lines.push({ label: l10n.t('Remove a member'), command: `${NEEDS_PROJECT_ID}${cliRemoveMember(id, '"$PROJECT_ID"')}` });
    lines.push({ label: l10n.t('Change its visibility'), command: `openstack image set --${image.visibility === 'private' ? 'shared' : 'private'} ${id}` });
  }
  if (actions.has('accept')) lines.push({ label: l10n.t('Accept the share'), command: cliAnswer(id, 'accepted') });
  if (actions.has('reject')) lines.push({ label: l10n.t('Reject the share'), command: cliAnswer(id, 'rejected') });
  if (actions.has('resetPending')) lines.push({ label: l10n.t('Reset the share to pending'), command: cliAnswer(id, 'pending') });
  return lines;
}

/*
 * One `openstack` line per outcome, written once: the copied lines above and the exported shell
 * script (exportCode.ts) both use these. `project` is a shell word as it is to appear (already
 * quoted, or "$PROJECT_ID"); an image ID is quoted here when it needs it.
 */
export function cliMakeShared(imageId: string): string {
  return `openstack image set --shared ${shellQuote(imageId)}`;
}

export function cliAddMember(imageId: string, project: string): string {
  return `openstack image add project ${shellQuote(imageId)} ${project}`;
}

export function cliRemoveMember(imageId: string, project: string): string {
  return `openstack image remove project ${shellQuote(imageId)} ${project}`;
}

const ANSWER_FLAGS: Readonly<Record<MemberStatus, string>> = { accepted: '--accept', rejected: '--reject', pending: '--pending' };

/** The member project's answer (only the member may give it: docs/glance-behaviour.md#who-may-do-what). */
export function cliAnswer(imageId: string, status: MemberStatus): string {
  return `openstack image set ${ANSWER_FLAGS[status]} ${shellQuote(imageId)}`;
}

/** A bare `openstack …` line (or several joined by `&&`) with this scope's global options. */
export function withCliPrefix(command: string, prefix: { readonly options: string }): string {
  // A function, not a replacement string: a cloud name may hold `$&` or `$1`, which a string would expand.
  return command.replace(/(^|&& )openstack /g, (_match, lead: string) => `${lead}${prefix.options} `);
}

/**
 * What a shell needs before a copied `openstack` line works in this scope: for a clouds.yaml
 * cloud, the global options that pick it; for `OS_*` or a cloud added in VS Code, a comment,
 * since no option names them.
 */
export interface CliScope {
  readonly cloud: string;
  readonly source: CloudSource['kind'];
  readonly region?: string;
}

export function cliPrefix(scope: CliScope): { readonly options: string; readonly comment?: string } {
  const region = scope.region ? ` --os-region-name ${shellQuote(scope.region)}` : '';
  if (scope.source === 'file') return { options: `openstack --os-cloud ${shellQuote(scope.cloud)}${region}` };
  if (scope.source === 'env') {
    return { options: `openstack${region}`, comment: `# needs the openrc of "${scope.cloud}" sourced in this shell (the OS_* variables)` };
  }
  return { options: `openstack${region}`, comment: `# "${scope.cloud}" was added in VS Code: the openstack CLI needs it in a clouds.yaml (then use --os-cloud)` };
}
