import type { AdminDeps } from '../../src/admin/admin-deps';
import { invokeResolver, type DataOf, type PayloadOf, type ResolverKey } from '../../src/admin/resolver-definitions';
import { DRIFT_CHECK_INTERVAL_MS, getReevaluation } from '../../src/provisioning/reevaluation';
import { runScheduledSweep } from '../../src/sync/scheduled-sweep';
import { getUserSyncState } from '../../src/provisioning/sync-state';
import { patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// Changes that move the desired state without the IdP sending anything (an options save, dry run off, import on,
// a check of the site), from the admin's resolver through the queue and the worker to the sandbox site; and the
// safety net every removal goes through. Sequences: each change, then another, then an unrelated one.

type Admin = <K extends ResolverKey>(key: K, payload: PayloadOf<K>) => Promise<DataOf<K>>;

/** The admin page's resolvers over the bed's platform, as an administrator; a refusal throws. */
function adminOf(h: ProvisioningBed): Admin {
  const deps: AdminDeps = { platform: h.platform, triggerUrl: async () => 'https://trigger.example', isAdministrator: async () => true };
  return async (key, payload) => {
    const result = await invokeResolver(deps, key, payload, { accountId: 'admin-1' });
    if (!result.ok) throw new Error(`${key}: ${JSON.stringify(result.error)}`);
    return result.data as never;
  };
}

describe('re-evaluation after an options save', () => {
  let h: ProvisioningBed;
  let admin: Admin;

  beforeEach(async () => {
    h = await provisioningBed();
    admin = adminOf(h);
  });

  const connectionId = () => h.scim.connectionId;
  const saveOptions = async (options: Record<string, unknown>) => {
    await admin('saveOptions', { connectionId: connectionId(), options });
  };
  const status = async (userId: string) => (await getUserSyncState(h.platform.store, connectionId(), userId))?.status;

  it('reaches users the IdP never sends again, counts its progress, and an unrelated change later keeps it', async () => {
    const ids = [await h.createUser('ada@example.com'), await h.createUser('grace@example.com'), await h.createUser('linus@example.com')];
    await h.runJobs();
    h.sandbox.state.createGroup('everyone');
    const pushedBefore = h.platform.queue.pushed.length;

    await saveOptions({ defaultGroups: { allUsers: ['everyone'] } });
    expect(await getReevaluation(h.platform, connectionId())).toMatchObject({ reason: 'options', status: 'running', total: 3, done: 0 });
    await h.runJobs();
    expect(h.memberEmails('everyone')).toEqual(['ada@example.com', 'grace@example.com', 'linus@example.com']);
    expect(await getReevaluation(h.platform, connectionId())).toMatchObject({ status: 'done', total: 3, done: 3, changed: 3 });
    // One batch for the users and one for the (no) groups: queue events, not one per user.
    expect(h.platform.queue.pushed.length - pushedBefore).toBe(2);
    for (const id of ids) expect(await status(id)).toBe('synced');

    await h.scim.patch(`/Users/${ids[1]}`, patchOps({ op: 'replace', path: 'displayName', value: 'Grace Hopper' }));
    await h.runJobs();
    expect(h.memberEmails('everyone')).toHaveLength(3);
    expect(h.account('grace@example.com')?.displayName).toBe('Grace Hopper');
  });

  it('applies what the dry run planned once dry run is turned off', async () => {
    const bob = await h.createUser('bob2@example.com');
    await h.runJobs();
    await saveOptions({ dryRun: true });
    await h.runJobs();
    const ada = await h.createUser('ada@example.com');
    await h.scim.patch(`/Users/${bob}`, patchOps({ op: 'replace', value: { active: false } }));
    await h.runJobs();
    expect(h.account('ada@example.com')).toBeUndefined();
    expect(h.account('bob2@example.com')?.active).toBe(true);
    expect(await status(ada)).toBe('planned');
    expect(await status(bob)).toBe('planned');
    expect((await h.activity({ result: 'planned' })).map((entry) => entry.action)).toEqual(expect.arrayContaining(['create user', 'suspend user']));

    await saveOptions({ dryRun: false });
    expect(await getReevaluation(h.platform, connectionId())).toMatchObject({ reason: 'dryRunOff' });
    await h.runJobs();
    expect(h.account('ada@example.com')?.active).toBe(true);
    expect(h.account('bob2@example.com')?.active).toBe(false);
    expect([await status(ada), await status(bob)]).toEqual(['synced', 'synced']);
  });

  it('creates the users skipped while import was off once it is turned on', async () => {
    await saveOptions({ createUsers: false });
    const ada = await h.createUser('ada@example.com');
    await h.runJobs();
    expect(h.account('ada@example.com')).toBeUndefined();
    expect(await getUserSyncState(h.platform.store, connectionId(), ada)).toMatchObject({
      status: 'skipped',
      lastError: 'no Atlassian account, and importing users is off',
    });
    const [summary] = await admin('listConnections', {}).then((data) => (data as { connections: { sync: Record<string, number> }[] }).connections);
    expect(summary.sync).toMatchObject({ skipped: 1, synced: 0 });

    await saveOptions({ createUsers: true });
    await h.runJobs();
    expect(h.account('ada@example.com')?.active).toBe(true);
    expect(await status(ada)).toBe('synced');
  });

  it('shows the impact of options before they are saved, from the same planner, changing nothing', async () => {
    await h.createUser('ada@example.com');
    await h.createUser('grace@example.com');
    await h.runJobs();
    const site = h.snapshot();
    const report = await admin('previewOptions', {
      connectionId: connectionId(),
      options: { disableAction: 'suspend', dryRun: false, defaultGroups: { allUsers: ['jira-software-users'] } },
    });
    expect(report.counts).toEqual({ addMember: 2 });
    expect(h.snapshot()).toEqual(site);
    expect(await getReevaluation(h.platform, connectionId())).toBeUndefined();
  });
});

describe('the safety net for removals', () => {
  let h: ProvisioningBed;
  let admin: Admin;

  beforeEach(async () => {
    h = await provisioningBed();
    admin = adminOf(h);
  });

  async function twelveInEngineering(): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await h.createUser(`user${i}@example.com`));
    await h.createGroup('engineering', ids);
    await h.runJobs();
    return ids;
  }

  it('holds a burst of deactivations past the share, names each user, and applies them on Confirm', async () => {
    const ids = await twelveInEngineering();
    for (const id of ids.slice(0, 5)) await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active: false } }));
    await h.runJobs();
    const suspended = () => h.snapshot().users.filter((user) => user.email.startsWith('user') && !user.active).length;
    expect(suspended()).toBe(1);
    const held = await h.activity({ result: 'held' });
    expect(held).toHaveLength(4);
    expect(held.every((entry) => entry.action === 'suspend user' && /^user\d+@example\.com$/.test(entry.subject.label ?? ''))).toBe(true);
    expect(held[0].reason).toMatch(/more than 10% of the connection's 12 users would lose access within an hour/);
    const view = await admin('getReevaluation', { connectionId: h.scim.connectionId });
    expect(view.heldCount).toBe(4);

    await admin('confirmRemovals', { connectionId: h.scim.connectionId });
    await h.runJobs();
    expect(suspended()).toBe(5);
    expect((await admin('getReevaluation', { connectionId: h.scim.connectionId })).heldCount).toBe(0);
  });

  it('holds the memberships an options change removes, names user and group, and leaves them on Cancel', async () => {
    await twelveInEngineering();
    await admin('saveOptions', { connectionId: h.scim.connectionId, options: { groupImport: { filter: { exclude: ['^engineering$'] } } } });
    await h.runJobs();
    expect(h.memberEmails('engineering')).toHaveLength(11);
    const held = await h.activity({ result: 'held' });
    expect(held).toHaveLength(11);
    expect(held.every((entry) => entry.action === 'remove from group engineering' && entry.subject.label?.endsWith('@example.com'))).toBe(true);

    await admin('cancelRemovals', { connectionId: h.scim.connectionId });
    await h.runJobs();
    expect(h.memberEmails('engineering')).toHaveLength(11);
    expect((await admin('getReevaluation', { connectionId: h.scim.connectionId })).heldCount).toBe(0);
  });
});

describe('drift repair', () => {
  let h: ProvisioningBed;
  let admin: Admin;

  beforeEach(async () => {
    h = await provisioningBed();
    admin = adminOf(h);
  });

  async function driftByHand(): Promise<void> {
    const ada = await h.createUser('ada@example.com');
    const bob = await h.createUser('bob2@example.com');
    await h.createGroup('engineering', [ada, bob]);
    await h.runJobs();
    await h.scim.patch(`/Users/${bob}`, patchOps({ op: 'replace', value: { active: false } }));
    await h.runJobs();
    expect(h.account('bob2@example.com')?.active).toBe(false);
    // By hand in Atlassian: ada leaves engineering, bob is reactivated.
    h.sandbox.state.groupByName('engineering')!.members.delete(h.sandbox.state.accountByEmail('ada@example.com')!.accountId);
    h.sandbox.state.accountByEmail('bob2@example.com')!.active = true;
  }

  it('"Check the site now" repairs a removed membership and a reactivated account', async () => {
    await driftByHand();
    await admin('checkSiteNow', { connectionId: h.scim.connectionId });
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual(['ada@example.com', 'bob2@example.com']);
    expect(h.account('bob2@example.com')?.active).toBe(false);
    expect(await getReevaluation(h.platform, h.scim.connectionId)).toMatchObject({ reason: 'drift', mode: 'apply', status: 'done', changed: 2 });
  });

  it('runs daily from the scheduled sweep, and not again before a day has passed', async () => {
    await driftByHand();
    await runScheduledSweep(h.platform);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual(['ada@example.com', 'bob2@example.com']);
    h.sandbox.state.accountByEmail('bob2@example.com')!.active = true;
    await h.clock.advance(6 * 3_600_000);
    await runScheduledSweep(h.platform);
    await h.runJobs();
    expect(h.account('bob2@example.com')?.active).toBe(true);
    await h.clock.advance(DRIFT_CHECK_INTERVAL_MS);
    await runScheduledSweep(h.platform);
    await h.runJobs();
    expect(h.account('bob2@example.com')?.active).toBe(false);
  });

  it('only reports when the admin chose so', async () => {
    await driftByHand();
    await admin('saveOptions', { connectionId: h.scim.connectionId, options: { driftRepair: 'report' } });
    await h.runJobs();
    await admin('checkSiteNow', { connectionId: h.scim.connectionId });
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual(['bob2@example.com']);
    expect(h.account('bob2@example.com')?.active).toBe(true);
    const planned = (await h.activity({ result: 'planned' })).map((entry) => `${entry.subject.label}: ${entry.action}`);
    expect(planned).toEqual(expect.arrayContaining(['ada@example.com: add to group engineering', 'bob2@example.com: suspend user']));
  });
});
