// What Glance holds, read with the `openstack` CLI: the reference the e2e suites check the
// workbench against (never the extension's own client).
import { openstackCli } from '../../support/stack';

/** An image's members as `openstack image member list` prints them: member project ID → status. */
export function cliMembers(cloud: string, imageId: string): Record<string, string> {
  const out = openstackCli(cloud, ['image', 'member', 'list', '--format', 'json', imageId]);
  const rows = JSON.parse(out) as Array<Record<string, string>>;
  return Object.fromEntries(rows.map((r) => [r['Member ID'], r.Status]));
}

/** `openstack image show` as JSON: visibility, os_hidden and the rest. */
export function cliImage(cloud: string, imageId: string): Record<string, unknown> {
  return JSON.parse(openstackCli(cloud, ['image', 'show', '--format', 'json', imageId])) as Record<string, unknown>;
}
