import { GROUP_SCHEMA, oktaUser, patchOps, ScimTestClient } from '../kit/scim-client';

// A token for connection A never reads or writes connection B's directory, whatever the verb or resource.

async function twoConnections() {
  const a = await ScimTestClient.create();
  const b = await a.sibling();
  const user = (await b.post('/Users', oktaUser('ada@example.com'))).body;
  const group = (await b.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering', members: [{ value: user.id }] })).body;
  return { a, b, user, group };
}

/** Every stored key and value of connection B, to prove that A's requests changed nothing of it. */
function keysOf(client: ScimTestClient, connectionId: string): string {
  const rows = client.platform.db.prepare('SELECT key, value, version FROM kv WHERE key LIKE ? ORDER BY key').all(`c:${connectionId}:%`);
  return JSON.stringify(rows);
}

describe('per-connection isolation', () => {
  it("answers 404 to A for B's groups on every verb, and leaves B's records untouched", async () => {
    const { a, b, user, group } = await twoConnections();
    const before = keysOf(b, b.connectionId);
    const replies = [
      await a.get(`/Groups/${group.id}`),
      await a.put(`/Groups/${group.id}`, { schemas: [GROUP_SCHEMA], displayName: 'Hijacked', members: [] }),
      await a.patch(`/Groups/${group.id}`, patchOps({ op: 'replace', path: 'displayName', value: 'Hijacked' })),
      await a.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: `members[value eq "${user.id}"]` })),
      await a.delete(`/Groups/${group.id}`),
      await a.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'active', value: false })),
      await a.put(`/Users/${user.id}`, oktaUser('mallory@example.com')),
      await a.delete(`/Users/${user.id}`),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    expect(keysOf(b, b.connectionId)).toBe(before);
    expect((await b.get(`/Groups/${group.id}`)).body).toMatchObject({ displayName: 'Engineering', members: [{ value: user.id }] });
  });

  it("lists and filters nothing of B's through A, and cannot add B's users to A's groups", async () => {
    const { a, user } = await twoConnections();
    expect((await a.get('/Groups')).body.totalResults).toBe(0);
    expect((await a.get('/Groups?filter=displayName eq "Engineering"')).body.totalResults).toBe(0);
    expect((await a.get('/Users')).body.totalResults).toBe(0);
    const own = (await a.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Own' })).body;
    const add = await a.patch(`/Groups/${own.id}`, patchOps({ op: 'add', path: 'members', value: [{ value: user.id }] }));
    expect(add.status).toBeGreaterThanOrEqual(400);
    expect(add.status).toBeLessThan(500);
    expect((await a.get(`/Groups/${own.id}`)).body.members ?? []).toEqual([]);
  });

  it("refuses B's token on A's URL", async () => {
    const { a, b } = await twoConnections();
    const reply = await a.get('/Users', { token: b.token });
    expect(reply.status).toBe(401);
  });
});
