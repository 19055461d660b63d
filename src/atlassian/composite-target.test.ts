import { atlassianSandbox } from '../../test/kit/atlassian-sandbox';
import { createCompositeTarget } from './composite-target';
import { TargetError } from './target';

function setup() {
  const box = atlassianSandbox();
  return { site: box.site, siteToken: box.siteTarget(), directory: box.scimTarget(), asApp: box.asAppTarget() };
}

describe('createCompositeTarget', () => {
  it('creates users through the directory key and groups through the site token', async () => {
    const { site, siteToken, directory } = setup();
    const target = createCompositeTarget({ directoryKey: directory, siteToken });
    const user = await target.createUser({ email: 'new@example.com', displayName: 'New Person' });
    const group = await target.createGroup('engineers');
    await target.addMember(group.groupId, user);
    expect(site.stats().byEndpoint).toMatchObject({
      'POST /scim/directory/:directoryId/Users': 1,
      'POST /rest/api/3/group': 1,
      'POST /rest/api/3/group/user': 1,
    });
    expect(site.snapshot().groups.find((g) => g.name === 'engineers')?.members).toEqual([user.accountId]);
  });

  it('answers unsupported, with the routing message, when no granted credential can do it', async () => {
    const { site, asApp } = setup();
    const target = createCompositeTarget({ asApp });
    const error = await target.createUser({ email: 'x@example.com', displayName: 'X' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect(error).toMatchObject({
      kind: 'unsupported',
      message: 'Creating users needs a directory API key or an org API key; add one under Atlassian credentials.',
    });
    await expect(target.renameGroup('g', 'h')).rejects.toMatchObject({ kind: 'unsupported' });
    expect(site.stats().total).toBe(0);
  });

  it('lets the app read groups but surfaces the 403 of an unverified write it routed as a last resort', async () => {
    const { asApp, site } = setup();
    const target = createCompositeTarget({ asApp });
    expect((await target.listGroups()).items.map((g) => g.name)).toContain('site-admins');
    const project = site.state.project('ENG');
    await expect(target.setProjectLead('ENG', site.credentials.siteUser.accountId)).rejects.toMatchObject({
      kind: 'forbidden',
      status: 403,
      message: expect.stringContaining('lacks Administer Projects'),
    });
    expect(project?.leadAccountId).toBe(site.credentials.siteAdmin.accountId);
  });
});
