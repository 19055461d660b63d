import { MAX_FILTER_SCAN } from '../../src/scim-service/list-handler';
import { MAX_INLINE_MEMBERS } from '../../src/scim-service/representation';
import { FakeClock } from '../kit/fake-clock';
import { createConnectionBudget } from '../../src/scim-service/connection-budget';
import { ScimTestClient, UNLIMITED_BUDGET, oktaUser, patchOps } from '../kit/scim-client';
import { seedDirectory, seededGroupId, seededUserId, seededUserIds, seededUserName, seededUsers, type SeedGroup } from '../kit/seed-directory';
import { createTestPlatform } from '../kit/test-platform';

// What an IdP admin with a large directory notices: the cost of each request does not grow with the
// directory, lists page to the end, filters that would scan refuse early, and big groups stay usable.
// The directory is seeded through the store port (test/kit/seed-directory.ts); costs are store calls.

const USERS = 100_000;
const GROUPS = 5_000;
const SMALL_GROUP_SIZE = 10;
const PAGE = 100;
const ALL_STAFF = seededGroupId(0);

/** Group 0 has every user; groups 1..4,999 have ten users each, so users 0..49,989 are in two groups. */
function* groups(): Generator<SeedGroup> {
  yield { id: ALL_STAFF, displayName: 'All staff', attributes: { displayName: 'All staff' }, members: seededUserIds(USERS) };
  for (let n = 1; n < GROUPS; n++) {
    const displayName = `Group ${n}`;
    yield { id: seededGroupId(n), displayName, attributes: { displayName }, members: seededUserIds(SMALL_GROUP_SIZE, (n - 1) * SMALL_GROUP_SIZE) };
  }
}

const filterPath = (resource: string, filter: string, query = '') => `/${resource}?filter=${encodeURIComponent(filter)}${query}`;

describe(`a directory of ${USERS} users and ${GROUPS} groups, one of them with ${USERS} members`, () => {
  let scim: ScimTestClient;

  beforeAll(async () => {
    scim = await ScimTestClient.create(createTestPlatform({ clock: new FakeClock() }));
    // This file measures what each operation costs, on a clock that stands still: no per-minute budget applies.
    scim.budget = createConnectionBudget(UNLIMITED_BUDGET);
    const seeded = await seedDirectory(scim.platform.store, scim.connectionId, {
      users: seededUsers(USERS),
      groups: groups(),
      at: new Date(scim.platform.clock.now()).toISOString(),
    });
    expect(seeded).toEqual({ users: USERS, groups: GROUPS, memberships: USERS + (GROUPS - 1) * SMALL_GROUP_SIZE });
    // The first read of a minute also writes its request summary; the clock stands still from here on.
    await scim.get('/Users?count=0');
  }, 180_000);

  it('reports exact totals, which follow a create and a delete', async () => {
    expect((await scim.get('/Users?count=0')).body.totalResults).toBe(USERS);
    expect((await scim.get('/Groups?count=1&excludedAttributes=members')).body).toMatchObject({ totalResults: GROUPS, itemsPerPage: 1 });
    const created = await scim.cost(() => scim.post('/Users', oktaUser('newcomer@example.com')));
    expect(created.calls).toBeLessThanOrEqual(2);
    expect((await scim.get('/Users?count=0')).body.totalResults).toBe(USERS + 1);
    const read = await scim.cost(() => scim.get(`/Users/${created.reply.body.id}`));
    expect(read.reply.body.userName).toBe('newcomer@example.com');
    expect(read.calls).toBeLessThanOrEqual(2);
    expect((await scim.delete(`/Users/${created.reply.body.id}`)).status).toBe(204);
    expect((await scim.get('/Users?count=0')).body.totalResults).toBe(USERS);
  });

  it('finds a user by userName in 2 store calls, in any case', async () => {
    for (const userName of [seededUserName(54_321), seededUserName(99_999).toUpperCase()]) {
      const found = await scim.cost(() => scim.get(filterPath('Users', `userName eq "${userName}"`)));
      expect(found.reply.body.totalResults).toBe(1);
      expect(found.reply.body.Resources[0].userName.toLowerCase()).toBe(userName.toLowerCase());
      expect(found.calls).toBeLessThanOrEqual(2);
    }
    const missing = await scim.cost(() => scim.get(filterPath('Users', 'userName eq "nobody@seed.example"')));
    expect(missing.reply.body.totalResults).toBe(0);
    expect(missing.calls).toBeLessThanOrEqual(2);
  });

  it('gets a user by id in 1 store call without groups, and in 3 with the names of its groups', async () => {
    const id = seededUserId(12_345);
    const bare = await scim.cost(() => scim.get(`/Users/${id}?excludedAttributes=groups`));
    expect(bare.reply.body).toMatchObject({ id, userName: seededUserName(12_345) });
    expect(bare.calls).toBe(1);
    const full = await scim.cost(() => scim.get(`/Users/${id}`));
    expect(full.reply.body.groups.map((g: { display: string }) => g.display).sort()).toEqual([
      'All staff',
      `Group ${Math.floor(12_345 / SMALL_GROUP_SIZE) + 1}`,
    ]);
    expect(full.calls).toBe(3);
  });

  it('pages forward through every user with count=100 at the same cost on the first page and on the last', async () => {
    const costs: number[] = [];
    for (let startIndex = 1; startIndex <= USERS; startIndex += PAGE) {
      const page = await scim.cost(() => scim.get(`/Users?startIndex=${startIndex}&count=${PAGE}`));
      const { body } = page.reply;
      expect(body).toMatchObject({ totalResults: USERS, startIndex, itemsPerPage: PAGE });
      expect([body.Resources[0].id, body.Resources[PAGE - 1].id]).toEqual([seededUserId(startIndex - 1), seededUserId(startIndex + PAGE - 2)]);
      costs.push(page.calls);
    }
    // Every page but the last also remembers the cursor of the page after it.
    expect(new Set(costs.slice(0, -1))).toEqual(new Set([3]));
    expect(costs[costs.length - 1]).toBeLessThanOrEqual(costs[0]);
    const again = await scim.cost(() => scim.get(`/Users?startIndex=${USERS - PAGE + 1}&count=${PAGE}`));
    expect(again.calls).toBe(costs[costs.length - 1]);
    expect((await scim.get(`/Users?startIndex=${USERS + 1}`)).body).toMatchObject({ totalResults: USERS, itemsPerPage: 0 });
  }, 120_000);

  it('answers a jump far past what was paged with 400 tooMany and how to page instead', async () => {
    const jump = await scim.cost(() => scim.get('/Users?startIndex=50002&count=100'));
    expect(jump.reply.body).toMatchObject({ status: '400', scimType: 'tooMany' });
    expect(jump.reply.body.detail).toMatch(/page from startIndex=1/);
    expect(jump.calls).toBeLessThanOrEqual(2);
  });

  it.each(['userName sw "user1"', 'active eq false', 'name.familyName eq "User99999"'])(
    'refuses %s, which no index answers, with 400 tooMany and the indexed attributes, after a bounded scan',
    async (filter) => {
      const refused = await scim.cost(() => scim.get(filterPath('Users', filter)));
      expect(refused.reply.body).toMatchObject({ status: '400', scimType: 'tooMany' });
      expect(refused.reply.body.detail).toMatch(/userName, externalId, id, displayName or emails with "eq"/);
      expect(refused.calls).toBeLessThanOrEqual(MAX_FILTER_SCAN / PAGE + 2);
    },
  );

  it(`answers displayName sw from the name index, with the exact total, in a directory of ${GROUPS} groups (more than the ${MAX_FILTER_SCAN} a scan may examine)`, async () => {
    const names = ['All staff', ...Array.from({ length: GROUPS - 1 }, (_, i) => `Group ${i + 1}`)];
    const expected = names.filter((name) => name.startsWith('Group 12')).sort();
    const pages = [];
    for (const startIndex of [1, 1 + PAGE]) {
      pages.push((await scim.get(filterPath('Groups', 'displayName sw "group 12"', `&startIndex=${startIndex}&excludedAttributes=members`))).body);
    }
    expect(pages.map((page) => page.totalResults)).toEqual([expected.length, expected.length]);
    expect(pages.flatMap((page) => page.Resources.map((g: { displayName: string }) => g.displayName)).sort()).toEqual(expected);
  });

  it(`reads the ${USERS}-member group without its members (over ${MAX_INLINE_MEMBERS}), and in 1 store call with excludedAttributes=members`, async () => {
    const read = await scim.cost(() => scim.get(`/Groups/${ALL_STAFF}`));
    expect(read.reply.body).toMatchObject({ id: ALL_STAFF, displayName: 'All staff' });
    expect(read.reply.body.members).toBeUndefined();
    expect(read.calls).toBeLessThanOrEqual(1 + Math.ceil((MAX_INLINE_MEMBERS + 1) / PAGE));
    const excluded = await scim.cost(() => scim.get(`/Groups/${ALL_STAFF}?excludedAttributes=members`));
    expect(excluded.reply.body.displayName).toBe('All staff');
    expect(excluded.calls).toBe(1);
    const small = await scim.get(`/Groups/${seededGroupId(7)}`);
    expect(small.body.members.map((m: { value: string }) => m.value)).toEqual([...seededUserIds(SMALL_GROUP_SIZE, 6 * SMALL_GROUP_SIZE)]);
  });

  it(`removes one member from the ${USERS}-member group and adds it back, each in at most 3 store calls`, async () => {
    const userId = seededUserId(77_777);
    const groupsOf = async () => ((await scim.get(`/Users/${userId}`)).body.groups ?? []).map((g: { value: string }) => g.value);
    const removed = await scim.cost(() => scim.patch(`/Groups/${ALL_STAFF}`, patchOps({ op: 'Remove', path: `members[value eq "${userId}"]` })));
    expect(removed.reply.status).toBe(200);
    expect(removed.reply.body.members).toBeUndefined();
    expect(removed.calls).toBeLessThanOrEqual(3);
    expect(await groupsOf()).toEqual([]);
    const added = await scim.cost(() => scim.patch(`/Groups/${ALL_STAFF}`, patchOps({ op: 'Add', path: 'members', value: [{ value: userId }] })));
    expect(added.reply.status).toBe(200);
    expect(added.calls).toBeLessThanOrEqual(3);
    expect(await groupsOf()).toEqual([ALL_STAFF]);
    expect((await scim.get(`/Groups/${ALL_STAFF}?excludedAttributes=members`)).body.meta.version).toBe('W/"3"');
  });

  it('stores no value that grows with a group: the largest is a user record, a few hundred bytes', () => {
    const largest = scim.platform.db
      .prepare<[], { key: string; bytes: number }>('SELECT key, length(value) AS bytes FROM kv ORDER BY length(value) DESC LIMIT 1')
      .get();
    expect(largest?.key).toMatch(/^c:\w+:(u|un):/);
    expect(largest?.bytes).toBeLessThan(1024);
    const groupBytes = (id: string) =>
      scim.platform.db
        .prepare<[string], { bytes: number }>('SELECT length(value) AS bytes FROM kv WHERE key = ?')
        .get(`c:${scim.connectionId}:g:${id}`)?.bytes;
    // 100,000 members add nothing to the group's record: it is the size of a ten-member group's.
    expect(Math.abs((groupBytes(ALL_STAFF) ?? 0) - (groupBytes(seededGroupId(42)) ?? 0))).toBeLessThan(16);
  });
});
