import { FakeClock } from '../../test/kit/fake-clock';
import { createTestPlatform, type TestPlatform } from '../../test/kit/test-platform';
import { ACTIVITY_TTL_DAYS, listActivity, recordActivity, type NewActivity } from './activity-log';
import { changeRecordOp, completeChange, getChange, listPendingChanges } from './change-records';

const entry = (overrides: Partial<NewActivity> = {}): NewActivity => ({
  connectionId: 'conna',
  actor: 'provisioning',
  subject: { kind: 'user', id: 'u1' },
  action: 'create user',
  result: 'applied',
  ...overrides,
});

describe('activity log', () => {
  let clock: FakeClock;
  let platform: TestPlatform;

  beforeEach(() => {
    clock = new FakeClock();
    platform = createTestPlatform({ clock });
  });

  it('lists newest first, per connection and for all connections', async () => {
    await recordActivity(platform, entry({ action: 'first' }));
    await clock.advance(1000);
    await recordActivity(platform, entry({ action: 'second', connectionId: 'connb' }));
    await clock.advance(1000);
    await recordActivity(platform, entry({ action: 'third' }));
    expect((await listActivity(platform.store)).entries.map((e) => e.action)).toEqual(['third', 'second', 'first']);
    expect((await listActivity(platform.store, { connectionId: 'conna' })).entries.map((e) => e.action)).toEqual(['third', 'first']);
  });

  it('filters by result and text, and pages with a cursor without losing entries', async () => {
    for (let i = 0; i < 30; i++) {
      await recordActivity(
        platform,
        entry({
          action: `step ${i}`,
          result: i % 3 === 0 ? 'failed' : 'applied',
          reason: i % 3 === 0 ? 'the credential is not a site admin' : undefined,
        }),
      );
      await clock.advance(10);
    }
    const failed = await listActivity(platform.store, { result: 'failed' });
    expect(failed.entries).toHaveLength(10);
    expect((await listActivity(platform.store, { text: 'SITE ADMIN' })).entries).toHaveLength(10);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listActivity(platform.store, { result: 'applied' }, { cursor, limit: 7 });
      seen.push(...page.entries.map((e) => e.action));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
  });

  it('keeps the log bounded: entries expire after the retention period', async () => {
    await recordActivity(platform, entry());
    await clock.advance(ACTIVITY_TTL_DAYS * 86_400_000 - 1000);
    expect((await listActivity(platform.store)).entries).toHaveLength(1);
    await clock.advance(2000);
    expect((await listActivity(platform.store)).entries).toHaveLength(0);
  });
});

describe('change records', () => {
  it('keeps a change that arrived while the worker applied an older one', async () => {
    const platform = createTestPlatform();
    const base = { connectionId: 'conna', kind: 'user' as const, subjectId: 'u1', source: 'scim' as const, at: '2026-01-01T00:00:00Z' };
    await platform.store.transact([changeRecordOp({ ...base, changed: ['created'] }, 1)]);
    const seenByWorker = await getChange(platform.store, 'conna', 'user', 'u1');
    await platform.store.transact([changeRecordOp({ ...base, changed: ['active'] }, 2)]);
    expect(await completeChange(platform.store, seenByWorker!)).toBe(false);
    const pending = await listPendingChanges(platform.store, 'conna');
    expect(pending.items.map((i) => i.value.changed)).toEqual([['active']]);
    expect(await completeChange(platform.store, pending.items[0])).toBe(true);
    expect((await listPendingChanges(platform.store, 'conna')).items).toEqual([]);
  });
});
