import { handleScimRequest } from '../../src/scim-service/scim-endpoint';
import { createAuthGate } from '../../src/scim-service/auth-gate';
import { oktaUser, patchOps, ScimTestClient, TRIGGER_URL } from '../kit/scim-client';
import { webTriggerRequest } from '../kit/webtrigger-request';

// Ids come from URLs, filters and bodies, and end up in store keys, whose charset and length are limited. An id
// that no resource can have is answered as absent (404, or 400 where the body names it), never with a 500, and a
// connection id that no connection can have is refused before the store is read.

const HOSTILE_IDS = ['a@b', 'x'.repeat(600), 'é', 'a/b', '..', 'a b', '%', '\u0000', '💥', 'A'.repeat(40)].map((id) => [
  id.length > 40 ? `${id.slice(0, 8)}… (${id.length} characters)` : JSON.stringify(id),
  id,
]);

describe('ids outside the id alphabet', () => {
  let scim: ScimTestClient;
  let userId: string;
  let groupId: string;

  beforeEach(async () => {
    scim = await ScimTestClient.create();
    userId = (await scim.post('/Users', oktaUser('ada@example.com'))).body.id;
    groupId = (await scim.post('/Groups', { displayName: 'Engineering', members: [{ value: userId }] })).body.id;
  });

  it.each(HOSTILE_IDS)('%s in the URL is a 404 for Users and Groups, on every verb', async (_label, id) => {
    const path = encodeURIComponent(id);
    for (const resource of ['Users', 'Groups']) {
      for (const [method, body] of [
        ['GET'],
        ['DELETE'],
        ['PUT', oktaUser('x@example.com')],
        ['PATCH', patchOps({ op: 'replace', path: 'active', value: false })],
      ] as const) {
        const reply = await scim.send(method, `/${resource}/${path}`, body);
        expect({ resource, method, status: reply.status }).toEqual({ resource, method, status: 404 });
        expect(reply.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
      }
    }
  });

  it.each(HOSTILE_IDS)('%s in filters finds nothing', async (_label, id) => {
    for (const filter of [`id eq "${id}"`, `members[value eq "${id}"]`]) {
      const reply = await scim.get(`/Groups?filter=${encodeURIComponent(filter.replace(/\\/g, '\\\\').replaceAll('\u0000', ''))}`);
      expect({ filter, status: reply.status, total: reply.body.totalResults }).toEqual({ filter, status: 200, total: 0 });
    }
    const users = await scim.get(`/Users?filter=${encodeURIComponent(`id eq "${id.replaceAll('\u0000', '')}"`)}`);
    expect(users.status).toBe(200);
    expect(users.body.totalResults).toBe(0);
  });

  it.each(HOSTILE_IDS)('%s as a member value is refused with 400 on add, and is a no-op on remove', async (_label, id) => {
    const created = await scim.post('/Groups', { displayName: 'Other', members: [{ value: id }] });
    expect(created.status).toBe(400);
    const add = await scim.patch(`/Groups/${groupId}`, patchOps({ op: 'add', path: 'members', value: [{ value: id }] }));
    expect(add.status).toBe(400);
    const remove = await scim.patch(`/Groups/${groupId}`, patchOps({ op: 'remove', path: 'members', value: [{ value: id }] }));
    expect(remove.status).toBeLessThan(300);
    const members = (await scim.get(`/Groups/${groupId}`)).body.members.map((m: { value: string }) => m.value);
    expect(members).toEqual([userId]);
  });
});

describe('connection ids no connection can have', () => {
  it.each([['a%40b'], ['x'.repeat(600)], ['%C3%A9'], ['ABCDEFGHIJ'], ['short']].map(([segment]) => [segment.slice(0, 12), segment]))(
    '%s gets 401 without a store read',
    async (_label, segment) => {
      const scim = await ScimTestClient.create();
      const authGate = createAuthGate();
      scim.platform.store.reset();
      for (let i = 0; i < 3; i++) {
        const request = webTriggerRequest({ method: 'GET', path: `/${segment}/scim/v2/Users`, token: scim.token, asForge: true });
        const reply = await handleScimRequest({ platform: scim.platform, triggerUrl: async () => TRIGGER_URL, authGate }, request);
        expect(reply?.statusCode).toBe(401);
        expect(JSON.parse(reply?.body ?? '{}').schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
      }
      expect(scim.platform.store.snapshot().calls).toBe(0);
      expect(scim.platform.log.events()).not.toContain('scim.unexpected_error');
    },
  );
});

describe('names with control characters', () => {
  it.each(['nul\u0000@example.com', 'tab\t@example.com', 'line\nbreak@example.com', 'del\u007f@example.com'])(
    '%j is refused as a userName and a displayName, on create, rename and PATCH',
    async (name) => {
      const scim = await ScimTestClient.create();
      expect((await scim.post('/Users', oktaUser(name))).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
      const user = (await scim.post('/Users', oktaUser('ok@example.com'))).body.id;
      expect((await scim.put(`/Users/${user}`, oktaUser(name))).status).toBe(400);
      expect((await scim.patch(`/Users/${user}`, patchOps({ op: 'replace', path: 'userName', value: name }))).status).toBe(400);
      expect((await scim.post('/Groups', { displayName: name })).status).toBe(400);
      const group = (await scim.post('/Groups', { displayName: 'Fine' })).body.id;
      expect((await scim.patch(`/Groups/${group}`, patchOps({ op: 'replace', path: 'displayName', value: name }))).status).toBe(400);
      expect((await scim.get(`/Users/${user}`)).body.userName).toBe('ok@example.com');
      expect((await scim.get(`/Groups/${group}`)).body.displayName).toBe('Fine');
    },
  );
});
