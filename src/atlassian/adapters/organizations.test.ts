import { atlassianSandbox } from '../../../test/kit/atlassian-sandbox';
import { eachPage } from '../target';
import { OrganizationsTarget } from './organizations';

describe('OrganizationsTarget over the sandbox', () => {
  it('pages group members by cursor', async () => {
    const { site, organizationsTarget } = atlassianSandbox();
    const target = organizationsTarget();
    const group = await target.createGroup('org-people');
    for (let i = 0; i < 120; i++) {
      const account = site.state.createAccount({ email: `o${i}@example.com`, displayName: `O ${i}` });
      await target.addMember(group.groupId, { accountId: account.accountId });
    }
    const sizes: number[] = [];
    for await (const members of eachPage((cursor) => target.listGroupMembers(group.groupId, cursor))) sizes.push(members.length);
    expect(sizes).toEqual([100, 20]);
  });

  it('invites a user and reads the account back by email', async () => {
    const { site, organizationsTarget } = atlassianSandbox();
    const user = await organizationsTarget().createUser({ email: 'invitee@example.com', displayName: 'Invitee' });
    expect(user).toMatchObject({ email: 'invitee@example.com', active: true });
    expect(site.stats().byEndpoint).toMatchObject({
      'POST /admin/v2/orgs/:orgId/users/invite': 1,
      'POST /admin/v2/orgs/:orgId/directories/:directoryId/users/search': 1,
    });
  });

  it('explains refusals: IdP-synced groups and unmanaged accounts', async () => {
    const { site, http, organizationsTarget } = atlassianSandbox();
    const c = site.credentials;
    const synced = site.state.createGroup('from-idp', c.scimDirectoryId);
    const allDirectories = new OrganizationsTarget({ http, baseUrl: c.apiUrl, orgId: c.orgId, directoryId: '-', apiKey: c.orgKey });
    await expect(allDirectories.addMember(synced.groupId, { accountId: c.siteUser.accountId })).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('synced from an identity provider'),
    });
    const outsider = site.state.createAccount({ email: 'guest@elsewhere.org', displayName: 'Guest' });
    await expect(organizationsTarget().updateProfile({ accountId: outsider.accountId }, { displayName: 'G' })).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('not managed by the organization'),
    });
  });

  it('suspends and restores organization access, which the user reads as inactive', async () => {
    const { site, organizationsTarget } = atlassianSandbox();
    const target = organizationsTarget();
    const bob = site.state.accountByEmail('bob@example.com');
    await target.suspendUser({ accountId: bob?.accountId ?? '' });
    expect(await target.getUser(bob?.accountId ?? '')).toMatchObject({ active: false });
    await target.restoreUser({ accountId: bob?.accountId ?? '' });
    expect(await target.getUser(bob?.accountId ?? '')).toMatchObject({ active: true });
  });
});
