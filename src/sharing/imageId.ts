/**
 * An image ID out of whatever was pasted: the ID itself, with or without dashes, in any case,
 * or a text holding one, such as glance-share's own share notice ("Image ID: …"). Glance image
 * IDs are UUIDs.
 */
import * as l10n from '@vscode/l10n';
const LABELLED = /Image ID:\s*([0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12})/i;
const ANY = /(?<![0-9a-f-])([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})(?![0-9a-f-])/gi;

export type ImageIdParse = { readonly ok: true; readonly id: string } | { readonly ok: false; readonly message: string };

function dashed(hex: string): string {
  const h = hex.replace(/-/g, '').toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function parseImageId(text: string): ImageIdParse {
  const labelled = LABELLED.exec(text);
  if (labelled) return { ok: true, id: dashed(labelled[1]) };
  const found = [...new Set([...text.matchAll(ANY)].map((m) => dashed(m[1])))];
  if (found.length === 1) return { ok: true, id: found[0] };
  if (found.length > 1) return { ok: false, message: l10n.t("That text holds {0} IDs; paste just the image's ID (a UUID such as 0f9c1e2a-…).", found.length) };
  if (!text.trim()) return { ok: false, message: l10n.t('Paste an image ID (a UUID such as 0f9c1e2a-5b3d-4c6e-8f70-1a2b3c4d5e6f) or a share notice.') };
  return { ok: false, message: l10n.t('No image ID in that text: an image ID is a UUID, 32 hex digits with or without dashes (0f9c1e2a-5b3d-4c6e-8f70-1a2b3c4d5e6f).') };
}
