import { allMemberIds } from '../directory/memberships';
import { getUser } from '../directory/users';
import { idcsId, seedIdcs } from '../fakes/idp/seed-idcs';
import { directoryIdOf } from './directory-mapping';
import { IDCS_BASE_URL } from '../../test/kit/connector-bed';
import { savePullConfig } from './pull-config';
import { startRun } from './start-run';
import type { HttpTransport } from '../platform/ports';
import { directoryWrites, IDCS_CLIENT, idcsBed, provisioningJobs, runToEnd, type IdcsBed } from '../../test/kit/pull-bed';

const userId = (i: number) => directoryIdOf(idcsId('user', i));
const groupId = (j: number) => directoryIdOf(idcsId('group', j));

/**
 * A directory synced by a full run, then an hour passing. Users were last modified 10 s apart, so that the
 * IdP's re-read window below the watermark (5 minutes) holds fewer users than the watermark remembers.
 */
async function synced(): Promise<IdcsBed> {
  const { users, groups } = seedIdcs(300, 10, 5);
  const spread = users.map((user, i) => ({ ...user, lastModified: new Date(Date.parse('2025-12-01T00:00:00Z') + i * 10_000).toISOString() }));
  const bed = await idcsBed({ users: spread, groups });
  await runToEnd(bed);
  await bed.platform.clock.advance(3600_000);
  bed.writes.clear();
  bed.fake.requests.length = 0;
  return bed;
}

describe('a delta pull run', () => {
  it('asks the IdP only for what changed since the watermark and touches only the changed user', async () => {
    const bed = await synced();
    bed.fake.updateUser(idcsId('user', 7), { displayName: 'Renamed Seven' });
    const jobsBefore = provisioningJobs(bed).length;
    const status = await runToEnd(bed, 'delta');
    expect(status).toMatchObject({ status: 'succeeded', mode: 'delta' });
    expect(status.progress.users).toMatchObject({ seen: 1, updated: 1, created: 0 });
    expect(status.progress.groups.seen).toBe(0);
    const listing = bed.fake.requests.filter((r) => r.path === '/admin/v1/Users');
    expect(listing).toHaveLength(1);
    expect(listing[0]!.query.filter).toMatch(/^meta\.lastModified ge "/);
    expect((await getUser(bed.ctx, userId(7)))!.attributes.displayName).toBe('Renamed Seven');
    expect(new Set(directoryWrites(bed).filter((key) => key.includes(':u:') || key.includes(':un:')))).toEqual(
      new Set([`c:${bed.connectionId}:u:${userId(7)}`, expect.stringContaining(`c:${bed.connectionId}:un:`)]),
    );
    expect(provisioningJobs(bed).slice(jobsBefore)).toEqual([`user:${userId(7)}`]);
  });

  it('counts a user the IdP deactivates as disabled', async () => {
    const bed = await synced();
    bed.fake.updateUser(idcsId('user', 3), { active: false });
    expect((await runToEnd(bed, 'delta')).progress.users).toMatchObject({ disabled: 1, updated: 0 });
    expect(await getUser(bed.ctx, userId(3))).toMatchObject({ active: false });
  });

  it('removes a membership removed in the IdP, walking only the changed group', async () => {
    const bed = await synced();
    bed.fake.removeMembership(idcsId('group', 4), idcsId('user', 6));
    const status = await runToEnd(bed, 'delta');
    expect(status.progress.groups.seen).toBe(1);
    expect(status.progress.memberships).toMatchObject({ removed: 1, added: 0 });
    expect(await allMemberIds(bed.ctx, groupId(4))).not.toContain(userId(6));
    expect(bed.fake.requests.filter((r) => r.path.startsWith('/admin/v1/Groups/'))).toHaveLength(1);
  });

  it('creates a new user and adds it to its group', async () => {
    const bed = await synced();
    bed.fake.addUser({ id: 'new-user', userName: 'new@example.com', email: 'new@example.com' });
    bed.fake.addMembership(idcsId('group', 2), 'new-user');
    const status = await runToEnd(bed, 'delta');
    expect(status.progress).toMatchObject({ users: { created: 1 }, memberships: { added: 1 } });
    expect(await allMemberIds(bed.ctx, groupId(2))).toContain(directoryIdOf('new-user'));
  });

  it('leaves users deleted in the IdP to the next full run', async () => {
    const bed = await synced();
    bed.fake.removeUser(idcsId('user', 9));
    expect((await runToEnd(bed, 'delta')).progress.users.removed).toBe(0);
    expect(await getUser(bed.ctx, userId(9))).toBeDefined();
    expect((await runToEnd(bed, 'full')).progress.users.removed).toBe(1);
  });

  it('runs as a full run when there is no clean earlier run', async () => {
    const bed = await idcsBed(seedIdcs(3, 0, 0));
    const started = await startRun(bed.platform, bed.connectionId, { mode: 'delta', trigger: 'manual' });
    expect(started).toMatchObject({ ok: true, run: { mode: 'full' }, message: expect.stringContaining('full run') });
  });

  it('runs as a full run when the IdP settings changed since the watermark was taken', async () => {
    const bed = await synced();
    const settings = { baseUrl: IDCS_BASE_URL, clientId: IDCS_CLIENT.clientId, deltaSkewSeconds: 60 };
    expect(await savePullConfig(bed.platform, bed.connectionId, { provider: 'oracle-idcs', settings })).toMatchObject({ ok: true });
    expect((await runToEnd(bed, 'delta')).mode).toBe('full');
    expect((await runToEnd(bed, 'delta')).mode).toBe('delta');
  });

  it('picks up a change made during a long listing to a user the listing had already passed', async () => {
    const bed = await idcsBed(seedIdcs(2500, 1, 2));
    let changed = false;
    const http: HttpTransport = {
      send: (request) => {
        const url = new URL(request.url);
        if (!changed && url.pathname === '/admin/v1/Users' && url.searchParams.get('startIndex') === '1001') {
          changed = true;
          bed.fake.updateUser(idcsId('user', 5), { displayName: 'Changed Mid-Listing' });
          void bed.platform.clock.advance(600_000);
          bed.fake.updateUser(idcsId('user', 2400), { displayName: 'Changed Later' });
        }
        return bed.fake.transport.send(request);
      },
    };
    Object.assign(bed.platform, { http });
    expect(await runToEnd(bed)).toMatchObject({ status: 'succeeded' });
    expect(changed).toBe(true);
    await bed.platform.clock.advance(3600_000);
    const delta = await runToEnd(bed, 'delta');
    expect(delta.mode).toBe('delta');
    expect((await getUser(bed.ctx, userId(5)))!.attributes.displayName).toBe('Changed Mid-Listing');
  });

  it('runs as a delta after a clean run that listed no groups', async () => {
    const bed = await idcsBed(seedIdcs(3, 0, 0));
    expect(await runToEnd(bed)).toMatchObject({ status: 'succeeded', mode: 'full' });
    await bed.platform.clock.advance(3600_000);
    bed.fake.updateUser(idcsId('user', 1), { displayName: 'Renamed One' });
    const delta = await runToEnd(bed, 'delta');
    expect(delta).toMatchObject({ status: 'succeeded', mode: 'delta', progress: { users: { seen: 1, updated: 1 } } });
  });
});
