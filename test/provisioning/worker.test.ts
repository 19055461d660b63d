import { listActivity } from '../../src/records/activity-log';
import { listPendingChanges } from '../../src/records/change-records';
import { getUserSyncState } from '../../src/provisioning/sync-state';
import { oktaUser, patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

const user = (snapshot: ReturnType<ProvisioningBed['snapshot']>, email: string) => snapshot.users.find((u) => u.email === email);
const group = (snapshot: ReturnType<ProvisioningBed['snapshot']>, name: string) => snapshot.groups.find((g) => g.name === name);

describe('provisioning worker', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
  });

  it('creates the Atlassian account of a SCIM-created user, links it, and clears the change record', async () => {
    const { body } = await h.scim.post('/Users', oktaUser('ada@example.com'));
    await h.runJobs();
    const account = user(h.snapshot(), 'ada@example.com');
    expect(account).toMatchObject({ displayName: 'Ada Lovelace', active: true });
    const state = await getUserSyncState(h.platform.store, h.scim.connectionId, body.id);
    expect(state).toMatchObject({ status: 'synced', accountId: account!.accountId });
    expect((await listPendingChanges(h.platform.store, h.scim.connectionId)).items).toEqual([]);
    const activity = await listActivity(h.platform.store, { connectionId: h.scim.connectionId });
    expect(activity.entries.map((e) => [e.action, e.result])).toContainEqual(['create user', 'applied']);
  });

  it('is idempotent: running the same job twice changes nothing more', async () => {
    await h.scim.post('/Users', oktaUser('ada@example.com'));
    const pushed = [...h.platform.queue.pushed];
    await h.runJobs();
    const before = h.snapshot();
    h.platform.queue.pushed.push(...pushed);
    await h.runJobs();
    expect(h.snapshot()).toEqual(before);
  });

  it('creates a pushed group on the fly with its members, and removes a member the IdP removed', async () => {
    await h.setOptions({ ownership: { linkDomains: ['example.com'] } });
    const ada = (await h.scim.post('/Users', oktaUser('ada@example.com'))).body.id;
    const bob = (await h.scim.post('/Users', oktaUser('bob@example.com'))).body.id;
    const groupId = (await h.scim.post('/Groups', { displayName: 'engineering', members: [{ value: ada }, { value: bob }] })).body.id;
    await h.runJobs();
    const accounts = h.snapshot().users;
    const members = (name: string) =>
      group(h.snapshot(), name)
        ?.members.map((id) => accounts.find((a) => a.accountId === id)?.email)
        .sort();
    expect(members('engineering')).toEqual(['ada@example.com', 'bob@example.com']);
    await h.scim.patch(`/Groups/${groupId}`, patchOps({ op: 'remove', path: `members[value eq "${bob}"]` }));
    await h.runJobs();
    expect(members('engineering')).toEqual(['ada@example.com']);
  });

  it('suspends a user the IdP deactivates and restores it when reactivated', async () => {
    const id = (await h.scim.post('/Users', oktaUser('ada@example.com'))).body.id;
    await h.runJobs();
    await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active: false } }));
    await h.runJobs();
    expect(user(h.snapshot(), 'ada@example.com')).toMatchObject({ active: false });
    await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active: true } }));
    await h.runJobs();
    expect(user(h.snapshot(), 'ada@example.com')).toMatchObject({ active: true });
  });

  it('ends a delete that arrives before the create was applied in the deleted state (no account made)', async () => {
    const id = (await h.scim.post('/Users', oktaUser('ghost@example.com'))).body.id;
    await h.scim.delete(`/Users/${id}`);
    await h.runJobs();
    expect(user(h.snapshot(), 'ghost@example.com')).toBeUndefined();
  });

  it('does not create users when importing users is off, and says why in the activity log', async () => {
    await h.setOptions({ createUsers: false });
    await h.scim.post('/Users', oktaUser('ada@example.com'));
    await h.runJobs();
    expect(user(h.snapshot(), 'ada@example.com')).toBeUndefined();
    const activity = await listActivity(h.platform.store, { connectionId: h.scim.connectionId, result: 'skipped' });
    expect(activity.entries[0].reason).toMatch(/importing users is off/);
  });

  it('rewrites the email with the username regex before matching and creating', async () => {
    await h.setOptions({ usernameRegex: { pattern: '(.*)@corp\\.local', replacement: '$1@example.com' } });
    await h.scim.post('/Users', oktaUser('ada@corp.local', { emails: [] }));
    await h.runJobs();
    expect(user(h.snapshot(), 'ada@example.com')).toBeDefined();
  });

  it('adds new users to default groups and never touches protected groups', async () => {
    h.sandbox.state.createGroup('everyone');
    h.sandbox.state.createGroup('new-starters');
    await h.setOptions({ defaultGroups: { newUsers: ['new-starters'], allUsers: ['everyone'] } });
    const id = (await h.scim.post('/Users', oktaUser('ada@example.com'))).body.id;
    const admins = (await h.scim.post('/Groups', { displayName: 'site-admins', members: [{ value: id }] })).body.id;
    expect(admins).toBeDefined();
    await h.runJobs();
    const snapshot = h.snapshot();
    const accountId = user(snapshot, 'ada@example.com')!.accountId;
    expect(group(snapshot, 'everyone')?.members ?? []).toContain(accountId);
    expect(group(snapshot, 'new-starters')?.members ?? []).toContain(accountId);
    expect(group(snapshot, 'site-admins')?.members ?? []).not.toContain(accountId);
  });

  it('plans without applying in dry-run mode', async () => {
    await h.setOptions({ dryRun: true });
    await h.scim.post('/Users', oktaUser('ada@example.com'));
    await h.runJobs();
    expect(user(h.snapshot(), 'ada@example.com')).toBeUndefined();
    const planned = await listActivity(h.platform.store, { connectionId: h.scim.connectionId, result: 'planned' });
    expect(planned.entries.map((e) => e.action)).toContain('create user');
  });

  it('asks the queue to retry after a 429 with a long Retry-After, and loses nothing', async () => {
    h.sandbox.injectFault({ status: 429, times: 1, retryAfterSeconds: 120 });
    await h.scim.post('/Users', oktaUser('ada@example.com'));
    const started = h.clock.now();
    const answers = await h.runJobs();
    expect(answers[0]).toEqual(expect.objectContaining({ retryAfterSeconds: 120 }));
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(120_000);
    expect(user(h.snapshot(), 'ada@example.com')).toBeDefined();
    expect((await listPendingChanges(h.platform.store, h.scim.connectionId)).items).toEqual([]);
  });
});
