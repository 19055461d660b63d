import type { HttpRequest } from '../../platform/ports';
import { collectAll, connectorBed, IDCS_BASE_URL, idcsTestBed } from '../../../test/kit/connector-bed';
import { jsonResponse } from '../../fakes/idp/fake-http';
import { USER_EXTENSION } from '../../fakes/idp/idcs-fake-model';
import { idcsId, seedIdcs } from '../../fakes/idp/seed-idcs';
import { IdpError } from '../idp-error';
import { createOracleIdcsConnector } from './connector';

describe('Oracle IDCS connector: listing users', () => {
  it.each([
    [0, 1],
    [1, 1],
    [1000, 1],
    [1001, 2],
    [2500, 3],
  ])('lists %i users in %i requests of at most 1000', async (userCount, requests) => {
    const bed = idcsTestBed(seedIdcs(userCount, 0, 0));
    const { items, pages, mark } = await collectAll((cursor) => bed.connector.listUsersPage!(cursor));
    expect(items.map((u) => u.id).sort()).toEqual(
      seedIdcs(userCount, 0, 0)
        .users.map((u) => u.id)
        .sort(),
    );
    expect(new Set(items.map((u) => u.id)).size).toBe(userCount);
    expect(pages).toBe(requests);
    const userCalls = bed.calls('/admin/v1/Users');
    expect(userCalls).toHaveLength(requests);
    expect(userCalls.map((c) => c.query.startIndex)).toEqual(Array.from({ length: requests }, (_, i) => String(1 + i * 1000)));
    expect(userCalls.every((c) => c.query.count === '1000')).toBe(true);
    expect(mark === undefined).toBe(userCount === 0);
  });

  it('normalises users: primary email once, names, active, direct groups, attributes for mapping', async () => {
    const bed = idcsTestBed({
      users: [
        {
          id: 'u1',
          userName: 'ada',
          givenName: 'Ada',
          familyName: 'Lovelace',
          displayName: 'Ada Lovelace',
          email: 'ada@example.com',
          active: false,
          serviceUser: false,
          extra: {
            title: 'Engineer',
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D', manager: { value: 'u9' } },
            phoneNumbers: [{ value: '+100', type: 'work' }],
          },
        },
      ],
      groups: [
        { id: 'g1', displayName: 'static', members: ['u1'] },
        { id: 'g2', displayName: 'dynamic', members: ['u1'], dynamic: true },
      ],
    });
    const { items } = await bed.connector.listUsersPage!(undefined);
    expect(items).toEqual([
      {
        id: 'u1',
        userName: 'ada',
        emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
        displayName: 'Ada Lovelace',
        givenName: 'Ada',
        familyName: 'Lovelace',
        active: false,
        groups: ['g1'],
        attributes: expect.objectContaining({
          title: 'Engineer',
          'name.formatted': 'Ada Lovelace',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'R&D',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value': 'u9',
          [`${USER_EXTENSION}:serviceUser`]: false,
          phoneNumbers: ['+100'],
        }),
        lastModified: '2026-01-01T00:00:00.000Z',
      },
    ]);
    expect(bed.calls('/admin/v1/Users')[0]!.query).toMatchObject({ attributeSets: 'default', attributes: 'groups', sortBy: 'id' });
  });

  it('takes groups from the configured group-membership attribute', async () => {
    const bed = idcsTestBed(
      { users: [{ id: 'u1', userName: 'ada', extra: { 'urn:acme:User': { atlassianGroups: ['jira-admins', 'devs'] } } }] },
      { groupMembershipAttribute: 'urn:acme:User:atlassianGroups' },
    );
    const { items } = await bed.connector.listUsersPage!(undefined);
    expect(items[0]!.groups).toEqual(['jira-admins', 'devs']);
    expect(bed.calls('/admin/v1/Users')[0]!.query.attributes).toBe('groups,urn:acme:User:atlassianGroups');
  });

  it('skips a resource it cannot read instead of failing the page', async () => {
    const bed = idcsTestBed(
      { users: [{ id: 'u1', userName: 'ok' }] },
      {},
      {
        transport: (fake) => ({
          send: async (request) => {
            const response = await fake.handle(request);
            if (!request.url.includes('/admin/v1/Users')) return response;
            const body = JSON.parse(response.body);
            body.Resources.push({ id: 'broken' });
            body.totalResults += 1;
            return { ...response, body: JSON.stringify(body) };
          },
        }),
      },
    );
    const { items } = await bed.connector.listUsersPage!(undefined);
    expect(items.map((u) => u.id)).toEqual(['u1']);
    expect(bed.log.events()).toContain('idp.idcs.resources_skipped');
  });
});

describe('Oracle IDCS connector: groups and members', () => {
  it('lists groups without members', async () => {
    const bed = idcsTestBed(seedIdcs(10, 3, 5));
    const { items } = await collectAll((cursor) => bed.connector.listGroupsPage!(cursor));
    expect(items).toEqual([0, 1, 2].map((j) => ({ id: idcsId('group', j), displayName: `group-${j}`, lastModified: expect.any(String) })));
    expect(bed.calls('/admin/v1/Groups')[0]!.query.attributes).toBe('displayName');
  });

  it.each([
    [2500, 3],
    [1000, 2],
    [0, 1],
  ])('pages the %i members of a group inside the attribute selector (%i requests)', async (members, requests) => {
    const bed = idcsTestBed({ ...seedIdcs(Math.max(members, 1), 1, members), memberLimit: 1000 });
    const group = idcsId('group', 0);
    const { items } = await collectAll((cursor) => bed.connector.listGroupMembersPage!(group, cursor));
    expect(new Set(items).size).toBe(members);
    const calls = bed.calls(`/admin/v1/Groups/${group}`);
    expect(calls).toHaveLength(requests);
    expect(calls.map((c) => c.query.attributes)).toEqual(
      Array.from({ length: requests }, (_, i) => `members[startIndex=${1 + i * 1000}&count=1000]`),
    );
  });

  it('reports a group that no longer exists as notFound', async () => {
    const bed = idcsTestBed(seedIdcs(1, 0, 0));
    await expect(bed.connector.listGroupMembersPage!('missing', undefined)).rejects.toMatchObject({ kind: 'notFound' });
  });
});

describe('Oracle IDCS connector: lookup and connection test', () => {
  const users = [
    { id: 'u1', userName: 'ada', email: 'ada.lovelace@example.com' },
    { id: 'u2', userName: 'grace@example.com', email: 'grace@example.com' },
    { id: 'u3', userName: 'ADA.LOVELACE@EXAMPLE.COM' },
  ];

  it('finds a user by userName, case-insensitively, with groups', async () => {
    const bed = idcsTestBed({ users, groups: [{ id: 'g1', displayName: 'devs', members: ['u1'] }] });
    const user = await bed.connector.lookupUser('ADA');
    expect(user).toMatchObject({ id: 'u1', userName: 'ada', groups: ['g1'] });
  });

  it('finds a user by email, preferring a userName match, and keeps the value out of the URL', async () => {
    const bed = idcsTestBed({ users });
    expect(await bed.connector.lookupUser('Grace@Example.com')).toMatchObject({ id: 'u2' });
    expect(await bed.connector.lookupUser('ada.lovelace@example.com')).toMatchObject({ id: 'u3' });
    bed.fake.removeUser('u3');
    expect(await bed.connector.lookupUser('ada.lovelace@example.com')).toMatchObject({ id: 'u1' });
    const searches = bed.fake.requests.filter((r) => r.path === '/admin/v1/Users/.search');
    expect(searches.length).toBe(3);
    expect(JSON.stringify(bed.fake.requests)).not.toContain('lovelace');
  });

  it('answers undefined for an unknown or empty name', async () => {
    const bed = idcsTestBed({ users });
    expect(await bed.connector.lookupUser('nobody@example.com')).toBeUndefined();
    expect(await bed.connector.lookupUser('  ')).toBeUndefined();
  });

  it('tests the connection: counts users, and checks the app has assignments', async () => {
    const plain = idcsTestBed(seedIdcs(3, 0, 0));
    expect(await plain.connector.testConnection()).toEqual({ ok: true, detail: expect.stringContaining('3 users') });
    const granted = idcsTestBed(
      { ...seedIdcs(3, 0, 0), grants: [{ appId: 'app1', grantee: { type: 'User', value: idcsId('user', 0) } }] },
      { appId: 'app1' },
    );
    expect(await granted.connector.testConnection()).toEqual({ ok: true, detail: expect.stringContaining('1 assignments') });
    const empty = idcsTestBed(seedIdcs(3, 0, 0), { appId: 'app-typo' });
    expect(await empty.connector.testConnection()).toEqual({ ok: false, detail: expect.stringContaining('No user or group is assigned') });
  });

  it('reports a wrong client secret clearly', async () => {
    const bed = idcsTestBed(seedIdcs(3, 0, 0), {}, { secret: 'wrong' });
    const result = await bed.connector.testConnection();
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/rejected the client id or secret \(invalid_client\)/);
    await expect(bed.connector.listUsersPage!(undefined)).rejects.toMatchObject({ kind: 'unauthorized' });
  });

  it('reports a missing secret and bad settings as invalidConfig', async () => {
    const { deps } = connectorBed({ send: async () => jsonResponse(500, {}) });
    const connector = createOracleIdcsConnector({ baseUrl: IDCS_BASE_URL, clientId: 'c' }, deps);
    await expect(connector.listUsersPage!(undefined)).rejects.toMatchObject({
      kind: 'invalidConfig',
      message: expect.stringContaining('client secret is not set'),
    });
    expect(() => createOracleIdcsConnector({ baseUrl: 'http://idcs.example.com', clientId: 'c' }, deps)).toThrow(
      expect.objectContaining({ kind: 'invalidConfig', message: expect.stringContaining('baseUrl') }),
    );
  });

  it('refuses a cursor it did not issue', async () => {
    const bed = idcsTestBed(seedIdcs(1, 0, 0));
    await expect(bed.connector.listUsersPage!({ startIndex: 'x' })).rejects.toMatchObject({ kind: 'invalidConfig' });
    const granted = idcsTestBed(seedIdcs(1, 0, 0), { appId: 'app1' });
    await expect(granted.connector.listUsersPage!({ mode: 'directory', startIndex: 1 })).rejects.toMatchObject({ kind: 'invalidConfig' });
  });
});

describe('Oracle IDCS connector: errors', () => {
  /** A domain that issues tokens and answers every admin call with one canned response. */
  function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
    return idcsTestBed(
      seedIdcs(1, 0, 0),
      {},
      {
        transport: (fake) => ({
          send: async (request: HttpRequest) => (request.url.includes('/admin/') ? jsonResponse(status, body, headers) : fake.handle(request)),
        }),
      },
    );
  }

  it.each([
    [403, 'forbidden'],
    [404, 'notFound'],
    [400, 'invalidConfig'],
    [503, 'transient'],
    [429, 'rateLimited'],
  ])('maps HTTP %i to %s', async (status, kind) => {
    const bed = answering(status, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail: 'x' });
    const error = await bed.connector.listUsersPage!(undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdpError);
    expect(error).toMatchObject({ kind, details: { status } });
  });

  it('names the Oracle messageId and the correlation id of a refused request', async () => {
    const bed = answering(
      400,
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error', 'urn:ietf:params:scim:api:oracle:idcs:extension:messages:Error'],
        detail: 'Invalid attribute.',
        status: '400',
        'urn:ietf:params:scim:api:oracle:idcs:extension:messages:Error': { messageId: 'error.common.invalidAttribute' },
      },
      { 'x-oracle-dms-ecid': 'ecid-42' },
    );
    await expect(bed.connector.listUsersPage!(undefined)).rejects.toMatchObject({
      kind: 'invalidConfig',
      message: expect.stringContaining('error.common.invalidAttribute'),
      details: { status: 400, requestId: 'ecid-42' },
    });
  });

  it('tolerates error bodies that are not SCIM, and refuses success bodies that are not', async () => {
    const html = idcsTestBed(
      seedIdcs(1, 0, 0),
      {},
      {
        transport: (fake) => ({
          send: async (request: HttpRequest) =>
            request.url.includes('/admin/') ? { status: 403, headers: {}, body: '<html>Forbidden</html>' } : fake.handle(request),
        }),
      },
    );
    await expect(html.connector.listUsersPage!(undefined)).rejects.toMatchObject({ kind: 'forbidden' });
    const odd = answering(200, { unexpected: true });
    await expect(odd.connector.listUsersPage!(undefined)).rejects.toMatchObject({ kind: 'invalidResponse' });
  });

  it('turns a network failure into a transient error', async () => {
    const { HttpNetworkError } = await import('../../platform/http-errors');
    const bed = idcsTestBed(
      seedIdcs(1, 0, 0),
      {},
      {
        transport: () => ({
          send: async () => {
            throw new HttpNetworkError('POST', 'idcs.example.com', new Error('ECONNRESET'));
          },
        }),
      },
    );
    await expect(bed.connector.listUsersPage!(undefined)).rejects.toMatchObject({ kind: 'transient' });
  });

  it('logs ids and counts, never names, emails, secrets or tokens', async () => {
    const bed = idcsTestBed({ users: [{ id: 'u1', userName: 'ada', email: 'ada@example.com' }], tokenTtlSeconds: 120 }, {});
    bed.fake.throttleNext(1);
    await bed.connector.lookupUser('ada@example.com');
    bed.fake.revokeTokens();
    await collectAll((cursor) => bed.connector.listUsersPage!(cursor));
    await bed.connector.listGroupMembersPage!('missing', undefined).catch(() => undefined);
    const text = bed.log.text();
    expect(bed.log.entries.length).toBeGreaterThan(2);
    for (const secretOrPersonal of ['ada', 'example.com', 'secret-1', 'fake-idcs-access-token']) {
      expect(text).not.toContain(secretOrPersonal);
    }
  });
});
