import * as vscode from 'vscode';
import type { GlanceImage, GlanceMember, ImageVisibility, MemberStatus } from '../../openstack';
import { displayText, formatSize, imageContextValue, imageLabel, roleOf, summariseMembers, type Viewpoint } from '../../sharing';
import { escape, spoken } from './nodes';

export const VISIBILITY_ICONS: Readonly<Record<ImageVisibility, string>> = {
  private: 'lock',
  shared: 'organization',
  community: 'globe',
  public: 'broadcast',
  other: 'question',
};

/** An image's visibility in words: a value this extension does not know, as Glance sent it. */
export function visibilityText(image: GlanceImage): string {
  return image.visibility === 'other' ? `visibility ${displayText(image.rawVisibility ?? '?')}` : image.visibility;
}

export const STATUS_ICONS: Readonly<Record<MemberStatus, string>> = {
  pending: 'mail',
  accepted: 'pass',
  rejected: 'circle-slash',
};

/** A tree row for an image: what a person needs to recognise it without opening anything. */
export function imageTreeItem(
  image: GlanceImage,
  viewpoint: Viewpoint,
  id: string,
  projectName: (id: string) => string | undefined,
  members: readonly GlanceMember[] | undefined,
): vscode.TreeItem {
  const item = new vscode.TreeItem(imageLabel(image), vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.contextValue = imageContextValue(image, viewpoint);
  const role = roleOf(image, viewpoint);
  const facts: string[] = [];
  if (role === 'incoming' || role === 'other') {
    // The name when one of the user's scopes knows it; else a short ID (the tooltip has it whole).
    const owner = image.owner ? (projectName(image.owner) ?? `${image.owner.slice(0, 8)}\u2026`) : vscode.l10n.t('unknown owner');
    facts.push(vscode.l10n.t('from {0}', owner));
  }
  if (role === 'owned' && image.visibility === 'shared' && members) {
    facts.push(summariseMembers(members));
  }
  if (image.visibility === 'other') {
    facts.push(visibilityText(image));
  }
  if (image.os_hidden) {
    facts.push(vscode.l10n.t('hidden'));
  }
  if (image.status !== 'active') {
    facts.push(displayText(image.status));
  }
  item.description = facts.join(' · ');
  const icon = role === 'incoming' && viewpoint.memberStatus ? STATUS_ICONS[viewpoint.memberStatus] : VISIBILITY_ICONS[image.visibility];
  item.iconPath = new vscode.ThemeIcon(icon);
  // No tooltip here: the tree asks for it on hover (resolveTreeItem). Built for every row, the
  // extension host parsed thousands of Markdown tooltips each time a large group was drawn
  // (the longest stall of a 10,000-image consumer load, bench note 2026-12-02-tree-loads).
  // The name, what the icon says (this project's answer, or the visibility), then the description.
  const state = role === 'incoming' && viewpoint.memberStatus ? viewpoint.memberStatus : image.visibility === 'other' ? undefined : image.visibility;
  item.accessibilityInformation = spoken(String(item.label), state, item.description);
  return item;
}

/** A code span for text from Glance: a backtick in it could otherwise end the span and start Markdown. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** An image row's hover: every fact, and a link to its members where it has some to show. */
export function imageTooltip(image: GlanceImage, viewpoint: Viewpoint, projectName: (id: string) => string | undefined, scopeId: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  // Only this one command may be run from the tooltip; its argument is our own key, not Glance text.
  md.isTrusted = { enabledCommands: ['glanceShare.showMembers'] };
  md.supportHtml = false;
  md.appendMarkdown(`**${escape(imageLabel(image))}**\n\n`);
  const rows: Array<[string, string]> = [
    [vscode.l10n.t('ID'), code(image.id)],
    [
      vscode.l10n.t('Owner'),
      image.owner
        ? image.owner === viewpoint.projectId
          ? vscode.l10n.t('{0} {1} (this project)', escape(projectName(image.owner) ?? ''), code(image.owner))
          : `${escape(projectName(image.owner) ?? '')} ${code(image.owner)}`
        : vscode.l10n.t('unknown'),
    ],
    [vscode.l10n.t('Visibility'), image.visibility === 'other' ? vscode.l10n.t('{0} (not known to this extension)', code(image.rawVisibility ?? '?')) : image.visibility],
    [vscode.l10n.t('Status'), escape(image.status)],
    [vscode.l10n.t('Formats'), escape([image.disk_format, image.container_format].filter(Boolean).join(' / ') || vscode.l10n.t('not set'))],
    [vscode.l10n.t('Size'), formatSize(image.size)],
    [vscode.l10n.t('Created'), escape(image.created_at)],
    [vscode.l10n.t('Updated'), escape(image.updated_at)],
  ];
  if (viewpoint.memberStatus && roleOf(image, viewpoint) === 'incoming') {
    rows.push([vscode.l10n.t('This project'), vscode.l10n.t('member, **{0}**', viewpoint.memberStatus)]);
  }
  if (image.os_hidden) rows.push([vscode.l10n.t('Hidden'), vscode.l10n.t('yes: left out of default image lists (os_hidden)')]);
  if (image.protected) rows.push([vscode.l10n.t('Protected'), vscode.l10n.t('yes')]);
  md.appendMarkdown(rows.map(([k, v]) => `- ${k}: ${v}`).join('\n'));
  if (image.visibility === 'shared' && roleOf(image, viewpoint) !== 'other') {
    const args = encodeURIComponent(JSON.stringify([{ scopeId, imageId: image.id }]));
    md.appendMarkdown(`\n\n[$(organization) ${vscode.l10n.t('Show members')}](command:glanceShare.showMembers?${args})`);
  }
  return md;
}
