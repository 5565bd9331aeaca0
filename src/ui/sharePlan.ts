import * as vscode from 'vscode';
import type { GlanceImage } from '../openstack';
import {
  bulkConfirmation,
  bulkReport,
  bulkSummary,
  count,
  planNeedsConfirmation,
  retryPairs,
  type BulkPlan,
  type BulkResult,
  type PairRequest,
  type ProjectNamer,
} from '../sharing';
import type { BulkSharing } from './bulkShare';
import type { Scope } from './connections';
import { showErrorWithActions } from './errorNotice';
import type { ProjectDirectory } from './projectDirectory';

export interface SharePlanDeps {
  readonly bulk: BulkSharing;
  readonly directory: ProjectDirectory;
  readonly log: vscode.LogOutputChannel;
}

// The result buttons, translated when asked for (vscode.l10n.t reads the bundle loaded at activation);
// a caller compares the clicked button with the same function's result.
export const retryFailedButton = (): string => vscode.l10n.t('Retry Failed');
export const showResultsButton = (): string => vscode.l10n.t('Show Results');
export const copyResultsButton = (): string => vscode.l10n.t('Copy Results');

export interface SharePlanRun {
  /** The last apply's result (after retries, the retry's). */
  readonly result: BulkResult;
  /** Every pair a member now, every private image made shared: the caller says so its own way. */
  readonly complete: boolean;
  readonly names: ProjectNamer;
}

/** Whether every pair of the result is a member now and every image that had to be made shared is. */
export function isComplete(result: BulkResult): boolean {
  return result.visibility.every((v) => v.outcome.kind === 'madeShared') && result.pairs.every((r) => r.outcome.kind === 'added' || r.outcome.kind === 'alreadyMember');
}

/**
 * Share as a plan, the one way every share command adds members: read the plan from Glance, show
 * it (always when `alwaysShow`, else when it is more than one image × one project simply added),
 * apply it with a cancellable progress, and, unless it all went through, say what changed and
 * what did not, with Retry Failed (planned again against Glance), Show Results and Copy Results.
 * Undefined: the user declined, or there was nothing to send.
 */
export async function runSharePlan(
  deps: SharePlanDeps,
  scope: Scope,
  images: readonly GlanceImage[],
  requests: readonly PairRequest[],
  options: { readonly alwaysShow?: boolean } = {},
): Promise<SharePlanRun | undefined> {
  const plan = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Reading {0} and their members…', count(new Set(requests.map((r) => r.imageId)).size, 'image')),
    },
    (progress) =>
      deps.bulk.plan(scope, images, requests, (read, total) =>
        progress.report({ message: vscode.l10n.t('{0} of {1}', read, total), increment: 100 / Math.max(total, 1) }),
      ),
  );
  const names = await namerFor(deps.directory, scope, plan);
  if (options.alwaysShow || planNeedsConfirmation(plan)) {
    const question = bulkConfirmation(plan, names);
    if (!question.button) {
      await vscode.window.showInformationMessage(question.message, { modal: true, detail: question.detail });
      return undefined;
    }
    const answer = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.button);
    if (answer !== question.button) return undefined;
  }
  const result = await applyWithProgress(deps, scope, plan);
  if (isComplete(result)) return { result, complete: true, names };
  const summary = bulkSummary(result, names);
  const left = retryPairs(result);
  const failed = left.length > 0 || result.visibility.some((v) => v.outcome.kind === 'failed');
  const [retryFailed, showResults_, copyResults] = [retryFailedButton(), showResultsButton(), copyResultsButton()];
  const choice = failed
    ? await showErrorWithActions(deps.log, summary, ...(left.length > 0 ? [retryFailed] : []), showResults_, copyResults)
    : await vscode.window.showInformationMessage(summary, showResults_, copyResults);
  if (choice === retryFailed) {
    const seen = [...result.visibility.map((v) => v.image), ...result.pairs.map((r) => r.image)];
    return (await runSharePlan(deps, scope, seen, left)) ?? { result, complete: false, names };
  }
  await showResults(result, names, choice);
  return { result, complete: false, names };
}

/** Show Results: the per-row report as a Markdown document; Copy Results: the same text on the clipboard. */
export async function showResults(result: BulkResult, names: ProjectNamer, choice: string | undefined): Promise<void> {
  if (choice === showResultsButton()) {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: bulkReport(result, names) });
    await vscode.window.showTextDocument(document, { preview: false });
  } else if (choice === copyResultsButton()) {
    await vscode.env.clipboard.writeText(bulkReport(result, names));
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied the share results (Markdown)'), 4000);
  }
}

async function applyWithProgress(deps: SharePlanDeps, scope: Scope, plan: BulkPlan): Promise<BulkResult> {
  const adds = plan.pairs.filter((p) => p.plan.kind === 'add').length;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sharing: {0} to add', count(adds, 'member')), cancellable: true },
    (progress, token) =>
      deps.bulk.apply(scope, plan, {
        cancelled: () => token.isCancellationRequested,
        onProgress: (finished, total, what) => progress.report({ message: vscode.l10n.t('{0} of {1}: {2}', finished, total, what), increment: 100 / Math.max(total, 1) }),
      }),
  );
}

/** The plan's projects by name where the user's scopes or address book know them. */
async function namerFor(directory: ProjectDirectory, scope: Scope, plan: BulkPlan): Promise<ProjectNamer> {
  const ids = [...new Set(plan.pairs.map((p) => p.projectId))];
  const named = new Map(await Promise.all(ids.map(async (id) => [id, await directory.nameOf(scope, id)] as const)));
  return (id) => named.get(id);
}
