/**
 * Regions as part of a scope (cloud × project × region). A scope names its region only when its
 * cloud has more than one region known (the config's and those the user chose from the catalog),
 * so a single-region user sees the same rows, IDs and texts as before regions existed.
 */
import { displayText } from './displayText';

/** Every region of a cloud, config first, each once; '' (no region named) is left out. */
export function knownRegions(configRegions: readonly string[], chosen: readonly string[] = []): string[] {
  return [...new Set([...configRegions, ...chosen].filter((r) => r !== ''))];
}

/** The region a scope's texts name: only when the cloud has several. */
export function regionShown(region: string | undefined, known: readonly string[]): string | undefined {
  return region && known.length > 1 ? region : undefined;
}

/** A scope's ID: the cloud's key and project as before, plus the region when it is shown. */
export function scopeId(cloudKey: string, projectId: string | undefined, region: string | undefined): string {
  return `${cloudKey}|${projectId ?? '*'}${region ? `|${region}` : ''}`;
}

/**
 * "cloud · region · project" (the parts that are known). The region comes before the project so
 * that a narrow sidebar, which cuts a row's end, still tells two regions of a cloud apart.
 */
export function scopeName(cloud: string, project: string | undefined, region: string | undefined, text: (part: string) => string = displayText): string {
  // Project names come from Keystone: shown as text, like image names (displayText); plainText for documents.
  return [cloud, region, project]
    .filter((p): p is string => !!p)
    .map((part) => text(part))
    .join(' · ');
}
