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
  /** The connection's directory and change records, as stored. */
  directory(): string;
}

async function bed(): Promise<Bed> {
  const platform = createTestPlatform();
  let failAt = 0;
  let writes = 0;
  platform.store = new CountingStore(failingWrites(platform.store, () => failAt > 0 && ++writes === failAt));
  const scim = await ScimTestClient.create(platform);
  return {
    scim,
    failWrite(n) {
      failAt = n;
      writes = 0;
    },
    directory: () =>
      JSON.stringify(
        platform.db
          .prepare("SELECT key, value, version FROM kv WHERE key LIKE ? AND key NOT LIKE '%:req:%' AND key NOT LIKE '%:act:%' ORDER BY key")
          .all(`c:${scim.connectionId}:%`),
      ),
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
      return () => scim.patch(`/Groups/${group}`, patchOps({ op: 'add', path: 'members', value: [{ value: b }] }, { op: 'remove', path: `members[value eq "${a}"]` }));
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
];

// Known gaps, kept as failing tests until the directory writes these in one transaction: a POST /Groups with
// members stores the group before its memberships, and a DELETE /Users removes memberships before the user.
// A failure in between answers 5xx with the first part kept.
const halfApplied: [string, Scenario][] = [
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

const MAX_WRITES = 8;

async function failEachWrite(scenario: Scenario): Promise<void> {
    const failed: number[] = [];
    for (let n = 1; n <= MAX_WRITES; n++) {
      const { scim, failWrite, directory } = await bed();
      const request = await scenario(scim);
      const before = directory();
      failWrite(n);
      const reply = await request();
      failWrite(0);
      if (reply.status < 300) {
        // The n-th write is past the request's last one, or a best-effort write (request summary) that may fail.
        continue;
      }
      failed.push(n);
      expect({ n, status: reply.status >= 500, body: reply.body.schemas }).toEqual({ n, status: true, body: ['urn:ietf:params:scim:api:messages:2.0:Error'] });
      expect({ n, directory: directory() }).toEqual({ n, directory: before });
      const retried = await request();
      expect({ n, retried: [200, 201, 204].includes(retried.status) }).toEqual({ n, retried: true });
    }
    expect(failed.length).toBeGreaterThan(0);
}

describe.each(atomic)('a store write failing during %s', (_name, scenario) => {
  it('answers 5xx with a SCIM error, changes nothing, and succeeds when sent again', () => failEachWrite(scenario));
});

describe.each(halfApplied)('a store write failing during %s (known gap)', (_name, scenario) => {
  it.failing('answers 5xx with a SCIM error, changes nothing, and succeeds when sent again', () => failEachWrite(scenario));
});
