import fc from 'fast-check';
import type { Store, TransactionOp } from '../../src/platform/ports';
import { ConditionFailedError, StoreLimitError } from '../../src/platform/store-errors';
import { MAX_KEY_LENGTH, MAX_VALUE_BYTES, MAX_VALUE_DEPTH } from '../../src/platform/store-limits';
import type { FakeClock } from '../kit/fake-clock';

export interface StoreFixture {
  store: Store;
  /** Drives TTL expiry for this store. */
  clock: FakeClock;
  teardown?: () => void | Promise<void>;
}

/** The behaviour every Store implementation must share; run it once per implementation. */
export function describeStoreContract(name: string, factory: () => StoreFixture | Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.teardown?.();
    });

    async function rejectsWith(promise: Promise<unknown>, type: new (...args: never[]) => Error): Promise<Error> {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(type);
      return error as Error;
    }

    async function expectConditionFailed(promise: Promise<unknown>, key: string): Promise<void> {
      const error = await rejectsWith(promise, ConditionFailedError);
      expect((error as ConditionFailedError).key).toBe(key);
    }

    /** Awaits a write and returns the version it reports, which must be a positive integer. */
    async function versionOf(write: Promise<number>): Promise<number> {
      const version = await write;
      expect(isVersion(version)).toBe(true);
      return version;
    }

    describe('get, set, delete and versions', () => {
      it('reads an absent key as undefined', async () => {
        expect(await store.get('missing')).toBeUndefined();
      });

      it('gives the key a new version on every write and reads back the last one', async () => {
        const first = await versionOf(store.set('user:1', { name: 'a' }));
        expect(await store.get('user:1')).toEqual({ key: 'user:1', value: { name: 'a' }, version: first });
        const second = await versionOf(store.set('user:1', { name: 'b' }));
        const third = await versionOf(store.set('user:1', { name: 'c' }));
        expect(new Set([first, second, third]).size).toBe(3);
        expect(await store.get('user:1')).toEqual({ key: 'user:1', value: { name: 'c' }, version: third });
      });

      it('keeps every JSON shape as written, and a copy of it', async () => {
        const values = ['text', 42, 1.5, true, false, 0, '', [1, 'two', { three: 3 }], { nested: { list: [null, 1] } }];
        for (const [i, value] of values.entries()) await store.set(`shape:${i}`, value);
        for (const [i, value] of values.entries()) expect((await store.get(`shape:${i}`))?.value).toEqual(value);

        const original = { list: [1] };
        await store.set('copy', original);
        original.list.push(2);
        expect((await store.get('copy'))?.value).toEqual({ list: [1] });
      });

      it('deletes, reports whether something was deleted, and writes the key again after a delete', async () => {
        await store.set('k', 1);
        await store.set('k', 2);
        expect(await store.delete('k')).toBe(true);
        expect(await store.get('k')).toBeUndefined();
        expect(await store.delete('k')).toBe(false);
        const version = await versionOf(store.set('k', 3));
        expect(await store.get('k')).toEqual({ key: 'k', value: 3, version });
      });

      it('getMany returns present keys in request order, once each, and skips absent ones', async () => {
        const one = await store.set('m:1', 'one');
        const three = await store.set('m:3', 'three');
        const items = await store.getMany(['m:3', 'm:2', 'm:1', 'm:3']);
        expect(items).toEqual([
          { key: 'm:3', value: 'three', version: three },
          { key: 'm:1', value: 'one', version: one },
        ]);
        expect(await store.getMany([])).toEqual([]);
      });
    });

    describe('conditional writes', () => {
      it('ifAbsent creates a missing key and refuses an existing one without writing', async () => {
        const version = await versionOf(store.set('u', 'first', { ifAbsent: true }));
        await expectConditionFailed(store.set('u', 'second', { ifAbsent: true }), 'u');
        expect(await store.get('u')).toEqual({ key: 'u', value: 'first', version });
      });

      it('ifVersion writes on the current version and refuses a stale one without writing', async () => {
        const v1 = await store.set('c', 'v1');
        const v2 = await store.set('c', 'v2');
        await expectConditionFailed(store.set('c', 'stale', { ifVersion: v1 }), 'c');
        const v3 = await versionOf(store.set('c', 'v3', { ifVersion: v2 }));
        expect(v3).not.toBe(v2);
        await expectConditionFailed(store.set('c', 'stale', { ifVersion: v2 }), 'c');
        expect(await store.get('c')).toEqual({ key: 'c', value: 'v3', version: v3 });
      });

      it('ifVersion on an absent key fails and creates nothing', async () => {
        await expectConditionFailed(store.set('none', 'x', { ifVersion: 1 }), 'none');
        expect(await store.get('none')).toBeUndefined();
      });

      it('delete with ifVersion deletes on the current version only', async () => {
        const stale = await store.set('d', 'x');
        const current = await store.set('d', 'y');
        await expectConditionFailed(store.delete('d', { ifVersion: stale }), 'd');
        expect((await store.get('d'))?.version).toBe(current);
        expect(await store.delete('d', { ifVersion: current })).toBe(true);
        expect(await store.get('d')).toBeUndefined();
        await expectConditionFailed(store.delete('d', { ifVersion: current }), 'd');
      });

      it('refuses ifAbsent together with ifVersion, and a version below 1', async () => {
        await rejectsWith(store.set('x', 1, { ifAbsent: true, ifVersion: 1 }), TypeError);
        await rejectsWith(store.set('x', 1, { ifVersion: 0 }), TypeError);
        expect(await store.get('x')).toBeUndefined();
      });
    });

    describe('transactions', () => {
      it('applies sets and deletes together, each set giving a new version', async () => {
        const a1 = await store.set('t:a', 'a1');
        await store.set('t:b', 'b1');
        await store.transact([
          { op: 'set', key: 't:a', value: 'a2' },
          { op: 'delete', key: 't:b' },
          { op: 'set', key: 't:c', value: 'c1', ifAbsent: true },
          { op: 'delete', key: 't:never' },
        ]);
        const [a, c, ...rest] = await store.getMany(['t:a', 't:b', 't:c']);
        expect(rest).toEqual([]);
        expect(a).toMatchObject({ key: 't:a', value: 'a2' });
        expect(c).toMatchObject({ key: 't:c', value: 'c1' });
        expect(isVersion(a.version) && isVersion(c.version)).toBe(true);
        expect(a.version).not.toBe(a1);
      });

      it('applies nothing when one condition fails, and names that key', async () => {
        const a1 = await store.set('t:a', 'a1');
        const b1 = await store.set('t:b', 'b1');
        const b2 = await store.set('t:b', 'b2');
        await expectConditionFailed(
          store.transact([
            { op: 'set', key: 't:a', value: 'changed', ifVersion: a1 },
            { op: 'set', key: 't:new', value: 'new' },
            { op: 'delete', key: 't:c' },
            { op: 'set', key: 't:b', value: 'changed', ifVersion: b1 },
          ]),
          't:b',
        );
        expect(await store.getMany(['t:a', 't:b', 't:new'])).toEqual([
          { key: 't:a', value: 'a1', version: a1 },
          { key: 't:b', value: 'b2', version: b2 },
        ]);
      });

      it('applies nothing when ifAbsent meets an existing key', async () => {
        await store.set('idx:alice', 'user-1');
        await expectConditionFailed(
          store.transact([
            { op: 'set', key: 'user:2', value: { userName: 'alice' } },
            { op: 'set', key: 'idx:alice', value: 'user-2', ifAbsent: true },
          ]),
          'idx:alice',
        );
        expect(await store.get('user:2')).toBeUndefined();
        expect((await store.get('idx:alice'))?.value).toBe('user-1');
      });

      it('check ops guard the writes without writing themselves', async () => {
        const stale = await store.set('guard', 'old');
        const guard = await store.set('guard', 'g');
        await store.transact([
          { op: 'check', key: 'guard', ifVersion: guard },
          { op: 'check', key: 'free', ifAbsent: true },
          { op: 'set', key: 'w:1', value: 1 },
        ]);
        expect(await store.get('guard')).toEqual({ key: 'guard', value: 'g', version: guard });
        expect(await store.get('free')).toBeUndefined();
        expect((await store.get('w:1'))?.value).toBe(1);

        await expectConditionFailed(
          store.transact([
            { op: 'set', key: 'w:2', value: 2 },
            { op: 'check', key: 'guard', ifAbsent: true },
          ]),
          'guard',
        );
        await expectConditionFailed(
          store.transact([
            { op: 'check', key: 'guard', ifVersion: stale },
            { op: 'set', key: 'w:2', value: 2 },
          ]),
          'guard',
        );
        expect(await store.get('w:2')).toBeUndefined();
      });

      it('deletes with ifVersion inside a transaction', async () => {
        const stale = await store.set('dv', 0);
        const current = await store.set('dv', 1);
        await expectConditionFailed(store.transact([{ op: 'delete', key: 'dv', ifVersion: stale }]), 'dv');
        await store.transact([{ op: 'delete', key: 'dv', ifVersion: current }]);
        expect(await store.get('dv')).toBeUndefined();
      });

      it('allows 25 ops and refuses 26 or a repeated key, applying nothing', async () => {
        const ops = (n: number): TransactionOp[] =>
          Array.from({ length: n }, (_, i) => ({ op: 'set', key: `many:${String(i).padStart(2, '0')}`, value: i }));
        await store.transact(ops(25));
        expect((await store.query('many:')).items).toHaveLength(25);

        await rejectsWith(store.transact(ops(26).map((op) => ({ ...op, key: `more:${op.key}` }))), StoreLimitError);
        expect((await store.query('more:')).items).toHaveLength(0);

        await rejectsWith(
          store.transact([
            { op: 'set', key: 'dup', value: 1 },
            { op: 'delete', key: 'dup' },
          ]),
          StoreLimitError,
        );
        expect(await store.get('dup')).toBeUndefined();
      });

      it('refuses a check with no condition, and does nothing for an empty transaction', async () => {
        await rejectsWith(store.transact([{ op: 'check', key: 'c' }]), TypeError);
        await store.transact([]);
      });

      it('refuses the whole transaction when one op breaks a limit', async () => {
        await rejectsWith(
          store.transact([
            { op: 'set', key: 'ok', value: 1 },
            { op: 'set', key: 'bad/key', value: 2 },
          ]),
          StoreLimitError,
        );
        expect(await store.get('ok')).toBeUndefined();
      });

      it('refuses a transaction carrying more than 4 MB of values', async () => {
        const big = 'x'.repeat(200 * 1024);
        const ops: TransactionOp[] = Array.from({ length: 21 }, (_, i) => ({ op: 'set', key: `big:${i}`, value: big }));
        await rejectsWith(store.transact(ops), StoreLimitError);
        expect((await store.query('big:')).items).toHaveLength(0);
      });
    });

    describe('limits Forge enforces', () => {
      it('accepts the whole key charset and 500 characters', async () => {
        const keys = ['aZ09:._-#', 'with space', 'tab\there', 'x'.repeat(MAX_KEY_LENGTH)];
        for (const key of keys) await store.set(key, key);
        for (const key of keys) expect((await store.get(key))?.value).toBe(key);
      });

      it.each([
        ['a slash', 'a/b'],
        ['an at sign', 'user@example.com'],
        ['a pipe', 'a|b'],
        ['a non-ASCII letter', 'mü'],
        ['nothing', ''],
        ['only spaces', '   '],
        ['501 characters', 'x'.repeat(MAX_KEY_LENGTH + 1)],
      ])('refuses a key with %s in every method', async (_what, key) => {
        await rejectsWith(store.get(key), StoreLimitError);
        await rejectsWith(store.getMany([key]), StoreLimitError);
        await rejectsWith(store.set(key, 1), StoreLimitError);
        await rejectsWith(store.delete(key), StoreLimitError);
        await rejectsWith(store.transact([{ op: 'set', key, value: 1 }]), StoreLimitError);
        if (key !== '') await rejectsWith(store.query(key), StoreLimitError);
      });

      it('accepts a value at the size limit and refuses one byte more', async () => {
        const atLimit = 'v'.repeat(MAX_VALUE_BYTES - 2); // JSON adds two quotes
        const version = await versionOf(store.set('size', atLimit));
        expect((await store.get('size'))?.value).toBe(atLimit);
        await rejectsWith(store.set('size', `${atLimit}v`), StoreLimitError);
        await rejectsWith(store.transact([{ op: 'set', key: 'size2', value: `${atLimit}v` }]), StoreLimitError);
        expect((await store.get('size'))?.version).toBe(version);
        expect(await store.get('size2')).toBeUndefined();
      });

      it('refuses null, undefined and values nested too deep', async () => {
        let deep: unknown = 'leaf';
        for (let i = 0; i < MAX_VALUE_DEPTH; i++) deep = { d: deep };
        await versionOf(store.set('deep', deep));
        await rejectsWith(store.set('deeper', { d: deep }), StoreLimitError);
        await rejectsWith(store.set('null', null), StoreLimitError);
        await rejectsWith(store.set('undefined', undefined), StoreLimitError);
      });

      it('allows 25 keys in getMany and refuses 26', async () => {
        const keys = Array.from({ length: 26 }, (_, i) => `gm:${i}`);
        await store.set('gm:0', 0);
        expect(await store.getMany(keys.slice(0, 25))).toHaveLength(1);
        await rejectsWith(store.getMany(keys), StoreLimitError);
      });

      it('allows query limits 1..100 only', async () => {
        await rejectsWith(store.query('q:', { limit: 0 }), StoreLimitError);
        await rejectsWith(store.query('q:', { limit: 101 }), StoreLimitError);
        await rejectsWith(store.query('q:', { limit: 2.5 }), StoreLimitError);
      });
    });

    describe('query', () => {
      async function setAll(keys: string[]): Promise<void> {
        for (let i = 0; i < keys.length; i += 25) {
          await store.transact(keys.slice(i, i + 25).map((key) => ({ op: 'set', key, value: { key } })));
        }
      }

      async function collect(prefix: string, limit: number): Promise<{ keys: string[]; pages: number }> {
        const keys: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.query<{ key: string }>(prefix, { limit, cursor });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          for (const item of page.items) expect(item.value.key).toBe(item.key);
          keys.push(...page.items.map((item) => item.key));
          cursor = page.cursor;
          pages += 1;
        } while (cursor !== undefined);
        return { keys, pages };
      }

      it('pages 250 keys in ascending order, 100 at a time, without gaps or repeats', async () => {
        const keys = Array.from({ length: 250 }, (_, i) => `q:${String(i).padStart(3, '0')}`);
        const shuffled = [...keys].sort((a, b) => (hash(a) < hash(b) ? -1 : 1));
        await setAll(shuffled);
        await setAll(['q', 'qa:1', 'p:1', 'q.1', 'q9']);

        const first = await store.query('q:');
        expect(first.items).toHaveLength(100);
        expect(first.cursor).toBeDefined();

        const { keys: seen, pages } = await collect('q:', 100);
        expect(seen).toEqual(keys);
        expect(pages).toBeGreaterThanOrEqual(3);
      });

      it('returns only keys with the prefix, in byte order', async () => {
        await setAll(['a:2', 'a', 'ab:1', 'a:1', 'b:1', 'a:b', 'A:1']);
        expect((await store.query('a:')).items.map((item) => item.key)).toEqual(['a:1', 'a:2', 'a:b']);
        expect((await store.query('a')).items.map((item) => item.key)).toEqual(['a', 'a:1', 'a:2', 'a:b', 'ab:1']);
        expect((await store.query('c')).items).toEqual([]);
      });

      it('returns values and versions, and leaves deleted keys out', async () => {
        await store.set('v:1', 'one');
        const version = await store.set('v:1', 'uno');
        await store.set('v:2', 'two');
        await store.delete('v:2');
        expect((await store.query('v:')).items).toEqual([{ key: 'v:1', value: 'uno', version }]);
      });

      it('pages with small limits too', async () => {
        const keys = Array.from({ length: 7 }, (_, i) => `s:${i}`);
        await setAll(keys);
        expect((await collect('s:', 3)).keys).toEqual(keys);
        expect((await collect('s:', 1)).keys).toEqual(keys);
      });
    });

    describe('TTL', () => {
      it('treats a key as absent once its TTL has passed', async () => {
        await store.set('lease', 'holder-1', { ttlSeconds: 60 });
        await fixture.clock.advance(59_000);
        expect((await store.get('lease'))?.value).toBe('holder-1');
        await fixture.clock.advance(1_000);
        expect(await store.get('lease')).toBeUndefined();
        expect(await store.getMany(['lease'])).toEqual([]);
        expect((await store.query('lease')).items).toEqual([]);
        expect(await store.delete('lease')).toBe(false);
      });

      it('lets ifAbsent take an expired key, and refuses the version from before expiry', async () => {
        await store.set('lock', 'a', { ttlSeconds: 30 });
        const expired = await store.set('lock', 'a', { ttlSeconds: 30 });
        await expectConditionFailed(store.set('lock', 'b', { ifAbsent: true }), 'lock');
        await fixture.clock.advance(30_000);
        await versionOf(store.set('lock', 'b', { ifAbsent: true, ttlSeconds: 30 }));
        await expectConditionFailed(store.set('lock', 'c', { ifVersion: expired }), 'lock');
      });

      it('drops the TTL when a key is written again without one', async () => {
        await store.set('keep', 1, { ttlSeconds: 10 });
        const version = await store.set('keep', 2);
        await fixture.clock.advance(3_600_000);
        expect(await store.get('keep')).toEqual({ key: 'keep', value: 2, version });
      });

      it('applies a TTL given in a transaction', async () => {
        await store.transact([{ op: 'set', key: 'tx-ttl', value: 1, ttlSeconds: 5 }]);
        await fixture.clock.advance(5_000);
        expect(await store.get('tx-ttl')).toBeUndefined();
      });

      it('refuses a TTL that is not a positive whole number of seconds', async () => {
        await rejectsWith(store.set('t', 1, { ttlSeconds: 0 }), TypeError);
        await rejectsWith(store.set('t', 1, { ttlSeconds: 1.5 }), TypeError);
      });
    });

    describe('concurrency', () => {
      it('ends with the exact count after many parallel compare-and-set increments', async () => {
        await store.set('counter', 0);
        const workers = 12;
        const increments = 5;
        let conflicts = 0;
        const increment = async () => {
          for (;;) {
            const current = await store.get<number>('counter');
            if (!current) throw new Error('counter vanished');
            try {
              await store.set('counter', current.value + 1, { ifVersion: current.version });
              return;
            } catch (error) {
              if (!(error instanceof ConditionFailedError)) throw error;
              conflicts += 1;
            }
          }
        };
        await Promise.all(
          Array.from({ length: workers }, async () => {
            for (let i = 0; i < increments; i++) await increment();
          }),
        );
        const total = workers * increments;
        expect((await store.get('counter'))?.value).toBe(total);
        expect(conflicts).toBeGreaterThan(0);
      });

      it('lets exactly one of many parallel ifAbsent writers win', async () => {
        const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.set('unique:alice', `user-${i}`, { ifAbsent: true })));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        for (const failure of failures) expect(failure.reason).toBeInstanceOf(ConditionFailedError);
      });

      it('gives every parallel unconditional write its own version, and keeps the last value with its version', async () => {
        const versions = await Promise.all(Array.from({ length: 8 }, (_, i) => store.set('lww', i)));
        expect(new Set(versions).size).toBe(8);
        const last = await store.get<number>('lww');
        expect(last?.version).toBe(versions[last?.value ?? -1]);
      });

      it('lets exactly one of many parallel transactions with the same condition commit', async () => {
        const version = await store.set('seq', 0);
        const results = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) =>
            store.transact([
              { op: 'set', key: 'seq', value: 1, ifVersion: version },
              { op: 'set', key: `claim:${i}`, value: i },
            ]),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect((await store.query('claim:')).items).toHaveLength(1);
      });
    });

    describe('matches a Map model (property)', () => {
      let run = 0;

      it('for random sequences of set, delete and transact', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(commandArbitrary, { minLength: 1, maxLength: 15 }), async (commands) => {
            run += 1;
            const prefix = `p${run}:`;
            const model: Model = { items: new Map(), history: new Map() };
            for (const command of commands) {
              await applyAndCompare(store, model, prefix, command);
            }
          }),
          { numRuns: 40 },
        );
      });
    });
  });
}

type Cond = { ifAbsent?: boolean; ifVersion?: number };
/** A generated condition; ifVersion names the key's current version or an earlier one, resolved when applied. */
type CondSpec = { ifAbsent?: true; ifVersion?: 'current' | 'earlier' };
type ModelOp = { op: 'set' | 'delete' | 'check'; key: string; value: number; cond: CondSpec };
type Command = { kind: 'set'; op: ModelOp } | { kind: 'delete'; op: ModelOp } | { kind: 'transact'; ops: ModelOp[] };

interface Model {
  items: Map<string, { value: unknown; version: number }>;
  /** Every version each key has had, oldest first. */
  history: Map<string, number[]>;
}

const KEYS = ['a', 'b', 'c', 'd'];
const keyArbitrary = fc.constantFrom(...KEYS);
const versionCond = fc.constantFrom<CondSpec>({ ifVersion: 'current' }, { ifVersion: 'earlier' });
const absentCond = fc.constant<CondSpec>({ ifAbsent: true });
const noCond = fc.constant<CondSpec>({});
const opArbitrary = (op: ModelOp['op'], cond: fc.Arbitrary<CondSpec>): fc.Arbitrary<ModelOp> =>
  fc.record({ op: fc.constant(op), key: keyArbitrary, value: fc.integer(), cond });
const setOp = opArbitrary('set', fc.oneof(noCond, absentCond, versionCond));
const deleteOp = opArbitrary('delete', fc.oneof(noCond, versionCond));
const checkOp = opArbitrary('check', fc.oneof(absentCond, versionCond));
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  setOp.map((op): Command => ({ kind: 'set', op })),
  deleteOp.map((op): Command => ({ kind: 'delete', op })),
  fc
    .uniqueArray(fc.oneof(setOp, deleteOp, checkOp), { selector: (op) => op.key, minLength: 1, maxLength: 4 })
    .map((ops): Command => ({ kind: 'transact', ops })),
);

function isVersion(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 1;
}

function resolve(model: Model, key: string, spec: CondSpec): Cond {
  if (spec.ifAbsent) return { ifAbsent: true };
  if (spec.ifVersion === undefined) return {};
  const current = model.items.get(key)?.version;
  if (spec.ifVersion === 'current' && current !== undefined) return { ifVersion: current };
  const earlier = (model.history.get(key) ?? []).filter((version) => version !== current);
  return { ifVersion: earlier.at(-1) ?? 1 };
}

function holds(cond: Cond, current: { version: number } | undefined): boolean {
  if (cond.ifAbsent) return current === undefined;
  if (cond.ifVersion !== undefined) return current?.version === cond.ifVersion;
  return true;
}

/** Records a write the store reported, checking that it gave the key a new version. */
function recordWrite(model: Model, key: string, value: unknown, version: number | undefined): void {
  expect(isVersion(version)).toBe(true);
  expect(version).not.toBe(model.items.get(key)?.version);
  model.items.set(key, { value, version: version as number });
  model.history.set(key, [...(model.history.get(key) ?? []), version as number]);
}

async function applyAndCompare(store: Store, model: Model, prefix: string, command: Command): Promise<void> {
  if (command.kind === 'set') {
    const { key, value } = command.op;
    const cond = resolve(model, key, command.op.cond);
    const outcome = store.set(prefix + key, value, cond);
    if (holds(cond, model.items.get(key))) {
      recordWrite(model, key, value, await outcome);
    } else {
      await expect(outcome).rejects.toBeInstanceOf(ConditionFailedError);
    }
  } else if (command.kind === 'delete') {
    const { key } = command.op;
    const cond = resolve(model, key, command.op.cond);
    const outcome = store.delete(prefix + key, cond);
    if (holds(cond, model.items.get(key))) {
      expect(await outcome).toBe(model.items.delete(key));
    } else {
      await expect(outcome).rejects.toBeInstanceOf(ConditionFailedError);
    }
  } else {
    const ops = command.ops.map((op) => ({ ...op, cond: resolve(model, op.key, op.cond) }));
    const failing = ops.filter((op) => !holds(op.cond, model.items.get(op.key)));
    const outcome = store.transact(ops.map((op) => ({ ...op, key: prefix + op.key, ...op.cond }) as TransactionOp));
    if (failing.length === 0) {
      await outcome;
      const sets = ops.filter((op) => op.op === 'set');
      const written = await store.getMany(sets.map((op) => prefix + op.key));
      for (const op of ops) {
        if (op.op === 'delete') model.items.delete(op.key);
        if (op.op === 'set') recordWrite(model, op.key, op.value, written.find((item) => item.key === prefix + op.key)?.version);
      }
    } else {
      const error = await outcome.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConditionFailedError);
      expect(failing.map((op) => prefix + op.key)).toContain((error as ConditionFailedError).key);
    }
  }
  const expected = KEYS.filter((key) => model.items.has(key)).map((key) => ({ key: prefix + key, ...model.items.get(key) }));
  expect(await store.getMany(KEYS.map((key) => prefix + key))).toEqual(expected);
  expect((await store.query(prefix)).items).toEqual(expected);
}

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619) >>> 0;
  return h;
}
