import { atlassianSandbox, driveClock } from '../../../test/kit/atlassian-sandbox';

describe('SiteRestTarget over the sandbox', () => {
  it('misses a just-created user in user search until the index catches up', async () => {
    const { siteTarget, clock } = atlassianSandbox({ searchIndexDelayMs: 3000 });
    const target = siteTarget();
    const created = await target.createUser({ email: 'fresh@example.com', displayName: 'Fresh', products: ['jira-software'] });
    expect(await target.findUserByEmail('fresh@example.com')).toBeUndefined();
    await clock.advance(3000);
    expect(await target.findUserByEmail('fresh@example.com')).toMatchObject({ accountId: created.accountId, active: true });
  });

  it('cannot find a user whose profile hides the email, but can read them by accountId', async () => {
    const { site, siteTarget } = atlassianSandbox();
    const carol = site.state.accountByEmail('carol@example.com');
    expect(await siteTarget().findUserByEmail('carol@example.com')).toBeUndefined();
    expect(await siteTarget().getUser(carol?.accountId ?? '')).toEqual({
      accountId: carol?.accountId,
      email: undefined,
      displayName: 'Carol Chen',
      active: true,
    });
  });

  it("settles Jira's 400 for an existing member by reading the user's groups", async () => {
    const { site, siteTarget } = atlassianSandbox();
    const target = siteTarget();
    const admins = site.state.groupByName('site-admins');
    const admin = site.credentials.siteAdmin;
    await target.addMember(admins?.groupId ?? '', { accountId: admin.accountId });
    expect(site.stats().byEndpoint).toMatchObject({ 'POST /rest/api/3/group/user': 1, 'GET /rest/api/3/user/groups': 1 });
    await target.removeMember(admins?.groupId ?? '', { accountId: site.credentials.siteUser.accountId });
    expect(site.stats().byEndpoint['GET /rest/api/3/user/groups']).toBe(2);
    await expect(target.addMember(admins?.groupId ?? '', { accountId: 'no-such-account' })).rejects.toMatchObject({
      kind: 'notFound',
      status: 404,
    });
  });

  it('reports a duplicate Confluence group as conflict whether Confluence answers 400 or 409', async () => {
    for (const confluenceDuplicateGroup of [400, 409] as const) {
      const { siteTarget } = atlassianSandbox({ behaviour: { confluenceDuplicateGroup } });
      await expect(siteTarget({ groupsVia: 'confluence' }).createGroup('Site-Admins')).rejects.toMatchObject({ kind: 'conflict' });
    }
  });

  it('says which permission a non-admin lacks for leads and member lists', async () => {
    const { siteTarget } = atlassianSandbox();
    const user = siteTarget({ as: 'siteUser' });
    await expect(user.setProjectLead('ENG', 'x')).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('lacks Administer Projects'),
    });
    const groups = await user.listGroups();
    await expect(user.listGroupMembers(groups.items[0].groupId)).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('Administer Jira'),
    });
  });

  it('refuses an unknown lead as invalid, and clears a component lead', async () => {
    const { site, siteTarget } = atlassianSandbox();
    const backend = site.state.component(site.state.project('ENG')?.components[0].id ?? '');
    await expect(siteTarget().setComponentLead(backend?.id ?? '', 'ghost')).rejects.toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('refused that account as component lead'),
    });
    await siteTarget().setComponentLead(backend?.id ?? '', null);
    expect(backend?.leadAccountId).toBeUndefined();
  });

  it('writes user properties as JSON', async () => {
    const { site, siteTarget } = atlassianSandbox();
    const alice = site.state.accountByEmail('alice@example.com');
    await siteTarget().setUserProperty(alice?.accountId ?? '', 'costCentre', { code: 42 });
    expect(alice?.properties.get('costCentre')).toEqual({ code: 42 });
  });

  it('lets HttpClient wait out a short Retry-After on reads, but not on creates', async () => {
    const { site, siteTarget, clock } = atlassianSandbox();
    site.injectFault({ status: 429, retryAfterSeconds: 3 });
    const groups = await driveClock(clock, siteTarget().listGroups());
    expect(groups.items.length).toBeGreaterThan(0);
    expect(site.stats()).toMatchObject({ total: 2, faulted: 1 });
    site.injectFault({ status: 429, retryAfterSeconds: 3 });
    await expect(siteTarget().createGroup('later')).rejects.toMatchObject({ kind: 'rateLimited', retryAfterSeconds: 3 });
  });
});
