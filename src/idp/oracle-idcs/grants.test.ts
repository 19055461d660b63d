import { collectAll, idcsTestBed } from '../../../test/kit/connector-bed';
import type { FakeIdcsGrantSeed } from '../../fakes/idp/fake-idcs';
import { idcsId, seedIdcs } from '../../fakes/idp/seed-idcs';

const u = (i: number) => idcsId('user', i);
const g = (j: number) => idcsId('group', j);
const toUser = (i: number): FakeIdcsGrantSeed => ({ appId: 'app1', grantee: { type: 'User', value: u(i) } });
const toGroup = (j: number): FakeIdcsGrantSeed => ({ appId: 'app1', grantee: { type: 'Group', value: g(j) } });

/** 20 users; group 0 holds users 10..14, group 1 users 15..19, group 2 users 0..4. */
function directory(grants: FakeIdcsGrantSeed[]) {
  const { users } = seedIdcs(20, 0, 0);
  const groups = [
    { id: g(0), displayName: 'granted', members: [10, 11, 12, 13, 14].map(u) },
    { id: g(1), displayName: 'not granted', members: [15, 16, 17, 18, 19].map(u) },
    { id: g(2), displayName: 'other app', members: [0, 1, 2, 3, 4].map(u) },
  ];
  return idcsTestBed({ users, groups, grants }, { appId: 'app1' });
}

const sortedIds = (items: { id: string }[]) => items.map((item) => item.id).sort();

describe('Oracle IDCS connector limited to an app’s grants', () => {
  const grants: FakeIdcsGrantSeed[] = [
    toUser(5),
    toGroup(0),
    toUser(6),
    { ...toUser(7), entitlement: { attributeName: 'appRoles', attributeValue: 'role-1' } },
    { appId: 'app2', grantee: { type: 'Group', value: g(2) } },
    { appId: 'app1', grantee: { type: 'App', value: 'another-app' }, grantMechanism: 'ADMINISTRATOR_TO_APP' },
  ];

  it('lists users granted directly and through a granted group, nobody else', async () => {
    const bed = directory(grants);
    const { items } = await collectAll((cursor) => bed.connector.listUsersPage!(cursor));
    expect(sortedIds(items)).toEqual([5, 6, 10, 11, 12, 13, 14].map(u).sort());
    expect(bed.calls('/admin/v1/Grants').every((c) => c.query.filter === 'app.value eq "app1"')).toBe(true);
  });

  it('answers which users and groups the listings still deliver, as listedOf', async () => {
    const bed = directory(grants);
    const asked = [0, 5, 6, 7, 10, 15].map(u).concat('gone-user');
    expect([...(await bed.connector.listedOf!('user', asked))].sort()).toEqual([5, 6, 10].map(u).sort());
    expect([...(await bed.connector.listedOf!('group', [g(0), g(1), g(2), 'gone-group']))]).toEqual([g(0)]);
  });

  it('lists only granted groups', async () => {
    const bed = directory(grants);
    const { items } = await collectAll((cursor) => bed.connector.listGroupsPage!(cursor));
    expect(items).toEqual([{ id: g(0), displayName: 'granted', lastModified: expect.any(String) }]);
  });

  it('drops a user whose grant is removed, and a member who leaves the granted group', async () => {
    const bed = directory([]);
    const direct = bed.fake.addGrant(toUser(5));
    bed.fake.addGrant(toGroup(0));
    const list = async () => sortedIds((await collectAll((cursor) => bed.connector.listUsersPage!(cursor))).items);
    expect(await list()).toContain(u(5));
    bed.fake.removeGrant(direct);
    bed.fake.removeMembership(g(0), u(12));
    const after = await list();
    expect(after).not.toContain(u(5));
    expect(after).not.toContain(u(12));
    expect(after).toEqual([10, 11, 13, 14].map(u).sort());
  });

  it('pages through many direct grants and a large granted group', async () => {
    const { users, groups } = seedIdcs(600, 1, 450);
    const bed = idcsTestBed(
      {
        users,
        groups,
        grants: [...Array.from({ length: 250 }, (_, i) => toUser(150 + i)), toGroup(0), toUser(599)],
      },
      { appId: 'app1' },
    );
    const { items, pages } = await collectAll((cursor) => bed.connector.listUsersPage!(cursor));
    const expected = new Set([...Array.from({ length: 450 }, (_, i) => u(i)), ...Array.from({ length: 250 }, (_, i) => u(150 + i)), u(599)]);
    expect(new Set(items.map((item) => item.id))).toEqual(expected);
    expect(pages).toBeGreaterThan(5);
    for (const search of bed.fake.requests.filter((r) => r.path === '/admin/v1/Users/.search')) expect(search.method).toBe('POST');
  });
});
