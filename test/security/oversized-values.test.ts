import { recentRequests } from '../../src/records/request-log';
import { ENTERPRISE, GROUP_SCHEMA, oktaUser, patchOps, ScimTestClient } from '../kit/scim-client';

// Every Forge KVS limit a client can reach with what it sends (value size, nesting depth) is a 4xx SCIM error
// that stores nothing; IdPs retry 5xx, and Entra quarantines apps that answer them.

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

const huge = (chars: number) => 'x'.repeat(chars);

describe('values too large or too deep to store', () => {
  const cases: [string, (scim: ScimTestClient, ids: { user: string; group: string }) => Promise<{ status: number; body: any }>][] = [
    ['a 300,000-character userName', (scim) => scim.post('/Users', oktaUser(`${huge(300_000)}@example.com`))],
    ['a 2,000-character userName', (scim) => scim.post('/Users', oktaUser(`${huge(2_000)}@example.com`))],
    ['a 300 KB displayName', (scim) => scim.post('/Users', oktaUser('ada@example.com', { displayName: huge(300_000) }))],
    ['a 300 KB externalId', (scim) => scim.post('/Users', oktaUser('ada@example.com', { externalId: huge(300_000) }))],
    [
      'an enterprise attribute nested 40 deep',
      (scim) =>
        scim.post(
          '/Users',
          oktaUser('ada@example.com', {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
            [ENTERPRISE]: { department: nested(40) },
          }),
        ),
    ],
    ['an unknown attribute nested 40 deep', (scim) => scim.post('/Users', oktaUser('ada@example.com', { custom: nested(40) }))],
    ['a 300 KB title in a PUT', (scim, ids) => scim.put(`/Users/${ids.user}`, oktaUser('kept@example.com', { title: huge(300_000) }))],
    [
      'a 300 KB nickName in a PATCH',
      (scim, ids) => scim.patch(`/Users/${ids.user}`, patchOps({ op: 'replace', path: 'nickName', value: huge(300_000) })),
    ],
    ['a value nested 40 deep in a PATCH', (scim, ids) => scim.patch(`/Users/${ids.user}`, patchOps({ op: 'add', value: { custom: nested(40) } }))],
    ['a 300,000-character group displayName', (scim) => scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: huge(300_000) })],
    [
      'a group renamed to 2,000 characters',
      (scim, ids) => scim.patch(`/Groups/${ids.group}`, patchOps({ op: 'replace', path: 'displayName', value: huge(2_000) })),
    ],
    ['a 300 KB group externalId', (scim) => scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'big', externalId: huge(300_000) })],
  ];

  it.each(cases)('%s is refused 400 with a SCIM error, stores nothing, and is shown on the admin page', async (_label, send) => {
    const scim = await ScimTestClient.create();
    const user = (await scim.post('/Users', oktaUser('kept@example.com'))).body.id;
    const group = (await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'kept' })).body.id;
    const before = await scim.get(`/Users/${user}`);
    const reply = await send(scim, { user, group });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400' });
    expect(['invalidValue', 'invalidSyntax']).toContain(reply.body.scimType);
    expect(scim.platform.log.events()).not.toContain('scim.unexpected_error');
    expect((await scim.get('/Users')).body.totalResults).toBe(1);
    expect((await scim.get('/Groups')).body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual(['kept']);
    expect((await scim.get(`/Users/${user}`)).headers.etag).toBe(before.headers.etag);
    expect((await recentRequests(scim.platform.store, scim.connectionId, 50)).some((entry) => entry.status === 400)).toBe(true);
  });
});

describe('the request log', () => {
  it('keeps an allow-listed method and the path with unknown segments replaced, whatever the caller sent', async () => {
    const scim = await ScimTestClient.create();
    await scim.send('POST', '/Users', oktaUser('ada@example.com'), { headers: { 'X-HTTP-Method-Override': `PATCH${'X'.repeat(6_000)}` } });
    await scim.get('/ada.lovelace@example.com-salary-120000');
    await scim.get('/Users/abc123/ada.lovelace@example.com');
    const entries = await recentRequests(scim.platform.store, scim.connectionId, 10);
    expect(entries.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(['GET /Users/{id}/{unknown}', 'GET /{unknown}', 'OTHER /Users']);
    expect(JSON.stringify(entries)).not.toMatch(/ada|XXXX/);
  });
});
