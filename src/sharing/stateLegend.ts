// The members panel's English: its legend and a tooltip. The webview (media/members) renders
// them; it builds its own English in the browser and has no l10n bundle yet (CONTRIBUTING.md,
// "Localised strings"), so they stay constants here, in a module without @vscode/l10n.

/** What each state means, in plain words (the panel's legend). The terms are Glance's own values. */
export const STATE_LEGEND: ReadonlyArray<{ readonly term: string; readonly meaning: string }> = [
  { term: 'pending', meaning: 'The project was offered the image and has not answered. It does not see the image in its list yet, but can boot it by ID.' },
  { term: 'accepted', meaning: 'The project accepted: the image is in its image list.' },
  { term: 'rejected', meaning: 'The project declined: the image is hidden from its list; it can still boot it by ID, and accept later.' },
  { term: 'shared', meaning: 'Only shared images have members. Private: the owner alone. Community: every project may use it. Public: every project sees it.' },
];

/** The members table's tooltip on a project no signed-in identity knows (projectId.ts's uncheckedProject() in the extension's own words). */
export const UNCHECKED_PROJECT = 'not a project of any signed-in identity: Glance cannot check it, so make sure the ID is right';
