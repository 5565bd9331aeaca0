import * as vscode from 'vscode';
import { count, imageLabel, removalConfirmation, removalReport, removalSummary, retryShares, shareSince, type ProjectShare, type ShareLookup } from '../sharing';
import type { Connections, Scope } from './connections';
import { showErrorWithActions } from './errorNotice';
import type { Offboarding } from './offboarding';
import type { MembersPanels } from './panel/membersPanel';
import { scopeFor } from './pickers';
import type { ProjectDirectory } from './projectDirectory';
import { pickProjects } from './projectPicker';

export interface OffboardingCommandDeps {
  readonly connections: Connections;
  readonly offboarding: Offboarding;
  readonly panels: MembersPanels;
  readonly log: vscode.LogOutputChannel;
  readonly directory: ProjectDirectory;
}

/**
 * "What Did I Share with ‹project›?" and "Remove ‹project› from All My Images". Both take a scope
 * (its row, `{scopeId}`, or a pick) and a project ID (the second argument, or chosen in the project picker).
 */
export function offboardingCommands(deps: OffboardingCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  const { connections, offboarding } = deps;
  // Translated when the commands are made (at activation, the bundle loaded); compared with the choice as they are.
  const REMOVE_ALL = vscode.l10n.t('Remove from All');
  const RETRY = vscode.l10n.t('Retry Failed');
  const SHOW_RESULTS = vscode.l10n.t('Show Results');
  /**
   * The project, chosen in the project picker as Share chooses one (own projects, members, the
   * address book, a typed name or a pasted ID, checked as always); never the scope's own project.
   */
  const askProject = async (scope: Scope, title: string): Promise<string | undefined> => {
    const [picked] = (await pickProjects(deps.directory, scope, { title, single: true, known: await connections.knownProjects() })) ?? [];
    if (picked && picked.id === connections.projectIdOf(scope)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('That is this scope\u2019s own project: it owns the images. Pick the project that is leaving.'));
      return undefined;
    }
    return picked?.id;
  };
  const start = async (args: readonly unknown[], placeHolder: string, title: string) => {
    const [scopeArg, projectArg] = args;
    const scope = await scopeFor(connections, scopeArg, (s) => s.state.kind === 'connected', placeHolder);
    if (!scope || scope.state.kind !== 'connected') return undefined;
    const projectId = typeof projectArg === 'string' ? projectArg : await askProject(scope, title);
    if (!projectId) return undefined;
    const label = (await deps.directory.nameOf(scope, projectId)) ?? projectId;
    const lookup = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for images shared with {0}…', label) },
      (progress) =>
        offboarding.lookup(scope, projectId, (read, total) =>
          progress.report({ message: vscode.l10n.t('{0} of {1} images', read, total), increment: 100 / Math.max(total, 1) }),
        ),
    );
    return { scope, projectId, label, lookup };
  };

  const removeAll = async (scope: Scope, projectId: string, label: string, lookup: ShareLookup) => {
    if (lookup.shares.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('None of this project\u2019s images is shared with {0}.', label));
      return [];
    }
    const question = removalConfirmation(label, lookup);
    const answer = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, REMOVE_ALL);
    if (answer !== REMOVE_ALL) return [];
    return applyWithProgress(scope, projectId, label, lookup.shares);
  };

  const applyWithProgress = async (scope: Scope, projectId: string, label: string, shares: readonly ProjectShare[]) => {
    const rows = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Removing {0} from {1}', label, count(shares.length, 'image')), cancellable: true },
      (progress, token) =>
        offboarding.apply(scope, projectId, shares, {
          cancelled: () => token.isCancellationRequested,
          onProgress: (finished, total, row) =>
            progress.report({ message: vscode.l10n.t('{0} of {1}: {2}', finished, total, imageLabel(row.share.image)), increment: 100 / total }),
        }),
    );
    const summary = removalSummary(label, rows);
    const left = retryShares(rows);
    const choice =
      left.length === 0 ? await vscode.window.showInformationMessage(summary, SHOW_RESULTS) : await showErrorWithActions(deps.log, summary, RETRY, SHOW_RESULTS);
    if (choice === SHOW_RESULTS) {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: removalReport(label, projectId, rows) });
      await vscode.window.showTextDocument(document, { preview: false });
    } else if (choice === RETRY) {
      await applyWithProgress(scope, projectId, label, left);
    }
    return rows;
  };

  return {
    'glanceShare.whatDidIShare': async (...args: unknown[]) => {
      const started = await start(args, vscode.l10n.t('Look in which project scope?'), vscode.l10n.t('What did I share with which project?'));
      if (!started) return undefined;
      const { scope, projectId, label, lookup } = started;
      if (lookup.shares.length === 0) {
        void vscode.window.showInformationMessage(
          lookup.unchecked.length > 0
            ? vscode.l10n.t(
                'None of this project\u2019s images is shared with {0} ({1} could not be checked: see the log).',
                label,
                count(lookup.unchecked.length, 'image'),
              )
            : vscode.l10n.t('None of this project\u2019s images is shared with {0}.', label),
        );
        return lookup;
      }
      const remove = { label: vscode.l10n.t('$(trash) Remove {0} from All {1}…', label, count(lookup.shares.length, 'image')), share: undefined };
      const picked = await vscode.window.showQuickPick(
        [
          ...lookup.shares.map((share) => ({ label: imageLabel(share.image), description: shareSince(share.member), detail: share.image.id, share })),
          { label: '', kind: vscode.QuickPickItemKind.Separator, share: undefined },
          remove,
        ],
        { placeHolder: vscode.l10n.t('Shared with {0}: {1}. Pick one to see its members.', label, count(lookup.shares.length, 'image')), matchOnDetail: true },
      );
      if (picked === remove) await removeAll(scope, projectId, label, lookup);
      else if (picked?.share) deps.panels.show({ scopeId: scope.id, imageId: picked.share.image.id }, vscode.l10n.t('Members: {0}', imageLabel(picked.share.image)));
      return lookup;
    },

    'glanceShare.removeProjectFromAll': async (...args: unknown[]) => {
      const started = await start(args, vscode.l10n.t('Remove a project from the images of which scope?'), vscode.l10n.t('Remove which project from all my images?'));
      if (!started) return undefined;
      return removeAll(started.scope, started.projectId, started.label, started.lookup);
    },
  };
}
