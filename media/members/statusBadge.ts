import { h } from './dom';

const KNOWN = new Set(['pending', 'accepted', 'rejected']);

/**
 * A member status as a badge: the word itself (colour is never the only cue) in a span whose
 * class picks theme colours. Anything but the three Glance statuses gets a neutral badge.
 */
export function statusBadge(status: string, extraClass = ''): HTMLSpanElement {
  const kind = KNOWN.has(status) ? status : 'unknown';
  return h('span', { class: `badge status-${kind}${extraClass ? ` ${extraClass}` : ''}` }, status);
}
