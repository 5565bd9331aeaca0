import type * as vscode from 'vscode';
import { DisposableBase } from '../../common/lifecycle';
import type { Logger } from '../../openstack';
import type { ImageArrival, ImageStore } from '../imageStore';
import type { ImagesTreeProvider } from './imagesTree';
import type { ImageNode, Node } from './nodes';

/** Scope, group, subgroup, row: one reveal per level at most. */
const MAX_REVEALS_PER_ROW = 4;
/** How many revealed shares are remembered (then forgotten all at once: a share revealed again is harmless). */
const SHARES_REMEMBERED = 200;
/** A reveal VS Code has not answered after this long is given up, so that the next one can run. */
const REVEAL_ANSWER_MS = 15_000;

/** Whether `task` settles within `ms`. */
async function settlesWithin(task: Thenable<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([Promise.resolve(task).then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A row's place as an image row's path writes it: `<scope>`, `<scope>/<group>`, `<scope>/<group>/<subgroup>`. */
function placeOf(node: Node): string {
  switch (node.kind) {
    case 'scope':
      return node.scopeId;
    case 'group':
      return `${node.scopeId}/${node.group}`;
    case 'subgroup':
      return `${node.scopeId}/${node.group}/${node.group === 'mine' ? node.visibility : node.status}`;
    default:
      return '';
  }
}

/** What was brought into view last, for the extension-host tests. */
export interface RevealRecord {
  readonly path: string;
  readonly cause: ImageArrival['cause'];
}

/**
 * Brings an image into view when it lands in a group the user may have closed: a share that
 * arrived waiting (a reload, the periodic check), or an image the user's own change moved (Accept
 * to Accepted, a new visibility). VS Code opens the groups above the row and scrolls to it; the
 * selection and the keyboard focus stay where they are (an editor, a quick pick, another row).
 *
 * Bounded: a load brings at most one arrival (ImageStore), reveals go one at a time, and of what
 * arrives while one is under way only the latest is revealed after it (the user's own change before
 * a share found by a reload); a share revealed in one scope is not revealed again when another
 * scope of the same project finds it.
 * A scope's first load reveals nothing (ImageStore fires no arrival then). While the view is not
 * visible nothing is revealed (a reveal would open the view and take the side bar from whatever
 * it shows): the first arrival waits until the user opens the view.
 */
export class ArrivalReveal extends DisposableBase {
  private revealing = false;
  /** The latest arrival while a reveal was under way. */
  private next: ImageArrival | undefined;
  /** Image and place of the last reveal. */
  private lastKey: string | undefined;
  /** Shares already brought into view: other scopes of the same project find the same share on their reloads. */
  private readonly sharesShown = new Set<string>();
  private waiting: ImageArrival | undefined;
  /** The last row revealed, for the tests. */
  last: RevealRecord | undefined;
  /** How many reveals were asked of VS Code, for the tests. */
  count = 0;

  /** A reveal is under way (VS Code has not answered yet). */
  get busy(): boolean {
    return this.revealing;
  }

  constructor(
    images: ImageStore,
    private readonly tree: ImagesTreeProvider,
    private readonly view: vscode.TreeView<Node>,
    private readonly logger: Logger,
  ) {
    super();
    this._register(images.onDidArrive((arrival) => void this.arrive(arrival)));
    this._register(
      view.onDidChangeVisibility(({ visible }) => {
        const waiting = this.waiting;
        this.waiting = undefined;
        if (visible && waiting) void this.arrive(waiting);
      }),
    );
  }

  private async arrive(arrival: ImageArrival): Promise<void> {
    if (arrival.cause === 'newShare' && this.sharesShown.has(arrival.image.id)) return;
    if (this.revealing) {
      // What the user just did comes first: a share found by another scope's reload does not replace it.
      if (!(arrival.cause === 'newShare' && this.next && this.next.cause !== 'newShare')) this.next = arrival;
      return;
    }
    if (`${arrival.image.id} ${arrival.place}` === this.lastKey) return;
    if (!this.view.visible) {
      this.waiting ??= arrival;
      return;
    }
    const node = this.tree.imageRow(arrival.scopeId, arrival.place, arrival.image.id);
    if (!node) return;
    await this.reveal(node, arrival);
  }

  private async reveal(node: ImageNode, arrival: ImageArrival): Promise<void> {
    this.revealing = true;
    this.lastKey = `${arrival.image.id} ${arrival.place}`;
    if (arrival.cause === 'newShare') {
      if (this.sharesShown.size >= SHARES_REMEMBERED) this.sharesShown.clear();
      this.sharesShown.add(arrival.image.id);
    }
    this.count++;
    this.last = { path: node.path, cause: arrival.cause };
    const parent = node.path.slice(0, node.path.lastIndexOf('/'));
    const opened: string[] = [];
    const listener = this.view.onDidExpandElement(({ element }) => opened.push(placeOf(element)));
    try {
      // VS Code opens only the rows above it that it has drawn before; each one it opens draws
      // the next level. So a row under closed groups never opened (a Pending that was empty, the
      // groups of a scope shown closed) takes a reveal per level: again while a reveal opened
      // something but not yet the row's own group. The expansions reach the extension host
      // before the reveal's answer does.
      for (let attempt = 0; attempt < MAX_REVEALS_PER_ROW; attempt++) {
        opened.length = 0;
        if (!(await settlesWithin(this.view.reveal(node, { select: false, focus: false, expand: false }), REVEAL_ANSWER_MS))) {
          this.logger.info(`VS Code did not answer the reveal of ${node.path}: left as it is`);
          break;
        }
        if (opened.length === 0 || opened.includes(parent)) break;
      }
    } catch (error) {
      // The row went meanwhile (another reload): nothing to show.
      this.logger.info(`Could not bring ${node.path} into view: ${(error as Error).message}`);
    } finally {
      listener.dispose();
      this.revealing = false;
    }
    const next = this.next;
    this.next = undefined;
    if (next) await this.arrive(next);
  }
}
