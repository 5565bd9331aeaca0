/** How the panel writes dates (sizes: src/sharing/size.ts, shared with the tree). */

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A Glance timestamp in the reader's locale and time zone; what Glance sent when it is not a date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateFormat.format(time);
}
