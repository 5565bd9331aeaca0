/**
 * What an image endpoint's Image API version allows, from its versions document
 * (docs/glance-behaviour.md#versions-document). Glance answers `GET /versions` with 200 and the
 * same document it sends as 300 Multiple Choices on `/`.
 */
import * as l10n from '@vscode/l10n';

export interface ImageApiVersion {
  /** As Glance names it, e.g. "v2.15". */
  readonly id: string;
  readonly major: number;
  readonly minor: number;
}

/** What this extension needs that came with a later Image API version. */
export type ImageApiFeature = 'community' | 'sharedVisibility' | 'hidden';

/** The minor version of Image API 2 each feature came with (Ocata's 2.5, Rocky's 2.7). */
const SINCE: Readonly<Record<ImageApiFeature, number>> = { community: 5, sharedVisibility: 5, hidden: 7 };

export interface ImageApiCapabilities {
  /** Undefined when the document could not be read: then nothing is withheld. */
  readonly version?: ImageApiVersion;
  readonly community: boolean;
  readonly sharedVisibility: boolean;
  readonly hidden: boolean;
}

/** The highest v2.x the document lists (CURRENT or SUPPORTED alike: both are served), if any. */
export function parseVersionsDocument(data: unknown): ImageApiVersion | undefined {
  const versions = (data && typeof data === 'object' ? (data as { versions?: unknown }).versions : undefined) ?? [];
  if (!Array.isArray(versions)) return undefined;
  let best: ImageApiVersion | undefined;
  for (const entry of versions) {
    const id = entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    const match = typeof id === 'string' ? /^v(\d+)\.(\d+)$/.exec(id) : null;
    if (!match || typeof id !== 'string') continue;
    const version = { id, major: Number(match[1]), minor: Number(match[2]) };
    if (version.major === 2 && (!best || version.minor > best.minor)) best = version;
  }
  return best;
}

/**
 * What an endpoint of this version can do. Without a version (no document, or one without v2.x)
 * everything is allowed: withholding what Glance would allow is as wrong as offering what it refuses.
 */
export function capabilitiesOf(version: ImageApiVersion | undefined): ImageApiCapabilities {
  const has = (feature: ImageApiFeature) => !version || version.minor >= SINCE[feature];
  return { version, community: has('community'), sharedVisibility: has('sharedVisibility'), hidden: has('hidden') };
}

/** "This cloud's Glance, v2.3, has no community visibility": for a row or a message. */
export function missingFeatureText(capabilities: ImageApiCapabilities, feature: ImageApiFeature): string {
  const since = `2.${SINCE[feature]}`;
  const version = capabilities.version?.id;
  // A whole sentence per feature, with and without a known version: a translation words each its own way.
  switch (feature) {
    case 'community':
      return version
        ? l10n.t("This cloud's Glance, {0}, has no community visibility (Image API {1} or later).", version, since)
        : l10n.t("This cloud's Glance, of an unknown version, has no community visibility (Image API {0} or later).", since);
    case 'sharedVisibility':
      return version
        ? l10n.t("This cloud's Glance, {0}, has no shared visibility (images with members are private there) (Image API {1} or later).", version, since)
        : l10n.t("This cloud's Glance, of an unknown version, has no shared visibility (images with members are private there) (Image API {0} or later).", since);
    case 'hidden':
      return version
        ? l10n.t("This cloud's Glance, {0}, has no hidden images (os_hidden) (Image API {1} or later).", version, since)
        : l10n.t("This cloud's Glance, of an unknown version, has no hidden images (os_hidden) (Image API {0} or later).", since);
  }
}
