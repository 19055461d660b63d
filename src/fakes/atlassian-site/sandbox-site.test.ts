import { FakeClock } from '../../../test/kit/fake-clock';
import { HttpNetworkError, HttpTimeoutError } from '../../platform/http-errors';
import { createSandboxSite, type SandboxSite, type SandboxSiteOptions } from './sandbox-site';

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

function setup(options: SandboxSiteOptions = {}) {
  const clock = new FakeClock();
  const site = createSandboxSite({ clock, ...options });
  const c = site.credentials;
  const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
  const auth = {
    admin: basic(c.siteAdmin.email, c.siteAdmin.apiToken),
    member: basic(c.siteUser.email, c.siteUser.apiToken),
    app: `Bearer ${c.asAppToken}`,
    directory: `Bearer ${c.directoryKey}`,
    org: `Bearer ${c.orgKey}`,
  };
  async function call(method: string, url: string, authorization: string, body?: unknown) {
    const response = await site.transport.send({
      method,
      url,
      headers: { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
  }
  const jira = (method: string, path: string, body?: unknown, as = auth.admin) => call(method, `${c.siteUrl}${path}`, as, body);
  const scim = (method: string, path: string, body?: unknown, as = auth.directory) =>
    call(method, `${c.apiUrl}/scim/directory/${c.scimDirectoryId}${path}`, as, body);
  const org = (method: string, path: string, body?: unknown, as = auth.org) =>
    call(method, `${c.apiUrl}/admin/v2/orgs/${c.orgId}/directories/${c.orgDirectoryId}${path}`, as, body);
  return { clock, site, c, auth, call, jira, scim, org };
}

function addMembers(site: SandboxSite, groupName: string, count: number): string[] {
  const group = site.state.groupByName(groupName) ?? site.state.createGroup(groupName);
  return Array.from({ length: count }, (_, i) => {
    const account = site.state.createAccount({ email: `m${String(i).padStart(3, '0')}@example.com`, displayName: `M ${i}` });
    group.members.add(account.accountId);
    return account.accountId;
  });
}

describe('sandbox site: paging shapes', () => {
  it('answers Jira PageBeans of at most 50, with nextPage until isLast', async () => {
    const { site, jira } = setup();
    addMembers(site, 'big', 120);
    const groupId = site.state.groupByName('big')?.groupId;
    const first = await jira('GET', `/rest/api/3/group/member?groupId=${groupId}&maxResults=100`);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ startAt: 0, maxResults: 50, total: 120, isLast: false });
    expect(first.json.values).toHaveLength(50);
    expect(first.json.nextPage).toContain('startAt=50');
    const last = await jira('GET', `/rest/api/3/group/member?groupId=${groupId}&startAt=100`);
    expect(last.json).toMatchObject({ startAt: 100, isLast: true });
    expect(last.json.values).toHaveLength(20);
    expect(last.json.nextPage).toBeUndefined();
  });

  it('answers Jira user search with a bare array', async () => {
    const { jira } = setup();
    const found = await jira('GET', '/rest/api/3/user/search?query=ali');
    expect(Array.isArray(found.json)).toBe(true);
    expect(found.json.map((u: { emailAddress: string }) => u.emailAddress)).toEqual(['alice@example.com']);
    expect((await jira('GET', '/rest/api/3/user/search')).status).toBe(400);
  });

  it('answers Confluence start/limit pages and refuses a member limit above 200', async () => {
    const { site, jira } = setup();
    addMembers(site, 'big', 210);
    const groupId = site.state.groupByName('big')?.groupId;
    const tooMany = await jira('GET', `/wiki/rest/api/group/${groupId}/membersByGroupId?limit=201`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ statusCode: 400, data: { successful: false }, message: expect.any(String) });
    const first = await jira('GET', `/wiki/rest/api/group/${groupId}/membersByGroupId?limit=200`);
    expect(first.json).toMatchObject({ start: 0, limit: 200, size: 200 });
    expect(first.json._links.next).toContain('start=200');
    const last = await jira('GET', `/wiki/rest/api/group/${groupId}/membersByGroupId?start=200&limit=200`);
    expect(last.json).toMatchObject({ start: 200, size: 10 });
    expect(last.json._links.next).toBeUndefined();
  });

  it('answers SCIM ListResponses with 1-based startIndex and count capped at 100', async () => {
    const { site, scim } = setup();
    for (let i = 0; i < 130; i++) {
      const account = site.state.createAccount({ email: `s${i}@example.com`, displayName: `S ${i}` });
      site.state.createScimRecord(account.accountId, account.email);
    }
    const page = await scim('GET', '/Users?startIndex=101&count=500');
    expect(page.json).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 130,
      startIndex: 101,
      itemsPerPage: 30,
    });
    const filtered = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "S7@example.com"')}`);
    expect(filtered.json.Resources).toHaveLength(1);
    const bad = await scim('GET', `/Users?filter=${encodeURIComponent('displayName eq "S 7"')}`);
    expect(bad).toMatchObject({ status: 400, json: { schemas: [SCIM_ERROR], status: '400', scimType: 'invalidFilter' } });
  });

  it('pages the organizations API by an opaque cursor that replaces the other parameters', async () => {
    const { site, org } = setup();
    addMembers(site, 'big', 120);
    const groupId = site.state.groupByName('big')?.groupId;
    const first = await org('POST', '/users/search', { groupIds: [groupId], limit: 100 });
    expect(first.json.data).toHaveLength(100);
    const next = first.json.links.next;
    expect(typeof next).toBe('string');
    const second = await org('POST', '/users/search', { cursor: next, groupIds: ['ignored'] });
    expect(second.json.data).toHaveLength(20);
    expect(second.json.links.next).toBeUndefined();
    const both = await org('POST', '/users/search', { emails: ['a@example.com'], searchTerm: 'a' });
    expect(both).toMatchObject({ status: 400, json: { errors: [{ status: '400', code: 'ADMIN-UAM-400-1' }] } });
  });
});

describe('sandbox site: one state behind every API', () => {
  it('shows a group created through Jira to Confluence and the organization with the same id', async () => {
    const { jira, org } = setup();
    const created = await jira('POST', '/rest/api/3/group', { name: 'shared' });
    expect(created.status).toBe(201);
    const confluence = await jira('GET', `/wiki/rest/api/group/by-id?id=${created.json.groupId}`);
    expect(confluence.json).toMatchObject({ type: 'group', name: 'shared', id: created.json.groupId });
    const orgGroups = await org('POST', '/groups/search', { groupNames: ['shared'] });
    expect(orgGroups.json.data).toEqual([expect.objectContaining({ id: created.json.groupId, name: 'shared' })]);
  });

  it('refuses a duplicate group name: 400 in Jira, 409 uniqueness in SCIM, 409 in the organizations API', async () => {
    const { jira, scim, org } = setup();
    expect((await jira('POST', '/rest/api/3/group', { name: 'JIRA-ADMINS' })).status).toBe(400);
    const duplicate = await scim('POST', '/Groups', { schemas: [], displayName: 'jira-admins' });
    expect(duplicate).toMatchObject({ status: 409, json: { scimType: 'uniqueness', status: '409' } });
    expect((await org('POST', '/groups', { name: 'jira-admins' })).json.errors[0].code).toBe('ADMIN-UAM-409-2');
  });

  it('links a SCIM user to the account with that email and shows its accountId in the extension', async () => {
    const { scim, c } = setup();
    const created = await scim('POST', '/Users', { userName: 'member@example.com', displayName: 'Milo' });
    expect(created.status).toBe(201);
    expect(created.json['urn:scim:schemas:extension:atlassian-external:1.0'].atlassianAccountId).toBe(c.siteUser.accountId);
    expect(created.json.id).not.toBe(c.siteUser.accountId);
    expect((await scim('POST', '/Users', { userName: 'MEMBER@example.com' })).status).toBe(409);
  });

  it('refuses a SCIM group rename', async () => {
    const { scim } = setup();
    const group = await scim('POST', '/Groups', { displayName: 'scim-team' });
    const patch = { schemas: [], Operations: [{ op: 'replace', path: 'displayName', value: 'renamed' }] };
    const renamed = await scim('PATCH', `/Groups/${group.json.id}`, patch);
    expect(renamed).toMatchObject({ status: 400, json: { scimType: 'mutability' } });
  });

  it('finds a newly created user in Jira user search only after the index delay', async () => {
    const { jira, scim, clock } = setup({ searchIndexDelayMs: 5000 });
    await scim('POST', '/Users', { userName: 'late@example.com', displayName: 'Late Person' });
    expect((await jira('GET', '/rest/api/3/user/search?query=late@example.com')).json).toEqual([]);
    await clock.advance(4999);
    expect((await jira('GET', '/rest/api/3/user/search?query=late@example.com')).json).toEqual([]);
    await clock.advance(1);
    expect((await jira('GET', '/rest/api/3/user/search?query=late@example.com')).json).toHaveLength(1);
  });

  it('gives product access by product access group, Bitbucket by workspace group, and none to synced accounts', async () => {
    const { site, jira, scim } = setup();
    const products = (email: string) => site.state.snapshot().users.find((u) => u.email === email)?.products;
    expect(products('alice@example.com')).toEqual(['jira', 'confluence', 'bitbucket']);
    await scim('POST', '/Users', { userName: 'synced@example.com' });
    expect(products('synced@example.com')).toEqual([]);
    const legacy = await jira('POST', '/rest/api/3/user', { emailAddress: 'legacy@example.com', products: ['jira-software'] });
    expect(legacy.status).toBe(201);
    expect(products('legacy@example.com')).toEqual(['jira']);
    await jira('DELETE', `/rest/api/3/user?accountId=${legacy.json.accountId}`);
    expect(products('legacy@example.com')).toEqual([]);
    expect(site.state.isInGroup(legacy.json.accountId, 'jira-software-users')).toBe(false);
    site.state.defaultAccess = ['confluence'];
    site.state.createAccount({ email: 'invited@example.com', displayName: 'Invited' });
    expect(products('invited@example.com')).toEqual(['confluence']);
  });

  it('keeps Bitbucket workspace groups apart from site groups', async () => {
    const { call, c } = setup();
    const authorization = `Basic ${Buffer.from(`${c.bitbucket.username}:${c.bitbucket.apiToken}`).toString('base64')}`;
    const groups = await call('GET', `${c.bitbucketUrl}/1.0/groups/${c.bitbucket.workspace}/`, authorization);
    expect(groups.json.map((g: { slug: string }) => g.slug)).toEqual(['developers', 'administrators']);
  });
});

describe('sandbox site: authentication and permissions', () => {
  it('answers 401 in each API own error body to a wrong or misplaced credential', async () => {
    const { jira, scim, org, auth } = setup();
    expect(await jira('GET', '/rest/api/3/group/bulk', undefined, 'Basic bm9ib2R5Om5vcGU=')).toMatchObject({
      status: 401,
      json: { errorMessages: [expect.any(String)], errors: {} },
    });
    expect(await scim('GET', '/Users', undefined, 'Bearer wrong')).toMatchObject({ status: 401, json: { schemas: [SCIM_ERROR] } });
    expect((await scim('GET', '/Users', undefined, auth.org)).status).toBe(401);
    expect((await org('POST', '/users/search', {}, auth.directory)).json.errors[0].status).toBe('401');
    expect((await org('POST', '/users/search', {}, auth.admin)).status).toBe(401);
  });

  it('answers 403 to group writes by a site user who is not a site admin, and by the app', async () => {
    const { jira, auth } = setup();
    expect((await jira('POST', '/rest/api/3/group', { name: 'x' }, auth.member)).status).toBe(403);
    expect((await jira('POST', '/rest/api/3/group', { name: 'x' }, auth.app)).status).toBe(403);
    expect((await jira('POST', '/wiki/rest/api/group', { name: 'x' }, auth.app)).status).toBe(403);
    expect((await jira('GET', '/rest/api/3/group/bulk', undefined, auth.app)).status).toBe(200);
  });

  it('lets the app write groups once an admin puts its user into site-admins', async () => {
    const { site, jira, auth } = setup();
    site.state.groupByName('site-admins')?.members.add(site.state.appAccountId ?? '');
    expect((await jira('POST', '/rest/api/3/group', { name: 'x' }, auth.app)).status).toBe(201);
  });

  it('refuses legacy Jira user creation to the app and to a site admin who is not an org admin', async () => {
    const { site, jira, auth } = setup();
    const body = { emailAddress: 'legacy@example.com', products: [] };
    expect((await jira('POST', '/rest/api/3/user', body, auth.app)).json.errorMessages).toEqual(['This API does not support Forge apps.']);
    site.state.groupByName('org-admins')?.members.clear();
    expect((await jira('POST', '/rest/api/3/user', body)).status).toBe(403);
  });
});

describe('sandbox site: rate limits, faults, latency and stats', () => {
  it('answers 429 with Retry-After, reset and reason from a token bucket on the clock', async () => {
    const { jira, clock } = setup({ rateLimits: { burst: { capacity: 2, refillPerSecond: 0.5 } } });
    expect((await jira('GET', '/rest/api/3/group/bulk')).status).toBe(200);
    expect((await jira('GET', '/rest/api/3/group/bulk')).headers['x-ratelimit-nearlimit']).toBe('true');
    const limited = await jira('GET', '/rest/api/3/group/bulk');
    expect(limited).toMatchObject({
      status: 429,
      headers: { 'retry-after': '2', 'ratelimit-reason': 'jira-burst-based', 'x-ratelimit-remaining': '0' },
      json: { errorMessages: ['Rate limit exceeded.'] },
    });
    expect(Date.parse(limited.headers['x-ratelimit-reset'])).toBe(clock.now() + 2000);
    expect((await jira('GET', '/rest/api/3/project/search')).status).toBe(200);
    await clock.advance(2000);
    expect((await jira('GET', '/rest/api/3/group/bulk')).status).toBe(200);
  });

  it('limits Jira user search tenant-wide', async () => {
    const { jira } = setup({ rateLimits: { userSearch: { capacity: 1, refillPerSecond: 1 } } });
    expect((await jira('GET', '/rest/api/3/user/search?query=a')).status).toBe(200);
    const limited = await jira('GET', '/rest/api/3/user/search?query=b');
    expect(limited.headers['ratelimit-reason']).toBe('jira-user-search-based');
  });

  it('answers injected faults to the next matching calls only', async () => {
    const { site, jira, scim } = setup();
    site.injectFault({ status: 503, times: 2, api: 'jira', retryAfterSeconds: 7 });
    expect((await scim('GET', '/Users')).status).toBe(200);
    expect(await jira('GET', '/rest/api/3/group/bulk')).toMatchObject({ status: 503, headers: { 'retry-after': '7' } });
    expect((await jira('GET', '/rest/api/3/group/bulk')).status).toBe(503);
    expect((await jira('GET', '/rest/api/3/group/bulk')).status).toBe(200);
    site.injectFault({ status: 'network' });
    await expect(jira('GET', '/rest/api/3/group/bulk')).rejects.toBeInstanceOf(HttpNetworkError);
    expect(site.stats()).toMatchObject({ faulted: 3 });
  });

  it('starts with the faults its options name', async () => {
    const { scim } = setup({ faults: [{ status: 500, api: 'scim', method: 'POST' }] });
    expect((await scim('GET', '/Users')).status).toBe(200);
    expect(await scim('POST', '/Users', { userName: 'x@example.com' })).toMatchObject({ status: 500, json: { status: '500' } });
    expect((await scim('POST', '/Users', { userName: 'x@example.com' })).status).toBe(201);
  });

  it('delays answers on the clock and times out calls shorter than the latency', async () => {
    const { site, clock, c, auth } = setup({ latencyMs: 2000 });
    const send = (timeoutMs?: number) =>
      site.transport.send({ method: 'GET', url: `${c.siteUrl}/rest/api/3/group/bulk`, headers: { authorization: auth.admin }, timeoutMs });
    const answered = send();
    const timedOut = send(500).catch((e: unknown) => e);
    await clock.advance(500);
    expect(await timedOut).toBeInstanceOf(HttpTimeoutError);
    await clock.advance(1500);
    expect((await answered).status).toBe(200);
  });

  it('fails like DNS for unknown hosts and counts calls per API and endpoint', async () => {
    const { site, jira, scim } = setup();
    await expect(site.transport.send({ method: 'GET', url: 'https://elsewhere.example/' })).rejects.toBeInstanceOf(HttpNetworkError);
    await jira('GET', '/rest/api/3/group/bulk');
    await jira('GET', '/rest/api/3/group/bulk');
    await scim('GET', '/Users');
    expect(site.stats()).toEqual({
      total: 3,
      byApi: { jira: 2, scim: 1 },
      byEndpoint: { 'GET /rest/api/3/group/bulk': 2, 'GET /scim/directory/:directoryId/Users': 1 },
      rateLimited: 0,
      faulted: 0,
    });
    site.resetStats();
    expect(site.stats().total).toBe(0);
  });

  it('snapshots users, groups with members and projects with leads and components', () => {
    const { site, c } = setup();
    const snapshot = site.snapshot();
    expect(snapshot.users.map((u) => u.email)).toContain('alice@example.com');
    expect(snapshot.groups.find((g) => g.name === 'site-admins')).toMatchObject({ directory: 'local', members: [c.siteAdmin.accountId] });
    expect(snapshot.projects.map((p) => p.key)).toEqual(['ENG', 'OPS', 'HR']);
    expect(snapshot.projects[0]).toMatchObject({
      leadAccountId: c.siteAdmin.accountId,
      components: expect.arrayContaining([expect.objectContaining({ name: 'Docs' })]),
    });
  });
});
