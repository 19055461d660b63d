import { dryRunConnection } from '../../src/provisioning/dry-run';
import { listPendingChanges } from '../../src/records/change-records';
import { getUserSyncState } from '../../src/provisioning/sync-state';
import { patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// dryRunConnection: the plan for a whole connection, with nothing changed anywhere; and the safety threshold it reports.

describe('dry run of a connection', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
  });

  it('lists what each user would get and changes nothing: site, activity log, sync state, pending changes', async () => {
    const ada = await h.createUser('ada@example.com');
    const grace = await h.createUser('grace@example.com');
    await h.createGroup('engineering', [ada, grace]);
    const site = h.snapshot();
    const pending = (await listPendingChanges(h.platform.store, h.scim.connectionId)).items;

    const report = await dryRunConnection(h.platform, h.scim.connectionId);

    expect(report?.totalUsers).toBe(2);
    expect(report?.planned.map((p) => [p.userName, p.actions.map((a) => a.type)])).toEqual([
      ['ada@example.com', ['createUser', 'createGroup', 'addMember']],
      ['grace@example.com', ['createUser', 'createGroup', 'addMember']],
    ]);
    // One group both plans create counts once; each step says what it does in the activity log's words.
    expect(report?.counts).toEqual({ createUser: 2, createGroup: 1, addMember: 2 });
    expect(report?.planned[0].actions.map((action) => action.label)).toEqual(['create user', 'create group engineering', 'add to group engineering']);
    expect(report?.safety).toEqual({ kind: 'ok' });
    expect(h.snapshot()).toEqual(site);
    expect(await h.activity()).toEqual([]);
    expect(await getUserSyncState(h.platform.store, h.scim.connectionId, ada)).toBeUndefined();
    expect((await listPendingChanges(h.platform.store, h.scim.connectionId)).items).toEqual(pending);
    expect(h.sandbox.stats().byEndpoint).not.toHaveProperty(['POST /scim/directory/:directoryId/Users']);
  });

  it('follows the options: with importing users off it lists the skip and its reason', async () => {
    await h.setOptions({ createUsers: false });
    await h.createUser('ada@example.com');
    const report = await dryRunConnection(h.platform, h.scim.connectionId);
    expect(report?.planned[0].actions).toEqual([{ type: 'skip', label: 'skip', reason: 'no Atlassian account, and importing users is off' }]);
  });

  it('lists the refusal of a user the options cannot map, without recording it', async () => {
    // Saved, as no usual username shows it wrong (a rule that turns them all into non-emails is refused at save).
    await h.setOptions({ usernameRegex: { pattern: '^(ada)@example\\.com$', replacement: '$1' } });
    await h.createUser('ada@example.com');
    const report = await dryRunConnection(h.platform, h.scim.connectionId);
    expect(report?.planned[0]).toMatchObject({ actions: [], failures: [expect.stringMatching(/is not an email address/)] });
    expect(await h.activity()).toEqual([]);
  });

  it('is bounded by its limit and says how many users there are', async () => {
    for (let n = 0; n < 5; n++) await h.createUser(`user${n}@example.com`);
    const report = await dryRunConnection(h.platform, h.scim.connectionId, 2);
    expect(report?.totalUsers).toBe(5);
    expect(report?.planned).toHaveLength(2);
  });

  it('answers undefined for an unknown connection', async () => {
    expect(await dryRunConnection(h.platform, 'nosuchconnection')).toBeUndefined();
  });
});

describe('safety threshold in the dry run report', () => {
  let h: ProvisioningBed;
  let ids: string[];

  async function directory(size: number): Promise<void> {
    ids = [];
    for (let n = 0; n < size; n++) ids.push(await h.createUser(`user${String(n).padStart(2, '0')}@example.com`));
    await h.runJobs();
  }

  /** Deactivated in the directory only: the jobs are not run, as when an admin previews a pending sync. */
  async function deactivate(count: number): Promise<void> {
    for (const id of ids.slice(0, count)) await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active: false } }));
  }

  beforeEach(async () => {
    h = await provisioningBed();
  });

  it('asks for confirmation when more than the allowed share of users would be disabled', async () => {
    await directory(12);
    await deactivate(2);
    const report = await dryRunConnection(h.platform, h.scim.connectionId);
    expect(report?.counts.suspend).toBe(2);
    expect(report?.safety).toEqual({ kind: 'needsConfirmation', share: 2 / 12, limit: 0.1 });
    expect(h.snapshot().users.filter((u) => !u.active)).toEqual([]);
  });

  it('lets a share at or under the limit through, and follows a raised limit', async () => {
    await directory(12);
    await deactivate(1);
    expect((await dryRunConnection(h.platform, h.scim.connectionId))?.safety).toEqual({ kind: 'ok' });
    await deactivate(2);
    await h.setOptions({ safety: { maxDisableShare: 0.2 } });
    expect((await dryRunConnection(h.platform, h.scim.connectionId))?.safety).toEqual({ kind: 'ok' });
  });

  it('does not check small directories', async () => {
    await directory(5);
    await deactivate(3);
    expect((await dryRunConnection(h.platform, h.scim.connectionId))?.safety).toEqual({ kind: 'ok' });
  });

  it('does not count users whose disabling is off', async () => {
    await directory(12);
    await h.setOptions({ disableUsers: false });
    await deactivate(6);
    expect((await dryRunConnection(h.platform, h.scim.connectionId))?.safety).toEqual({ kind: 'ok' });
  });
});
