// (c) The anchor: `openstack image list` with the filters that give the client's groups, run as a
// user runs it (one command after the other, default table output, the SDK's own paging), and
// (d) the seed workflow through the CLI.
import type { Listing } from './bare';
import { runCli, type CliRun } from './stack';

/** The command for one of the client's listings (owner: --project <id> is owner=<id> in OSC 6.0). */
export function cliListArgs(listing: Listing, projectId: string, tag: string | undefined): string[] {
  const args = ['image', 'list'];
  if (listing === 'owned') args.push('--project', projectId);
  else args.push('--shared', '--member-status', listing);
  if (tag) args.push('--tag', tag);
  return args;
}

export interface CliScopeRun {
  readonly ms: number;
  readonly commands: Record<Listing, { ms: number; rows: number }>;
}

export async function cliScope(cloud: string, projectId: string, tag: string | undefined, listings: readonly Listing[]): Promise<CliScopeRun> {
  const commands = {} as Record<Listing, { ms: number; rows: number }>;
  let ms = 0;
  for (const listing of listings) {
    const run = await runCli(cloud, cliListArgs(listing, projectId, tag));
    commands[listing] = { ms: run.ms, rows: run.rows };
    ms += run.ms;
  }
  return { ms, commands };
}

export interface CliWorkflowRun {
  readonly ms: number;
  readonly steps: Record<string, number>;
  readonly pendingListed: number;
}

/** The same five steps as clientWorkflow, one openstack command each. */
export async function cliWorkflow(imageId: string, consumerId: string, tag: string | undefined): Promise<CliWorkflowRun> {
  const steps: Record<string, number> = {};
  const run = async (name: string, cloud: string, args: string[]): Promise<CliRun> => {
    const result = await runCli(cloud, args, 5 * 60_000);
    steps[name] = result.ms;
    return result;
  };
  await run('share', 'dave', ['image', 'add', 'project', imageId, consumerId]);
  const pending = await run('listPending', 'bob', ['image', 'list', '--shared', '--member-status', 'pending', ...(tag ? ['--tag', tag] : [])]);
  if (!pending.stdout.includes(imageId)) throw new Error(`CLI workflow: ${imageId} not in the consumer's pending list`);
  await run('accept', 'bob', ['image', 'set', '--accept', imageId]);
  const members = await run('listMembers', 'dave', ['image', 'member', 'list', imageId]);
  if (!/accepted/.test(members.stdout)) throw new Error(`CLI workflow: member list shows no accepted member:\n${members.stdout}`);
  await run('unshare', 'dave', ['image', 'remove', 'project', imageId, consumerId]);
  return { ms: Object.values(steps).reduce((a, b) => a + b, 0), steps, pendingListed: pending.rows };
}
