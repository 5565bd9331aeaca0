// How the bench's N images are spread over visibilities and member statuses. Pure data, so the
// extension-host script (bundled on its own) loads exactly the same mix as the Node-side bench.
import { uniqueName, uniqueNameTime } from '../../test/support/fixtures';

export type BatchName = 'private' | 'pending' | 'accepted' | 'rejected' | 'community' | 'unshared';

export interface Batch {
  readonly name: BatchName;
  readonly count: number;
  readonly visibility: 'private' | 'shared' | 'community';
  /** Member status of the consumer project on these images, if it is a member. */
  readonly consumerStatus?: 'pending' | 'accepted' | 'rejected';
}

/**
 * 30 % private, 40 % shared with the consumer (split pending / accepted / rejected), 20 %
 * community, 10 % shared with no member yet (the workflow shares those).
 */
export function distribution(n: number): Batch[] {
  const privateCount = Math.round(n * 0.3);
  const community = Math.round(n * 0.2);
  const unshared = Math.round(n * 0.1);
  const withConsumer = n - privateCount - community - unshared;
  const pending = Math.ceil(withConsumer / 3);
  const accepted = Math.ceil((withConsumer - pending) / 2);
  const rejected = withConsumer - pending - accepted;
  return [
    { name: 'private', count: privateCount, visibility: 'private' },
    { name: 'pending', count: pending, visibility: 'shared', consumerStatus: 'pending' },
    { name: 'accepted', count: accepted, visibility: 'shared', consumerStatus: 'accepted' },
    { name: 'rejected', count: rejected, visibility: 'shared', consumerStatus: 'rejected' },
    { name: 'community', count: community, visibility: 'community' },
    { name: 'unshared', count: unshared, visibility: 'shared' },
  ];
}

/** load_images.py arguments for one batch (everything but --db). */
export function loaderArgs(batch: Batch, owner: string, consumer: string, tag: string): string[] {
  const args = ['--owner', owner, '--count', String(batch.count), '--tag', tag, '--visibility', batch.visibility, '--name-prefix', `${tag}-${batch.name}`];
  if (batch.consumerStatus) args.push('--member', `${consumer}:${batch.consumerStatus}`);
  return args;
}

/** Tags look like gsbench-<kind>-<base36 ms>-<rand>; a crashed run's leftovers are found by this prefix. */
export const TAG_PREFIX = 'gsbench-';

export function newTag(kind: string): string {
  return uniqueName(`${TAG_PREFIX}${kind}`);
}

/** When a bench tag was made, from its name (NaN if it is not one). */
export function tagTime(tag: string): number {
  return tag.startsWith(TAG_PREFIX) ? uniqueNameTime(tag) : NaN;
}
