import { createConnection } from '../../src/connections/connection-repository';
import { MemoryQueue } from '../../src/platform/local/memory-queue';
import type { QueueEvent } from '../../src/platform/ports';
import { PROVISIONING_QUEUE } from '../../src/provisioning/jobs';
import { MAX_REQUEUE_PER_SWEEP, PENDING_GRACE_MS, REQUEUE_EVENTS_PER_MINUTE, repairPendingProvisioning } from '../../src/provisioning/repair';
import { changeRecordOp, listPendingChanges } from '../../src/records/change-records';
import { runScheduledSweep } from '../../src/sync/scheduled-sweep';
import { FakeClock } from '../kit/fake-clock';
import { createTestPlatform } from '../kit/test-platform';

// The repair pass on the local queue, which refuses pushes as Forge does (500 events a minute per installation):
// it paces itself under the quota, stops at the first refusal and counts only the jobs the queue took.

async function setup(pendingChanges: number) {
  const clock = new FakeClock();
  const platform = createTestPlatform({ clock, strictKvs: true });
  const queue = new MemoryQueue({ clock, log: platform.log, onDeadLetter: () => undefined });
  const accepted: { at: number; events: number }[] = [];
  const push = queue.push.bind(queue);
  queue.push = async (name: string, events: QueueEvent[]) => {
    await push(name, events);
    accepted.push({ at: clock.now(), events: events.length });
  };
  const world = { ...platform, queue };
  const { connection } = await createConnection(platform, { provider: 'okta', method: 'scim', name: 'Okta' });
  for (let start = 0; start < pendingChanges; start += 25) {
    const ops = Array.from({ length: Math.min(25, pendingChanges - start) }, (_, i) =>
      changeRecordOp(
        {
          connectionId: connection.id,
          kind: 'user',
          subjectId: `u${start + i}`,
          changed: ['created'],
          source: 'scim',
          at: new Date(clock.now()).toISOString(),
        },
        clock.now(),
      ),
    );
    await platform.store.transact(ops);
  }
  await clock.advance(PENDING_GRACE_MS);
  /** The most events the queue took in any minute. */
  const busiestMinute = () =>
    Math.max(
      0,
      ...accepted.map((first) => accepted.filter((e) => e.at >= first.at && e.at < first.at + 60_000).reduce((sum, e) => sum + e.events, 0)),
    );
  const queued = () => accepted.reduce((sum, e) => sum + e.events, 0);
  return { clock, platform: world, queue, connection, busiestMinute, queued };
}

/** Runs `work` while moving the fake clock on a second at a time, as the sweep's pacing waits. */
async function withTime<T>(clock: FakeClock, work: Promise<T>): Promise<T> {
  let done = false;
  const result = work.finally(() => (done = true));
  while (!done) await clock.advance(1000);
  return result;
}

describe('the repair pass under Forge event quota', () => {
  it('re-queues 2,000 pending changes at 250 events a minute, 750 per sweep, and the rest on later sweeps', async () => {
    const { clock, platform, busiestMinute, queued, connection } = await setup(2000);
    const first = await withTime(clock, repairPendingProvisioning(platform));
    expect(first).toEqual({ requeued: MAX_REQUEUE_PER_SWEEP, stoppedBy: 'budget' });
    expect(MAX_REQUEUE_PER_SWEEP).toBe(750);
    expect(queued()).toBe(750);
    expect(busiestMinute()).toBe(REQUEUE_EVENTS_PER_MINUTE);
    expect(platform.log.events()).toContain('provisioning.requeue_stopped');
    expect((await listPendingChanges(platform.store, connection.id, { limit: 100 })).cursor).toBeDefined();
    expect(platform.kvsUnits.peak.read).toBeLessThan(4000);
  });

  it('stops at the first refused push when live traffic already used the quota, and counts only what the queue took', async () => {
    const { clock, platform, queue, queued } = await setup(600);
    await queue.push(
      PROVISIONING_QUEUE,
      Array.from({ length: 400 }, (_, n) => ({ body: { live: n } })),
    );
    const summary = await withTime(clock, repairPendingProvisioning(platform));
    expect(summary).toEqual({ requeued: 100, stoppedBy: 'rateLimited' });
    expect(queued()).toBe(400 + 100);
    expect(queue.eventsInLastMinute()).toBeLessThanOrEqual(500);
    expect(platform.log.entries).toContainEqual({
      level: 'warn',
      event: 'provisioning.requeue_stopped',
      fields: { reason: 'rateLimited', jobs: 100 },
    });
  });

  it('the scheduled sweep reports what it re-queued, and a second sweep takes up where the refusal left off', async () => {
    const { clock, platform, queue, queued } = await setup(300);
    await queue.push(
      PROVISIONING_QUEUE,
      Array.from({ length: 450 }, (_, n) => ({ body: { live: n } })),
    );
    await withTime(clock, runScheduledSweep(platform));
    expect(platform.log.entries.find((entry) => entry.event === 'sweep.ran')?.fields).toMatchObject({
      requeued: 50,
      requeueStoppedBy: 'rateLimited',
    });
    await clock.advance(5 * 60_000);
    await withTime(clock, runScheduledSweep(platform));
    expect(platform.log.entries.filter((entry) => entry.event === 'sweep.ran').map((entry) => entry.fields.requeued)).toEqual([50, 300]);
    // ...and the connection's first daily drift check, whose batch the first sweep could not push (the second resumes it).
    expect(queued()).toBe(450 + 50 + 300 + 1);
  });
});
