import * as vscode from 'vscode';
import type { GlanceImage, GlanceMember, MemberStatus, Visibility } from '../../openstack';
import { imageContextValue, imageLabel, roleOf, summariseMembers, type ImageContext } from '../../sharing';
import { escape } from './nodes';

export const VISIBILITY_ICONS: Readonly<Record<Visibility, string>> = {
  private: 'lock',
  shared: 'organization',
  community: 'globe',
  public: 'broadcast',
};

export const STATUS_ICONS: Readonly<Record<MemberStatus, string>> = {
  pending: 'mail',
  accepted: 'pass',
  rejected: 'circle-slash',
};

export function formatSize(bytes: number | null): string {
  if (bytes === null) return 'no data';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A tree row for an image: what a person needs to recognise it without opening anything. */
export function imageTreeItem(
  image: GlanceImage,
  ctx: ImageContext,
  id: string,
  projectName: (id: string) => string | undefined,
  members: readonly GlanceMember[] | undefined,
  scopeId: string,
): vscode.TreeItem {
  const item = new vscode.TreeItem(imageLabel(image), vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.contextValue = imageContextValue(image, ctx);
  const role = roleOf(image, ctx);
  const facts: string[] = [];
  if (role === 'incoming' || role === 'other') {
    // The name when one of the user's scopes knows it; else a short ID (the tooltip has it whole).
    const owner = image.owner ? (projectName(image.owner) ?? `${image.owner.slice(0, 8)}\u2026`) : 'unknown owner';
    facts.push(`from ${owner}`);
  }
  if (role === 'owned' && image.visibility === 'shared' && members) {
    facts.push(summariseMembers(members));
  }
  if (image.status !== 'active') {
    facts.push(image.status);
  }
  item.description = facts.join(' · ');
  const icon = role === 'incoming' && ctx.memberStatus ? STATUS_ICONS[ctx.memberStatus] : VISIBILITY_ICONS[image.visibility];
  item.iconPath = new vscode.ThemeIcon(icon);
  item.tooltip = imageTooltip(image, ctx, projectName, scopeId);
  return item;
}

/** A code span for text from Glance: a backtick in it could otherwise end the span and start Markdown. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function imageTooltip(image: GlanceImage, ctx: ImageContext, projectName: (id: string) => string | undefined, scopeId: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  // Only this one command may be run from the tooltip; its argument is our own key, not Glance text.
  md.isTrusted = { enabledCommands: ['glanceShare.showMembers'] };
  md.supportHtml = false;
  md.appendMarkdown(`**${escape(imageLabel(image))}**\n\n`);
  const rows: Array<[string, string]> = [
    ['ID', code(image.id)],
    ['Owner', image.owner ? `${escape(projectName(image.owner) ?? '')} ${code(image.owner)}${image.owner === ctx.projectId ? ' (this project)' : ''}` : 'unknown'],
    ['Visibility', image.visibility],
    ['Status', escape(image.status)],
    ['Formats', escape([image.disk_format, image.container_format].filter(Boolean).join(' / ') || 'not set')],
    ['Size', formatSize(image.size)],
    ['Created', escape(image.created_at)],
    ['Updated', escape(image.updated_at)],
  ];
  if (ctx.memberStatus && roleOf(image, ctx) === 'incoming') {
    rows.push(['This project', `member, **${ctx.memberStatus}**`]);
  }
  if (image.protected) rows.push(['Protected', 'yes']);
  md.appendMarkdown(rows.map(([k, v]) => `- ${k}: ${v}`).join('\n'));
  if (image.visibility === 'shared' && roleOf(image, ctx) !== 'other') {
    const args = encodeURIComponent(JSON.stringify([{ scopeId, imageId: image.id }]));
    md.appendMarkdown(`\n\n[$(organization) Show members](command:glanceShare.showMembers?${args})`);
  }
  return md;
}
