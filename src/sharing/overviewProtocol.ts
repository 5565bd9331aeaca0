/**
 * The messages between the access overview's webview and the extension, checked on arrival on
 * both sides: a webview is untrusted input, and so is what Glance put into the model.
 */
import {
  ADMIN_SORT_KEYS,
  type OverviewCell,
  type OverviewFilter,
  type OverviewModel,
  type OverviewRow,
  type OverviewRowState,
  type OverviewScope,
} from './accessOverview';
import { OVERVIEW_FORMATS, type OverviewFormat } from './overviewExport';

/** Webview → extension. */
export type OverviewRequest =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  /** A row or a cell was clicked: the image's members panel. */
  | { readonly type: 'openMembers'; readonly scopeId: string; readonly imageId: string }
  /** Export what the filter keeps. */
  | { readonly type: 'export'; readonly format: OverviewFormat; readonly filter: OverviewFilter };

/** Extension → webview: the whole model, again as member lists arrive. */
export type OverviewUpdate = { readonly type: 'model'; readonly model: OverviewModel } | { readonly type: 'error'; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const id = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 255;
const text = (value: unknown, max = 4096): string => (typeof value === 'string' ? value.slice(0, max) : '');

/** A filter as the webview sends it; anything malformed is left out (never an error: the filter just does not apply). */
export function parseOverviewFilter(value: unknown): OverviewFilter {
  const f = isRecord(value) ? value : {};
  const days =
    typeof f.pendingOlderThanDays === 'number' && Number.isFinite(f.pendingOlderThanDays) && f.pendingOlderThanDays >= 0 ? Math.floor(f.pendingOlderThanDays) : undefined;
  const sortBy = ADMIN_SORT_KEYS.find((k) => k === f.sortBy);
  return {
    ...(days !== undefined ? { pendingOlderThanDays: days } : {}),
    rejectedOnly: f.rejectedOnly === true,
    ...(id(f.projectId) ? { projectId: f.projectId } : {}),
    imageText: text(f.imageText, 255),
    ...(sortBy ? { sortBy } : {}),
  };
}

export function parseOverviewRequest(value: unknown): OverviewRequest | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'ready':
    case 'refresh':
      return { type: value.type };
    case 'openMembers':
      return id(value.scopeId) && id(value.imageId) ? { type: 'openMembers', scopeId: value.scopeId, imageId: value.imageId } : undefined;
    case 'export':
      return typeof value.format === 'string' && (OVERVIEW_FORMATS as readonly string[]).includes(value.format)
        ? { type: 'export', format: value.format as OverviewFormat, filter: parseOverviewFilter(value.filter) }
        : undefined;
    default:
      return undefined;
  }
}

const STATES: readonly OverviewRowState[] = ['loading', 'loaded', 'failed'];

function cleanCell(value: unknown): OverviewCell | undefined {
  if (!isRecord(value) || !id(value.projectId)) return undefined;
  return { projectId: value.projectId, status: text(value.status, 64), created: text(value.created, 64), updated: text(value.updated, 64) };
}

function cleanRow(value: unknown): OverviewRow | undefined {
  if (!isRecord(value) || !id(value.scopeId) || !id(value.imageId)) return undefined;
  const state = STATES.find((s) => s === value.state) ?? 'loading';
  const cells = Array.isArray(value.cells) ? value.cells.map(cleanCell).filter((c): c is OverviewCell => !!c) : [];
  return {
    scopeId: value.scopeId,
    imageId: value.imageId,
    imageName: text(value.imageName),
    state,
    ...(typeof value.ownerId === 'string' ? { ownerId: text(value.ownerId, 255) } : {}),
    ...(typeof value.reason === 'string' ? { reason: text(value.reason) } : {}),
    cells,
  };
}

function cleanScope(value: unknown): OverviewScope | undefined {
  if (!isRecord(value) || !id(value.scopeId)) return undefined;
  return {
    scopeId: value.scopeId,
    cloud: text(value.cloud),
    ...(typeof value.region === 'string' ? { region: text(value.region) } : {}),
    ...(typeof value.regionName === 'string' ? { regionName: text(value.regionName) } : {}),
    projectId: text(value.projectId),
    projectName: text(value.projectName),
    ...(typeof value.error === 'string' ? { error: text(value.error) } : {}),
  };
}

/** The same check on the webview side: a model whose every field has the type the view computes with. */
export function parseOverviewUpdate(value: unknown): OverviewUpdate | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  if (value.type === 'error') return typeof value.message === 'string' ? { type: 'error', message: value.message } : undefined;
  if (value.type !== 'model' || !isRecord(value.model)) return undefined;
  const m = value.model;
  if (!Array.isArray(m.rows) || !Array.isArray(m.scopes)) return undefined;
  const names: Record<string, string> = Object.create(null) as Record<string, string>;
  if (isRecord(m.names)) for (const [k, v] of Object.entries(m.names)) if (id(k) && typeof v === 'string' && v) names[k] = text(v, 255);
  return {
    type: 'model',
    model: {
      scopes: m.scopes.map(cleanScope).filter((s): s is OverviewScope => !!s),
      rows: m.rows.map(cleanRow).filter((r): r is OverviewRow => !!r),
      names,
      done: m.done === true,
      now: text(m.now, 64),
      ...(m.mode === 'admin' ? { mode: 'admin' as const } : {}),
    },
  };
}
