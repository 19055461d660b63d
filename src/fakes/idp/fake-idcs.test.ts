import { FakeClock } from '../../../test/kit/fake-clock';
import type { HttpResponse } from '../../platform/ports';
import { type FakeIdcs, type FakeIdcsOptions, IDCS_SCOPE, createFakeIdcs } from './fake-idcs';
import { USER_EXTENSION } from './idcs-fake-model';
import { idcsId, seedIdcs } from './seed-idcs';

const BASE = 'https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function setup(overrides: Partial<FakeIdcsOptions> = {}) {
  const clock = new FakeClock();
  const fake = createFakeIdcs({ clientId: 'cid', clientSecret: 'csecret', clock, ...seedIdcs(5, 2, 3), ...overrides });
  return { clock, fake };
}

async function tokenFor(fake: FakeIdcs): Promise<string> {
  const response = await fake.handle({
    method: 'POST',
    url: `${BASE}/oauth2/v1/token`,
    headers: { Authorization: basic('cid', 'csecret'), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&scope=${encodeURIComponent(IDCS_SCOPE)}`,
  });
  return (JSON.parse(response.body) as { access_token: string }).access_token;
}

async function get(fake: FakeIdcs, pathAndQuery: string, token?: string): Promise<{ status: number; json: any; response: HttpResponse }> {
  const response = await fake.handle({
    method: 'GET',
    url: `${BASE}${pathAndQuery}`,
    headers: { Authorization: `Bearer ${token ?? (await tokenFor(fake))}` },
  });
  return { status: response.status, json: JSON.parse(response.body), response };
}

const q = (value: string) => encodeURIComponent(value);

describe('fake IDCS token endpoint', () => {
  const tokenRequest = (fake: FakeIdcs, auth: string, body: string) =>
    fake.handle({ method: 'POST', url: `${BASE}/oauth2/v1/token`, headers: { authorization: auth }, body });

  it('issues bearer tokens with the configured lifetime', async () => {
    const { fake } = setup({ tokenTtlSeconds: 2 });
    const response = await tokenRequest(fake, basic('cid', 'csecret'), `grant_type=client_credentials&scope=${q(IDCS_SCOPE)}`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 2 });
  });

  it.each([
    ['a wrong secret', basic('cid', 'nope'), `grant_type=client_credentials&scope=${q(IDCS_SCOPE)}`, 401, 'invalid_client'],
    ['no credentials', '', `grant_type=client_credentials&scope=${q(IDCS_SCOPE)}`, 401, 'invalid_client'],
    ['another grant', basic('cid', 'csecret'), `grant_type=password&scope=${q(IDCS_SCOPE)}`, 400, 'unsupported_grant_type'],
    ['no scope', basic('cid', 'csecret'), 'grant_type=client_credentials', 400, 'invalid_scope'],
  ])('answers %s with the RFC 6749 error', async (_, auth, body, status, error) => {
    const { fake } = setup();
    const response = await tokenRequest(fake, auth, body);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body)).toEqual({ error, error_description: expect.any(String) });
  });

  it('rejects expired and unknown tokens with a SCIM error whose status is a string', async () => {
    const { fake, clock } = setup({ tokenTtlSeconds: 2 });
    const token = await tokenFor(fake);
    expect((await get(fake, '/admin/v1/Users', token)).status).toBe(200);
    await clock.advance(2000);
    const expired = await get(fake, '/admin/v1/Users', token);
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      detail: expect.any(String),
      status: '401',
    });
    expect((await get(fake, '/admin/v1/Users', 'made-up')).status).toBe(401);
  });

  it('sends the Oracle correlation headers', async () => {
    const { fake } = setup();
    const { response } = await get(fake, '/admin/v1/Users');
    expect(response.headers).toMatchObject({
      'content-type': 'application/json;charset=utf-8',
      'x-oracle-dms-ecid': expect.any(String),
      'x-oracle-dms-rid': expect.any(String),
    });
  });
});

describe('fake IDCS listing', () => {
  it('pages by 1-based item index, echoes the requested count as itemsPerPage, and omits Resources past the end', async () => {
    const { fake } = setup(seedIdcs(5, 0, 0));
    const first = await get(fake, '/admin/v1/Users?startIndex=1&count=2&sortBy=userName');
    expect(first.json).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 2 });
    expect(first.json.Resources.map((u: any) => u.userName)).toEqual(['user0@example.com', 'user1@example.com']);
    const last = await get(fake, '/admin/v1/Users?startIndex=5&count=2&sortBy=userName');
    expect(last.json).toMatchObject({ totalResults: 5, itemsPerPage: 2 });
    expect(last.json.Resources).toHaveLength(1);
    const past = await get(fake, '/admin/v1/Users?startIndex=6&count=2');
    expect(past.json.Resources).toBeUndefined();
    expect((await get(fake, '/admin/v1/Users')).json.itemsPerPage).toBe(50);
  });

  it('refuses count above 1000, or clamps it when configured to', async () => {
    const rejecting = setup();
    const refused = await get(rejecting.fake, '/admin/v1/Users?count=1001');
    expect(refused.status).toBe(400);
    expect(refused.json.status).toBe('400');
    const clamping = setup({ countAbove1000: 'clamp' });
    expect((await get(clamping.fake, '/admin/v1/Users?count=5000')).json.itemsPerPage).toBe(1000);
  });

  it('filters with the SCIM operators, case-insensitively for names, on dotted and URN paths', async () => {
    const { fake } = setup({
      users: [
        { id: 'u1', userName: 'Alice@Example.com', email: 'alice@example.com', isFederatedUser: true },
        { id: 'u2', userName: 'bob@example.com', email: 'bob@example.com', active: false },
        { id: 'u3', userName: 'carol@other.org' },
      ],
      groups: [],
    });
    const ids = async (filter: string) => ((await get(fake, `/admin/v1/Users?filter=${q(filter)}`)).json.Resources ?? []).map((u: any) => u.id);
    expect(await ids('userName eq "alice@example.com"')).toEqual(['u1']);
    expect(await ids('userName ew "example.com" and active eq true')).toEqual(['u1']);
    expect(await ids('(userName sw "bob" or userName co "OTHER") and not (active eq false)')).toEqual(['u3']);
    expect(await ids('emails pr')).toEqual(['u1', 'u2']);
    expect(await ids('emails.value eq "bob@example.com"')).toEqual(['u2']);
    expect(await ids(`${USER_EXTENSION}:isFederatedUser eq true`)).toEqual(['u1']);
    expect(await ids('USERNAME ne "bob@example.com"')).toEqual(['u1', 'u3']);
  });

  it('compares meta.lastModified as instants', async () => {
    const { fake } = setup({
      users: [
        { id: 'old', userName: 'old', lastModified: '2025-12-31T23:00:00.000Z' },
        { id: 'new', userName: 'new', lastModified: '2026-01-01T00:00:00.500Z' },
      ],
      groups: [],
    });
    const { json } = await get(fake, `/admin/v1/Users?filter=${q('meta.lastModified ge "2026-01-01T00:00:00Z"')}`);
    expect(json.Resources.map((u: any) => u.id)).toEqual(['new']);
  });

  it.each(['nickname eq "x"', 'userName eq', 'userName eq "x" and', 'emails[type eq "work"].value eq "x"'])(
    'answers 400 to the bad filter %s',
    async (filter) => {
      const { fake } = setup();
      const { status, json } = await get(fake, `/admin/v1/Users?filter=${q(filter)}`);
      expect(status).toBe(400);
      expect(json.schemas).toContain('urn:ietf:params:scim:api:messages:2.0:Error');
    },
  );

  it('sorts ascending or descending in either case, and refuses other orders', async () => {
    const { fake } = setup(seedIdcs(3, 0, 0));
    const names = async (order: string) =>
      (await get(fake, `/admin/v1/Users?sortBy=userName&sortOrder=${order}`)).json.Resources.map((u: any) => u.userName);
    expect(await names('DESCENDING')).toEqual(['user2@example.com', 'user1@example.com', 'user0@example.com']);
    expect(await names('ascending')).toEqual(['user0@example.com', 'user1@example.com', 'user2@example.com']);
    expect((await get(fake, '/admin/v1/Users?sortBy=userName&sortOrder=up')).status).toBe(400);
  });

  it('returns groups and groupMembershipLastModified only when asked, and id, schemas, meta always', async () => {
    const { fake } = setup();
    await fake.addMembership(idcsId('group', 0), idcsId('user', 4));
    const plain = (await get(fake, `/admin/v1/Users/${idcsId('user', 4)}`)).json;
    expect(plain.groups).toBeUndefined();
    expect(plain[USER_EXTENSION].groupMembershipLastModified).toBeUndefined();
    expect(plain.emails.map((e: any) => e.type)).toEqual(['work', 'recovery']);
    const asked = (await get(fake, `/admin/v1/Users/${idcsId('user', 4)}?attributeSets=default&attributes=groups`)).json;
    expect(asked.groups).toEqual([expect.objectContaining({ value: idcsId('group', 0), type: 'direct', display: 'group-0' })]);
    expect(asked.userName).toBe('user4@example.com');
    const narrow = (
      await get(fake, `/admin/v1/Users/${idcsId('user', 4)}?attributes=${q(`name.givenName,${USER_EXTENSION}:groupMembershipLastModified`)}`)
    ).json;
    expect(Object.keys(narrow).sort()).toEqual(['id', 'meta', 'name', 'schemas', USER_EXTENSION].sort());
    expect(narrow.name).toEqual({ givenName: 'Given4' });
    expect(narrow[USER_EXTENSION]).toEqual({ groupMembershipLastModified: expect.any(String) });
  });

  it('lists dynamic group memberships as indirect', async () => {
    const { fake } = setup({ groups: [{ id: 'dyn', displayName: 'dynamic', dynamic: true, members: [idcsId('user', 1)] }] });
    const user = (await get(fake, `/admin/v1/Users/${idcsId('user', 1)}?attributes=groups`)).json;
    expect(user.groups).toEqual([expect.objectContaining({ value: 'dyn', type: 'indirect' })]);
  });

  it('answers 404 for a removed user, and updateUser bumps meta.lastModified', async () => {
    const { fake, clock } = setup();
    const before = (await get(fake, `/admin/v1/Users/${idcsId('user', 1)}`)).json.meta.lastModified;
    await clock.advance(60_000);
    fake.updateUser(idcsId('user', 1), { active: false });
    const after = (await get(fake, `/admin/v1/Users/${idcsId('user', 1)}`)).json;
    expect(after.active).toBe(false);
    expect(Date.parse(after.meta.lastModified) - Date.parse(before)).toBe(60_000);
    fake.removeUser(idcsId('user', 1));
    const gone = await get(fake, `/admin/v1/Users/${idcsId('user', 1)}`);
    expect(gone.status).toBe(404);
    expect(gone.json.status).toBe('404');
  });

  it('answers POST .search like GET, and requires the SearchRequest schema', async () => {
    const { fake } = setup();
    const token = await tokenFor(fake);
    const search = (body: unknown) =>
      fake.handle({
        method: 'POST',
        url: `${BASE}/admin/v1/Users/.search`,
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const ok = await search({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName eq "USER2@example.com"',
      attributes: ['userName'],
      count: 10,
    });
    expect(JSON.parse(ok.body)).toMatchObject({ totalResults: 1, Resources: [{ id: idcsId('user', 2), userName: 'user2@example.com' }] });
    expect((await search({ filter: 'userName pr' })).status).toBe(400);
  });
});

describe('fake IDCS groups and grants', () => {
  it('returns members only when asked, and pages them inside the attribute selector', async () => {
    const { fake } = setup(seedIdcs(30, 1, 25));
    const group = `/admin/v1/Groups/${idcsId('group', 0)}`;
    expect((await get(fake, group)).json.members).toBeUndefined();
    expect((await get(fake, `${group}?attributes=members`)).json.members).toHaveLength(25);
    const page = (await get(fake, `${group}?attributes=members[startIndex=21${q('&')}count=10]`)).json;
    expect(page.members.map((m: any) => m.value)).toEqual([20, 21, 22, 23, 24].map((i) => idcsId('user', i)));
    expect(page.members[0]).toMatchObject({ type: 'User', dateAdded: expect.any(String) });
    expect((await get(fake, `${group}?attributes=members[startIndex=1&count=10]`)).status).toBe(400);
  });

  it('fails a response that would carry more members than the limit', async () => {
    const { fake } = setup({ ...seedIdcs(30, 1, 25), memberLimit: 20 });
    const full = await get(fake, `/admin/v1/Groups?attributes=members`);
    expect(full.status).toBe(400);
    const paged = await get(fake, `/admin/v1/Groups/${idcsId('group', 0)}?attributes=members[startIndex=1${q('&')}count=20]`);
    expect(paged.json.members).toHaveLength(20);
  });

  it('searches grants by app and grantee, and shows them on the app', async () => {
    const { fake } = setup({
      grants: [
        { appId: 'app1', grantee: { type: 'User', value: idcsId('user', 0) } },
        { appId: 'app1', grantee: { type: 'Group', value: idcsId('group', 0) } },
        { appId: 'app1', grantee: { type: 'User', value: idcsId('user', 1) }, entitlement: { attributeName: 'appRoles', attributeValue: 'r1' } },
        { appId: 'app2', grantee: { type: 'User', value: idcsId('user', 2) } },
      ],
    });
    const byApp = (await get(fake, `/admin/v1/Grants?filter=${q('app.value eq "app1"')}`)).json;
    expect(byApp.totalResults).toBe(3);
    expect(byApp.Resources[1]).toMatchObject({
      grantMechanism: 'ADMINISTRATOR_TO_GROUP',
      grantee: { type: 'Group', value: idcsId('group', 0) },
      app: { value: 'app1' },
    });
    const groupsOnly = (await get(fake, `/admin/v1/Grants?filter=${q('app.value eq "app1" and grantee.type eq "Group"')}`)).json;
    expect(groupsOnly.totalResults).toBe(1);
    const app = (await get(fake, '/admin/v1/Apps/app1?attributes=grants')).json;
    expect(app.grants).toHaveLength(3);
    expect(app.grants[0]).toMatchObject({ granteeId: idcsId('user', 0), granteeType: 'User' });
    expect((await get(fake, '/admin/v1/Apps/app1')).json.grants).toBeUndefined();
  });
});

describe('fake IDCS faults', () => {
  it('throttles beyond the per-second rate without Retry-After, and recovers the next second', async () => {
    const { fake, clock } = setup({ rateLimit: { perSecond: 2 } });
    const token = await tokenFor(fake);
    expect((await get(fake, '/admin/v1/Users', token)).status).toBe(200);
    const throttled = await get(fake, '/admin/v1/Users', token);
    expect(throttled.status).toBe(429);
    expect(throttled.response.headers['retry-after']).toBeUndefined();
    await clock.advance(1000);
    expect((await get(fake, '/admin/v1/Users', token)).status).toBe(200);
  });

  it('injects 429 storms and 5xx failures on demand', async () => {
    const { fake } = setup();
    const token = await tokenFor(fake);
    fake.throttleNext(2);
    fake.failNext(503);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(fake, '/admin/v1/Users', token)).status);
    expect(statuses).toEqual([429, 429, 503, 200]);
  });
});

describe('seedIdcs', () => {
  it('is deterministic and wraps group members around the user list', () => {
    const seed = seedIdcs(4, 2, 3);
    expect(seedIdcs(4, 2, 3)).toEqual(seed);
    expect(seed.users.map((u) => u.id)).toEqual([0, 1, 2, 3].map((i) => idcsId('user', i)));
    expect(seed.groups[1]!.members).toEqual([1, 2, 3].map((i) => idcsId('user', i)));
    expect(idcsId('user', 255)).toMatch(/^[0-9a-f]{32}$/);
  });
});
