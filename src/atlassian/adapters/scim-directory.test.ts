import { atlassianSandbox } from '../../../test/kit/atlassian-sandbox';
import { ScimDirectoryTarget } from './scim-directory';

function provisioned(count: number) {
  const box = atlassianSandbox();
  const accounts = Array.from({ length: count }, (_, i) => {
    const account = box.site.state.createAccount({ email: `p${i}@example.com`, displayName: `P ${i}` });
    box.site.state.createScimRecord(account.accountId, account.email);
    return account;
  });
  return { ...box, accounts, target: box.scimTarget() };
}

describe('ScimDirectoryTarget over the sandbox', () => {
  it('finds the SCIM record of a user with an email in one filtered read', async () => {
    const { site, target, accounts } = provisioned(150);
    const last = accounts[149];
    await target.suspendUser({ accountId: last.accountId, email: last.email });
    expect(last.active).toBe(false);
    expect(site.stats().byEndpoint).toEqual({
      'GET /scim/directory/:directoryId/Users': 1,
      'PATCH /scim/directory/:directoryId/Users/:id': 1,
    });
  });

  it('pages through the directory for a user known only by accountId, and remembers what it saw', async () => {
    const { site, target, accounts } = provisioned(150);
    await target.suspendUser({ accountId: accounts[149].accountId });
    await target.restoreUser({ accountId: accounts[120].accountId });
    expect(site.stats().byEndpoint['GET /scim/directory/:directoryId/Users']).toBe(2);
  });

  it('maps group members from SCIM ids to accountIds', async () => {
    const { target, accounts } = provisioned(3);
    const group = await target.createGroup('scim-people');
    for (const account of accounts) await target.addMember(group.groupId, { accountId: account.accountId });
    const members = await target.listGroupMembers(group.groupId);
    expect(members.items.map((m) => m.accountId)).toEqual(accounts.map((a) => a.accountId));
    expect(members.nextCursor).toBeUndefined();
  });

  it('says how to fix acting on an account that is not in the directory, and treats removing it as done', async () => {
    const { site, target } = provisioned(0);
    const outsider = site.credentials.siteUser;
    const group = await target.createGroup('scim-only');
    await expect(target.addMember(group.groupId, { accountId: outsider.accountId })).rejects.toMatchObject({
      kind: 'notFound',
      message: expect.stringContaining('create it through the directory first'),
    });
    await target.removeMember(group.groupId, { accountId: outsider.accountId });
  });

  it('writes profile changes as SCIM attribute paths', async () => {
    const { target, accounts } = provisioned(1);
    const [account] = accounts;
    await target.updateProfile(
      { accountId: account.accountId },
      { displayName: 'Pat Smith', givenName: 'Pat', familyName: 'Smith', title: 'CTO', department: 'R&D', timeZone: 'Europe/Oslo' },
    );
    expect(account).toMatchObject({
      displayName: 'Pat Smith',
      givenName: 'Pat',
      familyName: 'Smith',
      title: 'CTO',
      department: 'R&D',
      timeZone: 'Europe/Oslo',
    });
  });

  it('reports a wrong directory key as unauthorized with what to check', async () => {
    const box = atlassianSandbox({ secrets: { directoryKey: 'rotated' } });
    const c = box.site.credentials;
    const stale = new ScimDirectoryTarget({ http: box.http, baseUrl: c.apiUrl, directoryId: c.scimDirectoryId, apiKey: 'old' });
    await expect(stale.listGroups()).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 401,
      message: expect.stringContaining('regenerating the key'),
    });
  });
});
