import * as vscode from 'vscode';
import { collidingNames, displayText, readPickerText, uncheckedProjectsCaution, type ProjectCandidate, type ProjectSource, sourceWords } from '../sharing';
import type { Scope } from './connections';
import type { ProjectDirectory } from './projectDirectory';

const ICONS: Readonly<Record<ProjectSource, string>> = {
  mine: '$(account)',
  member: '$(organization)',
  addressBook: '$(book)',
  keystone: '$(key)',
  pasted: '$(clippy)',
};

interface ProjectItem extends vscode.QuickPickItem {
  readonly candidate?: ProjectCandidate;
}

export interface PickProjectsOptions {
  readonly title: string;
  /** Projects shown as such and not offered (the image's owner, members already there). */
  readonly exclude?: ReadonlySet<string>;
  /** Only the user's own projects ("Share and Accept"). */
  readonly onlyMine?: boolean;
  /** Known project IDs (signed-in identities), for the caution on a pasted unknown ID. */
  readonly known?: ReadonlySet<string>;
  /** One project (the offboarding commands): no boxes to check, Enter takes the highlighted row. */
  readonly single?: boolean;
}

/** How long typing must pause before a name is looked up in Keystone (one request per pause, not per key). */
const LOOKUP_PAUSE_MS = 350;

/**
 * The project picker: a QuickPick of every project the scope can share with, each marked with
 * where it comes from (ProjectDirectory), plus what the user types: pasted IDs (one or many,
 * checked as always) or a name, matched against the list and then looked up in Keystone. A name
 * that leads nowhere is a message in the list, never a choice: nothing but checked IDs comes back.
 */
export async function pickProjects(directory: ProjectDirectory, scope: Scope, options: PickProjectsOptions): Promise<ProjectCandidate[] | undefined> {
  const all = await directory.candidates(scope);
  const base = all.filter((c) => !options.onlyMine || c.sources.includes('mine'));
  const picker = vscode.window.createQuickPick<ProjectItem>();
  picker.title = options.title;
  picker.canSelectMany = !options.single;
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.ignoreFocusOut = true;
  picker.placeholder = options.onlyMine
    ? vscode.l10n.t('Your other projects on this cloud: type to filter, Enter to share and accept')
    : options.single
      ? vscode.l10n.t('Type a project name or paste a project ID; Enter takes the highlighted project')
      : vscode.l10n.t('Type a project name or paste project IDs (one or many); check several with Space');
  const pastedCandidates = (ids: readonly string[]): ProjectCandidate[] =>
    ids.map((id) => base.find((c) => c.id === id) ?? all.find((c) => c.id === id) ?? { id, sources: ['pasted'] as ProjectSource[] });
  let typed: ProjectItem[] = [];
  /** The text the rows were last built for: Enter may come before the list has caught up with a paste. */
  let handledText = '';
  let lookup: NodeJS.Timeout | undefined;
  let lookupGeneration = 0;
  const render = () => {
    const selected = new Set(picker.selectedItems.map((i) => i.candidate?.id).filter(Boolean));
    const clash = collidingNames([...base, ...typed.flatMap((t) => (t.candidate ? [t.candidate] : []))]);
    // A pasted ID that is also a known project is shown once: as the pasted (checked) row.
    const typedIds = new Set(typed.flatMap((t) => (t.candidate ? [t.candidate.id] : [])));
    const items = [...typed, ...base.filter((c) => !typedIds.has(c.id)).map((c) => itemOf(c, clash, options.exclude))];
    picker.items = items;
    if (!options.single) picker.selectedItems = items.filter((i) => i.candidate && selected.has(i.candidate.id) && i.candidate.sources[0] !== 'pasted');
  };
  if (base.length === 0 && options.onlyMine) {
    picker.dispose();
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'No other project of yours on this cloud: "Share and Accept" needs a project where one of your signed-in identities has a role. Use "Share with Project(s)…" to share with another team.',
      ),
    );
    return undefined;
  }
  render();
  const onText = (text: string) => {
    clearTimeout(lookup);
    handledText = text;
    const generation = ++lookupGeneration;
    picker.busy = false;
    const read = readPickerText(text);
    if (read.kind === 'ids') {
      const pasted = pastedCandidates(read.ids);
      const unknown = options.known ? uncheckedProjectsCaution(read.ids, options.known) : undefined;
      typed = [
        ...pasted.map((c) => ({ ...itemOf(c, new Set(), options.exclude), alwaysShow: true, label: `${ICONS.pasted} ${c.name ? displayText(c.name) : c.id}` })),
        ...(unknown ? [messageItem(`$(warning) ${unknown}`)] : []),
      ];
      render();
      // Pasted IDs are what the user means: checked already (highlighted, when one is asked for), Enter shares.
      const pastedItems = picker.items.filter((i) => i.candidate && read.ids.includes(i.candidate.id) && i.alwaysShow);
      if (options.single) picker.activeItems = pastedItems.slice(0, 1);
      else picker.selectedItems = [...picker.selectedItems, ...pastedItems];
      return;
    }
    if (read.kind === 'invalid') {
      typed = read.problems.map((p) => messageItem(`$(error) ${displayText(p.message)}`));
      render();
      return;
    }
    typed = [];
    render();
    if (read.kind !== 'name') return;
    // A multi-select pick highlights nothing as the user types: the project of that name (or the
    // first whose name holds it) is, so that Enter takes it.
    const lower = read.name.toLowerCase();
    const match = picker.items.find((i) => i.candidate?.name === read.name) ?? picker.items.find((i) => i.candidate?.name?.toLowerCase().includes(lower));
    if (match) picker.activeItems = [match];
    if (options.onlyMine) return;
    // A name: a known project whose name contains it is already in the list; ask Keystone only for an exact name no source has.
    if (base.some((c) => c.name === read.name)) return;
    picker.busy = true;
    lookup = setTimeout(() => {
      void directory.resolveName(scope, read.name).then((found) => {
        if (generation !== lookupGeneration) return;
        picker.busy = false;
        typed =
          found.kind === 'found'
            ? found.candidates
                .filter((c) => !base.some((b) => b.id === c.id))
                .map((c) => ({ ...itemOf(c, collidingNames(found.candidates), options.exclude), alwaysShow: true }))
            : [messageItem(`$(info) ${displayText(found.why)}`, displayText(found.advice))];
        render();
      });
    }, LOOKUP_PAUSE_MS);
  };
  picker.onDidChangeValue(onText);
  // A message row is not a project: it cannot stay checked.
  picker.onDidChangeSelection((selection) => {
    if (selection.some((i) => !i.candidate || options.exclude?.has(i.candidate.id)))
      picker.selectedItems = selection.filter((i) => i.candidate && !options.exclude?.has(i.candidate.id));
  });
  try {
    return await new Promise<ProjectCandidate[] | undefined>((resolve) => {
      picker.onDidAccept(() => {
        const checked = picker.selectedItems.flatMap((i) => (i.candidate ? [i.candidate] : []));
        // Enter on a highlighted row without checking it picks that row; with none highlighted, the project of the typed name.
        const active = picker.activeItems[0]?.candidate ?? exactlyNamed(picker.items, picker.value.trim());
        // IDs pasted and Enter pressed at once: the list may not have caught up with the text yet, the text is what the user means.
        const read = picker.value === handledText ? undefined : readPickerText(picker.value);
        const pasted = read?.kind === 'ids' ? pastedCandidates(read.ids).filter((c) => !options.exclude?.has(c.id)) : [];
        const chosen = checked.length > 0 ? checked : pasted.length > 0 ? pasted : active && !options.exclude?.has(active.id) ? [active] : [];
        if (chosen.length === 0) return;
        resolve(options.single ? chosen.slice(0, 1) : chosen);
        picker.hide();
      });
      picker.onDidHide(() => resolve(undefined));
      picker.show();
    });
  } finally {
    clearTimeout(lookup);
    picker.dispose();
  }
}

function itemOf(c: ProjectCandidate, clash: ReadonlySet<string>, exclude: ReadonlySet<string> | undefined): ProjectItem {
  // Each part is its own phrase, joined by the separator; sourceWords() are src/sharing's.
  const parts = [c.sources.map((s) => sourceWords(s)).join(' \u00b7 ')];
  if (c.name && clash.has(c.name)) parts.push(vscode.l10n.t('domain {0}', displayText(c.domainName ?? c.domainId ?? '?')));
  if (exclude?.has(c.id)) parts.push(vscode.l10n.t('already has this image'));
  return {
    label: `${ICONS[c.sources[0]]} ${c.name ? displayText(c.name) : c.id}`,
    description: c.name ? c.id : undefined,
    detail: `${parts.join(' \u00b7 ')}${c.note ? ` \u2014 ${displayText(c.note)}` : ''}`,
    candidate: c,
  };
}

/** The one project of this name among the rows, if exactly one has it. */
function exactlyNamed(items: readonly ProjectItem[], name: string): ProjectCandidate | undefined {
  const named = items.filter((i) => i.candidate?.name === name);
  return named.length === 1 ? named[0].candidate : undefined;
}

/** A row that tells, not a choice (it cannot stay checked). */
function messageItem(text: string, detail?: string): ProjectItem {
  return { label: text, detail, alwaysShow: true };
}
