import type { DeltaMark } from '../connector';
import { collectAll, idcsTestBed } from '../../../test/kit/connector-bed';
import { idcsId, seedIdcs } from '../../fakes/idp/seed-idcs';

const START = Date.parse('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(START + ms).toISOString();
const HOUR = 3_600_000;
const u = (i: number) => idcsId('user', i);

async function fullListing(bed: ReturnType<typeof idcsTestBed>) {
  const result = await collectAll((cursor) => bed.connector.listUsersPage!(cursor));
  return result.mark!;
}

const delta = (bed: ReturnType<typeof idcsTestBed>, since: DeltaMark) => collectAll((cursor) => bed.connector.listUsersPage!(cursor, { since }));

describe('Oracle IDCS delta listing', () => {
  it('returns only what changed since the mark, asking from the mark minus the skew', async () => {
    const bed = idcsTestBed(seedIdcs(50, 0, 0));
    const mark = await fullListing(bed);
    expect(mark.lastModified).toBe(at(0));
    await bed.clock.advance(HOUR);
    bed.fake.updateUser(u(7), { givenName: 'Renamed' });
    const { items, mark: next } = await delta(bed, mark);
    expect(items.map((user) => user.id)).toEqual([u(7)]);
    expect(items[0]!.givenName).toBe('Renamed');
    expect(next).toEqual({ lastModified: at(HOUR), seen: [`${u(7)}|${at(HOUR)}`] });
    const filters = bed.calls('/admin/v1/Users').map((c) => c.query.filter);
    expect(filters.at(-1)).toBe(`meta.lastModified ge "${at(-300_000)}"`);
  });

  it('does not deliver again what the skew window re-reads', async () => {
    const bed = idcsTestBed(seedIdcs(5, 0, 0));
    await bed.clock.advance(HOUR);
    bed.fake.updateUser(u(1), { active: false });
    const mark = (await delta(bed, await fullListing(bed))).mark!;
    const again = await delta(bed, mark);
    expect(again.items).toEqual([]);
    expect(again.mark).toEqual(mark);
    // The server did send the user back (it is inside the window); the mark filtered it out.
    expect(bed.calls('/admin/v1/Users').at(-1)!.query.filter).toBe(`meta.lastModified ge "${at(HOUR - 300_000)}"`);
  });

  it('delivers a change that became visible late, inside the skew, and a second change to a user already seen', async () => {
    const bed = idcsTestBed(seedIdcs(5, 0, 0));
    await bed.clock.advance(HOUR);
    bed.fake.updateUser(u(1), { active: false });
    const mark = (await delta(bed, await fullListing(bed))).mark!;
    bed.fake.addUser({ id: 'late', userName: 'late', lastModified: at(HOUR - 120_000) });
    await bed.clock.advance(1000);
    bed.fake.updateUser(u(1), { active: true });
    const { items } = await delta(bed, mark);
    expect(items.map((user) => user.id).sort()).toEqual([u(1), 'late'].sort());
  });

  it('honours a configured skew', async () => {
    const bed = idcsTestBed(seedIdcs(5, 0, 0), { deltaSkewSeconds: 60 });
    await bed.clock.advance(HOUR);
    bed.fake.updateUser(u(1), { active: false });
    const mark = (await delta(bed, await fullListing(bed))).mark!;
    bed.fake.addUser({ id: 'late', userName: 'late', lastModified: at(HOUR - 120_000) });
    expect((await delta(bed, mark)).items).toEqual([]);
    expect(bed.calls('/admin/v1/Users').at(-1)!.query.filter).toBe(`meta.lastModified ge "${at(HOUR - 60_000)}"`);
  });

  it('keeps the delta floor fixed across pages while the mark advances', async () => {
    // Changes 10 s apart, so that the skew window at the mark holds fewer pairs than a mark keeps.
    const { users } = seedIdcs(2500, 0, 0);
    const bed = idcsTestBed({ users: users.map((user, i) => ({ ...user, lastModified: at(-HOUR * 24 + i * 10_000) })) });
    const mark = await fullListing(bed);
    expect(mark.seen.length).toBeLessThanOrEqual(200);
    await bed.clock.advance(HOUR);
    for (let i = 0; i < 1500; i++) bed.fake.updateUser(u(i), { active: false });
    const { items, pages } = await delta(bed, mark);
    expect(items).toHaveLength(1500);
    expect(pages).toBe(2);
    const filters = bed
      .calls('/admin/v1/Users')
      .slice(-2)
      .map((c) => c.query.filter);
    expect(new Set(filters).size).toBe(1);
  });

  it('lists changed groups, a membership change included', async () => {
    const bed = idcsTestBed(seedIdcs(10, 3, 2));
    const { mark } = await collectAll((cursor) => bed.connector.listGroupsPage!(cursor));
    await bed.clock.advance(HOUR);
    bed.fake.addMembership(idcsId('group', 2), u(9));
    const { items } = await collectAll((cursor) => bed.connector.listGroupsPage!(cursor, { since: mark! }));
    expect(items.map((group) => group.id)).toEqual([idcsId('group', 2)]);
  });

  it('with an app id, reports users whose grant or membership is new even if the user did not change', async () => {
    const { users } = seedIdcs(10, 0, 0);
    const bed = idcsTestBed(
      {
        users,
        groups: [{ id: 'g', displayName: 'granted', members: [u(5)] }],
        grants: [
          { appId: 'app1', grantee: { type: 'User', value: u(1) } },
          { appId: 'app1', grantee: { type: 'Group', value: 'g' } },
        ],
      },
      { appId: 'app1' },
    );
    const mark = await fullListing(bed);
    await bed.clock.advance(HOUR);
    bed.fake.addGrant({ appId: 'app1', grantee: { type: 'User', value: u(2) } });
    bed.fake.addMembership('g', u(6));
    bed.fake.updateUser(u(1), { active: false });
    const { items } = await delta(bed, mark);
    expect(items.map((user) => user.id).sort()).toEqual([u(1), u(2), u(6)].sort());
  });
});
