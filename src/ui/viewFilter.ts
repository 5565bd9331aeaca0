import * as vscode from 'vscode';
import { describeImageFilter, displayText, glanceListParams, isEmptyFilter, parseImageFilter, type ImageFilter } from '../sharing';
import type { ImageStore } from './imageStore';
import type { ImagesTreeProvider } from './tree/imagesTree';
import type { Node } from './tree/nodes';

/** workspaceState key: the filter as typed, so that each workspace keeps its own. */
const FILTER_KEY = 'glanceShare.filter';

/**
 * The images view's filter, applied in one place: the tree matches it locally, the store asks
 * Glance for its server-side part, the view's description shows it, `glanceShare.filtered`
 * switches on "Clear Filter", and the workspace remembers it.
 */
export class ViewFilter {
  constructor(
    private readonly tree: ImagesTreeProvider,
    private readonly images: ImageStore,
    private readonly view: vscode.TreeView<Node>,
    private readonly memento: vscode.Memento,
  ) {
    const saved = memento.get<string>(FILTER_KEY);
    const parsed = saved ? parseImageFilter(saved) : undefined;
    void this.apply(parsed?.ok ? parsed.filter : {});
  }

  get current(): ImageFilter {
    return this.tree.filter;
  }

  async apply(filter: ImageFilter): Promise<void> {
    const empty = isEmptyFilter(filter);
    const text = describeImageFilter(filter);
    this.tree.setFilter(filter);
    this.view.description = empty ? undefined : `Filter: ${displayText(text)}`;
    void vscode.commands.executeCommand('setContext', 'glanceShare.filtered', !empty);
    await this.memento.update(FILTER_KEY, empty ? undefined : text);
    await this.images.setListFilters(glanceListParams(filter));
  }
}
