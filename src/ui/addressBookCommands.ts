import * as vscode from 'vscode';
import { ADDRESS_BOOK_FILE, checkProjectId, displayText } from '../sharing';
import type { Connections, Scope } from './connections';
import { scopeFor } from './pickers';
import type { ProjectDirectory } from './projectDirectory';
import { pickProjects } from './projectPicker';

export interface AddressBookCommandDeps {
  readonly connections: Connections;
  readonly directory: ProjectDirectory;
}

/** What "Add to Address Book" may be given: a member row of the panel, or a caller with every field. */
interface AddArg {
  readonly projectId: string;
  readonly scopeId?: string;
  readonly name?: string;
  readonly note?: string;
}

function isAddArg(value: unknown): value is AddArg {
  return !!value && typeof value === 'object' && typeof (value as AddArg).projectId === 'string';
}

/** "Add to Address Book" and "Edit Address Book". Registered in commands.ts. */
export function addressBookCommands(deps: AddressBookCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  const { connections, directory } = deps;
  const book = directory.addressBook;
  const connected = (s: Scope) => s.state.kind === 'connected';

  return {
    'glanceShare.editAddressBook': () => book.edit(),

    'glanceShare.addToAddressBook': async (arg?: unknown) => {
      let scope: Scope | undefined;
      let wanted: Array<{ id: string; name?: string; note?: string }>;
      if (isAddArg(arg)) {
        const check = checkProjectId(arg.projectId);
        if (!check.ok) throw new Error(check.message);
        scope = arg.scopeId ? connections.find(arg.scopeId) : undefined;
        wanted = [{ id: check.id, name: arg.name, note: arg.note }];
      } else {
        scope = await scopeFor(connections, arg, connected, vscode.l10n.t('Add projects of which cloud to the address book?'));
        if (!scope) return;
        const picked = await pickProjects(directory, scope, { title: vscode.l10n.t('Add which projects to the address book?') });
        if (!picked) return;
        wanted = picked.map((c) => ({ id: c.id, name: c.name }));
      }
      // A caller that names the project (the tests, another extension) is not asked anything.
      const given = isAddArg(arg) && !!arg.name;
      const added: string[] = [];
      for (const project of wanted) {
        const known = project.name ?? (await directory.rawNameOf(scope, project.id));
        const name =
          given && project.name
            ? project.name
            : await vscode.window.showInputBox({
                title: vscode.l10n.t('Add project {0} to the address book', project.id),
                prompt: vscode.l10n.t('The name your team knows this project by (shown in the project picker and the members table)'),
                value: known ?? '',
                ignoreFocusOut: true,
                validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('A name is needed: it is what the picker shows.')),
              });
        if (!name?.trim()) return;
        const note = given
          ? (project.note ?? '')
          : await vscode.window.showInputBox({
              title: vscode.l10n.t('Note for {0}', name.trim()),
              prompt: vscode.l10n.t('Optional: who they are, whom to ask (Enter to leave it empty)'),
              ignoreFocusOut: true,
            });
        if (note === undefined) return;
        await book.add({
          id: project.id,
          name: name.trim(),
          ...(scope ? { cloud: scope.cloud.name } : {}),
          ...(scope?.cloud.regionName ? { region: scope.cloud.regionName } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        });
        added.push(displayText(name.trim()));
      }
      // Not awaited: the command is done when the file is written, whether or not the message is answered.
      void vscode.window
        .showInformationMessage(
          added.length === 1
            ? vscode.l10n.t('Added {0} to the address book ({1}): commit it and your team picks it by name too.', added.join(', '), ADDRESS_BOOK_FILE)
            : vscode.l10n.t('Added {0} to the address book ({1}): commit it and your team picks them by name too.', added.join(', '), ADDRESS_BOOK_FILE),
          vscode.l10n.t('Edit Address Book'),
        )
        .then((pick) => (pick ? book.edit() : undefined));
    },
  };
}
