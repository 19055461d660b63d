import { ScimTestClient, oktaUser } from '../kit/scim-client';

const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

describe('POST .../.search (RFC 7644 §3.4.3)', () => {
  let scim: ScimTestClient;

  beforeEach(async () => {
    scim = await ScimTestClient.create();
    for (const name of ['ada', 'bob', 'cy', 'dee'])
      await scim.post('/Users', oktaUser(`${name}@example.com`, { title: name === 'bob' ? 'Boss' : 'Dev' }));
    await scim.post('/Groups', { displayName: 'devs' });
    await scim.post('/Groups', { displayName: 'ops' });
  });

  const search = (path: string, body: Record<string, unknown>) => scim.post(path, { schemas: [SEARCH], ...body });

  it('answers /Users/.search exactly as GET /Users with the same filter, sort, paging and projection', async () => {
    const query = 'filter=title eq "Dev"&sortBy=userName&sortOrder=descending&startIndex=2&count=2&attributes=userName,title';
    const viaGet = await scim.get(`/Users?${query}`);
    const viaSearch = await search('/Users/.search', {
      filter: 'title eq "Dev"',
      sortBy: 'userName',
      sortOrder: 'descending',
      startIndex: 2,
      count: 2,
      attributes: ['userName', 'title'],
    });
    expect(viaSearch.status).toBe(200);
    expect(viaSearch.body).toEqual(viaGet.body);
    expect(viaSearch.body.Resources.map((user: { userName: string }) => user.userName)).toEqual(['cy@example.com', 'ada@example.com']);
    expect(viaSearch.body.Resources[0]).not.toHaveProperty('name');
  });

  it('answers /Groups/.search like GET /Groups, excludedAttributes included', async () => {
    const viaSearch = await search('/Groups/.search', { filter: 'displayName eq "ops"', excludedAttributes: ['members'] });
    expect(viaSearch.body).toEqual((await scim.get('/Groups?filter=displayName eq "ops"&excludedAttributes=members')).body);
    expect(viaSearch.body.totalResults).toBe(1);
  });

  it('searches users, then groups, at the root, paged as one list; a filter names what it can match', async () => {
    const all = await search('/.search', { count: 3, startIndex: 3 });
    expect(all.body).toMatchObject({ totalResults: 6, startIndex: 3, itemsPerPage: 3 });
    expect(all.body.Resources.map((r: { meta: { resourceType: string } }) => r.meta.resourceType)).toEqual(['User', 'User', 'Group']);
    const groupsOnly = await search('/.search', { filter: 'displayName sw "d"' });
    expect(groupsOnly.body.Resources.map((r: { displayName: string }) => r.displayName)).toEqual(['devs']);
    const usersOnly = await search('/.search', { filter: 'userName eq "bob@example.com"', attributes: ['userName'] });
    expect(usersOnly.body).toMatchObject({ totalResults: 1, Resources: [{ userName: 'bob@example.com' }] });
  });

  it('refuses what GET would refuse, a body that is no SearchRequest, and other methods, in SCIM errors', async () => {
    expect((await search('/Users/.search', { filter: 'userName zz "x"' })).body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect((await search('/.search', { filter: 'nosuch eq "x"' })).body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
    expect((await search('/Users/.search', { count: 'ten' })).body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await scim.post('/Users/.search', { schemas: ['urn:other'] })).body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    expect((await scim.get('/Users/.search')).status).toBe(405);
    expect((await scim.post('/Users/.search', { schemas: [SEARCH] }, { token: 'ugs_wrong' })).status).toBe(401);
  });
});
