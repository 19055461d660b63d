import { atlassianSandbox } from '../../../test/kit/atlassian-sandbox';

describe('BitbucketWorkspaceGroups over the sandbox', () => {
  it.each([404, 410] as const)('reports unsupported, and why, once the 1.0 groups endpoint answers %i', async (status) => {
    const { site, bitbucketTarget } = atlassianSandbox({ behaviour: { bitbucketGroupsEndpoint: status } });
    const target = bitbucketTarget();
    const error = await target.createGroup('developers-2').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unsupported', status });
    expect((error as Error).message).toMatch(/not possible through the Bitbucket 2\.0 API/);
    expect((error as Error).message).toMatch(/organizations API/);
    const calls = site.stats().total;
    await expect(target.listGroups()).rejects.toMatchObject({ kind: 'unsupported' });
    expect(site.stats().total).toBe(calls);
  });

  it('tells an unknown group from a removed endpoint', async () => {
    const { bitbucketTarget } = atlassianSandbox();
    await expect(bitbucketTarget().deleteGroup('no-such-group')).rejects.toMatchObject({ kind: 'notFound', status: 404 });
  });
});
