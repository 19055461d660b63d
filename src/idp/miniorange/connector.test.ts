import type { HttpRequest } from '../../platform/ports';
import { AutoAdvanceClock, connectorBed } from '../../../test/kit/connector-bed';
import { type FakeMiniOrangeOptions, createFakeMiniOrange } from '../../fakes/idp/fake-miniorange';
import { createMiniOrangeConnector } from './connector';
import { miniOrangeSignature } from './signature';

const CUSTOMER_KEY = '1624876123456';
const API_KEY = 'Xq3vT9bL0aPzR7mK';
const BASE = 'https://login.xecurify.com';

const users = [
  { username: 'ada', email: 'ada@example.com', phone: '+100', authType: 'SOFT TOKEN', firstName: 'Ada', lastName: 'Lovelace' },
  { username: 'grace@example.com', email: 'grace@example.com' },
  { username: 'elsewhere', email: 'x@example.org', customerKey: '999' },
];

function setup(fakeOptions: Partial<FakeMiniOrangeOptions> = {}, options: { apiKey?: string; connectorClock?: AutoAdvanceClock } = {}) {
  const clock = new AutoAdvanceClock();
  const fake = createFakeMiniOrange({ customerKey: CUSTOMER_KEY, apiKey: API_KEY, clock, users, ...fakeOptions });
  const sent: HttpRequest[] = [];
  const harness = connectorBed(
    { send: (request) => (sent.push(request), fake.handle(request)) },
    { clock: options.connectorClock ?? clock, secret: options.apiKey ?? API_KEY },
  );
  const connector = createMiniOrangeConnector({ customerKey: CUSTOMER_KEY }, harness.deps);
  return { ...harness, fake, connector, sent };
}

describe('miniOrange signature', () => {
  it('is the lowercase hex SHA-512 of customerKey + timestamp + apiKey', () => {
    // Computed independently: printf '%s' 16248761234561474522813982Xq3vT9bL0aPzR7mK | sha512sum
    expect(miniOrangeSignature(CUSTOMER_KEY, '1474522813982', API_KEY)).toBe(
      '244e7df4c907645e149d0618498aed3b3b6c5adf5ce5cdb0e24d6979d4afa306' + '3373136d8f2dd1927d438dc3bd14c17d474a840f32b7cb641ef4558388eaa19f',
    );
  });

  it('signs every call with Customer-Key, a millisecond Timestamp from the clock, and Authorization', async () => {
    const { connector, sent, clock } = setup();
    await connector.lookupUser('ada');
    const request = sent[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${BASE}/moas/api/admin/users/get`);
    expect(request.headers).toEqual({
      'Content-Type': 'application/json',
      'Customer-Key': CUSTOMER_KEY,
      Timestamp: String(clock.now()),
      Authorization: miniOrangeSignature(CUSTOMER_KEY, String(clock.now()), API_KEY),
    });
    expect(JSON.parse(request.body!)).toEqual({ customerKey: CUSTOMER_KEY, username: 'ada' });
  });
});

describe('miniOrange connector', () => {
  it('says it cannot list, and has no listing methods', () => {
    const { connector } = setup();
    expect(connector.capabilities).toEqual({ listUsers: false, listGroups: false, delta: false, lookup: true });
    expect(connector.listUsersPage).toBeUndefined();
    expect(connector.listGroupsPage).toBeUndefined();
    expect(connector.listGroupMembersPage).toBeUndefined();
  });

  it('tests the connection with a signed search and says SCIM push is the complete path', async () => {
    const { connector, sent } = setup();
    const result = await connector.testConnection();
    expect(result).toEqual({ ok: true, detail: expect.stringContaining('SCIM Server (Destination)') });
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual(['/moas/api/admin/users/search']);
  });

  it.each(['http401', 'status200'] as const)('reports a wrong API key as unauthorized (%s)', async (authFailure) => {
    const { connector, fake } = setup({ authFailure }, { apiKey: 'wrong-key' });
    const result = await connector.testConnection();
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/check the Customer Key and API Key/);
    await expect(connector.lookupUser('ada')).rejects.toMatchObject({ kind: 'unauthorized' });
    // One server-time check per connector, then no more.
    expect(fake.requests.filter((r) => r.path === '/moas/rest/mobile/get-timestamp')).toHaveLength(1);
  });

  it('recovers from a skewed local clock by using the server time once', async () => {
    const connectorClock = new AutoAdvanceClock(Date.parse('2026-01-01T00:00:00Z') - 10 * 60_000);
    const { connector, fake, log } = setup({}, { connectorClock });
    expect(await connector.lookupUser('ada')).toMatchObject({ id: 'ada' });
    expect(await connector.lookupUser('ada')).toMatchObject({ id: 'ada' });
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/moas/api/admin/users/get',
      '/moas/rest/mobile/get-timestamp',
      '/moas/api/admin/users/get',
      '/moas/api/admin/users/get',
    ]);
    expect(log.entries.find((e) => e.event === 'idp.miniorange.clock_offset')!.fields.offsetMs).toBe(600_000);
  });

  it('looks a user up by username, case-insensitively', async () => {
    const { connector } = setup();
    expect(await connector.lookupUser('ADA')).toEqual({
      id: 'ada',
      userName: 'ada',
      emails: [{ value: 'ada@example.com', primary: true }],
      givenName: 'Ada',
      familyName: 'Lovelace',
      active: true,
      groups: [],
      attributes: {
        username: 'ada',
        email: 'ada@example.com',
        phone: '+100',
        authType: 'SOFT TOKEN',
        firstName: 'Ada',
        lastName: 'Lovelace',
      },
    });
  });

  it('looks a user up by email', async () => {
    const { connector, sent } = setup();
    expect(await connector.lookupUser('Grace@Example.com')).toMatchObject({ id: 'grace@example.com' });
    expect(await connector.lookupUser('ada@example.com')).toMatchObject({ id: 'ada' });
    expect(JSON.parse(sent.at(-1)!.body!)).toEqual({ customerKey: CUSTOMER_KEY, username: 'ada@example.com', email: 'ada@example.com' });
  });

  it('answers undefined for unknown users and users of another customer', async () => {
    const { connector } = setup();
    expect(await connector.lookupUser('nobody')).toBeUndefined();
    expect(await connector.lookupUser('elsewhere')).toBeUndefined();
    expect(await connector.lookupUser(' ')).toBeUndefined();
  });

  it('rejects stale timestamps and a wrong customer key in the fake', async () => {
    const clock = new AutoAdvanceClock();
    const fake = createFakeMiniOrange({ customerKey: CUSTOMER_KEY, apiKey: API_KEY, clock, users });
    const call = (customerKey: string, timestamp: number) =>
      fake.handle({
        method: 'POST',
        url: `${BASE}/moas/api/admin/users/search`,
        headers: {
          'customer-key': customerKey,
          timestamp: String(timestamp),
          authorization: miniOrangeSignature(customerKey, String(timestamp), API_KEY),
        },
        body: JSON.stringify({ customerKey, username: 'ada' }),
      });
    expect(JSON.parse((await call(CUSTOMER_KEY, clock.now() - 4 * 60_000)).body)).toEqual({ status: 'USER_FOUND', message: '' });
    const stale = await call(CUSTOMER_KEY, clock.now() - 6 * 60_000);
    expect(stale.status).toBe(401);
    expect(JSON.parse(stale.body)).toEqual({ status: 'ERROR', message: expect.stringContaining('timestamp') });
    expect((await call('111', clock.now())).status).toBe(401);
  });

  it('has no listing, group or membership endpoints in the fake', async () => {
    const { fake } = setup();
    for (const path of ['/moas/api/admin/users/list', '/moas/api/admin/groups/get', '/scim/Users']) {
      expect((await fake.handle({ method: 'POST', url: `${BASE}${path}`, body: '{}' })).status).toBe(404);
    }
  });

  it('never logs the keys, names or emails', async () => {
    const { connector, log } = setup({}, { connectorClock: new AutoAdvanceClock(0) });
    await connector.lookupUser('ada@example.com');
    await connector.testConnection();
    const text = log.text();
    for (const secretOrPersonal of [API_KEY, CUSTOMER_KEY, 'ada', 'example.com']) expect(text).not.toContain(secretOrPersonal);
  });
});
