import { allMemberIds, listUserGroups } from '../directory/memberships';
import { getGroup } from '../directory/groups';
import { getUser } from '../directory/users';
import { idcsId, seedIdcs } from '../fakes/idp/seed-idcs';
import type { HttpTransport } from '../platform/ports';
import { StoreLimitError } from '../platform/store-errors';
import { listActivity } from '../records/activity-log';
import { getChange } from '../records/change-records';
import { directoryIdOf } from './directory-mapping';
import { readPullState } from './pull-state';
import { directoryWrites, idcsBed, provisioningJobs, reevaluationEvents, runToEnd } from '../../test/kit/pull-bed';

const userId = (i: number) => directoryIdOf(idcsId('user', i));
const groupId = (j: number) => directoryIdOf(idcsId('group', j));

describe('a full pull run', () => {
  it('brings users, groups and memberships into the directory, and queues a provisioning job for each', async () => {
    const bed = await idcsBed(seedIdcs(5, 2, 3));
    const status = await runToEnd(bed);
    expect(status).toMatchObject({ status: 'succeeded', mode: 'full', phase: 'done' });
    expect(status.progress.users).toMatchObject({ seen: 5, created: 5, failed: 0 });
    expect(status.progress.groups).toMatchObject({ seen: 2, created: 2 });
    expect(status.progress.memberships).toMatchObject({ added: 6, removed: 0 });
    expect(await bed.userCount()).toBe(5);
    expect([...(await allMemberIds(bed.ctx, groupId(1)))].sort()).toEqual([1, 2, 3].map(userId).sort());
    const user = await getUser(bed.ctx, userId(0));
    expect(user).toMatchObject({ userName: 'user0@example.com', externalId: idcsId('user', 0), active: true, emails: ['user0@example.com'] });
    expect(user!.attributes).toMatchObject({
      displayName: 'Given0 Family0',
      name: { givenName: 'Given0', familyName: 'Family0', formatted: 'Given0 Family0' },
      emails: [{ value: 'user0@example.com', type: 'work', primary: true }],
    });
    expect(provisioningJobs(bed)).toEqual(
      expect.arrayContaining([`user:${userId(0)}`, `group:${groupId(0)}`, `membership:${groupId(1)}:${userId(3)}`]),
    );
    expect(provisioningJobs(bed)).toHaveLength(5 + 2 + 6);
    // ...and then one re-evaluation of every record, changed or not.
    expect(reevaluationEvents(bed)).toBe(1);
  });

  it.each([
    [0, 1],
    [1, 1],
    [1000, 1],
    [1001, 2],
    [2500, 3],
  ])('takes %i users in %i IdP pages', async (users, pages) => {
    const bed = await idcsBed(seedIdcs(users, 0, 0));
    const status = await runToEnd(bed);
    expect(status.progress.users).toMatchObject({ seen: users, created: users, removed: 0 });
    expect(await bed.userCount()).toBe(users);
    expect(bed.fake.requests.filter((r) => r.path === '/admin/v1/Users')).toHaveLength(pages);
  });

  it('walks a group longer than one member page, and removes members on any of its pages', async () => {
    const bed = await idcsBed(seedIdcs(1200, 1, 1100));
    expect((await runToEnd(bed)).progress.memberships.added).toBe(1100);
    expect(bed.fake.requests.filter((r) => r.path === `/admin/v1/Groups/${idcsId('group', 0)}`)).toHaveLength(2);
    bed.fake.removeMembership(idcsId('group', 0), idcsId('user', 5));
    bed.fake.removeMembership(idcsId('group', 0), idcsId('user', 1050));
    const second = await runToEnd(bed);
    expect(second.progress.memberships).toMatchObject({ added: 0, removed: 2 });
    const members = await allMemberIds(bed.ctx, groupId(0));
    expect(members.size).toBe(1098);
    expect(members.has(userId(5)) || members.has(userId(1050))).toBe(false);
    expect(await bed.platform.store.query(`c:${bed.connectionId}:pull:x:`)).toEqual({ items: [] });
  });

  it('adds a new group’s 1,000 members for a transaction and a group read per 6, reading each user and membership once', async () => {
    const bed = await idcsBed(seedIdcs(1000, 1, 1000));
    bed.counts.reset();
    const status = await runToEnd(bed);
    const { calls, byMethod } = bed.counts.snapshot();
    expect(status.progress.memberships).toMatchObject({ added: 1000, skipped: 0 });
    expect((await allMemberIds(bed.ctx, groupId(0))).size).toBe(1000);
    // Memberships: 40 getMany for the members and 40 for the users, then 167 × (group get + transact).
    // Before the adding was served those reads, it read them again: 377 getMany, 2763 calls in all.
    // Two more getMany: the user and group counters the re-evaluation that ends the run starts from.
    expect(byMethod.getMany.calls).toBe(172);
    expect(calls).toBe(2560);
  });

  it('writes nothing to the directory and queues no job when nothing changed', async () => {
    const bed = await idcsBed(seedIdcs(1500, 20, 30));
    await runToEnd(bed);
    bed.writes.clear();
    bed.counts.reset();
    const jobsBefore = provisioningJobs(bed).length;
    const status = await runToEnd(bed);
    expect(status.progress.users).toMatchObject({ seen: 1500, unchanged: 1500, created: 0, updated: 0, removed: 0 });
    expect(status.progress.groups).toMatchObject({ seen: 20, unchanged: 20 });
    expect(status.progress.memberships).toMatchObject({ added: 0, removed: 0 });
    expect(directoryWrites(bed)).toEqual([]);
    expect(provisioningJobs(bed)).toHaveLength(jobsBefore);
    // Reads: a getMany per 25 users or members, a query per group's members and per 100 records scanned.
    expect(bed.counts.snapshot().calls).toBeLessThan(200);
  });

  it('removes a user deleted in the IdP, with its memberships', async () => {
    const bed = await idcsBed(seedIdcs(20, 3, 4));
    await runToEnd(bed);
    bed.fake.removeUser(idcsId('user', 1));
    const status = await runToEnd(bed);
    expect(status.progress.users).toMatchObject({ removed: 1, seen: 19 });
    expect(await getUser(bed.ctx, userId(1))).toBeUndefined();
    expect((await listUserGroups(bed.ctx, userId(1))).members).toEqual([]);
    expect(await getChange(bed.platform.store, bed.connectionId, 'user', userId(1))).toMatchObject({
      value: { changed: ['deleted'], source: 'pull' },
    });
  });

  it('keeps a user the listing skipped (a deletion shifted the offset pages) or dropped (schema), and removes the deleted ones', async () => {
    const bed = await idcsBed(seedIdcs(2500, 2, 3));
    await runToEnd(bed);
    bed.fake.updateUser(idcsId('user', 7), { userName: '' });
    let deleted = false;
    const http: HttpTransport = {
      send: (request) => {
        const url = new URL(request.url);
        if (!deleted && url.pathname === '/admin/v1/Users' && url.searchParams.get('startIndex') === '1001') {
          deleted = true;
          bed.fake.removeUser(idcsId('user', 5));
          bed.fake.removeUser(idcsId('user', 2000));
        }
        return bed.fake.transport.send(request);
      },
    };
    Object.assign(bed.platform, { http });
    const status = await runToEnd(bed);
    expect(deleted).toBe(true);
    expect(status).toMatchObject({ status: 'succeeded', progress: { users: { removed: 1 } } });
    expect(await getUser(bed.ctx, userId(2000))).toBeUndefined();
    expect(await getUser(bed.ctx, userId(1000))).toBeDefined();
    expect(await getUser(bed.ctx, userId(7))).toBeDefined();
    expect(await getUser(bed.ctx, userId(5))).toBeDefined();
    expect((await runToEnd(bed)).progress.users.removed).toBe(1);
    expect(await getUser(bed.ctx, userId(5))).toBeUndefined();
  });

  it('keeps a group the listing did not deliver while the IdP still has it', async () => {
    const bed = await idcsBed(seedIdcs(10, 3, 2));
    await runToEnd(bed);
    const http: HttpTransport = {
      send: async (request) => {
        const response = await bed.fake.transport.send(request);
        if (new URL(request.url).pathname !== '/admin/v1/Groups') return response;
        const list = JSON.parse(response.body) as { Resources?: { id: string }[] };
        list.Resources = list.Resources?.filter((group) => group.id !== idcsId('group', 1));
        return { ...response, body: JSON.stringify(list) };
      },
    };
    Object.assign(bed.platform, { http });
    const status = await runToEnd(bed);
    expect(status).toMatchObject({ status: 'succeeded', progress: { groups: { removed: 0 } } });
    expect(await getGroup(bed.ctx, groupId(1))).toBeDefined();
  });

  it('removes a user that lost the app grant, and keeps one granted through a group', async () => {
    const { users, groups } = seedIdcs(6, 1, 2);
    const bed = await idcsBed({ users, groups }, { appId: 'app1' });
    const grants = [2, 3, 4, 5].map((i) => bed.fake.addGrant({ appId: 'app1', grantee: { type: 'User', value: idcsId('user', i) } }));
    bed.fake.addGrant({ appId: 'app1', grantee: { type: 'Group', value: idcsId('group', 0) } });
    await runToEnd(bed);
    expect(await bed.userCount()).toBe(6);
    bed.fake.removeGrant(grants[1]!);
    const status = await runToEnd(bed);
    expect(status.progress.users.removed).toBe(1);
    expect(await getUser(bed.ctx, userId(3))).toBeUndefined();
    expect(await getUser(bed.ctx, userId(0))).toBeDefined();
  });

  it('counts each user granted the app once, however many grants list it', async () => {
    // Group 0 has users 0-2, group 1 users 1-3; users 2 and 4 are also granted directly: 8 listings of 5 users.
    // Their change times are 10 minutes apart, so that the listing's mark (which drops what it delivered within
    // the 5-minute skew window) lets the repeats through.
    const { users, groups } = seedIdcs(6, 2, 3);
    const spread = users.map((user, i) => ({ ...user, lastModified: `2026-01-01T00:${i}0:00.000Z` }));
    const bed = await idcsBed({ users: spread, groups }, { appId: 'app1' });
    for (const i of [2, 4]) bed.fake.addGrant({ appId: 'app1', grantee: { type: 'User', value: idcsId('user', i) } });
    for (const j of [0, 1]) bed.fake.addGrant({ appId: 'app1', grantee: { type: 'Group', value: idcsId('group', j) } });
    await bed.platform.clock.advance(3_600_000);
    const full = await runToEnd(bed);
    expect(full.progress.users).toMatchObject({ seen: 5, created: 5, failed: 0 });
    expect(await bed.userCount()).toBe(5);
    for (const i of [1, 2, 4]) {
      await bed.platform.clock.advance(3_600_000);
      bed.fake.updateUser(idcsId('user', i), { givenName: 'Changed' });
    }
    // Listed again: users 2 and 4 directly, 1 and 2 through group 0 and again through group 1.
    const delta = await runToEnd(bed, 'delta');
    expect(delta).toMatchObject({ mode: 'delta', progress: { users: { seen: 3, updated: 3, created: 0 } } });
  });

  it('removes a group that lost the app grant, and the users granted only through it', async () => {
    const { users, groups } = seedIdcs(4, 1, 2);
    const bed = await idcsBed({ users, groups }, { appId: 'app1' });
    for (const i of [2, 3]) bed.fake.addGrant({ appId: 'app1', grantee: { type: 'User', value: idcsId('user', i) } });
    const groupGrant = bed.fake.addGrant({ appId: 'app1', grantee: { type: 'Group', value: idcsId('group', 0) } });
    await runToEnd(bed);
    expect(await bed.groupCount()).toBe(1);
    bed.fake.removeGrant(groupGrant);
    const status = await runToEnd(bed);
    expect(status.progress).toMatchObject({ users: { removed: 2 }, groups: { removed: 1 } });
    expect(await getGroup(bed.ctx, groupId(0))).toBeUndefined();
    expect(await bed.userCount()).toBe(2);
  });

  it('removes a membership removed in the IdP', async () => {
    const bed = await idcsBed(seedIdcs(10, 2, 3));
    await runToEnd(bed);
    bed.fake.removeMembership(idcsId('group', 0), idcsId('user', 1));
    const status = await runToEnd(bed);
    expect(status.progress.memberships).toMatchObject({ removed: 1, added: 0 });
    expect([...(await allMemberIds(bed.ctx, groupId(0)))].sort()).toEqual([0, 2].map(userId).sort());
    expect(await getGroup(bed.ctx, groupId(0))).toBeDefined();
  });

  it('counts as failed only the memberships of a group change the directory did not apply', async () => {
    const bed = await idcsBed(seedIdcs(20, 1, 20));
    const transact = bed.writes.transact.bind(bed.writes);
    const memberKeys = bed.ctx.keys.member(groupId(0), '');
    let refusals = 0;
    // The group's 20 members are added (or removed) 6 per transaction; the third such transaction is refused.
    const refuseThird = () => {
      let transactions = 0;
      bed.writes.transact = (ops) =>
        ops.some((op) => op.key.startsWith(memberKeys)) && ++transactions === 3 && ++refusals
          ? Promise.reject(new StoreLimitError('too large'))
          : transact(ops);
    };
    refuseThird();
    const added = await runToEnd(bed);
    expect(refusals).toBe(1);
    const members = (await allMemberIds(bed.ctx, groupId(0))).size;
    expect(members).toBe(12);
    expect(added.progress.memberships).toMatchObject({ added: 12, failed: 8 });

    await runToEnd(bed);
    for (let i = 0; i < 20; i++) bed.fake.removeMembership(idcsId('group', 0), idcsId('user', i));
    refuseThird();
    const removed = await runToEnd(bed);
    expect(refusals).toBe(2);
    expect((await allMemberIds(bed.ctx, groupId(0))).size).toBe(8);
    expect(removed.progress.memberships).toMatchObject({ removed: 12, failed: 8 });
  });

  it('reports a record the directory refuses, goes on, and keeps the watermarks where they were', async () => {
    const bed = await idcsBed({
      users: [
        { id: 'u1', userName: 'ada@example.com' },
        { id: 'u2', userName: 'ADA@example.com' },
        { id: 'u3', userName: 'bob@example.com' },
      ],
    });
    const status = await runToEnd(bed);
    expect(status.status).toBe('succeeded');
    expect(status.progress.users).toMatchObject({ created: 2, failed: 1 });
    expect(status.message).toContain('1 records failed');
    const { entries } = await listActivity(bed.platform.store, { connectionId: bed.connectionId, result: 'failed' });
    expect(entries.map((e) => e.subject)).toEqual(expect.arrayContaining([{ kind: 'user', id: directoryIdOf('u2') }]));
    expect((await readPullState(bed.platform.store, bed.connectionId)).watermarks).toBeUndefined();
    expect((await runToEnd(bed, 'delta')).mode).toBe('full');
  });
});
