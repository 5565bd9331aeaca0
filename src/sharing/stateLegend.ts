// The members panel's legend. The webview (media/members) renders it, translated through the
// bundle the extension hands the page (media/common/l10n.ts); the terms are Glance's own values.
import * as l10n from '@vscode/l10n';

/** What each state means, in plain words (the panel's legend). */
export function stateLegend(): ReadonlyArray<{ readonly term: string; readonly meaning: string }> {
  return [
    {
      term: 'pending',
      meaning: l10n.t('The project was offered the image and has not answered. It does not see the image in its list yet, but can boot it by ID.'),
    },
    { term: 'accepted', meaning: l10n.t('The project accepted: the image is in its image list.') },
    { term: 'rejected', meaning: l10n.t('The project declined: the image is hidden from its list; it can still boot it by ID, and accept later.') },
    {
      term: 'shared',
      meaning: l10n.t('Only shared images have members. Private: the owner alone. Community: every project may use it. Public: every project sees it.'),
    },
  ];
}
