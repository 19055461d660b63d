import { patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// Default project lead and default component lead: who takes over what a disabled user leads.

describe('default project and component leads', () => {
  let h: ProvisioningBed;
  let ada: string;
  let adaAccount: string;

  beforeEach(async () => {
    h = await provisioningBed();
    ada = await h.createUser('ada@example.com');
    await h.runJobs();
    adaAccount = h.account('ada@example.com')!.accountId;
    const engineering = h.sandbox.state.project('ENG')!;
    engineering.leadAccountId = adaAccount;
    engineering.components.find((c) => c.name === 'Docs')!.leadAccountId = adaAccount;
  });

  const lead = (key: string) => h.snapshot().projects.find((p) => p.key === key)!;
  const componentLead = (key: string, name: string) => lead(key).components.find((c) => c.name === name)!.leadAccountId;
  const deactivate = async () => {
    await h.scim.patch(`/Users/${ada}`, patchOps({ op: 'replace', value: { active: false } }));
    await h.runJobs();
  };

  it('hands the projects and components a suspended lead leads to the default leads, and nothing else', async () => {
    const { siteAdmin, siteUser } = h.sandbox.credentials;
    await h.setOptions({ defaultProjectLead: siteAdmin.accountId, defaultComponentLead: siteUser.accountId });
    const expected = h.snapshot().projects;
    const engineering = expected.find((p) => p.key === 'ENG')!;
    engineering.leadAccountId = siteAdmin.accountId;
    engineering.components.find((c) => c.name === 'Docs')!.leadAccountId = siteUser.accountId;
    await deactivate();
    expect(h.snapshot().projects).toEqual(expected);
    expect(h.account('ada@example.com')).toMatchObject({ active: false });
  });

  it('hands over too when the disable action removes product access', async () => {
    await h.setOptions({ disableAction: 'removeProductAccess', defaultProjectLead: h.sandbox.credentials.siteAdmin.accountId });
    await deactivate();
    expect(lead('ENG').leadAccountId).toBe(h.sandbox.credentials.siteAdmin.accountId);
  });

  it('leaves the leads alone when the disable action only removes managed groups (the user keeps access)', async () => {
    await h.setOptions({ disableAction: 'removeFromManagedGroups', defaultProjectLead: h.sandbox.credentials.siteAdmin.accountId });
    await deactivate();
    expect(lead('ENG').leadAccountId).toBe(adaAccount);
  });

  it('without default leads, keeps the inactive lead and says why', async () => {
    await deactivate();
    expect(lead('ENG').leadAccountId).toBe(adaAccount);
    expect(componentLead('ENG', 'Docs')).toBe(adaAccount);
    const reasons = (await h.activity({ result: 'skipped' })).map((e) => e.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'project ENG keeps its inactive lead: no default project lead is set',
        `component ${h.sandbox.state.project('ENG')!.components.find((c) => c.name === 'Docs')!.id} keeps its inactive lead: no default component lead is set`,
      ]),
    );
  });

  it('does not hand a project to the user being disabled when that user is the default lead', async () => {
    await h.setOptions({ defaultProjectLead: adaAccount });
    await deactivate();
    expect(lead('ENG').leadAccountId).toBe(adaAccount);
    const reasons = (await h.activity({ result: 'skipped' })).map((e) => e.reason);
    expect(reasons).toContain('project ENG keeps its lead: the default project lead is the user being disabled');
  });
});
