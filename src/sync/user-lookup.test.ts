import { createConnection } from '../connections/connection-repository';
import { idcsId, seedIdcs } from '../fakes/idp/seed-idcs';
import { testConnection } from './connection-check';
import { directoryIdOf } from './directory-mapping';
import { setPullSecret } from './pull-config';
import { syncUser } from './sync-user';
import { testUserLookup } from './user-lookup';
import { idcsBed, runToEnd } from '../../test/kit/pull-bed';

describe('testConnection', () => {
  it('reports what the IdP said, what the connector can do, and what Forge cannot', async () => {
    const bed = await idcsBed(seedIdcs(4, 0, 0));
    const result = await testConnection(bed.platform, bed.connectionId);
    expect(result).toMatchObject({
      ok: true,
      connected: true,
      detail: expect.stringContaining('4 users'),
      capabilities: { listUsers: true, delta: true },
    });
    expect(result.ok && result.notes.join(' ')).toMatch(/login.*LDAP/s);
    await setPullSecret(bed.platform, bed.connectionId, 'wrong');
    expect(await testConnection(bed.platform, bed.connectionId)).toMatchObject({
      ok: true,
      connected: false,
      detail: expect.stringContaining('client id or secret'),
    });
  });

  it('refuses connections that cannot pull, saying what to do', async () => {
    const bed = await idcsBed();
    const { connection: scim } = await createConnection(bed.platform, { provider: 'okta', method: 'scim', name: 'Okta' });
    const { connection: bare } = await createConnection(bed.platform, { provider: 'oracle-idcs', method: 'pull', name: 'New' });
    expect(await testConnection(bed.platform, 'nosuchconnection')).toMatchObject({ ok: false, reason: 'notFound' });
    expect(await testConnection(bed.platform, scim.id)).toMatchObject({ ok: false, reason: 'notPull', message: expect.stringContaining('SCIM') });
    expect(await testConnection(bed.platform, bare.id)).toMatchObject({ ok: false, reason: 'notConfigured' });
  });
});

describe('testUserLookup', () => {
  it('shows the IdP user as the directory would store it, and plans its creation', async () => {
    const bed = await idcsBed(seedIdcs(5, 2, 3));
    const result = await testUserLookup(bed.platform, bed.connectionId, 'USER2@example.com');
    expect(result).toMatchObject({
      ok: true,
      found: true,
      idpUser: {
        id: idcsId('user', 2),
        userName: 'user2@example.com',
        active: true,
        emails: ['user2@example.com'],
        attributes: { name: { givenName: 'Given2' } },
      },
      plannedChanges: [{ action: 'createUser' }],
    });
    expect(result.ok && result.found && result.idpUser.groups).toEqual([{ idpValue: idcsId('group', 0) }, { idpValue: idcsId('group', 1) }]);
    expect(result.ok && result.found && result.directoryRecord).toBeUndefined();
    expect(bed.writes.keys.filter((key) => key.includes(':u:'))).toEqual([]);
  });

  it('shows the directory record and what would change in it, memberships included', async () => {
    const bed = await idcsBed(seedIdcs(5, 2, 3));
    await runToEnd(bed);
    bed.fake.updateUser(idcsId('user', 2), { displayName: 'Someone Else' });
    bed.fake.removeMembership(idcsId('group', 0), idcsId('user', 2));
    const result = await testUserLookup(bed.platform, bed.connectionId, 'user2@example.com');
    expect(result).toMatchObject({
      ok: true,
      found: true,
      directoryRecord: { id: directoryIdOf(idcsId('user', 2)), version: 1 },
      idpUser: { groups: [{ idpValue: idcsId('group', 1), directoryGroupId: directoryIdOf(idcsId('group', 1)), displayName: 'group-1' }] },
      plannedChanges: [
        { action: 'updateUser', fields: ['attributes'] },
        { action: 'removeFromGroup', groupId: directoryIdOf(idcsId('group', 0)), description: 'Remove from group group-0.' },
      ],
    });
    expect(await syncUser(bed.platform, bed.connectionId, 'user2@example.com')).toMatchObject({
      ok: true,
      progress: { users: { updated: 1 }, memberships: { removed: 1 } },
    });
    expect(await testUserLookup(bed.platform, bed.connectionId, 'user2@example.com')).toMatchObject({ plannedChanges: [] });
  });

  it('answers a user the IdP does not have, and refuses empty input', async () => {
    const bed = await idcsBed(seedIdcs(1, 0, 0));
    expect(await testUserLookup(bed.platform, bed.connectionId, 'nobody@example.com')).toMatchObject({ ok: true, found: false });
    expect(await testUserLookup(bed.platform, bed.connectionId, '  ')).toMatchObject({ ok: false, reason: 'invalidInput' });
  });

  it('logs no user names, emails or secrets', async () => {
    const bed = await idcsBed(seedIdcs(3, 1, 2));
    await runToEnd(bed);
    await testUserLookup(bed.platform, bed.connectionId, 'user1@example.com');
    await syncUser(bed.platform, bed.connectionId, 'user1@example.com');
    expect(bed.platform.log.text()).not.toMatch(/example\.com|Given|secret-1/);
  });
});
