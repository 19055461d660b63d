import { CountingStore } from '../../src/platform/counting-store';
import { GROUP_SCHEMA, oktaUser, patchOps, ScimTestClient, type ScimReply } from '../kit/scim-client';
import { failingWrites } from '../kit/store-wrappers';
import { createTestPlatform } from '../kit/test-platform';

// A store write that fails in the middle of a SCIM write: the answer is a 5xx SCIM error, the directory is as it
// was before the request (no half-applied change), and the same request sent again succeeds.

interface Bed {
  scim: ScimTestClient;
  /** Fail the n-th store write from now on (1-based); 0 disarms. */
  failWrite(n: number): void;
  /** Store writes asked for so far (failed ones included), as the failing store counts them. */
  writes(): number;
  /** The connection's directory and change records, as stored. */
  directory(): string;
  /** The keys of directory(). */
  directoryKeys(): string[];
}

async function bed(): Promise<Bed> {
  const platform = createTestPlatform();
  let failAt = 0;
  const failing = failingWrites(platform.store, (write) => write === failAt);
  platform.store = new CountingStore(failing);
  const scim = await ScimTestClient.create(platform);
  const rows = () =>
    platform.db
      .prepare("SELECT key, value, version FROM kv WHERE key LIKE ? AND key NOT LIKE '%:req:%' AND key NOT LIKE '%:act:%' ORDER BY key")
      .all(`c:${scim.connectionId}:%`) as { key: string }[];
  return {
    scim,
    failWrite(n) {
      failAt = n > 0 ? failing.writes + n : 0;
    },
    writes: () => failing.writes,
    directory: () => JSON.stringify(rows()),
    directoryKeys: () => rows().map((row) => row.key),
  };
}

type Scenario = (scim: ScimTestClient) => Promise<() => Promise<ScimReply>>;

const atomic: [string, Scenario][] = [
  ['POST /Users', async (scim) => () => scim.post('/Users', oktaUser('ada@example.com', { externalId: 'ext-1' }))],
  [
    'PATCH /Groups add and remove members',
    async (scim) => {
      const [a, b] = [(await scim.post('/Users', oktaUser('a@example.com'))).body.id, (await scim.post('/Users', oktaUser('b@example.com'))).body.id];
      const group = (await scim.post('/Groups', { displayName: 'Engineering', members: [{ value: a }] })).body.id;
      return () =>
        scim.patch(
          `/Groups/${group}`,
          patchOps({ op: 'add', path: 'members', value: [{ value: b }] }, { op: 'remove', path: `members[value eq "${a}"]` }),
        );
    },
  ],
  [
    'PUT /Users (rename)',
    async (scim) => {
      const user = (await scim.post('/Users', oktaUser('ada@example.com'))).body.id;
      return () => scim.put(`/Users/${user}`, oktaUser('ada.lovelace@example.com'));
    },
  ],
  [
    'PATCH /Users active=false',
    async (scim) => {
      const user = (await scim.post('/Users', oktaUser('ada@example.com'))).body.id;
      return () => scim.patch(`/Users/${user}`, patchOps({ op: 'replace', path: 'active', value: false }));
    },
  ],
  [
    'POST /Groups with members',
    async (scim) => {
      const user = (await scim.post('/Users', oktaUser('ada@example.com'))).body.id;
      return () => scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering', members: [{ value: user }] });
    },
  ],
  [
    'DELETE /Users of a group member',
    async (scim) => {
      const user = (await scim.post('/Users', oktaUser('ada@example.com'))).body.id;
      await scim.post('/Groups', { displayName: 'Engineering', members: [{ value: user }] });
      return () => scim.delete(`/Users/${user}`);
    },
  ],
];

/** What the request does when nothing fails: its store writes, and the directory's keys after it. */
async function unfailedRun(scenario: Scenario): Promise<{ writes: number; keys: string[] }> {
  const { scim, writes, directory, directoryKeys } = await bed();
  const request = await scenario(scim);
  const before = directory();
  const start = writes();
  const reply = await request();
  expect(reply.status).toBeLessThan(300);
  expect(directory()).not.toEqual(before);
  return { writes: writes() - start, keys: directoryKeys() };
}

async function failEachWrite(scenario: Scenario): Promise<void> {
  const unfailed = await unfailedRun(scenario);
  expect(unfailed.writes).toBeGreaterThan(0);
  const failed: number[] = [];
  // One past the last write too: that run must not notice the armed failure at all.
  for (let n = 1; n <= unfailed.writes + 1; n++) {
    const { scim, failWrite, directory, directoryKeys } = await bed();
    const request = await scenario(scim);
    const before = directory();
    failWrite(n);
    const reply = await request();
    failWrite(0);
    if (reply.status < 300) {
      // Past the request's last write, or a best-effort write that may fail: either way the change is stored whole.
      expect({ n, changed: directory() !== before, keys: directoryKeys() }).toEqual({ n, changed: true, keys: unfailed.keys });
      continue;
    }
    expect({ n, pastLastWrite: n > unfailed.writes }).toEqual({ n, pastLastWrite: false });
    failed.push(n);
    expect({ n, status: reply.status >= 500, body: reply.body.schemas }).toEqual({
      n,
      status: true,
      body: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    });
    expect({ n, directory: directory() }).toEqual({ n, directory: before });
    const retried = await request();
    expect({ n, retried: [200, 201, 204].includes(retried.status) }).toEqual({ n, retried: true });
  }
  expect(failed.length).toBeGreaterThan(0);
}

describe.each(atomic)('a store write failing during %s', (_name, scenario) => {
  it('answers 5xx with a SCIM error, changes nothing, and succeeds when sent again', () => failEachWrite(scenario));
});

// Too large for one transaction: the write takes several, and a failure between them must still leave nothing
// a retry trips over.
describe('a store write failing between the transactions of a large write', () => {
  async function usersIn(scim: ScimTestClient, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await scim.post('/Users', oktaUser(`user${i}@example.com`))).body.id);
    return ids;
  }

  it('POST /Groups with 20 members removes the half-made group, and the retried POST creates it whole', async () => {
    for (const n of [2, 3]) {
      const { scim, failWrite } = await bed();
      const members = (await usersIn(scim, 20)).map((value) => ({ value }));
      const post = () => scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Everyone', members });
      failWrite(n);
      expect((await post()).status).toBeGreaterThanOrEqual(500);
      failWrite(0);
      const found = await scim.send('GET', '/Groups?filter=displayName%20eq%20%22Everyone%22');
      expect({ n, found: found.body.totalResults }).toEqual({ n, found: 0 });
      const retried = await post();
      expect(retried.status).toBe(201);
      expect((await scim.send('GET', `/Groups/${retried.body.id}`)).body.members).toHaveLength(20);
    }
  });

  it('DELETE /Users of a member of 12 groups is finished by the retried DELETE', async () => {
    const { scim, failWrite } = await bed();
    const [user] = await usersIn(scim, 1);
    for (let g = 0; g < 12; g++) await scim.post('/Groups', { displayName: `Group ${g}`, members: [{ value: user }] });
    // Group listings leave members out: read each group to see them.
    const memberIds = async () => {
      const listed = await scim.send('GET', '/Groups?count=100');
      expect(listed.body.totalResults).toBe(12);
      const members: string[] = [];
      for (const { id } of listed.body.Resources as { id: string }[]) {
        const group = await scim.send('GET', `/Groups/${id}`);
        expect(group.status).toBe(200);
        members.push(...(group.body.members ?? []).map((member: { value: string }) => member.value));
      }
      return members;
    };
    expect(await memberIds()).toEqual(Array(12).fill(user));
    failWrite(2);
    expect((await scim.delete(`/Users/${user}`)).status).toBeGreaterThanOrEqual(500);
    failWrite(0);
    expect((await scim.delete(`/Users/${user}`)).status).toBe(204);
    expect((await scim.send('GET', `/Users/${user}`)).status).toBe(404);
    expect(await memberIds()).toEqual([]);
  });
});
