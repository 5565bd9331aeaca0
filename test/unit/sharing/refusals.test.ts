import * as assert from 'node:assert/strict';
import { HttpError, NetworkError } from '../../../src/openstack';
import { refusalOf } from '../../../src/sharing';

/** Glance's own words for each case (docs/glance-behaviour.md#not-found-or-hidden, #duplicate-member). */
const glance = (operation: ConstructorParameters<typeof HttpError>[1], status: number, serverMessage: string) =>
  new HttpError('glance', operation, 'PUT', '/v2/images/i/members/m', status, serverMessage, 'generic');

describe('refusals: what a 404 or 409 means for the row acted on', () => {
  it('a member answering a share it no longer has: the owner withdrew it or deleted the image (Glance does not say which)', () => {
    const refusal = refusalOf(glance('updateMember', 404, 'Image i not found.'), 'member');
    assert.equal(refusal?.kind, 'shareGone');
    assert.match(refusal.message, /owner withdrew it or deleted the image/);
  });

  it('the owner: a deleted image, a member removed meanwhile, a member added twice', () => {
    assert.equal(refusalOf(glance('removeMember', 404, 'Image i not found.'), 'owner')?.kind, 'imageGone');
    assert.equal(refusalOf(glance('removeMember', 404, 'm not found in the member list of the image i.'), 'owner')?.kind, 'notMember');
    assert.equal(refusalOf(glance('addMember', 409, 'Member m is duplicated for image i'), 'owner')?.kind, 'alreadyMember');
    assert.equal(refusalOf(glance('getImage', 404, 'No image found with ID i'), 'unknown')?.kind, 'unavailable');
  });

  it('anything else is not a refusal of this kind: the caller shows the error as it is', () => {
    assert.equal(refusalOf(glance('updateMember', 403, 'Not allowed'), 'member'), undefined);
    assert.equal(refusalOf(glance('updateMember', 409, 'conflict'), 'member'), undefined);
    assert.equal(refusalOf(new HttpError('keystone', 'authenticate', 'POST', '/v3/auth/tokens', 404, '', 'x'), 'member'), undefined);
    assert.equal(refusalOf(new NetworkError('glance', 'GET', 'http://x', 'ECONNRESET', 'x'), 'owner'), undefined);
    assert.equal(refusalOf(new Error('boom'), 'owner'), undefined);
  });
});
