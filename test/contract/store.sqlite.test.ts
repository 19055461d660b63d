import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountingStore } from '../../src/platform/counting-store';
import { openDatabase } from '../../src/platform/local/database';
import { createSqliteStore } from '../../src/platform/local/sqlite-store';
import { FakeClock } from '../kit/fake-clock';
import { describeStoreContract } from './store.contract';

describeStoreContract('SQLite', () => {
  const db = openDatabase(':memory:');
  const clock = new FakeClock();
  return { store: createSqliteStore(db, clock), clock, teardown: () => void db.close() };
});

describeStoreContract('CountingStore over SQLite', () => {
  const db = openDatabase(':memory:');
  const clock = new FakeClock();
  return { store: new CountingStore(createSqliteStore(db, clock)), clock, teardown: () => void db.close() };
});

describe('SQLite store on disk', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'store-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the data directory and app.sqlite in WAL mode, and keeps data across reopening', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const db = openDatabase(dataDir);
    expect(existsSync(join(dataDir, 'app.sqlite'))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    await createSqliteStore(db, new FakeClock()).set('k', { v: 1 });
    db.close();

    const reopened = openDatabase(dataDir);
    expect(await createSqliteStore(reopened, new FakeClock()).get('k')).toEqual({ key: 'k', value: { v: 1 }, version: 1 });
    reopened.close();
  });

  it('sees one connection’s conditional writes from another connection to the same file', async () => {
    const clock = new FakeClock();
    const a = openDatabase(dir);
    const b = openDatabase(dir);
    const storeA = createSqliteStore(a, clock);
    const storeB = createSqliteStore(b, clock);
    await storeA.set('lock', 'a', { ifAbsent: true });
    await expect(storeB.set('lock', 'b', { ifAbsent: true })).rejects.toThrow('Condition failed');
    a.close();
    b.close();
  });

  it('purges expired rows when it meets them', async () => {
    const db = openDatabase(':memory:');
    const clock = new FakeClock();
    const store = createSqliteStore(db, clock);
    await store.set('e:1', 1, { ttlSeconds: 1 });
    await store.set('e:2', 2, { ttlSeconds: 1 });
    await clock.advance(1_000);
    await store.query('e:');
    expect(db.prepare('SELECT COUNT(*) AS n FROM kv').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('CountingStore', () => {
  it('counts one call per method call and the keys each touched', async () => {
    const db = openDatabase(':memory:');
    const store = new CountingStore(createSqliteStore(db, new FakeClock()));
    await store.set('c:1', 1);
    await store.set('c:2', 2);
    await store.get('c:1');
    await store.getMany(['c:1', 'c:2', 'c:3', 'c:1']);
    await store.transact([
      { op: 'set', key: 'c:3', value: 3 },
      { op: 'delete', key: 'c:1' },
      { op: 'check', key: 'c:9', ifAbsent: true },
    ]);
    await store.query('c:', { limit: 100 });
    await store.delete('c:2');
    await expect(store.set('c:2', 1, { ifVersion: 7 })).rejects.toThrow();

    const counts = store.snapshot();
    expect(counts.byMethod).toEqual({
      get: { calls: 1, keys: 1 },
      getMany: { calls: 1, keys: 3 },
      set: { calls: 3, keys: 3 },
      delete: { calls: 1, keys: 1 },
      query: { calls: 1, keys: 2 },
      transact: { calls: 1, keys: 3 },
    });
    expect(counts.calls).toBe(8);
    expect(counts.keys).toBe(13);

    counts.byMethod.get.calls = 99;
    expect(store.snapshot().byMethod.get.calls).toBe(1);
    store.reset();
    expect(store.snapshot().calls).toBe(0);
    db.close();
  });
});
