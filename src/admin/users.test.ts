import { adminBed, type AdminBed } from '../../test/kit/admin-bed';
import type { ScimTestClient } from '../../test/kit/scim-client';
import { PROVISIONING_QUEUE } from '../provisioning/jobs';
import { setUserSyncState } from '../provisioning/sync-state';
import { recordActivity } from '../records/activity-log';
import { getChange } from '../records/change-records';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

async function directory(bed: AdminBed): Promise<{ connectionId: string; client: ScimTestClient; ids: Record<string, string> }> {
  const { connection, scim } = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
  const client = bed.scim(connection.id, scim!.token);
  const ids: Record<string, string> = {};
  for (const name of ['ada', 'alan', 'grace']) {
    const reply = await client.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: `${name}@example.com`,
      displayName: `${name} X`,
      emails: [{ value: `${name}@example.com` }],
    });
    ids[name] = reply.body.id;
  }
  await client.post('/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'Engineering',
    members: [{ value: ids.ada }],
  });
  const at = '2026-01-01T00:00:00.000Z';
  await setUserSyncState(bed.platform.store, connection.id, ids.ada, {
    status: 'synced',
    at,
    accountId: 'acc-ada',
    customAttributes: { Department: 'R&D' },
    disabled: false,
  });
  await setUserSyncState(bed.platform.store, connection.id, ids.alan, {
    status: 'failed',
    at,
    lastError: 'Creating users needs a directory API key.',
    customAttributes: {},
    disabled: false,
  });
  return { connectionId: connection.id, client, ids };
}

describe('directory view resolvers: users, groups, activity, retry and dry run', () => {
  it('lists users by name with their sync state, custom attributes and why they failed', async () => {
    const bed = await adminBed();
    const { connectionId, ids } = await directory(bed);
    const page = await bed.data('listUsers', { connectionId });
    expect(page.total).toBe(3);
    expect(page.items).toEqual([
      expect.objectContaining({
        id: ids.ada,
        userName: 'ada@example.com',
        displayName: 'ada X',
        status: 'synced',
        accountId: 'acc-ada',
        customAttributes: { Department: 'R&D' },
      }),
      expect.objectContaining({ id: ids.alan, status: 'failed', lastError: 'Creating users needs a directory API key.' }),
      expect.objectContaining({ id: ids.grace, status: 'pending', customAttributes: {} }),
    ]);
    expect(page.nextStartIndex).toBeUndefined();
  });

  it('shows the email each user has in Atlassian (after the username regex) and the Atlassian group each IdP group maps to', async () => {
    const bed = await adminBed();
    const { connectionId, ids } = await directory(bed);
    await bed.data('saveOptions', {
      connectionId,
      options: {
        usernameRegex: { pattern: '(.*)@example.com', replacement: '$1@corp.example' },
        onTheFly: { nameRegex: { pattern: '^Eng(.*)$', replacement: 'eng$1' } },
      },
    });
    const users = await bed.data('listUsers', { connectionId });
    expect(users.items.find((user) => user.id === ids.ada)).toMatchObject({ atlassianEmail: 'ada@corp.example', accountId: 'acc-ada' });
    expect((await bed.data('listGroups', { connectionId })).items).toEqual([
      expect.objectContaining({ displayName: 'Engineering', atlassianGroups: ['engineering'] }),
    ]);
  });

  it('filters users by status and text', async () => {
    const bed = await adminBed();
    const { connectionId } = await directory(bed);
    expect((await bed.data('listUsers', { connectionId, status: 'failed' })).items.map((user) => user.userName)).toEqual(['alan@example.com']);
    expect((await bed.data('listUsers', { connectionId, text: 'GRA' })).items.map((user) => user.userName)).toEqual(['grace@example.com']);
  });

  it("shows one user's groups, and lists groups", async () => {
    const bed = await adminBed();
    const { connectionId, ids } = await directory(bed);
    expect(await bed.data('getUserDetail', { connectionId, userId: ids.ada })).toMatchObject({
      groups: ['Engineering'],
      moreGroups: false,
      user: { status: 'synced' },
    });
    expect((await bed.data('listGroups', { connectionId })).items).toEqual([expect.objectContaining({ displayName: 'Engineering' })]);
    expect((await bed.data('listGroups', { connectionId, text: 'sales' })).items).toEqual([]);
  });

  it('retries a failed user: a change record and a provisioning job, as an IdP change would', async () => {
    const bed = await adminBed();
    const { connectionId, ids } = await directory(bed);
    bed.platform.queue.pushed.length = 0;
    expect(await bed.data('retrySubject', { connectionId, kind: 'user', subjectId: ids.alan })).toEqual({ queued: true });
    expect(await getChange(bed.platform.store, connectionId, 'user', ids.alan)).toMatchObject({ value: { changed: ['retry'], source: 'admin' } });
    expect(bed.platform.queue.pushed).toEqual([
      { queueName: PROVISIONING_QUEUE, event: { body: { connectionId, kind: 'user', subjectId: ids.alan } } },
    ]);

    const membership = await bed.data('retrySubject', { connectionId, kind: 'membership', subjectId: `group1:${ids.grace}` });
    expect(membership).toEqual({ queued: true });
    const gone = await bed.call('retrySubject', { connectionId, kind: 'user', subjectId: 'nobody' });
    expect(!gone.ok && gone.error.code).toBe('notFound');
  });

  it('lists activity newest first, filtered by connection, result and text', async () => {
    const bed = await adminBed();
    const { connectionId, ids } = await directory(bed);
    await recordActivity(bed.platform, {
      connectionId,
      actor: 'provisioning',
      subject: { kind: 'user', id: ids.alan },
      action: 'provision',
      result: 'failed',
      reason: 'Creating users needs a directory API key.',
      retryable: true,
    });
    const failed = await bed.data('listActivity', { connectionId, result: 'failed' });
    expect(failed.entries).toEqual([
      expect.objectContaining({ subject: { kind: 'user', id: ids.alan }, retryable: true, reason: 'Creating users needs a directory API key.' }),
    ]);
    expect((await bed.data('listActivity', { text: 'directory api key' })).entries).toHaveLength(1);
    // A user the Users view shows as failed is found by the "failed or refused" filter whichever word its entry uses.
    await recordActivity(bed.platform, {
      connectionId,
      actor: 'provisioning',
      subject: { kind: 'user', id: ids.grace },
      action: 'map attributes',
      result: 'refused',
      reason: 'not an email',
    });
    const problems = await bed.data('listActivity', { connectionId, result: 'problem' });
    expect(problems.entries.map((entry) => [entry.subject.id, entry.result])).toEqual([
      [ids.grace, 'refused'],
      [ids.alan, 'failed'],
    ]);
    expect((await bed.data('listActivity', { connectionId })).entries.map((entry) => entry.action)).toEqual([
      'map attributes',
      'provision',
      'connection created',
    ]);
  });

  it('plans the first users of a connection without changing anything', async () => {
    const bed = await adminBed();
    const { connectionId } = await directory(bed);
    const before = bed.world.sandbox.snapshot();
    const report = await bed.data('dryRun', { connectionId });
    expect(report.totalUsers).toBe(3);
    expect(report.planned.map((plan) => plan.userName)).toEqual(['ada@example.com', 'alan@example.com', 'grace@example.com']);
    expect(report.counts.createUser).toBeGreaterThan(0);
    expect(bed.world.sandbox.snapshot()).toEqual(before);
  });
});
