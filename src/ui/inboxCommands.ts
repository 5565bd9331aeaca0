import * as vscode from 'vscode';
import type { MemberStatus } from '../openstack';
import {
  answerVerb,
  answerConfirmation,
  answerReport,
  answersFor,
  answerSummary,
  count,
  imageLabel,
  inboxKey,
  inboxRow,
  inboxSections,
  planAnswer,
  retryAnswers,
  type AnswerRow,
  type InboxShare,
} from '../sharing';
import { showErrorWithActions } from './errorNotice';
import type { Inbox } from './inbox';

export interface InboxCommandDeps {
  readonly inbox: Inbox;
  readonly log: vscode.LogOutputChannel;
}

/** What the command did, for the extension-host tests: the shares it showed and each answer's row. */
export interface InboxCommandResult {
  readonly shown: readonly InboxShare[];
  readonly rows: readonly AnswerRow[];
}

interface ShareItem extends vscode.QuickPickItem {
  readonly share?: InboxShare;
}

interface AnswerButton extends vscode.QuickInputButton {
  readonly status?: MemberStatus;
}

const ICONS: Readonly<Record<MemberStatus, string>> = { accepted: 'check', rejected: 'close', pending: 'discard' };

/**
 * The inbox's words per answer, as whole messages (a function: vscode.l10n.t runs once the bundle
 * is loaded). answerVerb (src/sharing) still labels the answer quick pick's items.
 */
const words = () => ({
  retry: vscode.l10n.t('Retry Failed'),
  showResults: vscode.l10n.t('Show Results'),
  sections: { pending: vscode.l10n.t('Pending'), accepted: vscode.l10n.t('Accepted'), rejected: vscode.l10n.t('Rejected') } as Readonly<Record<MemberStatus, string>>,
  doing: (status: MemberStatus, shares: string) =>
    status === 'accepted'
      ? vscode.l10n.t('Accepting {0}', shares)
      : status === 'rejected'
        ? vscode.l10n.t('Rejecting {0}', shares)
        : vscode.l10n.t('Resetting {0}', shares),
  buttonTooltip: (status: MemberStatus) =>
    status === 'accepted'
      ? vscode.l10n.t('Accept the checked shares')
      : status === 'rejected'
        ? vscode.l10n.t('Reject the checked shares')
        : vscode.l10n.t('Reset to pending the checked shares'),
});

/** "Glance: Review Shares with Me…": the consumer's inbox over every connected scope, answered in bulk. */
export function inboxCommands(deps: InboxCommandDeps): Record<string, (...args: unknown[]) => unknown> {
  const { inbox } = deps;

  const applyWithProgress = async (shares: readonly InboxShare[], status: MemberStatus): Promise<AnswerRow[]> => {
    const { retry: RETRY, showResults: SHOW_RESULTS, doing } = words();
    const rows = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: doing(status, count(shares.length, 'share')), cancellable: true },
      (progress, token) =>
        inbox.apply(shares, status, {
          cancelled: () => token.isCancellationRequested,
          onProgress: (finished, total, share) =>
            progress.report({ message: vscode.l10n.t('{0} of {1}: {2}', finished, total, imageLabel(share.image)), increment: 100 / total }),
        }),
    );
    const summary = answerSummary(status, rows);
    const left = retryAnswers(rows);
    const withdrawn = rows.some((r) => r.outcome.kind === 'withdrawn');
    const choice =
      left.length > 0
        ? await showErrorWithActions(deps.log, summary, RETRY, SHOW_RESULTS)
        : withdrawn
          ? await vscode.window.showWarningMessage(summary, SHOW_RESULTS)
          : await vscode.window.showInformationMessage(summary, SHOW_RESULTS);
    if (choice === SHOW_RESULTS) {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: answerReport(status, rows) });
      await vscode.window.showTextDocument(document, { preview: false });
    } else if (choice === RETRY) {
      const again = await applyWithProgress(left, status);
      const retried = new Map(again.map((r) => [inboxKey(r.share), r]));
      return rows.map((r) => retried.get(inboxKey(r.share)) ?? r);
    }
    return rows;
  };

  return {
    'glanceShare.reviewShares': async (): Promise<InboxCommandResult> => {
      const picked = await pickShares(inbox);
      if (picked.chosen.length === 0) return { shown: picked.shown, rows: [] };
      const status = picked.status ?? (await pickAnswer(picked.chosen));
      if (!status) return { shown: picked.shown, rows: [] };
      const plan = planAnswer(picked.chosen, status, (share) => inbox.mayAnswer(share, status));
      if (plan.change.length === 0) {
        void vscode.window.showInformationMessage(
          plan.notAllowed.length > 0
            ? vscode.l10n.t('Nothing to change: this token may not answer them.')
            : vscode.l10n.t('Nothing to change: they are {0} already.', status),
        );
        return { shown: picked.shown, rows: [] };
      }
      const question = answerConfirmation(plan);
      const options = { modal: true, detail: question.detail };
      const answer =
        status === 'accepted'
          ? await vscode.window.showInformationMessage(question.message, options, question.button)
          : await vscode.window.showWarningMessage(question.message, options, question.button);
      if (answer !== question.button) return { shown: picked.shown, rows: [] };
      return { shown: picked.shown, rows: await applyWithProgress(plan.change, status) };
    },
  };
}

/**
 * The inbox itself: a multi-select pick, grouped Pending / Accepted / Rejected, filled as Glance
 * answers (the listings first, then each share's age). The title bar's buttons answer the checked
 * shares at once; Enter asks which answer.
 */
async function pickShares(inbox: Inbox): Promise<{ shown: InboxShare[]; chosen: InboxShare[]; status?: MemberStatus }> {
  const picker = vscode.window.createQuickPick<ShareItem>();
  const text = words();
  picker.title = vscode.l10n.t('Shares with Me');
  picker.canSelectMany = true;
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.ignoreFocusOut = true;
  const answerButtons: AnswerButton[] = (['accepted', 'rejected', 'pending'] as const).map((status) => ({
    iconPath: new vscode.ThemeIcon(ICONS[status]),
    tooltip: text.buttonTooltip(status),
    status,
  }));
  const refresh: AnswerButton = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: vscode.l10n.t('Read the shares again') };
  picker.buttons = [...answerButtons, refresh];
  const hint = vscode.l10n.t('Check shares, then Accept, Reject or Reset (buttons above)');
  let shown: InboxShare[] = [];
  let closed = false;
  let generation = 0;

  const render = (shares: readonly InboxShare[]) => {
    shown = [...shares];
    const keep = new Set(picker.selectedItems.flatMap((i) => (i.share ? [inboxKey(i.share)] : [])));
    const now = Date.now();
    const items: ShareItem[] = inboxSections(shares).flatMap((section) => [
      { label: vscode.l10n.t('{0} ({1})', text.sections[section.status], section.shares.length), kind: vscode.QuickPickItemKind.Separator },
      ...section.shares.map((share) => ({ ...inboxRow(share, now), share })),
    ]);
    picker.items = items;
    picker.selectedItems = items.filter((i) => i.share && keep.has(inboxKey(i.share)));
  };

  const load = async () => {
    const mine = ++generation;
    picker.busy = true;
    picker.placeholder = vscode.l10n.t('Reading the shares with your projects…');
    try {
      const reading = await inbox.read((read, total) => {
        if (mine === generation && !closed) picker.placeholder = vscode.l10n.t('Reading the shares with your projects… ({0} of {1} listings)', read, total);
      });
      if (mine !== generation || closed) return;
      const scopes = inbox.scopes().length;
      picker.title =
        reading.unread.length > 0
          ? vscode.l10n.t(
              'Shares with Me: {0} in {1}, {2} not read (see the log)',
              count(reading.shares.length, 'share'),
              count(scopes, 'scope'),
              count(reading.unread.length, 'scope'),
            )
          : vscode.l10n.t('Shares with Me: {0} in {1}', count(reading.shares.length, 'share'), count(scopes, 'scope'));
      render(reading.shares);
      picker.placeholder = reading.shares.length === 0 ? vscode.l10n.t('Nothing is shared with your connected projects.') : hint;
      const aged = await inbox.withAges(reading.shares);
      if (mine !== generation || closed) return;
      render(aged);
    } catch (error) {
      if (mine === generation && !closed) picker.placeholder = vscode.l10n.t('The shares could not be read: {0}', error instanceof Error ? error.message : String(error));
    } finally {
      if (mine === generation && !closed) picker.busy = false;
    }
  };

  return new Promise((resolve) => {
    const chosen = () => picker.selectedItems.flatMap((i) => (i.share ? [i.share] : []));
    const finish = (value: { shown: InboxShare[]; chosen: InboxShare[]; status?: MemberStatus }) => {
      closed = true;
      resolve(value);
      picker.dispose();
    };
    const nothingChecked = () => (picker.placeholder = vscode.l10n.t('Check at least one share first (Space or click its box).'));
    picker.onDidTriggerButton((button: AnswerButton) => {
      if (button === refresh) void load();
      else if (chosen().length === 0) nothingChecked();
      else finish({ shown, chosen: chosen(), status: button.status });
    });
    picker.onDidAccept(() => {
      // Enter on a highlighted row without checking any takes that row, as the project picker does.
      const highlighted = picker.activeItems[0]?.share;
      if (chosen().length > 0) finish({ shown, chosen: chosen() });
      else if (highlighted) finish({ shown, chosen: [highlighted] });
      else nothingChecked();
    });
    picker.onDidHide(() => {
      if (!closed) finish({ shown, chosen: [] });
    });
    picker.show();
    void load();
  });
}

/** After Enter: which answer, offering only those that change something, with how many. */
async function pickAnswer(shares: readonly InboxShare[]): Promise<MemberStatus | undefined> {
  const items = answersFor(shares).map((status) => {
    const changes = shares.filter((s) => s.status !== status).length;
    return {
      label: `$(${ICONS[status]}) ${answerVerb(status)}`,
      description:
        changes === shares.length
          ? count(changes, 'share')
          : vscode.l10n.t('{0} of {1} (the others are {2} already)', changes, count(shares.length, 'checked share'), status),
      status,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Answer {0}', count(shares.length, 'share')),
    placeHolder: vscode.l10n.t('Accept, reject or reset them to pending?'),
  });
  return picked?.status;
}
