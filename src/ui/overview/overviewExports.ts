import * as vscode from 'vscode';
import { OVERVIEW_LANGUAGES, renderOverview, type OverviewFilter, type OverviewFormat, type OverviewModel } from '../../sharing';

/**
 * The overview as CSV, JSON or Markdown in an untitled document of that language (as the code
 * exports open, src/ui/exportCommands.ts): the user reads it, then saves or copies it. A language
 * no installed extension contributes (csv, without one) opens as plain text.
 */
export async function openOverviewExport(format: OverviewFormat, model: OverviewModel, filter: OverviewFilter): Promise<vscode.TextDocument> {
  const known = await vscode.languages.getLanguages();
  const language = known.includes(OVERVIEW_LANGUAGES[format]) ? OVERVIEW_LANGUAGES[format] : 'plaintext';
  const document = await vscode.workspace.openTextDocument({ language, content: renderOverview(format, model, filter) });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
