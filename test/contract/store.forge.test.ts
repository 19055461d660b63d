import crypto from 'node:crypto';
import { Filter, FilterConditions, ForgeKvsAPIError, kvs } from '@forge/kvs';
import { STORE_ENTITY, STORE_KEY_INDEX, createKvsStore } from '../../src/platform/forge/kvs-store';
import type { Store } from '../../src/platform/ports';
import { ConditionFailedError, StoreLimitError, StoreRateLimitError } from '../../src/platform/store-errors';
import { FakeKvsBackend, installFakeForgeKvs, manifestEntities } from '../../src/fakes/forge/forge-kvs-backend';
import { FakeClock } from '../kit/fake-clock';
import { describeStoreContract } from './store.contract';

describeStoreContract('Forge KVS (fake service)', () => {
  const clock = new FakeClock();
  const backend = installFakeForgeKvs({ now: () => clock.now() });
  return { store: createKvsStore(), clock, teardown: () => backend.uninstall() };
});

describe('Forge store design', () => {
  let backend: FakeKvsBackend;
  let store: Store;

  beforeEach(() => {
    backend = installFakeForgeKvs();
    store = createKvsStore();
  });

  afterEach(() => backend.uninstall());

  async function requestsFor(run: () => Promise<unknown>): Promise<string[]> {
    backend.resetCounts();
    await run();
    return backend.requests.map((r) => r.path);
  }

  it('relies on the entity and index that manifest.yml declares', () => {
    const entity = manifestEntities().find((e) => e.name === STORE_ENTITY);
    expect(entity?.attributes).toEqual({ itemKey: { type: 'string' }, payload: { type: 'any' }, version: { type: 'integer' } });
    expect(entity?.indexes).toContainEqual({ name: STORE_KEY_INDEX, range: ['itemKey'] });
  });

  it('costs one request for reads, deletes and conditional writes', async () => {
    const version = await store.set('k', 1);
    expect(await requestsFor(() => store.get('k'))).toEqual(['/api/v1/entity/get']);
    expect(await requestsFor(() => store.getMany(['k', 'x']))).toEqual(['/api/v1/batch/get']);
    expect(await requestsFor(() => store.set('n', 1, { ifAbsent: true }))).toEqual(['/api/v1/entity/set']);
    expect(await requestsFor(() => store.set('k', 2, { ifVersion: version }))).toEqual(['/api/v1/transaction']);
    expect(await requestsFor(() => store.delete('n'))).toEqual(['/api/v1/transaction']);
    expect(await requestsFor(() => store.delete('n'))).toEqual(['/api/v1/transaction']);
    expect(await requestsFor(() => store.query('k'))).toEqual(['/api/v1/entity/query']);
  });

  it('costs one request for a write without a condition, new key or not', async () => {
    expect(await requestsFor(() => store.set('k', 1))).toEqual(['/api/v1/entity/set']);
    expect(await requestsFor(() => store.set('k', 2, { ttlSeconds: 60 }))).toEqual(['/api/v1/entity/set']);
    expect((await store.get('k'))?.value).toBe(2);
  });

  it('costs one request for a transaction, with or without conditions', async () => {
    const version = await store.set('k', 1);
    const unconditional = await requestsFor(() =>
      store.transact([
        { op: 'set', key: 'k', value: 2 },
        { op: 'set', key: 'new', value: 1 },
      ]),
    );
    expect(unconditional).toEqual(['/api/v1/transaction']);

    const [k, fresh] = await store.getMany(['k', 'new']);
    expect(k.version).not.toBe(version);
    const mixed = await requestsFor(() =>
      store.transact([
        { op: 'set', key: 'k', value: 3, ifVersion: k.version },
        { op: 'set', key: 'idx', value: 'u', ifAbsent: true },
        { op: 'check', key: 'new', ifVersion: fresh.version },
        { op: 'set', key: 'summary', value: 's' },
        { op: 'delete', key: 'gone' },
      ]),
    );
    expect(mixed).toEqual(['/api/v1/transaction']);
    expect((await store.getMany(['k', 'idx', 'summary'])).map((item) => item.value)).toEqual([3, 'u', 's']);
  });

  it('reads once more after a refused transaction to name the failed key', async () => {
    const stale = await store.set('a', 1);
    await store.set('a', 2);
    const paths = await requestsFor(() =>
      store.transact([{ op: 'set', key: 'a', value: 3, ifVersion: stale }]).catch((e: unknown) => {
        expect(e).toBeInstanceOf(ConditionFailedError);
      }),
    );
    expect(paths).toEqual(['/api/v1/transaction', '/api/v1/batch/get']);
  });

  it('tries a refused transaction again when its conditions hold on re-reading', async () => {
    const version = await store.set('a', 1);
    backend.failNext('/api/v1/transaction', 409, 'CONDITIONAL_CHECK_FAILED');
    const conditioned = await requestsFor(() => store.transact([{ op: 'set', key: 'a', value: 2, ifVersion: version }]));
    expect(conditioned).toEqual(['/api/v1/transaction', '/api/v1/batch/get', '/api/v1/transaction']);
    expect((await store.get('a'))?.value).toBe(2);

    backend.failNext('/api/v1/transaction', 409, 'CONDITIONAL_CHECK_FAILED');
    const unconditioned = await requestsFor(() => store.transact([{ op: 'set', key: 'a', value: 3 }]));
    expect(unconditioned).toEqual(['/api/v1/transaction', '/api/v1/transaction']);
    expect((await store.get('a'))?.value).toBe(3);
  });

  it('draws versions that fit the 32-bit integer attribute', async () => {
    const versions = new Set<number>();
    for (let i = 0; i < 50; i++) versions.add(await store.set('k', i));
    await store.transact([{ op: 'set', key: 'k', value: 'tx' }]);
    versions.add((await store.get('k'))?.version as number);
    expect(versions.size).toBe(51);
    for (const version of versions) expect(Number.isInteger(version) && version >= 1 && version <= 2 ** 31 - 1).toBe(true);
  });

  it('never writes back the version a compare-and-set replaces, even when the draw repeats it', async () => {
    const version = await store.set('k', 1);
    const other = version === 7 ? 8 : 7;
    const draw = jest.spyOn(crypto, 'randomInt') as unknown as jest.SpyInstance<number, [number, number]>;
    draw.mockReturnValueOnce(version).mockReturnValueOnce(other);
    try {
      expect(await store.set('k', 2, { ifVersion: version })).toBe(other);
    } finally {
      draw.mockRestore();
    }
  });

  it('stores each record as the declared entity, not as a plain key', async () => {
    const version = await store.set('user:1', { name: 'x' });
    expect(backend.entityKeys(STORE_ENTITY)).toEqual(['user:1']);
    expect(await kvs.get('user:1')).toBeUndefined();
    expect(await kvs.entity(STORE_ENTITY).get('user:1')).toEqual({ itemKey: 'user:1', payload: { name: 'x' }, version });
  });

  it('turns a limit the service enforces into StoreLimitError', async () => {
    backend.failNext('/api/v1/entity/set', 400, 'MAX_SIZE');
    await expect(store.set('k', 'v', { ifAbsent: true })).rejects.toBeInstanceOf(StoreLimitError);
  });

  it('turns the installation quota (429) into StoreRateLimitError', async () => {
    backend.failNext('/api/v1/entity/get', 429, 'TOO_MANY_REQUESTS');
    await expect(store.get('k')).rejects.toBeInstanceOf(StoreRateLimitError);
  });

  it('lets other service errors through as ForgeKvsAPIError', async () => {
    backend.failNext('/api/v1/entity/get', 503, 'SERVICE_UNAVAILABLE');
    const error = await store.get('k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForgeKvsAPIError);
    expect((error as ForgeKvsAPIError).code).toBe('SERVICE_UNAVAILABLE');
    expect((error as ForgeKvsAPIError).responseDetails.status).toBe(503);
  });

  it('recognises a failed condition by the stored state, whatever status the service answers it with', async () => {
    const stale = await store.set('a', 1);
    const current = await store.set('a', 2);
    for (const [status, code] of [
      [400, 'CONDITIONS_NOT_MET'],
      [412, 'PRECONDITION_FAILED'],
      [409, 'CONFLICT'],
    ] as const) {
      backend.failNext('/api/v1/transaction', status, code);
      await expect(store.transact([{ op: 'set', key: 'a', value: 3, ifVersion: stale }])).rejects.toBeInstanceOf(ConditionFailedError);
      backend.failNext('/api/v1/transaction', status, code);
      await expect(store.delete('a', { ifVersion: stale })).rejects.toBeInstanceOf(ConditionFailedError);
      backend.failNext('/api/v1/entity/set', status, code);
      await expect(store.set('a', 4, { ifAbsent: true })).rejects.toBeInstanceOf(ConditionFailedError);
      backend.failNext('/api/v1/transaction', status, code);
      expect(await store.delete('absent')).toBe(false);
    }
    expect((await store.get('a'))?.version).toBe(current);
  });

  it('rethrows a refusal other than 409 when every condition still holds, without trying again', async () => {
    const version = await store.set('a', 1);
    backend.failNext('/api/v1/transaction', 400, 'INVALID_REQUEST_BODY');
    const paths = await requestsFor(() =>
      store.transact([{ op: 'set', key: 'a', value: 2, ifVersion: version }]).catch((e: unknown) => {
        expect(e).toBeInstanceOf(ForgeKvsAPIError);
      }),
    );
    expect(paths).toEqual(['/api/v1/transaction', '/api/v1/batch/get']);
    backend.failNext('/api/v1/transaction', 400, 'INVALID_REQUEST_BODY');
    await expect(store.delete('a')).rejects.toBeInstanceOf(ForgeKvsAPIError);
    expect((await store.get('a'))?.value).toBe(1);
  });
});

describe('Fake Forge KVS service answers the real client like the service', () => {
  let backend: FakeKvsBackend;
  let clock: FakeClock;

  beforeEach(() => {
    clock = new FakeClock();
    backend = installFakeForgeKvs({ now: () => clock.now() });
  });

  afterEach(() => backend.uninstall());

  async function apiError(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ForgeKvsAPIError);
    const api = error as ForgeKvsAPIError;
    return { status: api.responseDetails.status, code: api.code };
  }

  it('gets, sets and deletes plain keys, reading a missing key as undefined', async () => {
    expect(await kvs.get('k')).toBeUndefined();
    await kvs.set('k', { a: 1 });
    expect(await kvs.get('k')).toEqual({ a: 1 });
    await kvs.delete('k');
    await kvs.delete('k');
    expect(await kvs.get('k')).toBeUndefined();
  });

  it('refuses an existing key under FAIL_IF_EXISTS with 409 KEY_CONFLICT', async () => {
    await kvs.set('k', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await apiError(kvs.set('k', 2, { keyPolicy: 'FAIL_IF_EXISTS' }))).toEqual({ status: 409, code: 'KEY_CONFLICT' });
    expect(await kvs.get('k')).toBe(1);
  });

  it('returns the previous or latest value when asked', async () => {
    await kvs.set('k', 'old');
    expect(await kvs.set('k', 'new', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toEqual({ key: 'k', value: 'old' });
    expect(await kvs.set('k', 'newer', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' })).toEqual({ key: 'k', value: 'newer' });
  });

  it.each([
    ['a slash', 'a/b', 'INVALID_KEY'],
    ['501 characters', 'x'.repeat(501), 'KEY_TOO_LONG'],
    ['nothing', '', 'KEY_TOO_SHORT'],
  ])('answers 400 to a key with %s', async (_what, key, code) => {
    expect(await apiError(kvs.set(key, 1))).toEqual({ status: 400, code });
  });

  it('answers 400 MAX_SIZE above 240 KiB and MAX_DEPTH above depth 31', async () => {
    expect(await apiError(kvs.set('k', 'x'.repeat(240 * 1024)))).toEqual({ status: 400, code: 'MAX_SIZE' });
    let deep: unknown = 1;
    for (let i = 0; i < 32; i++) deep = [deep];
    expect(await apiError(kvs.set('k', deep))).toEqual({ status: 400, code: 'MAX_DEPTH' });
  });

  it('pages a beginsWith query with cursors, in key order, with limits 1..100', async () => {
    for (const key of ['p:3', 'p:1', 'p:2', 'q:1']) await kvs.set(key, key);
    const builder = () => kvs.query().where('key', { condition: 'BEGINS_WITH', values: ['p:'] });
    const first = await builder().limit(2).getMany<string>();
    expect(first.results.map((r) => r.key)).toEqual(['p:1', 'p:2']);
    const second = await builder()
      .limit(2)
      .cursor(first.nextCursor as string)
      .getMany<string>();
    expect(second.results).toEqual([{ key: 'p:3', value: 'p:3' }]);
    expect(second.nextCursor).toBeUndefined();
    expect(await apiError(builder().limit(101).getMany())).toEqual({ status: 400, code: 'LIST_QUERY_LIMIT_EXCEEDED' });
  });

  it('expires keys after their TTL', async () => {
    await kvs.set('t', 1, { ttl: { value: 2, unit: 'MINUTES' } });
    await clock.advance(119_000);
    expect(await kvs.get('t')).toBe(1);
    await clock.advance(1_000);
    expect(await kvs.get('t')).toBeUndefined();
  });

  it('commits a transaction whole or not at all, and answers 409 to a failed condition', async () => {
    const entity = { entityName: STORE_ENTITY };
    await kvs.entity(STORE_ENTITY).set('a', { itemKey: 'a', payload: 1, version: 1 });
    const failed = kvs
      .transact()
      .set('b', { itemKey: 'b', payload: 2, version: 1 }, entity)
      .check('a', { ...entity, conditions: new Filter<{ version: number }>().and('version', FilterConditions.equalTo(2)) })
      .execute();
    expect(await apiError(failed)).toEqual({ status: 409, code: 'CONDITIONAL_CHECK_FAILED' });
    expect(await kvs.entity(STORE_ENTITY).get('b')).toBeUndefined();
  });

  it('refuses transactions over 25 operations or naming a key twice', async () => {
    const tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx.set(`k${i}`, i);
    expect(await apiError(tx.execute())).toEqual({ status: 400, code: 'TOO_MANY_OPERATIONS' });
    expect(await apiError(kvs.transact().set('k', 1).delete('k').execute())).toEqual({ status: 400, code: 'DUPLICATE_KEYS' });
    expect(await kvs.get('k0')).toBeUndefined();
  });

  it('refuses entity values that do not match the manifest declaration, integers beyond 32 bits included', async () => {
    expect(await apiError(kvs.entity(STORE_ENTITY).set('a', { itemKey: 'a', payload: 1, version: 'one' }))).toEqual({
      status: 400,
      code: 'INVALID_ENTITY_VALUE',
    });
    expect(await apiError(kvs.entity(STORE_ENTITY).set('a', { itemKey: 'a', payload: 1, version: 2 ** 31 }))).toEqual({
      status: 400,
      code: 'INVALID_ENTITY_VALUE',
    });
    expect(await apiError(kvs.entity('not-declared').set('a', { x: 1 }))).toEqual({ status: 400, code: 'INVALID_ENTITY_TYPE' });
  });

  it('reports missing keys per item in a batch and refuses more than 25 keys', async () => {
    await kvs.set('a', 1);
    expect(await kvs.batchGet([{ key: 'a' }, { key: 'b' }])).toEqual({
      successfulKeys: [{ key: 'a', value: 1 }],
      failedKeys: [{ key: 'b', error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } }],
    });
    const many = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}` }));
    expect((await apiError(kvs.batchGet(many))).status).toBe(400);
  });

  it('counts the requests it receives', async () => {
    await kvs.set('a', 1);
    await kvs.get('a');
    expect(backend.count()).toBe(2);
    expect(backend.count('/api/v1/get')).toBe(1);
    backend.resetCounts();
    expect(backend.count()).toBe(0);
  });
});
