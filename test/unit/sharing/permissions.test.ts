// The rule behind what each token is offered (src/sharing/permissions.ts), per role and policy
// profile, against the matrix measured on the real Glance (docs/glance-behaviour.md#policy-matrix;
// test/integration/policy.test.ts checks the same rule against the live services).
import * as assert from 'node:assert/strict';
import { GLANCE_WRITES, allowedActions, derivePermissions, listsLikeAdmin, viewpointOf, visibilityChoices, type GlanceWrite } from '../../../src/sharing';
import { image } from '../../support/fixtures';

const allowed = (roles: string[], profile: 'auto' | 'legacy' | 'secure-rbac', adminRoles = ['admin']) => {
  const p = derivePermissions({ roles, adminRoles, profile });
  return GLANCE_WRITES.filter((w) => p.writes[w].allowed);
};
const ALL_BUT_PUBLIC: GlanceWrite[] = ['addMember', 'removeMember', 'answer', 'setVisibility'];

describe('permissions: what a token may change', () => {
  it('legacy: every role may change what its project owns; only an admin role publishes', () => {
    assert.deepEqual(allowed(['reader'], 'legacy'), ALL_BUT_PUBLIC);
    assert.deepEqual(allowed(['member', 'reader'], 'legacy'), ALL_BUT_PUBLIC);
    assert.deepEqual(allowed(['glance_admin', 'member', 'reader'], 'legacy'), ALL_BUT_PUBLIC);
    assert.deepEqual(allowed(['admin', 'member', 'reader'], 'legacy'), GLANCE_WRITES);
  });

  it('secure RBAC: reader reads only, member changes, admin also publishes', () => {
    assert.deepEqual(allowed(['reader'], 'secure-rbac'), []);
    assert.deepEqual(allowed(['member', 'reader'], 'secure-rbac'), ALL_BUT_PUBLIC);
    assert.deepEqual(allowed(['admin', 'member', 'reader'], 'secure-rbac'), GLANCE_WRITES);
    assert.ok(derivePermissions({ roles: ['reader'], adminRoles: ['admin'], profile: 'secure-rbac' }).readOnly);
  });

  it('auto: a token without member or admin is taken as secure RBAC, and says it was assumed', () => {
    const reader = derivePermissions({ roles: ['reader'], adminRoles: ['admin'], profile: 'auto' });
    assert.equal(reader.profile, 'secure-rbac');
    assert.match(reader.profileWhy, /assumed/);
    assert.ok(reader.readOnly);
    assert.deepEqual(allowed(['member', 'reader'], 'auto'), ALL_BUT_PUBLIC);
  });

  it('custom admin roles: glanceShare.adminRoles makes glance_admin an admin (publishing included)', () => {
    assert.deepEqual(allowed(['glance_admin'], 'secure-rbac', ['admin', 'glance_admin']), GLANCE_WRITES);
    assert.ok(derivePermissions({ roles: ['glance_admin'], adminRoles: ['admin', 'GLANCE_ADMIN'], profile: 'legacy' }).admin, 'role names compare case-insensitively');
  });

  it('a detected admin (member_status ignored) hides incoming but is not offered publishing', () => {
    const p = derivePermissions({ roles: ['glance_admin', 'member', 'reader'], adminRoles: ['admin'], profile: 'secure-rbac', adminDetected: true });
    assert.equal(p.admin, true);
    assert.match(p.adminWhy ?? '', /member_status/);
    assert.equal(p.writes.publicize.allowed, false);
    assert.equal(p.writes.addMember.allowed, true);
  });

  it('a 403 seen marks that change "not allowed here" with Glance\u2019s reason, and only that one', () => {
    const p = derivePermissions({
      roles: ['member'],
      adminRoles: ['admin'],
      profile: 'legacy',
      refusals: new Map([['addMember', 'You are not authorized to complete add_member action.']]),
    });
    assert.deepEqual(p.writes.addMember, { allowed: false, source: 'refusal', why: 'Glance refused it here: You are not authorized to complete add_member action.' });
    assert.equal(p.writes.removeMember.allowed, true);
    assert.equal(p.readOnly, false);
  });

  it('the rows follow: a reader is offered no share, remove, answer or visibility change', () => {
    const reader = derivePermissions({ roles: ['reader'], adminRoles: ['admin'], profile: 'secure-rbac' });
    const me = viewpointOf({ projectScope: { id: 'me' }, isAdmin: false }, undefined, { permissions: reader });
    assert.deepEqual(allowedActions(image('a', { visibility: 'shared' }), me), ['showMembers', 'copyShareNotice', 'copyId', 'copyCli']);
    assert.deepEqual(allowedActions(image('b', { visibility: 'private' }), me), ['copyId', 'copyCli']);
    const incoming = viewpointOf({ projectScope: { id: 'me' }, isAdmin: false }, 'pending', { permissions: reader });
    assert.deepEqual(allowedActions(image('c', { visibility: 'shared', owner: 'them' }), incoming), ['showMembers', 'copyId', 'copyCli']);
  });

  it('visibility choices are only those Glance accepts: no public without publicize_image', () => {
    const member = derivePermissions({ roles: ['member'], adminRoles: ['admin'], profile: 'secure-rbac' });
    const me = viewpointOf({ projectScope: { id: 'me' }, isAdmin: false }, undefined, { permissions: member });
    assert.deepEqual(
      visibilityChoices(image('a', { visibility: 'shared' }), me).map((c) => c.visibility),
      ['private', 'community'],
    );
    const admin = derivePermissions({ roles: ['admin'], adminRoles: ['admin'], profile: 'secure-rbac' });
    const adminView = viewpointOf({ projectScope: { id: 'me' }, isAdmin: true }, undefined, { permissions: admin });
    assert.deepEqual(
      visibilityChoices(image('a', { visibility: 'shared' }), adminView).map((c) => c.visibility),
      ['private', 'community', 'public'],
    );
  });

  it('listsLikeAdmin: another project\u2019s image under all three member statuses, never one\u2019s own', () => {
    const theirs = { id: 'x', owner: 'them' };
    assert.equal(listsLikeAdmin('me', { pending: [theirs], accepted: [theirs], rejected: [theirs] }), true);
    // an answer given between two listings of one load puts an image under two statuses at most
    assert.equal(listsLikeAdmin('me', { pending: [theirs], accepted: [theirs], rejected: [] }), false);
    const mine = { id: 'y', owner: 'me' };
    assert.equal(listsLikeAdmin('me', { pending: [mine], accepted: [mine], rejected: [mine] }), false);
  });
});
