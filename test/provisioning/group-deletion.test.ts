import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';
import { pullToSite } from '../kit/pull-to-site';

// An IdP group deleted (SCIM DELETE /Groups, or gone in a full pull run) takes this connection's memberships with it;
// deleteEmptyGroups (off by default) also deletes a group the app created once it is empty.

describe('IdP group deletion over SCIM', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
  });

  const handAdd = (group: string, email: string) => h.sandbox.state.groupByName(group)!.members.add(h.sandbox.state.accountByEmail(email)!.accountId);

  it("removes this connection's members, keeps hand-made ones and the group, then an unrelated group is untouched", async () => {
    const ada = await h.createUser('ada@example.com');
    const cy = await h.createUser('cy@example.com');
    const sales = await h.createGroup('sales', [ada, cy]);
    await h.createGroup('ops', [ada]);
    await h.runJobs();
    expect(h.memberEmails('sales')).toEqual(['ada@example.com', 'cy@example.com']);
    handAdd('sales', 'bob@example.com');

    await h.scim.delete(`/Groups/${sales}`);
    await h.runJobs();
    expect(h.memberEmails('sales')).toEqual(['bob@example.com']);
    expect(h.memberEmails('ops')).toEqual(['ada@example.com']);
    const removals = (await h.activity({ result: 'applied' })).filter((entry) => entry.action === 'remove from group sales');
    expect(removals.map((entry) => entry.subject.label).sort()).toEqual(['ada@example.com', 'cy@example.com']);
  });

  it('keeps an emptied group by default, and deletes it with deleteEmptyGroups only once nobody is left', async () => {
    const ada = await h.createUser('ada@example.com');
    const kept = await h.createGroup('kept', [ada]);
    await h.runJobs();
    await h.scim.delete(`/Groups/${kept}`);
    await h.runJobs();
    expect(h.memberEmails('kept')).toEqual([]);

    await h.setOptions({ groupImport: { deleteEmptyGroups: true } });
    const emptied = await h.createGroup('emptied', [ada]);
    const crowded = await h.createGroup('crowded', [ada]);
    await h.runJobs();
    handAdd('crowded', 'bob@example.com');
    await h.scim.delete(`/Groups/${emptied}`);
    await h.scim.delete(`/Groups/${crowded}`);
    await h.runJobs();
    expect(h.memberEmails('emptied')).toBeUndefined();
    expect(h.memberEmails('crowded')).toEqual(['bob@example.com']);
    expect(h.memberEmails('kept')).toEqual([]);
    const skipped = await h.activity({ result: 'skipped' });
    expect(skipped.map((entry) => [entry.action, entry.reason])).toContainEqual([
      'delete group crowded',
      'the IdP group was deleted, but the Atlassian group still has members',
    ]);
  });

  it('logs a group the import filter leaves out, and creates nothing for it', async () => {
    await h.setOptions({ groupImport: { filter: { exclude: ['^test-'] } } });
    const ada = await h.createUser('ada@example.com');
    await h.createGroup('test-lab', [ada]);
    await h.runJobs();
    expect(h.memberEmails('test-lab')).toBeUndefined();
    const skipped = await h.activity({ result: 'skipped' });
    expect(skipped).toContainEqual(
      expect.objectContaining({
        action: 'import group',
        reason: 'the group import filter leaves this group out',
        subject: expect.objectContaining({ label: 'test-lab' }),
      }),
    );
  });
});

describe('IdP group deletion in a full pull run', () => {
  it("removes the run's connection's members of a group IDCS no longer has", async () => {
    const people = ['u1', 'u2', 'u3'].map((id) => ({ id, userName: `${id}@example.com`, email: `${id}@example.com` }));
    const bed = await pullToSite({
      users: people,
      groups: [
        { id: 'g-sales', displayName: 'Sales', members: ['u1', 'u2'] },
        { id: 'g-ops', displayName: 'Ops', members: ['u3'] },
      ],
    });
    await bed.run('full');
    expect(bed.h.memberEmails('Sales')).toEqual(['u1@example.com', 'u2@example.com']);
    bed.fake.removeGroup('g-sales');
    await bed.h.clock.advance(60_000);
    expect((await bed.run('full')).status).toBe('succeeded');
    expect(bed.h.memberEmails('Sales')).toEqual([]);
    expect(bed.h.memberEmails('Ops')).toEqual(['u3@example.com']);
  });
});
