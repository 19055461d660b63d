import { patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// RFC 7644 §3.5.2.2: PATCH remove of `active` leaves it unassigned, which asserts neither active nor inactive.

describe('PATCH remove of active', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
  });

  const patch = (id: string, ...ops: unknown[]) => h.scim.patch(`/Users/${id}`, patchOps(...ops));

  it('leaves a suspended account suspended through later updates, until the IdP says active again', async () => {
    const id = await h.createUser('ada@example.com');
    await h.runJobs();
    await patch(id, { op: 'replace', path: 'active', value: false });
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ active: false });

    const removed = await patch(id, { op: 'remove', path: 'active' });
    expect(removed.status).toBe(200);
    expect(removed.body).not.toHaveProperty('active');
    expect((await h.scim.get(`/Users/${id}`)).body).not.toHaveProperty('active');
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ active: false });

    await patch(id, { op: 'replace', path: 'displayName', value: 'Ada Lovelace' });
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ active: false, displayName: 'Ada Lovelace' });

    await patch(id, { op: 'add', path: 'active', value: true });
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ active: true });
    expect((await h.scim.get(`/Users/${id}`)).body).toMatchObject({ active: true });
  });

  it('leaves an active account active, and a user created without active is still provisioned', async () => {
    const id = await h.createUser('bob@example.com');
    await h.runJobs();
    await patch(id, { op: 'remove', path: 'active' });
    await h.runJobs();
    expect(h.account('bob@example.com')).toMatchObject({ active: true });

    const created = await h.scim.post('/Users', { userName: 'cy@example.com', emails: [{ value: 'cy@example.com', primary: true }] });
    expect(created.body).not.toHaveProperty('active');
    await h.runJobs();
    expect(h.account('cy@example.com')).toMatchObject({ active: true });
  });
});
