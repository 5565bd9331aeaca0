import type { GlanceImage } from '../openstack/models';
import { allowedActions, roleOf, type ImageContext } from './actions';
import { imageLabel } from './grouping';

/**
 * What a producer sends the consumer after sharing: enough to find the image and accept it,
 * whatever tool the consumer uses.
 */
export function shareNotice(image: GlanceImage, owner: { id: string; name?: string }, consumerProjectId?: string): string {
  const lines = [
    `The image "${imageLabel(image)}" has been shared with your project${consumerProjectId ? ` (${consumerProjectId})` : ''}.`,
    '',
    `  Image ID:      ${image.id}`,
    `  Owner project: ${owner.name ? `${owner.name} (${owner.id})` : owner.id}`,
    '',
    'It stays hidden from your image list until your project accepts it:',
    '',
    `  openstack image set --accept ${image.id}`,
    '',
    'or, in VS Code with glance-share: Shared with me → Pending → right-click → Accept.',
    `To decline it: openstack image set --reject ${image.id}`,
  ];
  return lines.join('\n');
}

export interface CliLine {
  readonly label: string;
  readonly command: string;
}

/** Quote an argument for a POSIX shell only when it needs it. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The `openstack` CLI lines equivalent to what this project can do with this image. */
export function cliCommands(image: GlanceImage, ctx: ImageContext): CliLine[] {
  const id = image.id;
  const actions = new Set(allowedActions(image, ctx));
  const lines: CliLine[] = [{ label: 'Show the image', command: `openstack image show ${id}` }];
  if (roleOf(image, ctx) === 'owned') {
    if (actions.has('showMembers')) lines.push({ label: 'List its members', command: `openstack image member list ${id}` });
    if (actions.has('share')) {
      const prefix = image.visibility === 'private' ? `openstack image set --shared ${id} && ` : '';
      lines.push({ label: 'Share it with a project', command: `${prefix}openstack image add project ${id} <project-id>` });
    }
    if (actions.has('removeMember')) lines.push({ label: 'Remove a member', command: `openstack image remove project ${id} <project-id>` });
    lines.push({ label: 'Change its visibility', command: `openstack image set --${image.visibility === 'private' ? 'shared' : 'private'} ${id}` });
  }
  if (actions.has('accept')) lines.push({ label: 'Accept the share', command: `openstack image set --accept ${id}` });
  if (actions.has('reject')) lines.push({ label: 'Reject the share', command: `openstack image set --reject ${id}` });
  if (actions.has('resetPending')) lines.push({ label: 'Reset the share to pending', command: `openstack image set --pending ${id}` });
  return lines;
}
