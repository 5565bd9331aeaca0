import { HttpError, asError, identityBase, rescopeConnection, type ScopeConnection } from '../openstack';
import {
  byName,
  checkProjectId,
  collidingNames,
  displayText,
  entryApplies,
  mergeCandidates,
  nameNotFound,
  planMemberAdds,
  readPickerText,
  type AddPlanRejection,
  type AddressBookEntry,
  type ProjectCandidate,
} from '../sharing';
import type { AddressBook } from './addressBook';
import type { Connections, Scope } from './connections';
import type { ImageStore } from './imageStore';
import * as vscode from 'vscode';

/** A typed name's outcome: the projects it names, or why none (a sentence saying how to get the ID). */
export type NameLookup =
  | { readonly kind: 'found'; readonly candidates: readonly ProjectCandidate[] }
  | { readonly kind: 'notFound'; readonly why: string; readonly advice: string; readonly message: string };

/** A connection that answers for a member project in the sharing scope's Glance; `temporary` ones are closed after use. */
export interface MemberVoice {
  readonly connection: ScopeConnection;
  readonly temporary: boolean;
  readonly projectName: string;
}

/**
 * Every project a scope can share with, known without asking anyone new: the user's own projects
 * on the same cloud (every connected identity's GET /v3/auth/projects), the members of this
 * scope's images, the workspace's address book; and a typed name, resolved from those first and
 * then through Keystone where the token may. The picker, the members panel's add box and the
 * one-step self-share all ask here, so a name leads to the same ID (or the same refusal) anywhere.
 */
export class ProjectDirectory {
  constructor(
    private readonly connections: Connections,
    private readonly images: ImageStore,
    readonly addressBook: AddressBook,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The choices for a scope, merged by project ID, its own project left out. */
  async candidates(scope: Scope): Promise<ProjectCandidate[]> {
    const own = this.connections.projectIdOf(scope);
    const [mine, book] = await Promise.all([this.ownProjects(scope), this.bookEntries(scope)]);
    const members: ProjectCandidate[] = this.images
      .knownMembers(scope.id)
      .map((id) => ({ id, name: this.connections.projectName(id) ?? book.find((e) => e.id === id)?.name, sources: ['member'] }));
    const fromBook: ProjectCandidate[] = book.map((e) => ({ id: e.id, name: e.name, note: e.note, sources: ['addressBook'] }));
    return mergeCandidates([mine, members, fromBook]).filter((c) => c.id !== own);
  }

  /** The user's own projects on the scope's cloud (same Keystone), each once. */
  async ownProjects(scope: Scope): Promise<ProjectCandidate[]> {
    const identity = identityOf(scope);
    const identities = await this.connections.identities((s) => identityOf(s) === identity);
    return mergeCandidates(
      identities.map(({ projects }) => projects.filter((p) => p.enabled).map((p) => ({ id: p.id, name: p.name, domainId: p.domain_id, sources: ['mine'] }))),
    );
  }

  /** A project's name as VS Code may show it (displayText), for a text that shows its ID. */
  async nameOf(scope: Scope | undefined, projectId: string): Promise<string | undefined> {
    const raw = await this.rawNameOf(scope, projectId);
    return raw === undefined ? undefined : displayText(raw);
  }

  /** The name as written: a signed-in identity's, else the address book's. */
  async rawNameOf(scope: Scope | undefined, projectId: string): Promise<string | undefined> {
    const known = this.connections.projectRawName(projectId);
    if (known !== undefined) return known;
    const entries = scope ? await this.bookEntries(scope) : await this.addressBook.entries();
    return entries.find((e) => e.id === projectId)?.name;
  }

  /** A name → the projects it names: the known choices first, then Keystone (GET /v3/projects?name=). */
  async resolveName(scope: Scope, name: string): Promise<NameLookup> {
    const local = byName(await this.candidates(scope), name);
    if (local.length > 0) return { kind: 'found', candidates: local };
    if (scope.state.kind !== 'connected') return { kind: 'notFound', ...nameNotFound(name, 'failed') };
    const session = scope.state.connection.session;
    try {
      const found = (await session.findProjectsByName(name)).filter((p) => p.enabled && p.id !== this.connections.projectIdOf(scope));
      if (found.length === 0) return { kind: 'notFound', ...nameNotFound(name, 'none') };
      const candidates: ProjectCandidate[] = found.map((p) => ({ id: p.id, name: p.name, domainId: p.domain_id, sources: ['keystone'] }));
      // Several projects of one name live in different domains: each shows its domain's name (or ID).
      if (collidingNames(candidates).size > 0) {
        const names = new Map<string, string | undefined>();
        for (const domainId of new Set(found.map((p) => p.domain_id))) names.set(domainId, await session.domainName(domainId));
        return { kind: 'found', candidates: candidates.map((c) => ({ ...c, domainName: names.get(c.domainId ?? '') })) };
      }
      return { kind: 'found', candidates };
    } catch (error) {
      const forbidden = error instanceof HttpError && error.status === 403;
      this.log.info(
        `Looking up project "${name}" in Keystone for cloud "${scope.cloud.name}": ${forbidden ? 'not allowed for this token (403)' : asError(error).message}`,
      );
      return { kind: 'notFound', ...nameNotFound(name, forbidden ? 'forbidden' : 'failed') };
    }
  }

  /**
   * The add box's text as member IDs: IDs as typed (checked as always), names resolved where
   * exactly one project has that name; anything else refused with the reason, before any request to Glance.
   */
  async planAdds(scope: Scope, text: string, ownerProjectId: string): Promise<{ ids: string[]; rejected: AddPlanRejection[]; named: Map<string, string> }> {
    const ids: string[] = [];
    const rejected: AddPlanRejection[] = [];
    const named = new Map<string, string>();
    for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
      if (checkProjectId(part).ok) {
        const plan = planMemberAdds(part, ownerProjectId);
        plan.rejected.forEach((r) => rejected.push(r));
        plan.ids.forEach((id) =>
          ids.includes(id) ? rejected.push({ input: part, reason: 'duplicate', message: vscode.l10n.t('listed twice: added once') }) : ids.push(id),
        );
        continue;
      }
      const read = readPickerText(part);
      if (read.kind !== 'name') {
        planMemberAdds(part, ownerProjectId).rejected.forEach((r) => rejected.push(r));
        continue;
      }
      const lookup = await this.resolveName(scope, read.name);
      if (lookup.kind === 'notFound') {
        rejected.push({ input: part, reason: 'invalid', message: lookup.message });
      } else if (lookup.candidates.length > 1) {
        rejected.push({
          input: part,
          reason: 'invalid',
          message: vscode.l10n.t(
            '{0} projects are named "{1}" ({2}): paste the ID of the one you mean, or choose it with "Choose Projects…"',
            lookup.candidates.length,
            read.name,
            lookup.candidates.map((c) => vscode.l10n.t('{0} in domain {1}', c.id, c.domainName ?? c.domainId ?? '?')).join('; '),
          ),
        });
      } else {
        const id = lookup.candidates[0].id;
        if (id === ownerProjectId) rejected.push({ input: part, reason: 'owner', message: vscode.l10n.t('that is the owner project itself: it already has the image') });
        else if (ids.includes(id)) rejected.push({ input: part, reason: 'duplicate', message: vscode.l10n.t('listed twice: added once') });
        else {
          ids.push(id);
          named.set(id, read.name);
        }
      }
    }
    if (ids.length === 0 && rejected.length === 0)
      rejected.push({ input: text.trim(), reason: 'missing', message: vscode.l10n.t('Enter at least one project ID or name.') });
    return { ids, rejected, named };
  }

  /**
   * Which of these projects the user has a role in, on the scope's cloud: those a share can be
   * accepted for at once ("Accept as …").
   */
  async ownOf(scope: Scope, projectIds: readonly string[]): Promise<ProjectCandidate[]> {
    const mine = await this.ownProjects(scope);
    return projectIds.map((id) => mine.find((m) => m.id === id)).filter((c): c is ProjectCandidate => !!c);
  }

  /**
   * A connection that speaks for a member project in the sharing scope's Glance: a shown scope of
   * that project on the same Glance, else an identity of the same Keystone in that project,
   * rescoped (a new token for that project). Never the owner's scope, never an admin token: the
   * answer must be the member's own.
   */
  async memberVoice(sharing: Scope, projectId: string): Promise<MemberVoice | undefined> {
    if (sharing.state.kind !== 'connected') return undefined;
    const endpoint = sharing.state.connection.glance.endpoint;
    const identity = identityOf(sharing);
    const identities = await this.connections.identities((s) => identityOf(s) === identity);
    const nonAdmin = identities.filter(({ connection }) => !connection.session.isAdmin);
    const shown = nonAdmin.find(({ connection }) => connection.session.projectScope?.id === projectId && connection.glance.endpoint === endpoint);
    if (shown) return { connection: shown.connection, temporary: false, projectName: shown.connection.session.projectScope?.name ?? projectId };
    for (const { connection, projects } of nonAdmin) {
      const project = projects.find((p) => p.id === projectId);
      if (!project || connection.cloud.auth.type === 'applicationCredential') continue;
      try {
        const rescoped = await rescopeConnection(connection, projectId, { imageEndpoint: endpoint });
        if (rescoped.session.isAdmin) {
          rescoped.dispose();
          continue;
        }
        return { connection: rescoped, temporary: true, projectName: project.name };
      } catch (error) {
        this.log.warn(`Signing in to project ${project.name} (${projectId}) as ${connection.session.user.name}: ${asError(error).message}`);
      }
    }
    return undefined;
  }

  private async bookEntries(scope: Scope): Promise<readonly AddressBookEntry[]> {
    const place = { cloudName: scope.cloud.name, authUrl: scope.cloud.auth.authUrl, region: scope.cloud.regionName };
    return (await this.addressBook.entries()).filter((e) => entryApplies(e, place));
  }
}

/** Scopes of one Keystone share their projects: the same identity URL is the same cloud. */
function identityOf(scope: Scope): string {
  return identityBase(scope.cloud.auth.authUrl).toLowerCase();
}
