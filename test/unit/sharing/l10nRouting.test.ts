// src/sharing and src/openstack build their sentences with @vscode/l10n (they never import
// vscode). Pseudo-localisation: a bundle whose every value is its key in «…» is handed to
// l10n.config, as activate() hands VS Code's; then each plan, summary and explanation must come
// out of the bundle (be one message, in «…»). A sentence written back as a bare template literal would come
// out unmarked and fail here. English without a bundle is what the other suites compare.
import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import type { GlanceMember } from '../../../src/openstack';
import {
  capabilitiesOf,
  ConfigError,
  explainHttpError,
  explainNetworkError,
  HttpError,
  missingFeatureText,
  normaliseCloud,
  type ProxyRoute,
} from '../../../src/openstack';
import { explainProxyError } from '../../../src/openstack/proxyErrors';
import {
  answerConfirmation,
  answerSummary,
  bulkConfirmation,
  bulkSummary,
  checkProjectId,
  count,
  crossPairs,
  derivePermissions,
  parseImageFilter,
  parseImageId,
  planAnswer,
  planBulkShare,
  readOnlyReason,
  refusalOf,
  removalConfirmation,
  removalSummary,
  retireConfirmation,
  retireSummary,
  shareNotice,
  type InboxShare,
} from '../../../src/sharing';
import { extract } from '../../../scripts/l10nBundle';
import { image } from '../../support/fixtures';

// The whole text is one bundle message (its parts may be others, inside it).
const marked = (text: string) => text.startsWith('«') && text.endsWith('»');

describe('l10n: the words of src/sharing and src/openstack come from the bundle', () => {
  before(() => l10n.config({ contents: Object.fromEntries(extract().messages.map((m) => [m, `«${m}»`])) }));
  // An empty bundle: every message is its English again, for the suites that run after this one.
  after(() => l10n.config({ contents: {} }));

  const member = (image_id: string, member_id: string): GlanceMember => ({
    image_id,
    member_id,
    status: 'accepted',
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-02T00:00:00Z',
  });
  const scope = { id: 's', cloud: 'bob', project: 'consumer' };
  const share = (id: string): InboxShare => ({ scope, image: image(id), status: 'pending' });

  it('bulk share: the confirmation, its button, its detail and the summary', () => {
    const plan = planBulkShare([{ image: image('a', { visibility: 'shared' }), members: [member('a', 'p1')] }], crossPairs(['a'], ['p1', 'p2']), { projectId: 'me' });
    const q = bulkConfirmation(plan, () => undefined);
    assert.ok(marked(q.message), q.message);
    assert.ok(marked(q.button ?? ''), q.button);
    assert.ok(marked(q.detail), q.detail);
    const summary = bulkSummary({ visibility: [], pairs: [{ image: image('a'), projectId: 'p2', outcome: { kind: 'added', status: 'pending' } }] }, () => undefined);
    assert.ok(marked(summary), summary);
  });

  it('inbox: the confirmation, its button and the summary', () => {
    const q = answerConfirmation(planAnswer([share('a')], 'accepted', () => true));
    assert.ok(marked(q.message) && marked(q.button), `${q.message} / ${q.button}`);
    const summary = answerSummary('accepted', [{ share: share('a'), outcome: { kind: 'done' } }]);
    assert.ok(marked(summary), summary);
  });

  it('offboarding and rotation: removal and retire texts', () => {
    const q = removalConfirmation('consumer', { projectId: 'p', shares: [{ image: image('a'), member: member('a', 'p') }], unchecked: [] });
    assert.ok(marked(q.message) && q.detail.includes('«The project loses access'), `${q.message} / ${q.detail}`);
    assert.ok(marked(removalSummary('consumer', [{ share: { image: image('a'), member: member('a', 'p') }, outcome: { kind: 'removed' } }])));
    const retire = retireConfirmation(image('old'), 'private', 2);
    assert.ok(marked(retire.message) && marked(retire.detail) && marked(retire.button), JSON.stringify(retire));
    assert.ok(marked(retireSummary(image('old'), { choice: 'hide', removed: [], failed: [], change: { kind: 'done' } })));
  });

  it('counts, ID checks, the filter, refusals, permissions and the share notice', () => {
    assert.equal(count(3, 'image'), '«3 images»');
    assert.equal(count(1, 'image'), '«1 image»');
    const id = checkProjectId('consumer');
    assert.ok(!id.ok && marked(id.message), JSON.stringify(id));
    const filter = parseImageFilter('colour:blue');
    assert.ok(!filter.ok && marked(filter.message), JSON.stringify(filter));
    const imageId = parseImageId('');
    assert.ok(!imageId.ok && marked(imageId.message));
    const gone = refusalOf(new HttpError('glance', 'listMembers', 'GET', '/v2/images/a/members', 404, '', 'x'), 'member');
    assert.ok(gone && marked(gone.message), JSON.stringify(gone));
    const permissions = derivePermissions({ roles: ['reader'], adminRoles: ['admin'], profile: 'auto' });
    assert.ok(marked(readOnlyReason(permissions, ['reader'])));
    assert.ok(marked(shareNotice(image('a'), { id: 'me' })));
  });

  it('src/openstack: HTTP, network and proxy explanations, missing features', () => {
    assert.ok(marked(explainHttpError({ service: 'glance', operation: 'addMember', status: 409, serverMessage: '' })));
    assert.ok(marked(explainHttpError({ service: 'keystone', operation: 'authenticate', status: 500, serverMessage: '' })));
    assert.ok(marked(explainNetworkError('glance', 'ECONNREFUSED', 'glance.example')));
    const route = { display: 'http://proxy:3128', source: 'HTTPS_PROXY', noProxyName: 'NO_PROXY', authorization: undefined, credentialsInUrl: false } as ProxyRoute;
    assert.ok(marked(explainProxyError('glance', 'ECONNREFUSED', route, 'glance.example')));
    assert.ok(marked(missingFeatureText(capabilitiesOf({ id: 'v2.3', major: 2, minor: 3 }), 'hidden')));
  });

  it('src/openstack: a clouds.yaml problem is one sentence after where it is', () => {
    const origin = { file: 'clouds.yaml', cloud: 'prod', keyPath: (key: string) => `clouds.prod.${key}` };
    assert.throws(
      () => normaliseCloud({ auth: {} }, origin, { kind: 'file', path: 'clouds.yaml' }),
      (error: unknown) => error instanceof ConfigError && /^«clouds\.yaml, cloud "prod"»: «clouds\.prod\.auth\.auth_url is missing\. .*»$/.test(error.explanation),
    );
  });
});
