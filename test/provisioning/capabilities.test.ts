import { listPendingChanges } from '../../src/records/change-records';
import { patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// What the engine does with fewer Atlassian credentials than it needs: it refuses with the capability matrix's message
// (which credential to add) in the activity log, and never retries a refusal.

describe('capability refusals', () => {
  describe("with only a site admin's API token", () => {
    let h: ProvisioningBed;

    beforeEach(async () => {
      h = await provisioningBed({ credentials: ['siteToken'] });
    });

    it("creates the account through Jira's legacy endpoint, with Jira access", async () => {
      await h.createUser('ada@example.com');
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ active: true, jiraAccess: true });
      expect(h.sandbox.stats().byEndpoint['POST /rest/api/3/user']).toBe(1);
    });

    it('refuses a profile update, saying which credential to add (Jira names new accounts after their email)', async () => {
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'displayName', value: 'Ada King' }));
      await h.runJobs();
      const failed = await h.activity({ result: 'failed' });
      expect(failed[0]).toMatchObject({
        action: 'update profile (displayName)',
        reason: 'Updating user profiles needs a directory API key; add one under Atlassian credentials.',
      });
      expect((await listPendingChanges(h.platform.store, h.scim.connectionId)).items).toEqual([]);
    });

    it('refuses to suspend, but removes product access when that is the disable action', async () => {
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active: false } }));
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ active: true, jiraAccess: true });
      const failed = (await h.activity({ result: 'failed' })).find((entry) => entry.action === 'suspend user');
      expect(failed?.reason).toBe('Deactivating users needs a directory API key or an org API key; add one under Atlassian credentials.');

      await h.setOptions({ disableAction: 'removeProductAccess' });
      await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'title', value: 'Leaver' }));
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ active: true, jiraAccess: false });
    });
  });

  it('with only the app itself (asApp), looks the user up but refuses to create it, saying what to add', async () => {
    const h = await provisioningBed({ credentials: ['asApp'] });
    await h.createUser('ada@example.com');
    expect(await h.runJobs()).toEqual([undefined]);
    expect(h.account('ada@example.com')).toBeUndefined();
    expect(h.sandbox.stats().byEndpoint).toEqual({ 'GET /rest/api/3/user/search': 1 });
    const [failed] = await h.activity({ result: 'failed' });
    expect(failed).toMatchObject({
      action: 'create user',
      reason: 'Creating users needs a directory API key or an org API key; add one under Atlassian credentials.',
    });
    expect((await listPendingChanges(h.platform.store, h.scim.connectionId)).items).toEqual([]);
  });

  it('with no credential that can look users up, refuses the whole job once and says what to add', async () => {
    const h = await provisioningBed({ credentials: [] });
    await h.createUser('ada@example.com');
    const answers = await h.runJobs();
    expect(answers).toEqual([undefined]);
    expect(h.account('ada@example.com')).toBeUndefined();
    const [failed] = await h.activity({ result: 'failed' });
    expect(failed).toMatchObject({
      action: 'provision',
      reason: 'Looking up users by email needs an org API key or a directory API key; add one under Atlassian credentials.',
    });
    expect(h.sandbox.stats().total).toBe(0);
  });
});
