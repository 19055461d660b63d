import { FakeClock } from '../../../test/kit/fake-clock';
import { StoreRateLimitError } from '../store-errors';
import { openDatabase } from './database';
import { KvsUnitsStore, kvsUnits } from './kvs-units-store';
import { createSqliteStore } from './sqlite-store';

function setup(strict = true) {
  const clock = new FakeClock();
  const store = new KvsUnitsStore(createSqliteStore(openDatabase(':memory:'), clock), { clock, strict });
  return { clock, store };
}

describe('KvsUnitsStore', () => {
  it('charges one unit per 10 KB started, and one for a request that carries nothing', () => {
    expect(kvsUnits(undefined)).toBe(1);
    expect(kvsUnits('x'.repeat(10 * 1024 - 2))).toBe(1);
    expect(kvsUnits('x'.repeat(10 * 1024 - 1))).toBe(2);
    expect(kvsUnits({ pad: 'x'.repeat(45_000) })).toBe(5);
  });

  it('counts reads and writes apart, per sliding minute, by what each request carried', async () => {
    const { store, clock } = setup(false);
    await store.set('big', 'x'.repeat(25_000));
    await store.transact([
      { op: 'set', key: 'a', value: 1 },
      { op: 'delete', key: 'b' },
    ]);
    await store.getMany(['big', 'a', 'absent']);
    await store.query('a');
    expect(store.unitsInLastMinute('write')).toBe(3 + 2);
    expect(store.unitsInLastMinute('read')).toBe(3 + 1 + 1 + 1);
    await clock.advance(60_000);
    expect(store.unitsInLastMinute('write')).toBe(0);
    expect(store.peak).toEqual({ read: 6, write: 5 });
  });

  it('in strict mode refuses with 429 once 4,000 write units are spent in a minute, and takes writes again as the minute slides', async () => {
    const { store, clock } = setup();
    for (let i = 0; i < 3999; i++) await store.set(`k${i % 10}`, i);
    await clock.advance(30_000);
    await store.set('last', 1);
    const refused = store.set('one-more', 1);
    await expect(refused).rejects.toThrow(StoreRateLimitError);
    await expect(refused).rejects.toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect(await store.get('one-more')).toBeUndefined();
    await store.get('last');
    await clock.advance(30_000);
    await store.set('one-more', 1);
    expect(store.unitsInLastMinute('write')).toBe(2);
  });

  it('in strict mode refuses reads past 4,000 units a minute without touching writes', async () => {
    const { store } = setup();
    await store.set('big', 'x'.repeat(95_000));
    for (let i = 0; i < 400; i++) await store.get('big');
    await expect(store.get('big')).rejects.toThrow(StoreRateLimitError);
    await store.set('still', 'writable');
  });
});
