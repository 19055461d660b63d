import { seededRandom, withLatency } from '../../scripts/load/store-latency';
import { directoryKeys } from '../../src/storage/keys';
import { CountingStore } from '../../src/platform/counting-store';
import { ForwardingStore } from '../../src/platform/forwarding-store';
import type { Store, TransactionOp, WriteOptions } from '../../src/platform/ports';
import { GROUP_SCHEMA, oktaUser, patchOps, ScimTestClient, type ScimReply } from '../kit/scim-client';
import { createTestPlatform } from '../kit/test-platform';

// A small `npm run load` on the real SCIM endpoint: parallel requests that all change one record (a group's
// member adds, PATCHes of different attributes of one user), on a store with a few milliseconds of latency per
// call. So that the worst interleaving happens on every run, not by chance, a barrier holds the first write of
// each request to the contended record until every request has read it: all of them decide from the same
// version. With the store's version checks the endpoint loses nothing (and the version counts every change);
// the controls run the same requests on a store that drops ifVersion / ifAbsent, and lose updates every time.

const BURST = 30;
const MAX_ATTEMPTS = 10;
const LATENCY_MS = 4;
const BARRIER_LIMIT_MS = 10_000;

/** Retries 503 (busy) as IdPs do; answers the last reply. */
async function withRetries(send: () => Promise<ScimReply>): Promise<ScimReply> {
  let reply = await send();
  for (let attempt = 1; attempt < MAX_ATTEMPTS && reply.status === 503; attempt++) reply = await send();
  return reply;
}

/** A write's ifVersion / ifAbsent removed: what a store (or code) without the conditions would do. */
function unconditional(op: TransactionOp): TransactionOp[] {
  if (op.op === 'check') return [];
  if (op.op === 'delete') return [{ op: 'delete', key: op.key }];
  const { ifAbsent: _absent, ifVersion: _version, ...rest } = op;
  return [rest];
}

/**
 * Wraps a store: the first `parties` writes that touch `key` (set, delete, or a transaction with an op on it)
 * wait until all of them have arrived, then go on together; later writes pass straight through. Each request
 * reads the record before it writes it, so every held request has read the same version. With `dropConditions`,
 * every write loses its ifVersion and ifAbsent conditions first.
 */
class ContendedStore extends ForwardingStore {
  /** Writes (attempts) that touched the key, held or not. */
  writesToKey = 0;
  /** Whether all parties met at the barrier (false if it gave up waiting). */
  met = false;
  private held = 0;
  private release: () => void = () => undefined;
  private readonly gate: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    inner: Store,
    private readonly key: string,
    private readonly parties: number,
    private readonly dropConditions: boolean,
  ) {
    super(inner);
    this.gate = new Promise<void>((resolve) => {
      this.release = resolve;
    });
    this.timer = setTimeout(() => this.release(), BARRIER_LIMIT_MS);
  }

  override async set(key: string, value: unknown, options?: WriteOptions): Promise<number> {
    await this.arrive([key]);
    return this.inner.set(key, value, this.dropConditions ? { ttlSeconds: options?.ttlSeconds } : options);
  }

  override async delete(key: string, options?: { ifVersion?: number }): Promise<boolean> {
    await this.arrive([key]);
    return this.inner.delete(key, this.dropConditions ? {} : options);
  }

  override async transact(ops: TransactionOp[]): Promise<void> {
    await this.arrive(ops.map((op) => op.key));
    return this.inner.transact(this.dropConditions ? ops.flatMap(unconditional) : ops);
  }

  private async arrive(keys: string[]): Promise<void> {
    if (!keys.includes(this.key)) return;
    this.writesToKey += 1;
    if (this.held >= this.parties) return;
    this.held += 1;
    if (this.held === this.parties) {
      this.met = true;
      clearTimeout(this.timer);
      this.release();
    }
    await this.gate;
  }
}

interface Bed {
  scim: ScimTestClient;
  contend(key: (keys: ReturnType<typeof directoryKeys>) => string, parties: number, dropConditions: boolean): ContendedStore;
}

/** A connection on a test platform; `contend` then puts latency and the barrier under every later request. */
async function bed(seed: number): Promise<Bed> {
  const platform = createTestPlatform();
  const plain = platform.store;
  const scim = await ScimTestClient.create(platform);
  return {
    scim,
    contend(key, parties, dropConditions) {
      const contended = new ContendedStore(
        withLatency(plain, LATENCY_MS, seededRandom(seed)),
        key(directoryKeys(scim.connectionId)),
        parties,
        dropConditions,
      );
      platform.store = new CountingStore(contended);
      return contended;
    },
  };
}

async function burstOfMemberAdds(seed: number, dropConditions: boolean) {
  const { scim, contend } = await bed(seed);
  const users = await Promise.all(
    Array.from({ length: BURST }, async (_, i) => (await scim.post('/Users', oktaUser(`burst${i}@example.com`))).body.id as string),
  );
  const created = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Burst' });
  const group = created.body.id as string;
  const store = contend((keys) => keys.group(group), BURST, dropConditions);

  const replies = await Promise.all(
    users.map((value) => withRetries(() => scim.patch(`/Groups/${group}`, patchOps({ op: 'add', path: 'members', value: [{ value }] })))),
  );
  const read = await scim.get(`/Groups/${group}`);
  const members: string[] = (read.body.members ?? []).map((m: { value: string }) => m.value);
  return { store, users, replies, created, read, members };
}

/** PATCHes of different attributes of one user, and where each shows in the resource. */
const ATTRIBUTE_PATCHES: { path: string; value: string | boolean }[] = [
  { path: 'displayName', value: 'Augusta Ada King' },
  { path: 'title', value: 'Analyst' },
  { path: 'name.givenName', value: 'Augusta' },
  { path: 'name.familyName', value: 'King' },
  { path: 'nickName', value: 'Countess' },
  { path: 'userType', value: 'Contractor' },
  { path: 'preferredLanguage', value: 'en-GB' },
  { path: 'locale', value: 'en-GB' },
  { path: 'timezone', value: 'Europe/London' },
  { path: 'profileUrl', value: 'https://example.com/ada' },
  { path: 'active', value: false },
];

function valueAt(resource: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resource);
}

async function burstOfAttributePatches(seed: number, dropConditions: boolean) {
  const { scim, contend } = await bed(seed);
  const user = (await scim.post('/Users', oktaUser('ada@example.com'))).body;
  for (const { path, value } of ATTRIBUTE_PATCHES) expect(valueAt(user, path)).not.toEqual(value);
  const store = contend((keys) => keys.user(user.id), ATTRIBUTE_PATCHES.length, dropConditions);

  const replies = await Promise.all(
    ATTRIBUTE_PATCHES.map(({ path, value }) => withRetries(() => scim.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path, value })))),
  );
  const read = await scim.get(`/Users/${user.id}`);
  const lost = ATTRIBUTE_PATCHES.filter(({ path, value }) => valueAt(read.body, path) !== value).map(({ path }) => path);
  return { store, replies, read, lost };
}

describe('concurrent writes to one record under store latency', () => {
  it(`keeps all ${BURST} parallel member adds to one group, and the group's version counts each of them`, async () => {
    const { store, users, replies, created, read, members } = await burstOfMemberAdds(1, false);

    expect(store.met).toBe(true);
    // All held requests decided from the same version, so all but one had to read again and retry.
    expect(store.writesToKey).toBeGreaterThanOrEqual(2 * BURST - 1);
    expect(replies.map((reply) => reply.status)).toEqual(users.map(() => 200));
    expect(users.filter((id) => !members.includes(id))).toEqual([]);
    expect(members).toHaveLength(BURST);
    // A group starts at version 1 and each accepted change that alters it adds one (src/directory/groups.ts).
    expect(created.headers.etag).toBe('W/"1"');
    expect(read.headers.etag).toBe(`W/"${1 + BURST}"`);
    expect(read.body.meta.version).toBe(`W/"${1 + BURST}"`);
  });

  it(`keeps all ${ATTRIBUTE_PATCHES.length} parallel PATCHes of different attributes of one user`, async () => {
    const { store, replies, read, lost } = await burstOfAttributePatches(2, false);

    expect(store.met).toBe(true);
    expect(store.writesToKey).toBeGreaterThanOrEqual(2 * ATTRIBUTE_PATCHES.length - 1);
    expect(replies.map((reply) => reply.status)).toEqual(ATTRIBUTE_PATCHES.map(() => 200));
    expect(lost).toEqual([]);
    expect(read.headers.etag).toBe(`W/"${1 + ATTRIBUTE_PATCHES.length}"`);
  });

  describe('control: the same endpoint on a store that drops ifVersion and ifAbsent', () => {
    it('answers 200 to every attribute PATCH and keeps only the last one written', async () => {
      const { store, replies, read, lost } = await burstOfAttributePatches(3, true);

      expect(store.met).toBe(true);
      expect(replies.map((reply) => reply.status)).toEqual(ATTRIBUTE_PATCHES.map(() => 200));
      // Every PATCH read version 1 and wrote version 2 over the others: one change survives.
      expect(lost).toHaveLength(ATTRIBUTE_PATCHES.length - 1);
      expect(read.headers.etag).toBe('W/"2"');
    });

    it(`answers 200 to every member add and leaves the group at version 2 instead of ${1 + BURST}`, async () => {
      const { store, users, replies, read, members } = await burstOfMemberAdds(4, true);

      expect(store.met).toBe(true);
      expect(store.writesToKey).toBe(BURST);
      expect(replies.map((reply) => reply.status)).toEqual(users.map(() => 200));
      // The memberships are records of their own and survive; the group's version, which If-Match relies on,
      // lost BURST - 1 of its changes: a client holding W/"2" would overwrite a group that changed 29 times since.
      expect(members).toHaveLength(BURST);
      expect(read.headers.etag).toBe('W/"2"');
    });
  });
});
