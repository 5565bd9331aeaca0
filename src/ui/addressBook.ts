import * as vscode from 'vscode';
import { DisposableBase } from '../common/lifecycle';
import { ADDRESS_BOOK_FILE, ADDRESS_BOOK_TEMPLATE, parseAddressBook, withEntry, type AddressBookEntry } from '../sharing';

/**
 * The workspace's address book (`.vscode/glance-share-projects.json` in the first workspace
 * folder): read when first asked and again whenever the file changes, so an edit, a `git pull` or
 * "Add to Address Book" shows in the next pick. Problems are logged and said once per change of
 * the file, with the entry and the key; good entries are used anyway.
 */
export class AddressBook extends DisposableBase {
  private cached: { entries: readonly AddressBookEntry[]; problems: readonly string[] } | undefined;
  private saidProblems = '';
  private cachedStamp = '';
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${ADDRESS_BOOK_FILE}`));
    const forget = () => {
      this.cached = undefined;
      this.changed.fire();
    };
    this._register(watcher.onDidChange(forget));
    this._register(watcher.onDidCreate(forget));
    this._register(watcher.onDidDelete(forget));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(forget));
  }

  /** The file, when a folder is open. */
  get uri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, ADDRESS_BOOK_FILE) : undefined;
  }

  async entries(): Promise<readonly AddressBookEntry[]> {
    return (await this.read()).entries;
  }

  async problems(): Promise<readonly string[]> {
    return (await this.read()).problems;
  }

  /** Adds (or updates) one entry and saves the file; returns the file. */
  async add(entry: AddressBookEntry): Promise<vscode.Uri> {
    const uri = this.requireUri();
    const text = await readText(uri);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(withEntry(text, entry)));
    this.cached = undefined;
    this.changed.fire();
    return uri;
  }

  /** Opens the file in an editor, creating an empty one first. */
  async edit(): Promise<void> {
    const uri = this.requireUri();
    if ((await readText(uri)) === undefined) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(ADDRESS_BOOK_TEMPLATE));
    await vscode.window.showTextDocument(uri);
  }

  private requireUri(): vscode.Uri {
    const uri = this.uri;
    if (!uri) throw new Error(`The address book is a file of the workspace (${ADDRESS_BOOK_FILE}): open a folder first.`);
    return uri;
  }

  private async read(): Promise<{ entries: readonly AddressBookEntry[]; problems: readonly string[] }> {
    // The watcher may be late or never fire (a folder outside its roots): the file's mtime and size decide too.
    const uri = this.uri;
    const stamp = uri ? await stampOf(uri) : '';
    if (this.cached && this.cachedStamp === stamp) return this.cached;
    this.cachedStamp = stamp;
    const text = uri ? await readText(uri) : undefined;
    const read = text === undefined ? { entries: [], problems: [] } : parseAddressBook(text);
    this.cached = read;
    const said = read.problems.join('\n');
    if (said && said !== this.saidProblems) {
      read.problems.forEach((p) => this.log.warn(`Address book ${ADDRESS_BOOK_FILE}: ${p}`));
      void vscode.window
        .showWarningMessage(
          read.problems.length === 1
            ? vscode.l10n.t('The address book {0} has a problem: {1}', ADDRESS_BOOK_FILE, read.problems[0]!)
            : vscode.l10n.t('The address book {0} has {1} problems: {2} (more in the log)', ADDRESS_BOOK_FILE, read.problems.length, read.problems[0]!),
          vscode.l10n.t('Edit Address Book'),
        )
        .then((pick) => (pick ? this.edit() : undefined));
    }
    this.saidProblems = said;
    return read;
  }
}

async function stampOf(uri: vscode.Uri): Promise<string> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return `${stat.mtime}:${stat.size}`;
  } catch {
    return 'none';
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}
