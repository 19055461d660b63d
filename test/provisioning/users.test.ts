import { patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// createUsers, updateUsers, enableUsers and disableUsers, each on and off, against the sandbox site.

describe('user options', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
  });

  const rename = (id: string, displayName: string) =>
    h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'displayName', value: displayName }));
  const setActive = (id: string, active: boolean) => h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active } }));

  describe('createUsers', () => {
    it('on (the default): an active IdP user without an account gets one with the mapped email and name', async () => {
      await h.createUser('ada@example.com');
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Ada Lovelace', active: true });
    });

    it('off: no account is created, and a later switch on creates it on the next change', async () => {
      await h.setOptions({ createUsers: false });
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      expect(h.account('ada@example.com')).toBeUndefined();
      expect((await h.activity({ result: 'skipped' })).map((e) => e.reason)).toContain('no Atlassian account, and importing users is off');

      await h.setOptions({ createUsers: true });
      await rename(id, 'Ada King');
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Ada King' });
    });

    it('never creates an account for a user the IdP sends inactive', async () => {
      await h.createUser('ada@example.com', { active: false });
      await h.runJobs();
      expect(h.account('ada@example.com')).toBeUndefined();
    });
  });

  describe('updateUsers', () => {
    it('on (the default): a display name changed in the IdP reaches the Atlassian account', async () => {
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      await rename(id, 'Ada King');
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Ada King' });
      expect((await h.activity({ result: 'applied' })).map((e) => e.action)).toContain('update profile (displayName)');
    });

    it('on: an email changed in the IdP keeps the account linked, and the log says the email must change in Atlassian', async () => {
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      const accounts = h.snapshot().users.length;
      await h.scim.patch(
        `/Users/${id}`,
        patchOps({ op: 'replace', value: { userName: 'ada.king@example.com', emails: [{ value: 'ada.king@example.com', primary: true }] } }),
      );
      await rename(id, 'Ada King');
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Ada King' });
      expect(h.snapshot().users).toHaveLength(accounts);
      const reasons = (await h.activity({ result: 'skipped' })).map((e) => e.reason);
      expect(reasons).toContain(
        "the IdP has a different email; the app cannot change an Atlassian account's email: change it in Atlassian Administration",
      );
      expect((await h.activity({ result: 'applied' })).map((e) => e.action)).not.toContain('update profile (email)');
    });

    it('off: the account keeps its name, and the activity log says why', async () => {
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      await h.setOptions({ updateUsers: false });
      await rename(id, 'Ada King');
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Ada Lovelace' });
      const skipped = await h.activity({ result: 'skipped' });
      expect(skipped.map((e) => e.reason)).toContain('the IdP has a different displayName, and updating users is off');
    });
  });

  describe('disableUsers', () => {
    it('on (the default): a user the IdP deactivates is suspended', async () => {
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      await setActive(id, false);
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ active: false });
    });

    it('on: a user deleted in the IdP is suspended too', async () => {
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      await h.scim.delete(`/Users/${id}`);
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ active: false });
    });

    it('off: the account stays active, and the activity log says why', async () => {
      await h.setOptions({ disableUsers: false });
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      await setActive(id, false);
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ active: true });
      const reasons = (await h.activity({ result: 'skipped' })).map((e) => e.reason);
      expect(reasons).toContain('the IdP reports the user inactive, and disabling users is off');
    });
  });

  describe('enableUsers', () => {
    async function suspended(): Promise<string> {
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      await setActive(id, false);
      await h.runJobs();
      return id;
    }

    it('on (the default): a suspended user the IdP reactivates is restored', async () => {
      const id = await suspended();
      await setActive(id, true);
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ active: true });
    });

    it('off: the account stays suspended, and the activity log says why', async () => {
      const id = await suspended();
      await h.setOptions({ enableUsers: false });
      await setActive(id, true);
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ active: false });
      const reasons = (await h.activity({ result: 'skipped' })).map((e) => e.reason);
      expect(reasons).toContain('the IdP reports the user active, the account is suspended, and enabling users is off');
    });

    it('off with disabling on: deactivation still applies, so the two switch independently', async () => {
      await h.setOptions({ enableUsers: false });
      const id = await h.createUser('ada@example.com');
      await h.runJobs();
      await setActive(id, false);
      await h.runJobs();
      expect(h.account('ada@example.com')).toMatchObject({ active: false });
    });
  });
});
