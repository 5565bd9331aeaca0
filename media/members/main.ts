/**
 * Entry point of the members panel's webview (bundled by esbuild into dist/webview/members.js).
 * It reads the panel's key, remembers it for the serializer, asks the extension for the state,
 * and hands every message that passes parsePanelUpdate to the view.
 */
import './elements';
import type { MemberSortKey } from '../../src/sharing/membersView';
import { parsePanelUpdate } from '../../src/sharing/panelProtocol';
import { configureL10n } from '../common/l10n';
import { MembersApp } from './app';
import { post, vscode, type PersistedState, type SortOrder, type StatusFilter } from './vscodeApi';

const SORT_KEYS: readonly string[] = ['projectId', 'projectName', 'status', 'created', 'updated'];
const FILTERS: readonly string[] = ['all', 'pending', 'accepted', 'rejected'];
const DEFAULT_SORT: SortOrder = { key: 'status', descending: false };

function readKey(root: HTMLElement): { scopeId: string; imageId: string } | undefined {
  try {
    const key = JSON.parse(root.dataset.key ?? '') as unknown;
    if (key && typeof key === 'object') {
      const { scopeId, imageId } = key as Record<string, unknown>;
      if (typeof scopeId === 'string' && typeof imageId === 'string') return { scopeId, imageId };
    }
  } catch {
    // fall through
  }
  console.warn('members panel: #app has no valid data-key; the panel will not be restored after a reload');
  return undefined;
}

/** What a previous life of this webview (hidden tab, window reload) kept, checked field by field. */
function restored(): { sort: SortOrder; filter: StatusFilter; draft: string } {
  const saved = vscode.getState();
  const s = (saved && typeof saved === 'object' ? saved : {}) as Partial<Record<keyof PersistedState, unknown>>;
  const sort = s.sort as Partial<SortOrder> | undefined;
  return {
    sort:
      sort && typeof sort === 'object' && typeof sort.key === 'string' && SORT_KEYS.includes(sort.key)
        ? { key: sort.key as MemberSortKey, descending: sort.descending === true }
        : DEFAULT_SORT,
    filter: typeof s.filter === 'string' && FILTERS.includes(s.filter) ? (s.filter as StatusFilter) : 'all',
    draft: typeof s.draft === 'string' ? s.draft : '',
  };
}

function start(): void {
  const root = document.getElementById('app');
  if (!root) {
    console.error('members panel: no #app element');
    return;
  }
  configureL10n(root);
  const key = readKey(root);
  const view = restored();
  const save = (v: { sort: SortOrder; filter: StatusFilter; draft: string }) => {
    if (key) vscode.setState({ ...key, sort: v.sort, filter: v.filter, draft: v.draft });
  };
  save(view);
  const app = new MembersApp(root, { ...view, post, persist: save });
  window.addEventListener('message', (event: MessageEvent) => {
    const update = parsePanelUpdate(event.data);
    if (!update) {
      console.warn('members panel: ignored a malformed or unknown message', event.data);
      return;
    }
    app.update(update);
  });
  app.refresh('ready');
}

start();
