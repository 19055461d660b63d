import { patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// What "disable user" does under each disableAction, for a user the IdP deactivates.

describe('disableAction', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed({ linkDomains: ['example.com'] });
    h.sandbox.state.createGroup('tempo-users');
    h.sandbox.state.groupByName('tempo-users')!.members.add(h.sandbox.state.accountByEmail('alice@example.com')!.accountId);
  });

  /** alice@example.com already has an account, in jira-software-users, confluence-users and tempo-users. */
  async function provisionAliceInEngineering(): Promise<string> {
    const id = await h.createUser('alice@example.com');
    await h.createGroup('engineering', [id]);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual(['alice@example.com']);
    return id;
  }

  async function deactivate(id: string): Promise<void> {
    await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active: false } }));
    await h.runJobs();
  }

  it('suspend (the default): the account can no longer log in; its groups are kept for a restore', async () => {
    await deactivate(await provisionAliceInEngineering());
    expect(h.account('alice@example.com')).toMatchObject({ active: false, jiraAccess: true });
    expect(h.memberEmails('engineering')).toEqual(['alice@example.com']);
  });

  it('removeProductAccess: the account stays active but loses Jira, and keeps its groups', async () => {
    await h.setOptions({ disableAction: 'removeProductAccess' });
    await deactivate(await provisionAliceInEngineering());
    expect(h.account('alice@example.com')).toMatchObject({ active: true, jiraAccess: false });
    expect(h.memberEmails('engineering')).toEqual(['alice@example.com']);
    expect((await h.activity({ result: 'applied' })).map((e) => e.action)).toContain('remove product access (jira)');
  });

  it('removeProductAccess, then reactivation: the app says it cannot give product access back, and what to do', async () => {
    await h.setOptions({ disableAction: 'removeProductAccess' });
    const id = await provisionAliceInEngineering();
    await deactivate(id);
    await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active: true } }));
    await h.runJobs();
    expect(h.account('alice@example.com')).toMatchObject({ jiraAccess: false });
    const reasons = (await h.activity({ result: 'skipped' })).map((e) => e.reason);
    expect(reasons).toContainEqual(expect.stringMatching(/lacks access to jira; the app cannot grant product access/));
    expect((await h.activity({ result: 'applied' })).map((e) => e.action)).not.toContain('restore user');
  });

  it('removeFromManagedGroups: only the memberships this connection added go; the account stays usable', async () => {
    await h.setOptions({ disableAction: 'removeFromManagedGroups' });
    await deactivate(await provisionAliceInEngineering());
    expect(h.account('alice@example.com')).toMatchObject({ active: true, jiraAccess: true });
    expect(h.memberEmails('engineering')).toEqual([]);
    for (const group of ['jira-software-users', 'confluence-users', 'tempo-users']) {
      expect(h.memberEmails(group)).toContain('alice@example.com');
    }
  });

  it('each action is applied once: a second job for the same inactive user changes nothing', async () => {
    await h.setOptions({ disableAction: 'removeFromManagedGroups' });
    const id = await provisionAliceInEngineering();
    await deactivate(id);
    const calls = h.sandbox.stats().byEndpoint;
    await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'title', value: 'Former engineer' }));
    await h.runJobs();
    const writes = Object.entries(h.sandbox.stats().byEndpoint).filter(
      ([endpoint, count]) => !endpoint.startsWith('GET') && count !== calls[endpoint],
    );
    expect(writes).toEqual([]);
  });
});
