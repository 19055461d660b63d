import { getUser } from '../directory/users';
import { directoryIdOf } from './directory-mapping';
import { testConnection } from './connection-check';
import { synchronizeNow } from './start-run';
import { syncUser } from './sync-user';
import { miniOrangeBed, runToEnd } from '../../test/kit/pull-bed';

const people = () => [
  { username: 'ada', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
  { username: 'bob', email: 'bob@example.com', firstName: 'Bob' },
  { username: 'cy', email: 'cy@example.com' },
];

describe('a miniOrange pull connection', () => {
  it('says that it cannot list, in the connection test and when a run starts', async () => {
    const bed = await miniOrangeBed(people());
    const check = await testConnection(bed.platform, bed.connectionId);
    expect(check).toMatchObject({ ok: true, connected: true, capabilities: { listUsers: false, lookup: true } });
    expect(check.ok && check.notes.join(' ')).toContain('no listing API');
    expect(await synchronizeNow(bed.platform, bed.connectionId)).toMatchObject({ ok: true, message: expect.stringContaining('no listing API') });
  });

  it('adds users one at a time with syncUser', async () => {
    const bed = await miniOrangeBed(people());
    expect(await syncUser(bed.platform, bed.connectionId, 'ada')).toMatchObject({ ok: true, found: true, progress: { users: { created: 1 } } });
    expect(await syncUser(bed.platform, bed.connectionId, 'ada')).toMatchObject({
      ok: true,
      found: true,
      message: expect.stringContaining('already up to date'),
    });
    expect(await syncUser(bed.platform, bed.connectionId, 'nobody')).toMatchObject({ ok: true, found: false });
    const ada = await getUser(bed.ctx, directoryIdOf('ada'));
    expect(ada).toMatchObject({ userName: 'ada', externalId: 'ada', active: true, emails: ['ada@example.com'] });
    expect(ada!.attributes).toMatchObject({
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'ada@example.com', primary: true }],
    });
  });

  it('refreshes the users the directory already holds, and finds no others', async () => {
    const bed = await miniOrangeBed(people());
    await syncUser(bed.platform, bed.connectionId, 'ada');
    await syncUser(bed.platform, bed.connectionId, 'bob');
    bed.users[0]!.lastName = 'King';
    bed.users.splice(1, 1);
    const bobBefore = await getUser(bed.ctx, directoryIdOf('bob'));
    const status = await runToEnd(bed);
    expect(status).toMatchObject({ status: 'succeeded', phase: 'done' });
    expect(status.progress.users).toMatchObject({ seen: 1, updated: 1, notFound: 1, removed: 0, created: 0 });
    // What the admin reads: the refreshed user, and the one miniOrange no longer knows.
    expect(status.message).toContain('1 seen, 0 created, 1 updated, 0 disabled, 0 removed, 1 not found in the IdP');
    expect((await getUser(bed.ctx, directoryIdOf('ada')))!.attributes).toMatchObject({ name: { familyName: 'King' } });
    // The unknown user is reported, not removed or disabled: the directory keeps it as it was.
    expect(await getUser(bed.ctx, directoryIdOf('bob'))).toEqual(bobBefore);
    expect(await bed.userCount()).toBe(2);
  });
});
