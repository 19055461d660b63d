import { listPendingChanges } from '../../src/records/change-records';
import { recentRequests } from '../../src/records/request-log';
import { ENTERPRISE, ScimTestClient, oktaUser, patchOps } from '../kit/scim-client';

describe('SCIM /Users', () => {
  let scim: ScimTestClient;

  beforeEach(async () => {
    scim = await ScimTestClient.create();
  });

  describe('authentication', () => {
    it("answers 401 with a SCIM error body without a token, with a wrong one, and with another connection's", async () => {
      const other = await scim.sibling();
      for (const token of [undefined, 'ugs_wrong', other.token]) {
        const reply = await scim.get('/Users', { token });
        expect(reply.status).toBe(401);
        expect(reply.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
        expect(reply.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    });

    it('keeps connections apart: a user created through A is invisible to B', async () => {
      const other = await scim.sibling();
      const created = await scim.post('/Users', oktaUser('ada@example.com'));
      expect((await other.get(`/Users/${created.body.id}`)).status).toBe(404);
      expect((await other.get('/Users?filter=userName eq "ada@example.com"')).body.totalResults).toBe(0);
      expect((await other.post('/Users', oktaUser('ada@example.com'))).status).toBe(201);
    });

    it('answers an unknown connection exactly like a wrong token, and checks the token before the body', async () => {
      const unknown = await scim.send('GET', '/Users', undefined, { path: '/zzzzzzzzzzzz/scim/v2/Users' });
      expect(unknown.status).toBe(401);
      const badBodyBadToken = await scim.post('/Users', '{not json', { token: 'ugs_wrong' });
      expect(badBodyBadToken.status).toBe(401);
    });
  });

  describe('create and read', () => {
    it('creates a user: 201, Location, ETag, meta, and never returns or keeps the password', async () => {
      const reply = await scim.post('/Users', oktaUser('ada@example.com', { password: 'S3cret!', favouriteColour: 'blue' }));
      expect(reply.status).toBe(201);
      expect(reply.headers.location).toBe(`${scim.baseUrl}/Users/${reply.body.id}`);
      expect(reply.headers.etag).toBe('W/"1"');
      expect(reply.body).toMatchObject({
        userName: 'ada@example.com',
        active: true,
        name: { givenName: 'Ada' },
        meta: { resourceType: 'User', version: 'W/"1"', location: reply.headers.location },
      });
      expect(JSON.stringify(reply.body)).not.toContain('S3cret');
      expect(reply.body.favouriteColour).toBeUndefined();
      const stored = await scim.platform.store.get(`c:${scim.connectionId}:u:${reply.body.id}`);
      expect(JSON.stringify(stored)).not.toContain('S3cret');
      expect(JSON.stringify(stored)).toContain('favouriteColour');
    });

    it('refuses a duplicate userName in any case with 409 uniqueness', async () => {
      await scim.post('/Users', oktaUser('Ada@Example.com'));
      const reply = await scim.post('/Users', oktaUser('ada@example.COM'));
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    });

    it('answers 400 with the SCIM scimType for bad bodies', async () => {
      expect((await scim.post('/Users', '{"userName": ')).body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
      expect((await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] })).body).toMatchObject({
        status: '400',
        scimType: 'invalidValue',
      });
      expect((await scim.post('/Users', { userName: 'x', active: 'maybe' })).status).toBe(400);
    });

    it('answers 413 for a body over 1 MiB and 415 for a non-JSON content type', async () => {
      const huge = oktaUser('big@example.com', { title: 'x'.repeat(1024 * 1024 + 10) });
      expect((await scim.post('/Users', huge)).status).toBe(413);
      expect((await scim.post('/Users', oktaUser('t@example.com'), { headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
    });

    it('gets by id (404 for unknown) and answers If-None-Match with 304', async () => {
      const { body } = await scim.post('/Users', oktaUser('ada@example.com'));
      expect((await scim.get(`/Users/${body.id}`)).body.userName).toBe('ada@example.com');
      const missing = await scim.get('/Users/doesnotexist');
      expect(missing.status).toBe(404);
      expect(missing.body.detail).toMatch(/doesnotexist/);
      expect((await scim.get(`/Users/${body.id}`, { headers: { 'If-None-Match': 'W/"1"' } })).status).toBe(304);
    });
  });

  describe('filters and lists', () => {
    beforeEach(async () => {
      await scim.post('/Users', oktaUser('ada@example.com', { externalId: 'okta-1' }));
      await scim.post(
        '/Users',
        oktaUser('bob@example.com', {
          externalId: 'okta-2',
          emails: [
            { value: 'bob@work.example', type: 'work' },
            { value: 'bob@home.example', type: 'home' },
          ],
        }),
      );
      await scim.post('/Users', oktaUser('cy@example.com', { active: false }));
    });

    it.each([
      ['userName eq "ADA@example.com"', ['ada@example.com']],
      ['externalId eq "okta-2"', ['bob@example.com']],
      ['emails[type eq "work"].value eq "bob@work.example"', ['bob@example.com']],
      ['emails[type eq "work"].value eq "bob@home.example"', []],
      ['emails.value eq "bob@home.example"', ['bob@example.com']],
      ['active eq false', ['cy@example.com']],
      ['userName sw "b" or userName ew "cy@example.com"', ['bob@example.com', 'cy@example.com']],
      ['not (active eq true)', ['cy@example.com']],
      ['userName eq "nobody@example.com"', []],
    ])('filter %s', async (filter, expected) => {
      const reply = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);
      expect(reply.status).toBe(200);
      expect(reply.body.totalResults).toBe(expected.length);
      expect(reply.body.Resources.map((u: { userName: string }) => u.userName).sort()).toEqual(expected);
    });

    it('answers a malformed filter with 400 invalidFilter', async () => {
      const reply = await scim.get(`/Users?filter=${encodeURIComponent('userName eq')}`);
      expect(reply.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    });

    it('pages with startIndex/count and a correct totalResults, and sorts by userName', async () => {
      const page = await scim.get('/Users?startIndex=2&count=1&sortBy=userName');
      expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
      expect(page.body.Resources[0].userName).toBe('bob@example.com');
      const descending = await scim.get('/Users?sortBy=userName&sortOrder=descending');
      expect(descending.body.Resources.map((u: { userName: string }) => u.userName)).toEqual([
        'cy@example.com',
        'bob@example.com',
        'ada@example.com',
      ]);
      expect((await scim.get('/Users?count=0')).body).toMatchObject({ totalResults: 3, Resources: [] });
    });

    it('applies attributes and excludedAttributes, keeping id and schemas', async () => {
      const only = await scim.get('/Users?attributes=userName&filter=userName eq "ada@example.com"');
      expect(Object.keys(only.body.Resources[0]).sort()).toEqual(['id', 'meta', 'schemas', 'userName'].sort());
      const without = await scim.get('/Users?excludedAttributes=emails,name&filter=userName eq "ada@example.com"');
      expect(without.body.Resources[0].emails).toBeUndefined();
      expect(without.body.Resources[0].userName).toBe('ada@example.com');
    });
  });

  describe('update and delete', () => {
    let id: string;
    beforeEach(async () => {
      id = (await scim.post('/Users', oktaUser('ada@example.com'))).body.id;
    });

    it('PUT replaces the resource, clearing what is omitted', async () => {
      const reply = await scim.put(`/Users/${id}`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'ada@example.com',
        active: true,
        title: 'Countess',
      });
      expect(reply.status).toBe(200);
      expect(reply.body.title).toBe('Countess');
      expect(reply.body.name).toBeUndefined();
      expect(reply.body.meta.version).toBe('W/"2"');
    });

    it('PUT also replaces the attributes outside the schemas that are kept for mapping', async () => {
      const key = `c:${scim.connectionId}:u:${id}`;
      await scim.put(`/Users/${id}`, { userName: 'ada@example.com', costCentre: 'CC-1' });
      expect(JSON.stringify((await scim.platform.store.get(key))?.value)).toContain('CC-1');
      await scim.put(`/Users/${id}`, { userName: 'ada@example.com' });
      expect(JSON.stringify((await scim.platform.store.get(key))?.value)).not.toContain('CC-1');
    });

    it("deactivates with Okta's pathless replace and with Entra's capitalised op and string boolean", async () => {
      expect((await scim.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active: false } }))).body.active).toBe(false);
      expect((await scim.patch(`/Users/${id}`, patchOps({ op: 'Replace', path: 'active', value: 'True' }))).body.active).toBe(true);
    });

    it("applies Entra's paths: value filters, sub-attributes and enterprise URNs", async () => {
      const reply = await scim.patch(
        `/Users/${id}`,
        patchOps(
          { op: 'Add', path: 'emails[type eq "work"].value', value: 'ada@work.example' },
          { op: 'Replace', path: 'name.givenName', value: 'Augusta' },
          { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Analytics' },
          { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'boss-id' },
          { op: 'Replace', path: 'addresses[type eq "work"].formatted', value: '1 Main St' },
        ),
      );
      expect(reply.status).toBe(200);
      expect(reply.body.name.givenName).toBe('Augusta');
      expect(reply.body[ENTERPRISE]).toMatchObject({ department: 'Analytics', manager: { value: 'boss-id' } });
      expect(reply.body.addresses).toEqual([expect.objectContaining({ type: 'work', formatted: '1 Main St' })]);
      expect(reply.body.emails.some((e: { value: string }) => e.value === 'ada@work.example')).toBe(true);
      const byNewEmail = await scim.get(`/Users?filter=${encodeURIComponent('emails.value eq "ada@work.example"')}`);
      expect(byNewEmail.body.totalResults).toBe(1);
    });

    it('accepts PATCH sent as POST with X-HTTP-Method-Override', async () => {
      const reply = await scim.post(`/Users/${id}`, patchOps({ op: 'replace', path: 'displayName', value: 'A. L.' }), {
        headers: { 'X-HTTP-Method-Override': 'PATCH' },
      });
      expect(reply.status).toBe(200);
      expect(reply.body.displayName).toBe('A. L.');
    });

    it('answers PATCH errors with the scimType RFC 7644 names', async () => {
      expect((await scim.patch(`/Users/${id}`, patchOps({ op: 'jump', path: 'active', value: true }))).status).toBe(400);
      expect((await scim.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'emails[type eq "work"', value: 'x' }))).body.scimType).toBe(
        'invalidPath',
      );
      expect((await scim.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'id', value: 'other' }))).body.scimType).toBe('mutability');
    });

    it('refuses a stale If-Match with 412 and keeps the newer version', async () => {
      await scim.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'title', value: 'one' }));
      const stale = await scim.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'title', value: 'two' }), { headers: { 'If-Match': 'W/"1"' } });
      expect(stale.status).toBe(412);
      expect((await scim.get(`/Users/${id}`)).body.title).toBe('one');
    });

    it('deletes: 204, then 404, and the userName is free again', async () => {
      expect((await scim.delete(`/Users/${id}`)).status).toBe(204);
      expect((await scim.get(`/Users/${id}`)).status).toBe(404);
      expect((await scim.delete(`/Users/${id}`)).status).toBe(404);
      expect((await scim.post('/Users', oktaUser('ada@example.com'))).status).toBe(201);
    });

    it('records a change for the provisioning worker and a request summary for the admin page', async () => {
      await scim.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active: false } }));
      const changes = await listPendingChanges(scim.platform.store, scim.connectionId);
      expect(changes.items.map((c) => c.value)).toEqual([expect.objectContaining({ kind: 'user', subjectId: id, changed: ['active'] })]);
      const requests = await recentRequests(scim.platform.store, scim.connectionId);
      expect(requests.slice(0, 2)).toEqual([
        expect.objectContaining({ method: 'PATCH', path: '/Users/{id}', status: 200 }),
        expect.objectContaining({ method: 'POST', path: '/Users', status: 201 }),
      ]);
      expect(JSON.stringify(requests)).not.toContain('ada@example.com');
    });
  });

  describe('discovery and unsupported endpoints', () => {
    it('serves ServiceProviderConfig, ResourceTypes and Schemas, and 501 for /Me and /Bulk', async () => {
      const spc = await scim.get('/ServiceProviderConfig');
      expect(spc.body).toMatchObject({
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 100 },
        sort: { supported: true },
        etag: { supported: true },
      });
      expect((await scim.get('/ResourceTypes')).body.Resources.map((r: { name: string }) => r.name)).toEqual(['User', 'Group']);
      expect((await scim.get('/ResourceTypes/User')).body.schemaExtensions).toEqual([expect.objectContaining({ schema: ENTERPRISE })]);
      expect((await scim.get(`/Schemas/${ENTERPRISE}`)).body.attributes.map((a: { name: string }) => a.name)).toContain('manager');
      expect((await scim.get('/Me')).status).toBe(501);
      expect((await scim.post('/Bulk', {})).body).toMatchObject({ status: '501' });
      expect((await scim.get('/Widgets')).status).toBe(404);
      expect((await scim.get('/users')).status).toBe(200);
    });
  });
});
