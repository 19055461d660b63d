import { seedIdcs } from '../fakes/idp/seed-idcs';
import { MemoryQueue } from '../platform/local/memory-queue';
import type { QueueEvent } from '../platform/ports';
import { idcsBed } from '../../test/kit/pull-bed';
import { startDuePullRuns } from './due-runs';
import { PULL_QUEUE } from './pull-queue';
import { handlePullPage } from './pull-page-handler';
import { getRunStatus } from './run-history';
import { CHAIN_PUSH_BUDGET, RUN_LEASE_MS, STEP_JOB_PUSHES } from './run-limits';
import { readRun, saveRun } from './run-record';
import { startRun } from './start-run';

// Forge refuses the 1,001st push request of one invocation chain. A pull run pushes its next page and its
// provisioning jobs from the consumer, so a long run is one long chain: it hands over to the sweep (a fresh chain)
// before the limit, and when a push is refused anyway it is continued by the next sweep, not left to its lease.

describe('a pull run and the invocation chain limit', () => {
  it('hands over to the sweep before its chain reaches the limit, and the sweep continues it in a fresh chain', async () => {
    const bed = await idcsBed(seedIdcs(2500, 0, 0));
    const started = await startRun(bed.platform, bed.connectionId, { mode: 'full', trigger: 'manual' });
    if (!started.ok) throw new Error(started.message);
    // A chain that has already made nearly all the pushes a run may: the first page is its last in this chain.
    const loaded = (await readRun(bed.platform.store, bed.connectionId, started.run.id))!;
    await saveRun(bed.platform, { ...loaded.run, chainPushes: CHAIN_PUSH_BUDGET - STEP_JOB_PUSHES - 2 }, loaded.version);
    await bed.drain();
    const handedOver = (await readRun(bed.platform.store, bed.connectionId, started.run.id))!.run;
    expect(handedOver).toMatchObject({ status: 'running', awaitsSweep: 'chainLimit', progress: { pages: 1 } });
    expect(handedOver.chainPushes).toBeLessThanOrEqual(CHAIN_PUSH_BUDGET);
    expect(bed.pending()).toEqual([]);
    expect(bed.platform.log.events()).toContain('pull.chain_handover');

    expect(await startDuePullRuns(bed.platform)).toMatchObject({ resumed: 1 });
    const continued = (await readRun(bed.platform.store, bed.connectionId, started.run.id))!.run;
    expect(continued).toMatchObject({ chainPushes: 1, recoveries: 0 });
    expect(continued.awaitsSweep).toBeUndefined();
    await bed.drain();
    expect(await getRunStatus(bed.platform, bed.connectionId, started.run.id)).toMatchObject({ status: 'succeeded' });
    expect(await bed.userCount()).toBe(2500);
  });

  it('on the local queue, which refuses pushes past the chain limit, a refused run is continued at each sweep and finishes long before its lease would lapse', async () => {
    const bed = await idcsBed(seedIdcs(3000, 0, 0));
    // A chain of 6 push requests stands in for Forge's 1,000 so that a few pages reach it.
    const queue = new MemoryQueue({
      clock: bed.platform.clock,
      log: bed.platform.log,
      onDeadLetter: () => undefined,
      pushesPerChain: 6,
      eventsPerMinute: Number.POSITIVE_INFINITY,
    });
    const refused: string[] = [];
    const push = queue.push.bind(queue);
    queue.push = (name: string, events: QueueEvent[]) =>
      push(name, events).catch((error: unknown) => {
        refused.push(`${name} ${(error as Error).constructor.name}`);
        throw error;
      });
    const platform = { ...bed.platform, queue };
    queue.register(PULL_QUEUE, (message) => handlePullPage(platform, message));
    const started = await startRun(platform, bed.connectionId, { mode: 'full', trigger: 'manual' });
    if (!started.ok) throw new Error(started.message);
    const startedAt = platform.clock.now();
    let sweeps = 0;
    for (;;) {
      await queue.idle();
      const status = await getRunStatus(platform, bed.connectionId, started.run.id);
      if (status?.status !== 'running') break;
      await platform.clock.advance(5 * 60_000);
      await startDuePullRuns(platform);
      sweeps += 1;
      if (sweeps > 20) throw new Error('the run did not finish');
    }
    expect(await getRunStatus(platform, bed.connectionId, started.run.id)).toMatchObject({ status: 'succeeded' });
    expect(await bed.userCount()).toBe(3000);
    expect(refused).toContain(`${PULL_QUEUE} InvocationLimitReachedError`);
    expect(refused.every((entry) => entry.endsWith('InvocationLimitReachedError'))).toBe(true);
    expect(sweeps).toBeGreaterThan(0);
    expect(platform.log.events()).toContain('pull.run_continued');
    expect(platform.log.events()).not.toContain('pull.run_resumed');
    expect(platform.clock.now() - startedAt).toBeLessThan(sweeps * 5 * 60_000 + RUN_LEASE_MS);
    expect((await readRun(platform.store, bed.connectionId, started.run.id))!.run.recoveries).toBe(0);
  });
});
