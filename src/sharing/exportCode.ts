/**
 * "Export as code": the shares of some images, as they are in Glance now, written as Terraform
 * (resources plus `import` blocks, so that `terraform apply` adopts the existing members instead
 * of creating them again) or as a shell script of `openstack` lines. Pure: the caller reads the
 * members; nothing here talks to Glance.
 *
 * Every value from Glance or Keystone is untrusted text (docs/glance-behaviour.md#names-untrusted,
 * #member-ids-unchecked): in the script, IDs are shell-quoted and names appear only in comments,
 * written out by plainText (no newline can end a comment early); in Terraform, every string is
 * escaped for HCL, `${` and `%{` included, so nothing is read as a template.
 */
import type { GlanceImage, GlanceMember, MemberStatus } from '../openstack/models';
import { plainText } from './displayText';
import { imagePlainLabel } from './grouping';
import { cliAddMember, cliAnswer, cliPrefix, shellQuote, withCliPrefix, type CliScope } from './notices';

/** The scope an export was read from: what the provider block or the CLI options name. */
export interface ExportScope extends CliScope {
  readonly projectId: string;
  readonly projectName?: string;
}

/** An image this scope owns, with its members as Glance listed them. */
export interface OwnedShares {
  readonly image: GlanceImage;
  readonly members: readonly GlanceMember[];
}

/** An image shared with this scope's project, and this project's answer. */
export interface IncomingShare {
  readonly image: GlanceImage;
  readonly status: MemberStatus;
}

/** An image left out of an export or a plan, and why. */
export interface ImageNote {
  readonly image: GlanceImage;
  readonly reason: string;
}

export interface ScopeExport {
  readonly scope: ExportScope;
  readonly owned: readonly OwnedShares[];
  readonly incoming: readonly IncomingShare[];
  /** Images left out, with why (not shared, so no members; members unreadable). */
  readonly skipped?: readonly ImageNote[];
}

/** Project names known to the caller, for comments only (IDs are what the code uses). */
export type ProjectNames = (projectId: string) => string | undefined;

const noNames: ProjectNames = () => undefined;

function projectText(id: string, names: ProjectNames): string {
  const name = names(id);
  return name ? `${plainText(name)} (${plainText(id)})` : plainText(id);
}

function scopeText(scope: ExportScope): string {
  const project = scope.projectName ? `${plainText(scope.projectName)} (${scope.projectId})` : scope.projectId;
  return `cloud ${plainText(scope.cloud)}${scope.region ? `, region ${plainText(scope.region)}` : ''}, project ${project}`;
}

function imageText(image: GlanceImage): string {
  return `"${imagePlainLabel(image)}" (${plainText(image.id)})`;
}

// ---- shell ---------------------------------------------------------------------------------------

/**
 * A POSIX shell script that makes the same shares: the owner's `image add project` lines and each
 * member's answer. No `set -e`: a member that exists already makes its line fail with a 409 and
 * the script goes on with the next one.
 */
export function shellExport(exports: readonly ScopeExport[], names: ProjectNames = noNames): string {
  const out = [
    '#!/bin/sh',
    '# Image shares exported by glance-share, as Glance held them when exported.',
    '# Each line runs on its own: one that fails (e.g. 409, the member exists already) does not stop the rest.',
    '# Only the member project can answer a share, so the answers run in that project\u2019s own scope.',
    'set -u',
  ];
  for (const { scope, owned, incoming, skipped } of exports) {
    const prefix = cliPrefix(scope);
    out.push('', `# ---- ${scopeText(scope)}`);
    if (prefix.comment) out.push(prefix.comment);
    for (const { image, members } of owned) {
      out.push('', `# ${imageText(image)}: ${members.length === 0 ? 'no members' : `${members.length} member${members.length === 1 ? '' : 's'}`}`);
      for (const m of members) {
        out.push(withCliPrefix(cliAddMember(image.id, shellQuote(m.member_id)), prefix));
        // A status this client does not know (docs/glance-behaviour.md#unknown-values) is written as Glance sent it.
        const answer =
          m.status === 'other' ? `${plainText(m.rawStatus ?? 'of another status')}` : `${m.status}; only that project can answer: ${cliAnswer(image.id, m.status)}`;
        out.push(`#   ${projectText(m.member_id, names)} is ${answer}`);
      }
    }
    for (const { image, status } of incoming) {
      out.push('', `# ${imageText(image)}, owned by ${projectText(image.owner ?? 'an unknown project', names)}: this project's answer`);
      out.push(withCliPrefix(cliAnswer(image.id, status), prefix));
    }
    for (const { image, reason } of skipped ?? []) out.push('', `# left out: ${imageText(image)}: ${plainText(reason)}`);
  }
  return `${out.join('\n')}\n`;
}

// ---- Terraform -------------------------------------------------------------------------------------

/** An HCL quoted string: escapes as HCL defines them, and `${` / `%{` doubled so no template starts. */
export function hclString(value: string): string {
  let text = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') text += '\\\\';
    else if (ch === '"') text += '\\"';
    else if (ch === '\n') text += '\\n';
    else if (ch === '\r') text += '\\r';
    else if (ch === '\t') text += '\\t';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || (code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069))
      text += `\\u${code.toString(16).padStart(4, '0')}`;
    else text += ch;
  }
  // Functions, not replacement strings: in those `$$` would stand for a single `$`.
  return `"${text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

/** A Terraform identifier (letters, digits, `_`, `-`; not starting with a digit or `-`) from any text. */
function identifier(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  const id = slug || fallback;
  return /^[a-z_]/.test(id) ? id : `_${id}`;
}

class Names {
  private readonly used = new Set<string>();
  take(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }
}

export const TF_ACCESS = 'openstack_images_image_access_v2';
export const TF_ACCEPT = 'openstack_images_image_access_accept_v2';

/**
 * Terraform for the same shares: the owner's `openstack_images_image_access_v2` (image and member;
 * `status` is the member's to set, and forbidden to a non-admin owner) and the member's
 * `openstack_images_image_access_accept_v2` (image and status), each with an `import` block whose
 * ID is the provider's import format: `<image_id>/<member_id>` for access, `<image_id>` for accept
 * (the provider's project is the member). `import` blocks need Terraform 1.5 or later.
 */
export function terraformExport(exports: readonly ScopeExport[], names: ProjectNames = noNames): string {
  const providers = new Names();
  const resources = new Names();
  const several = exports.length > 1;
  const out = [
    '# Image shares exported by glance-share, as Glance held them when exported.',
    '# The import blocks (Terraform 1.5 or later) adopt the existing members: `terraform plan` should',
    '# show them as imported, with nothing to add, change or destroy.',
    'terraform {',
    '  required_providers {',
    '    openstack = {',
    '      source = "terraform-provider-openstack/openstack"',
    '    }',
    '  }',
    '}',
  ];
  for (const { scope, owned, incoming, skipped } of exports) {
    const alias = several ? providers.take(identifier(`${scope.cloud}${scope.region ? `_${scope.region}` : ''}`, 'cloud')) : undefined;
    out.push('', `# ---- ${scopeText(scope)}`);
    if (scope.source === 'env') out.push('# Reads the OS_* variables: source this cloud\u2019s openrc before running terraform.');
    if (scope.source === 'user') out.push('# This cloud was added in VS Code: give it an entry in a clouds.yaml under this name first.');
    out.push('provider "openstack" {');
    if (alias) out.push(`  alias  = ${hclString(alias)}`);
    if (scope.source !== 'env') out.push(`  cloud  = ${hclString(scope.cloud)}`);
    if (scope.region) out.push(`  region = ${hclString(scope.region)}`);
    out.push('}');
    const providerLine = alias ? [`  provider  = openstack.${alias}`] : [];
    const block = (type: string, name: string, body: readonly string[], importId: string, comment: string) => {
      out.push(
        '',
        `# ${comment}`,
        `resource "${type}" "${name}" {`,
        ...providerLine,
        ...body,
        '}',
        '',
        'import {',
        `  to = ${type}.${name}`,
        `  id = ${hclString(importId)}`,
        '}',
      );
    };
    for (const { image, members } of owned) {
      if (members.length === 0) out.push('', `# ${imageText(image)}: no members`);
      for (const m of members) {
        const name = resources.take(`${identifier(image.name ?? '', 'image')}_${identifier(m.member_id, 'member').replace(/^_/, '').slice(0, 8)}`);
        block(
          TF_ACCESS,
          name,
          [`  image_id  = ${hclString(image.id)}`, `  member_id = ${hclString(m.member_id)}`],
          `${image.id}/${m.member_id}`,
          `${imageText(image)} shared with ${projectText(m.member_id, names)}, ${m.status} (the member's answer, not set here)`,
        );
      }
    }
    for (const { image, status } of incoming) {
      const name = resources.take(`${identifier(image.name ?? '', 'image')}_${status}`);
      block(
        TF_ACCEPT,
        name,
        [`  image_id  = ${hclString(image.id)}`, `  status    = ${hclString(status)}`],
        image.id,
        `${imageText(image)} from ${projectText(image.owner ?? 'an unknown project', names)}: this project's answer`,
      );
    }
    for (const { image, reason } of skipped ?? []) out.push('', `# left out: ${imageText(image)}: ${plainText(reason)}`);
  }
  return `${out.join('\n')}\n`;
}
