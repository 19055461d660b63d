import { listPendingChanges } from '../../src/records/change-records';
import { recentRequests } from '../../src/records/request-log';
import { DEFAULT_CONNECTION_BUDGET } from '../../src/scim-service/connection-budget';
import { MAX_MEMBERS_PER_REQUEST } from '../../src/scim-service/group-handlers';
import { MAX_FILTER_SCAN } from '../../src/scim-service/list-handler';
import { FakeClock } from '../kit/fake-clock';
import { oktaUser, patchOps, ScimTestClient } from '../kit/scim-client';
import { seedDirectory, seededUserIds, seededUsers } from '../kit/seed-directory';
import { createTestPlatform } from '../kit/test-platform';

// What a leaked token can cost: every request runs within its connection's budget, the worst listings are
// capped or answered from an index, and another connection of the installation keeps working.

const USERS = 3_000;

async function bed() {
  const clock = new FakeClock();
  const leaked = await ScimTestClient.create(createTestPlatform({ clock }));
  await seedDirectory(leaked.platform.store, leaked.connectionId, { users: seededUsers(USERS), at: new Date(clock.now()).toISOString() });
  const other = await leaked.sibling();
  // One function instance serves both connections: the same gate and the same budgets.
  Object.assign(other, { authGate: leaked.authGate, budget: leaked.budget });
  return { clock, leaked, other, platform: leaked.platform };
}

const filterPath = (filter: string, extra = '') => `/Users?filter=${encodeURIComponent(filter)}${extra}`;
const orClauses = (n: number) => Array.from({ length: n }, (_, i) => `name.familyName co "x${i}"`).join(' or ');

describe('a leaked token', () => {
  it('has its costly listings refused early or answered from an index, each within a few store pages', async () => {
    const { leaked } = await bed();
    await leaked.get('/Users?count=1');
    // The scan's pages, the operation's reads and the failure written for the admin page.
    const maxPages = MAX_FILTER_SCAN / 100 + 2;
    for (const path of [
      filterPath('name.familyName co "x"'),
      filterPath('active eq false'),
      '/Users?sortBy=emails.value',
      '/Users?sortBy=userName&sortOrder=descending',
      '/Users?startIndex=1002&count=100',
    ]) {
      const refused = await leaked.cost(() => leaked.get(path));
      expect(refused.reply.body).toMatchObject({ status: '400', scimType: 'tooMany' });
      expect(refused.calls).toBeLessThanOrEqual(maxPages);
    }
    const tooManyClauses = await leaked.cost(() => leaked.get(filterPath(orClauses(195))));
    expect(tooManyClauses.reply.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect(tooManyClauses.calls).toBe(2); // the operation's reads and the failure written for the admin page
    // userName sw is read from the userName index: only the names that start so.
    const prefix = await leaked.cost(() => leaked.get(filterPath('userName sw "user29"')));
    expect(prefix.reply.body.totalResults).toBe(111);
    expect(prefix.calls).toBeLessThanOrEqual(4);
  });

  it('is refused 429 once its connection has spent its store read units for the minute, while another connection keeps working', async () => {
    const { clock, leaked, other, platform } = await bed();
    expect((await other.post('/Users', oktaUser('bob@example.com'))).status).toBe(201);
    const worst = [
      filterPath('name.familyName co "x"'),
      filterPath(orClauses(20)),
      '/Users?startIndex=901&count=100',
      '/Users?sortBy=name.familyName',
    ];
    const statuses: number[] = [];
    for (let i = 0; statuses.at(-1) !== 429 && i < 1000; i++) statuses.push((await leaked.get(worst[i % worst.length])).status);
    const refused = await leaked.get(worst[0]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.detail).toMatch(/storage reads for this minute/);
    const spent = leaked.budget.spent(leaked.connectionId, clock.now()).readUnits;
    expect(spent).toBeGreaterThanOrEqual(DEFAULT_CONNECTION_BUDGET.readUnits);
    // A refused request costs nothing; the overshoot is at most one request.
    platform.store.reset();
    for (let i = 0; i < 100; i++) expect((await leaked.get(worst[i % worst.length])).status).toBe(429);
    expect(platform.store.snapshot().calls).toBe(0);
    expect(spent).toBeLessThan(DEFAULT_CONNECTION_BUDGET.readUnits + 200);

    // The other connection, on the same instance, is untouched.
    expect((await other.get('/Users?filter=userName%20eq%20%22bob%40example.com%22')).body.totalResults).toBe(1);
    expect((await other.post('/Users', oktaUser('carol@example.com'))).status).toBe(201);
    // The admin page shows the refusal, once for the minute.
    const shown = (await recentRequests(platform.store, leaked.connectionId, 50)).filter((entry) => entry.status === 429);
    expect(shown).toHaveLength(1);
    await clock.advance(60_000);
    expect((await leaked.get('/Users?count=1')).status).toBe(200);
  });

  it('is answered 429 after its requests for the minute', async () => {
    const { leaked, other } = await bed();
    const statuses: number[] = [];
    for (let i = 0; i <= DEFAULT_CONNECTION_BUDGET.requests; i++) statuses.push((await leaked.get('/ServiceProviderConfig')).status);
    expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect((await other.get('/ServiceProviderConfig')).status).toBe(200);
  });

  it(`may change at most ${MAX_MEMBERS_PER_REQUEST} members per request, and its queue events wait past the connection's budget`, async () => {
    const { clock, leaked, platform } = await bed();
    const group = (await leaked.post('/Groups', { displayName: 'Everyone' })).body.id;
    const members = (count: number, from = 0) => [...seededUserIds(count, from)].map((value) => ({ value }));
    const pushedBefore = platform.queue.pushed.length;
    const tooMany = await leaked.patch(`/Groups/${group}`, patchOps({ op: 'add', path: 'members', value: members(5_000) }));
    expect(tooMany.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(tooMany.body.detail).toMatch(/at most 1000 members/);
    expect((await leaked.post('/Groups', { displayName: 'Big', members: members(MAX_MEMBERS_PER_REQUEST + 1) })).status).toBe(400);
    expect((await leaked.put(`/Groups/${group}`, { displayName: 'Everyone', members: members(MAX_MEMBERS_PER_REQUEST + 1) })).status).toBe(400);
    expect(platform.queue.pushed).toHaveLength(pushedBefore);

    await clock.advance(60_000); // a fresh minute: the group's creation queued an event in this one
    const added = await leaked.patch(`/Groups/${group}`, patchOps({ op: 'add', path: 'members', value: members(MAX_MEMBERS_PER_REQUEST) }));
    expect(added.status).toBe(200);
    expect(platform.queue.pushed.length - pushedBefore).toBe(DEFAULT_CONNECTION_BUDGET.queueEvents);
    // The rest are pending change records, which the sweep queues: nothing is lost.
    const pending = await listPendingChanges(platform.store, leaked.connectionId, { limit: 100 });
    expect(pending.items.length).toBeGreaterThan(0);
    expect(platform.log.events()).toContain('provisioning.deferred_to_sweep');
    await clock.advance(60_000);
    const next = await leaked.patch(`/Groups/${group}`, patchOps({ op: 'add', path: 'members', value: members(1, MAX_MEMBERS_PER_REQUEST) }));
    expect(next.status).toBe(200);
    expect(platform.queue.pushed.length - pushedBefore).toBe(DEFAULT_CONNECTION_BUDGET.queueEvents + 1);
  });
});
