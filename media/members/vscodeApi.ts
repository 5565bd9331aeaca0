/**
 * The webview's handle on VS Code, acquired once (a second acquireVsCodeApi() throws), and the
 * shape of what this panel keeps in the webview state.
 */
import type { MemberSortKey } from '../../src/sharing/membersView';
import type { PanelRequest } from '../../src/sharing/panelProtocol';
import type { MemberStatus } from '../../src/openstack/models';

export type StatusFilter = MemberStatus | 'all';

export interface SortOrder {
  readonly key: MemberSortKey;
  readonly descending: boolean;
}

/**
 * scopeId and imageId stay at the top level: the extension's WebviewPanelSerializer reads them
 * to reopen this panel after a reload. The rest is the view's own state.
 */
export interface PersistedState {
  readonly scopeId: string;
  readonly imageId: string;
  readonly sort: SortOrder;
  readonly filter: StatusFilter;
  readonly draft?: string;
}

interface VsCodeApi {
  postMessage(message: PanelRequest): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

export const vscode: VsCodeApi = acquireVsCodeApi();

export function post(request: PanelRequest): void {
  vscode.postMessage(request);
}
