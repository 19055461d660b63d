import { FakeClock } from '../kit/fake-clock';
import { GROUP_SCHEMA, ScimTestClient, USER_SCHEMA } from '../kit/scim-client';
import { seedDirectory, seededUser, type SeedGroup, type SeedUser } from '../kit/seed-directory';
import { createTestPlatform } from '../kit/test-platform';

// The scale tests trust the seeding helper to write what the directory writes. Here the same users and
// groups are built twice, once through SCIM and once by the seeder, and both must hold the same keys
// and values and answer the same reads.

/** Not part of the directory: change records, request summaries, read state and remembered cursors. */
const BOOKKEEPING = /^(chg|req|state|pc):/;

describe('seedDirectory writes what the directory writes', () => {
  let built: ScimTestClient;
  let seeded: ScimTestClient;
  let users: SeedUser[];
  let groups: SeedGroup[];

  beforeAll(async () => {
    const clock = new FakeClock();
    built = await ScimTestClient.create(createTestPlatform({ clock }));
    seeded = await built.sibling();
    const third = seededUser(2);
    const home = { value: 'user2@home.example', type: 'home' };
    const inputs: SeedUser[] = [
      seededUser(0),
      seededUser(1),
      {
        ...third,
        externalId: 'okta-00u2',
        emails: [...third.emails, home.value],
        attributes: { ...third.attributes, emails: [...(third.attributes.emails as object[]), home] },
      },
    ];
    users = [];
    for (const { id: _id, ...input } of inputs) {
      const externalId = input.externalId === undefined ? {} : { externalId: input.externalId };
      const reply = await built.post('/Users', {
        schemas: [USER_SCHEMA],
        ...input.attributes,
        userName: input.userName,
        active: input.active,
        ...externalId,
      });
      users.push({ ...input, id: reply.body.id });
    }
    groups = [];
    for (const [displayName, members, externalId] of [
      ['Engineering', users.slice(0, 2), 'okta-grp-1'],
      ['Empty', [], undefined],
    ] as const) {
      const reply = await built.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName,
        ...(externalId ? { externalId } : {}),
        members: members.map((u) => ({ value: u.id })),
      });
      const attributes = { displayName, ...(externalId ? { externalId } : {}) };
      groups.push({ id: reply.body.id, displayName, externalId, attributes, members: members.map((u) => u.id) });
    }
    await seedDirectory(seeded.platform.store, seeded.connectionId, { users, groups, at: new Date(clock.now()).toISOString() });
  });

  // A seeded group is at version 1; SCIM bumps a group's version with every step of members it writes.
  it('holds the same keys and values', async () => {
    const [fromScim, fromSeed] = [directoryOf(built), directoryOf(seeded)];
    expect([...fromSeed.keys()]).toEqual([...fromScim.keys()]);
    for (const [key, value] of fromScim) {
      const isGroup = /^(g|gn):/.test(key);
      expect({ key, value: fromSeed.get(key) }).toEqual({ key, value: isGroup ? { ...value, version: 1 } : value });
    }
  });

  it.each([
    ['user by id', (u: SeedUser[]) => `/Users/${u[0].id}`],
    ['user with groups', (u: SeedUser[]) => `/Users/${u[1].id}`],
    ['userName filter', () => `/Users?filter=${encodeURIComponent('userName eq "USER1@seed.example"')}`],
    ['externalId filter', () => `/Users?filter=${encodeURIComponent('externalId eq "okta-00u2"')}`],
    ['email filter', () => `/Users?filter=${encodeURIComponent('emails.value eq "user2@home.example"')}`],
    ['user list by userName', () => '/Users?sortBy=userName&count=2&startIndex=2'],
    ['group list', () => '/Groups?excludedAttributes=members'],
    ['group filter', () => `/Groups?filter=${encodeURIComponent('externalId eq "okta-grp-1"')}`],
    ['group with members', () => `/Groups/${groups[0].id}`],
  ])('answers the same: %s', async (_name, path) => {
    const [fromScim, fromSeed] = await Promise.all([built.get(path(users)), seeded.get(path(users))]);
    expect(fromSeed.status).toBe(200);
    expect(comparable(fromSeed.body, seeded)).toEqual(comparable(fromScim.body, built));
  });
});

/** Every directory key of a connection (connection prefix removed) with its value. */
function directoryOf(client: ScimTestClient): Map<string, Record<string, unknown>> {
  const prefix = `c:${client.connectionId}:`;
  const rows = client.platform.db
    .prepare<[string, string], { key: string; value: string }>('SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key')
    .all(prefix, `${prefix}\u{10FFFF}`);
  return new Map(rows.map((row) => [row.key.slice(prefix.length), JSON.parse(row.value)] as const).filter(([key]) => !BOOKKEEPING.test(key)));
}

/** A reply body with this connection's id (in locations and $refs) and group versions made neutral. */
function comparable(body: unknown, client: ScimTestClient): unknown {
  const json = JSON.stringify(body).split(client.connectionId).join('{connection}');
  return JSON.parse(json, (_key, value) => (value?.resourceType === 'Group' ? { ...value, version: 'W/"any"' } : value));
}
