import { GROUP_SCHEMA, ScimTestClient, oktaUser, patchOps } from '../kit/scim-client';

describe('SCIM /Groups', () => {
  let scim: ScimTestClient;
  let ids: string[];

  beforeEach(async () => {
    scim = await ScimTestClient.create();
    ids = [];
    for (const name of ['ada', 'bob', 'cy']) ids.push((await scim.post('/Users', oktaUser(`${name}@example.com`))).body.id);
  });

  const memberIds = async (groupId: string) =>
    ((await scim.get(`/Groups/${groupId}`)).body.members ?? []).map((m: { value: string }) => m.value).sort();

  it('creates a group with members (Okta Push Groups) and reads them back with display and $ref', async () => {
    const reply = await scim.post('/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Engineering',
      members: [{ value: ids[0], display: 'ada@example.com' }],
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.location).toBe(`${scim.baseUrl}/Groups/${reply.body.id}`);
    expect(reply.body.members).toEqual([{ value: ids[0], display: 'ada@example.com', $ref: `${scim.baseUrl}/Users/${ids[0]}`, type: 'User' }]);
    const user = await scim.get(`/Users/${ids[0]}`);
    expect(user.body.groups).toEqual([expect.objectContaining({ value: reply.body.id, display: 'Engineering' })]);
  });

  it('refuses a duplicate displayName in any case (409) and members that are not users (400)', async () => {
    await scim.post('/Groups', { displayName: 'Sales' });
    expect((await scim.post('/Groups', { displayName: 'SALES' })).body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect((await scim.post('/Groups', { displayName: 'X', members: [{ value: 'not-a-user' }] })).body).toMatchObject({
      status: '400',
      scimType: 'invalidValue',
    });
    expect((await scim.get('/Groups?filter=displayName eq "X"')).body.totalResults).toBe(0);
  });

  it('adds and removes members the Entra way: Add with a value list, Remove with a filter or a value list', async () => {
    const group = (await scim.post('/Groups', { displayName: 'Ops' })).body.id;
    await scim.patch(`/Groups/${group}`, patchOps({ op: 'Add', path: 'members', value: [{ value: ids[0] }, { value: ids[1] }, { value: ids[2] }] }));
    expect(await memberIds(group)).toEqual([...ids].sort());
    await scim.patch(`/Groups/${group}`, patchOps({ op: 'Remove', path: `members[value eq "${ids[0]}"]` }));
    await scim.patch(`/Groups/${group}`, patchOps({ op: 'Remove', path: 'members', value: [{ value: ids[1] }] }));
    expect(await memberIds(group)).toEqual([ids[2]]);
  });

  it("renames with Okta's pathless replace and replaces the member list with PUT", async () => {
    const group = (await scim.post('/Groups', { displayName: 'Old', members: [{ value: ids[0] }] })).body.id;
    const renamed = await scim.patch(`/Groups/${group}`, patchOps({ op: 'replace', value: { id: group, displayName: 'New' } }));
    expect(renamed.status).toBe(200);
    expect(renamed.body.displayName).toBe('New');
    expect((await scim.get('/Groups?filter=displayName eq "new"')).body.Resources[0].id).toBe(group);
    const put = await scim.put(`/Groups/${group}`, { schemas: [GROUP_SCHEMA], displayName: 'New', members: [{ value: ids[1] }, { value: ids[2] }] });
    expect(put.status).toBe(200);
    expect(await memberIds(group)).toEqual([ids[1], ids[2]].sort());
    const emptied = await scim.put(`/Groups/${group}`, { schemas: [GROUP_SCHEMA], displayName: 'New', members: [] });
    expect(emptied.body.members).toEqual([]);
  });

  it('leaves members out with excludedAttributes=members (Entra) and for lists', async () => {
    const group = (await scim.post('/Groups', { displayName: 'Big', members: ids.map((value) => ({ value })) })).body.id;
    await scim.get('/Groups?count=1'); // the first read of a minute also writes its request summary
    const cost = await scim.cost(() => scim.get(`/Groups/${group}?excludedAttributes=members`));
    expect(cost.reply.body.members).toBeUndefined();
    expect(cost.calls).toBe(1);
    expect((await scim.get('/Groups?filter=displayName eq "Big"&excludedAttributes=members')).body.Resources[0].displayName).toBe('Big');
  });

  it('loses no member when 20 PATCHes add different members to one group at once', async () => {
    const many: string[] = [];
    for (let i = 0; i < 20; i++) many.push((await scim.post('/Users', oktaUser(`p${i}@example.com`))).body.id);
    const group = (await scim.post('/Groups', { displayName: 'Burst' })).body.id;
    const replies = await Promise.all(
      many.map((value) => scim.patch(`/Groups/${group}`, patchOps({ op: 'Add', path: 'members', value: [{ value }] }))),
    );
    expect(replies.map((r) => r.status)).toEqual(many.map(() => 200));
    expect(await memberIds(group)).toEqual([...many].sort());
    expect((await scim.get(`/Groups/${group}`)).body.meta.version).toBe('W/"21"');
  });

  it('deletes a group: its memberships go, its users stay', async () => {
    const group = (await scim.post('/Groups', { displayName: 'Temp', members: [{ value: ids[0] }] })).body.id;
    expect((await scim.delete(`/Groups/${group}`)).status).toBe(204);
    expect((await scim.get(`/Groups/${group}`)).status).toBe(404);
    const user = await scim.get(`/Users/${ids[0]}`);
    expect(user.status).toBe(200);
    expect(user.body.groups).toBeUndefined();
  });
});

describe('SCIM cost per operation (store calls, the token check included)', () => {
  let scim: ScimTestClient;

  // Reads write a request summary at most once a minute per connection; warm that up so the figures are
  // the steady-state cost (npm run bench reports the amortised cost including it).
  beforeEach(async () => {
    scim = await ScimTestClient.create();
    await scim.get('/Users?count=1');
  });

  it('create user <= 2, get by userName <= 2, get by id <= 2', async () => {
    const create = await scim.cost(() => scim.post('/Users', oktaUser('ada@example.com')));
    expect(create.reply.status).toBe(201);
    expect(create.calls).toBeLessThanOrEqual(2);
    const byName = await scim.cost(() => scim.get('/Users?filter=userName eq "ada@example.com"'));
    expect(byName.reply.body.totalResults).toBe(1);
    expect(byName.calls).toBeLessThanOrEqual(2);
    const byId = await scim.cost(() => scim.get(`/Users/${create.reply.body.id}`));
    expect(byId.calls).toBeLessThanOrEqual(2);
  });

  it('add one member to a group <= 3 calls, also when the group is large', async () => {
    const users: string[] = [];
    for (let i = 0; i < 130; i++) users.push((await scim.post('/Users', oktaUser(`u${i}@example.com`))).body.id);
    const group = (await scim.post('/Groups', { displayName: 'Large', members: users.slice(0, 120).map((value) => ({ value })) })).body.id;
    const add = await scim.cost(() => scim.patch(`/Groups/${group}`, patchOps({ op: 'Add', path: 'members', value: [{ value: users[125] }] })));
    expect(add.reply.status).toBe(200);
    expect(add.calls).toBeLessThanOrEqual(3);
  });

  it('list page of 100 <= 3 calls, on a later page as on the first', async () => {
    for (let i = 0; i < 250; i++) await scim.post('/Users', oktaUser(`l${i}@example.com`));
    const first = await scim.cost(() => scim.get('/Users?startIndex=1&count=100'));
    const second = await scim.cost(() => scim.get('/Users?startIndex=101&count=100'));
    const third = await scim.cost(() => scim.get('/Users?startIndex=201&count=100'));
    expect(first.reply.body.Resources).toHaveLength(100);
    expect(third.reply.body.Resources).toHaveLength(50);
    for (const page of [first, second, third]) expect(page.calls).toBeLessThanOrEqual(3);
  });
});
