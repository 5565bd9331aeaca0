// A stand-in for VS Code's API in plain-Node unit tests: only the value types the tree builds its
// rows from (TreeItem, ThemeIcon, ThemeColor, MarkdownString, EventEmitter) and l10n.t, with VS Code's own
// constructor signatures and enum values. It stands in for VS Code, never for Glance or our code.
// register.ts makes `require('vscode')` resolve here.

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  isTrusted?: boolean | { readonly enabledCommands: readonly string[] };
  supportHtml?: boolean;

  constructor(
    public value = '',
    readonly supportThemeIcons = false,
  ) {}

  appendMarkdown(value: string): this {
    this.value += value;
    return this;
  }

  appendText(value: string): this {
    this.value += value.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
}

export interface Command {
  readonly command: string;
  readonly title: string;
  readonly arguments?: readonly unknown[];
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  command?: Command;
  contextValue?: string;

  constructor(
    public label: string,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export interface Disposable {
  dispose(): void;
}

export class EventEmitter<T> {
  private listeners: Array<(event: T) => void> = [];

  readonly event = (listener: (event: T) => void): Disposable => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  dispose(): void {
    this.listeners = [];
  }
}

/**
 * vscode.l10n with no bundle loaded, as in VS Code's English: the message itself with `{0}` /
 * `{name}` replaced by the arguments (an unknown placeholder stays as written).
 */
export const l10n = {
  bundle: undefined as Record<string, string> | undefined,
  t(...params: unknown[]): string {
    const first = params[0];
    const options = typeof first === 'object' && first !== null ? (first as { message: string; args?: unknown[] | Record<string, unknown> }) : undefined;
    const message = options ? options.message : String(first);
    const rest = params.slice(1);
    const args = options ? (options.args ?? []) : rest.length === 1 && typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as Record<string, unknown>) : rest;
    return message.replace(/\{([^}]+)\}/g, (whole, key: string) => {
      const value = (args as Record<string, unknown>)[key];
      return value === undefined ? whole : String(value);
    });
  },
};
