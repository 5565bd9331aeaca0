import * as assert from 'node:assert/strict';
import { cleanServerMessage, explainHttpError, extractServerMessage, type ExplainContext } from '../../../src/openstack';

describe('error messages', () => {
  it('removes Glance\u2019s <br /> residue and decodes entities', () => {
    assert.equal(cleanServerMessage('Image x not found.<br /><br />\n\n\n'), 'Image x not found.');
    assert.equal(cleanServerMessage('Name can&#x27;t contain 4 byte unicode characters.'), "Name can't contain 4 byte unicode characters.");
    assert.equal(
      cleanServerMessage('Access was denied to this resource.<br /><br />\nProperty visibility may not be removed.\n\n'),
      'Access was denied to this resource. Property visibility may not be removed.',
    );
  });

  it('finds the message in Glance JSON, Keystone JSON and an HTML page', () => {
    assert.equal(
      extractServerMessage('{"message": "Member x is duplicated for image y<br /><br />\\n\\n\\n", "code": "409 Conflict", "title": "Conflict"}'),
      'Member x is duplicated for image y',
    );
    assert.equal(
      extractServerMessage('{"error":{"code":401,"message":"The request you have made requires authentication.","title":"Unauthorized"}}'),
      'The request you have made requires authentication.',
    );
    assert.equal(
      extractServerMessage(
        '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID abc<br /><br />\n\n\n\n </body>\n</html>',
      ),
      'No image found with ID abc',
    );
    assert.equal(extractServerMessage(''), '');
  });

  const glance = (operation: ExplainContext['operation'], status: number, serverMessage = '', targetVisibility?: string) =>
    explainHttpError({ service: 'glance', operation, status, serverMessage, targetVisibility });

  const known: Array<[string, string, RegExp]> = [
    [
      '403 members of a non-shared image',
      glance('listMembers', 403, 'Not allowed to list members for image x: Only shared images have members.'),
      /Only shared images have members/,
    ],
    ['403 adding a member as non-owner', glance('addMember', 403, 'Not allowed to create members for image x.'), /Only the owner project can add members/],
    [
      '403 publicize as non-admin',
      glance('setVisibility', 403, 'You are not authorized to complete publicize_image action.', 'public'),
      /Only a cloud administrator can make an image public/,
    ],
    ['403 visibility by non-owner', glance('setVisibility', 403, 'You do not own this image', 'community'), /Only the owner project can change the visibility/],
    [
      '403 owner changing member status',
      glance('updateMember', 403, 'Not allowed to update members for image x.'),
      /Only the member project itself can accept, reject or reset/,
    ],
    ['403 member removing itself', glance('removeMember', 403), /A member leaves a share by rejecting it/],
    ['404 image', glance('getImage', 404, 'No image found with ID x'), /not found, or this project cannot see it/],
    ['404 member row', glance('removeMember', 404, 'p not found in the member list of the image x.'), /not a member of this image/],
    ['409 duplicate member', glance('addMember', 409, 'Member p is duplicated for image x'), /already a member/],
    ['413 member quota', glance('addMember', 413, 'Image member limit exceeded'), /member limit \(128 by default\)/],
    [
      '400 invalid status',
      glance('updateMember', 400, 'Incorrect request: Status must be "pending", "accepted" or "rejected".'),
      /must be pending, accepted or rejected/,
    ],
    ['401 on Glance', glance('listImages', 401), /expired or invalid/],
    [
      '401 from Keystone sign-in',
      explainHttpError({ service: 'keystone', operation: 'authenticate', status: 401, serverMessage: '' }),
      /Keystone refused the credentials/,
    ],
    ['500', glance('listImages', 500), /server error \(HTTP 500\)/],
  ];
  for (const [name, explanation, pattern] of known) {
    it(`explains ${name}`, () => assert.match(explanation, pattern));
  }

  it('does not depend on the 403 message text (secure RBAC words it differently)', () => {
    assert.match(glance('addMember', 403, 'You are not authorized to complete add_member action.'), /Only the owner project can add members/);
    assert.match(glance('updateMember', 403, 'You are not authorized to complete modify_member action.'), /Only the member project/);
  });
});
