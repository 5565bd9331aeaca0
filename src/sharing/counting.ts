import * as l10n from '@vscode/l10n';

/** The nouns counted in messages: each has its own singular and plural phrase in the bundle. */
export type CountNoun =
  'image' | 'project' | 'member' | 'share' | 'Share' | 'checked share' | 'pair' | 'scope' | 'connected scope' | 'consumer' | 'year' | 'month' | 'day' | 'hour' | 'minute';

/**
 * "1 project", "3 projects". Each noun's singular and plural is a whole phrase of the bundle (a
 * translation chooses its own word order and plural form), never an "s" glued onto a translated word.
 */
export function count(n: number, noun: CountNoun): string {
  const one = n === 1;
  switch (noun) {
    case 'image':
      return one ? l10n.t('{0} image', n) : l10n.t('{0} images', n);
    case 'project':
      return one ? l10n.t('{0} project', n) : l10n.t('{0} projects', n);
    case 'member':
      return one ? l10n.t('{0} member', n) : l10n.t('{0} members', n);
    case 'share':
      return one ? l10n.t('{0} share', n) : l10n.t('{0} shares', n);
    case 'Share':
      return one ? l10n.t('{0} Share', n) : l10n.t('{0} Shares', n);
    case 'checked share':
      return one ? l10n.t('{0} checked share', n) : l10n.t('{0} checked shares', n);
    case 'pair':
      return one ? l10n.t('{0} pair', n) : l10n.t('{0} pairs', n);
    case 'scope':
      return one ? l10n.t('{0} scope', n) : l10n.t('{0} scopes', n);
    case 'connected scope':
      return one ? l10n.t('{0} connected scope', n) : l10n.t('{0} connected scopes', n);
    case 'consumer':
      return one ? l10n.t('{0} consumer', n) : l10n.t('{0} consumers', n);
    case 'year':
      return one ? l10n.t('{0} year', n) : l10n.t('{0} years', n);
    case 'month':
      return one ? l10n.t('{0} month', n) : l10n.t('{0} months', n);
    case 'day':
      return one ? l10n.t('{0} day', n) : l10n.t('{0} days', n);
    case 'hour':
      return one ? l10n.t('{0} hour', n) : l10n.t('{0} hours', n);
    case 'minute':
      return one ? l10n.t('{0} minute', n) : l10n.t('{0} minutes', n);
  }
}
