import { allMemberIds } from '../directory/memberships';
import { idcsId, seedIdcs } from '../fakes/idp/seed-idcs';
import { MemoryQueue } from '../platform/local/memory-queue';
import type { HttpTransport } from '../platform/ports';
import { listActivity } from '../records/activity-log';
import { directoryIdOf } from './directory-mapping';
import { handlePullPage } from './pull-page-handler';
import { savePullConfig, setPullSecret } from './pull-config';
import { PULL_QUEUE } from './pull-queue';
import { cancelRun } from './run-confirmation';
import { getRunStatus } from './run-history';
import { RUN_LEASE_MS, STEP_TIME_BUDGET_MS } from './run-limits';
import { runScheduledSweep } from './scheduled-sweep';
import { startRun, synchronizeNow } from './start-run';
import { IDCS_CLIENT, idcsBed, runToEnd, type IdcsBed } from '../../test/kit/pull-bed';
import { IDCS_BASE_URL } from '../../test/kit/connector-bed';

const N = 1500;
const seed = () => seedIdcs(N, 3, 40);

/** The directory holds exactly what the IdP has: no user or membership lost or doubled. */
async function expectComplete(bed: IdcsBed): Promise<void> {
  expect(await bed.userCount()).toBe(N);
  expect(await bed.groupCount()).toBe(3);
  for (let j = 0; j < 3; j++) expect((await allMemberIds(bed.ctx, directoryIdOf(idcsId('group', j)))).size).toBe(40);
}

async function start(bed: IdcsBed) {
  const started = await startRun(bed.platform, bed.connectionId, { mode: 'full', trigger: 'manual' });
  if (!started.ok) throw new Error(started.message);
  return started.run.id;
}

const status = (bed: IdcsBed, runId: string) => getRunStatus(bed.platform, bed.connectionId, runId);

/** Lets the stalled run's lease lapse and runs the scheduled sweep, which resumes it. */
async function sweepAfterLeaseLapse(bed: IdcsBed): Promise<void> {
  await bed.platform.clock.advance(RUN_LEASE_MS + 60_000);
  await runScheduledSweep(bed.platform);
}

describe('pull runs under failure', () => {
  it('gets a new token when one expires mid-run', async () => {
    let requests = 0;
    const bed = await idcsBed(seed());
    const revoking: HttpTransport = {
      send: (request) => {
        if (++requests % 4 === 0) bed.fake.revokeTokens();
        return bed.fake.transport.send(request);
      },
    };
    Object.assign(bed.platform, { http: revoking });
    const runId = await start(bed);
    await bed.drain();
    expect(await status(bed, runId)).toMatchObject({ status: 'succeeded' });
    expect(bed.platform.log.events()).toContain('idp.idcs.token_rejected');
    await expectComplete(bed);
  });

  it('waits out a 429 storm by redelivery, and loses or doubles nothing', async () => {
    const bed = await idcsBed(seed());
    const runId = await start(bed);
    bed.fake.throttleNext(20);
    const stats = await bed.drain();
    expect(stats.retries).toBeGreaterThanOrEqual(3);
    expect(await status(bed, runId)).toMatchObject({ status: 'succeeded', progress: { users: { seen: N, created: N } } });
    await expectComplete(bed);
  });

  it('rides out an IdP outage (503s, then 500s) by redelivery, and loses or doubles nothing', async () => {
    const bed = await idcsBed(seed());
    const runId = await start(bed);
    bed.fake.failNext(503, 6);
    bed.fake.failNext(500, 2);
    const stats = await bed.drain();
    expect(stats.retries).toBeGreaterThanOrEqual(1);
    expect(stats.deadLetters).toBe(0);
    expect(await status(bed, runId)).toMatchObject({ status: 'succeeded', progress: { users: { seen: N, created: N } } });
    await expectComplete(bed);
  });

  it('finishes against a per-second rate limit', async () => {
    const bed = await idcsBed({ ...seed(), rateLimit: { perSecond: 1 } });
    expect(await runToEnd(bed)).toMatchObject({ status: 'succeeded' });
    await expectComplete(bed);
  });

  it('resumes through the sweep when a storm outlasts the queue’s retries', async () => {
    const bed = await idcsBed(seed());
    const runId = await start(bed);
    bed.fake.throttleNext(40);
    expect((await bed.drain()).deadLetters).toBe(1);
    expect(await status(bed, runId)).toMatchObject({ status: 'running' });
    await sweepAfterLeaseLapse(bed);
    expect(bed.platform.log.events()).toContain('pull.run_resumed');
    await bed.drain();
    expect(await status(bed, runId)).toMatchObject({ status: 'succeeded', progress: { users: { created: N } } });
    await expectComplete(bed);
  });

  it('resumes from the saved cursor when the next page’s event was lost', async () => {
    const bed = await idcsBed(seed());
    const runId = await start(bed);
    await bed.drain({ maxDeliveries: 1 });
    bed.dropPending();
    expect(await bed.userCount()).toBe(1000);
    await runScheduledSweep(bed.platform);
    expect(bed.pending()).toEqual([]);
    await sweepAfterLeaseLapse(bed);
    await bed.drain();
    const done = await status(bed, runId);
    expect(done).toMatchObject({ status: 'succeeded', progress: { users: { seen: N, created: N, unchanged: 0 } } });
    expect(bed.fake.requests.filter((r) => r.path === '/admin/v1/Users')).toHaveLength(2);
    await expectComplete(bed);
  });

  it('redoes a page whose process died half-way, after the sweep resumes the run', async () => {
    const bed = await idcsBed(seed());
    const runId = await start(bed);
    const { writes } = bed;
    const transact = writes.transact.bind(writes);
    const set = writes.set.bind(writes);
    let transacts = 0;
    let down = 0;
    // The store goes away in the middle of the second users page: the page's next write fails, and so does saving the run.
    writes.transact = (ops) => (++transacts === 1200 && (down = 2) ? Promise.reject(new Error('store down')) : transact(ops));
    writes.set = (key, value, options) => (down > 0 && down-- ? Promise.reject(new Error('store down')) : set(key, value, options));
    await bed.drain();
    expect(await status(bed, runId)).toMatchObject({ status: 'running' });
    await sweepAfterLeaseLapse(bed);
    await bed.drain();
    const done = (await status(bed, runId))!;
    expect(done.status).toBe('succeeded');
    // The users the failed attempt created count as created: the redo finds them created since the page began.
    expect(done.progress.users).toMatchObject({ seen: N, created: N, unchanged: 0 });
    await expectComplete(bed);
  });

  it('redoes a page that failed on a store error once, without waiting for the sweep', async () => {
    const bed = await idcsBed(seed());
    const runId = await start(bed);
    const transact = bed.writes.transact.bind(bed.writes);
    let transacts = 0;
    bed.writes.transact = (ops) => (++transacts === 1200 ? Promise.reject(new Error('store down')) : transact(ops));
    const stats = await bed.drain();
    expect(stats.retries).toBe(1);
    expect(await status(bed, runId)).toMatchObject({ status: 'succeeded', progress: { users: { seen: N, created: N, unchanged: 0 } } });
    await expectComplete(bed);
  });

  it('counts the groups an earlier attempt at the page created as created when the page is redone', async () => {
    const bed = await idcsBed(seedIdcs(10, 3, 2));
    const transact = bed.writes.transact.bind(bed.writes);
    const lastGroup = bed.ctx.keys.group(directoryIdOf(idcsId('group', 2)));
    let failed = false;
    // The page's last group create fails once, after the first two groups were created.
    bed.writes.transact = (ops) =>
      !failed && ops.some((op) => op.key === lastGroup) && (failed = true) ? Promise.reject(new Error('store down')) : transact(ops);
    const done = await runToEnd(bed);
    expect(failed).toBe(true);
    expect(done).toMatchObject({ status: 'succeeded', progress: { groups: { seen: 3, created: 3, unchanged: 0 } } });
  });

  it('keeps a long group’s earlier-page members when the event that finished the group fails later and is redelivered', async () => {
    const bed = await idcsBed(seedIdcs(1200, 2, 1100));
    await runToEnd(bed);
    const group0 = `/admin/v1/Groups/${idcsId('group', 0)}`;
    const group1 = `/admin/v1/Groups/${idcsId('group', 1)}`;
    let slowed = false;
    let failed = false;
    const http: HttpTransport = {
      send: (request) => {
        const url = new URL(request.url);
        // Group 0's first member page takes the event past its time budget: the next event continues on its page 2.
        if (!slowed && url.pathname === group0 && url.searchParams.get('attributes')?.includes('startIndex=1&')) {
          slowed = true;
          void bed.platform.clock.advance(STEP_TIME_BUDGET_MS + 1000);
        }
        // That next event finishes group 0, then the IdP fails on group 1: the event is redelivered.
        if (slowed && !failed && url.pathname === group1) {
          failed = true;
          bed.fake.failNext(503, 6);
        }
        return bed.fake.transport.send(request);
      },
    };
    Object.assign(bed.platform, { http });
    const done = await runToEnd(bed);
    expect(failed).toBe(true);
    expect(done).toMatchObject({ status: 'succeeded', progress: { memberships: { added: 0, removed: 0 } } });
    expect((await allMemberIds(bed.ctx, directoryIdOf(idcsId('group', 0)))).size).toBe(1100);
  });

  it('ignores a duplicated page event', async () => {
    const bed = await idcsBed(seed());
    const runId = await start(bed);
    const [first] = bed.pending();
    await handlePullPage(bed.platform, { queueName: PULL_QUEUE, eventId: 'a', body: { ...first! }, retryCount: 0 });
    bed.writes.clear();
    await handlePullPage(bed.platform, { queueName: PULL_QUEUE, eventId: 'b', body: { ...first! }, retryCount: 0 });
    expect(bed.writes.keys).toEqual([]);
    expect(bed.platform.log.events()).toContain('pull.page_stale');
    await bed.drain({ duplicate: true });
    expect(await status(bed, runId)).toMatchObject({ status: 'succeeded', progress: { users: { seen: N, created: N, unchanged: 0 } } });
    await expectComplete(bed);
  });

  it('delivers through the in-process queue in any order, each event twice, four at a time', async () => {
    const bed = await idcsBed(seed());
    let turn = 0;
    const queue = new MemoryQueue({
      clock: bed.platform.clock,
      log: bed.platform.log,
      onDeadLetter: () => undefined,
      duplicate: () => true,
      random: () => (turn++ * 0.37) % 1,
    });
    const platform = { ...bed.platform, queue };
    queue.register(PULL_QUEUE, (message) => handlePullPage(platform, message));
    const started = await startRun(platform, bed.connectionId, { mode: 'full', trigger: 'manual' });
    if (!started.ok) throw new Error(started.message);
    while ((await status(bed, started.run.id))?.status === 'running') await queue.idle();
    expect(await status(bed, started.run.id)).toMatchObject({ status: 'succeeded', progress: { users: { created: N } } });
    await expectComplete(bed);
  });

  it('starts one run when two starts race, and refuses the other clearly', async () => {
    const bed = await idcsBed(seedIdcs(5, 0, 0));
    const results = await Promise.all([synchronizeNow(bed.platform, bed.connectionId), synchronizeNow(bed.platform, bed.connectionId)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: 'inProgress', message: expect.stringMatching(/in progress|starting/) });
    expect(await synchronizeNow(bed.platform, bed.connectionId, 'delta')).toMatchObject({
      ok: false,
      reason: 'inProgress',
      message: expect.stringContaining('in progress'),
    });
    await bed.drain();
    expect(await synchronizeNow(bed.platform, bed.connectionId)).toMatchObject({ ok: true });
  });

  it('fails the run with the IdP’s reason when the credentials are refused, and frees the connection', async () => {
    const bed = await idcsBed(seedIdcs(5, 0, 0));
    await setPullSecret(bed.platform, bed.connectionId, 'wrong-secret');
    const failed = await runToEnd(bed);
    expect(failed).toMatchObject({ status: 'failed', message: expect.stringContaining('client id or secret') });
    const { entries } = await listActivity(bed.platform.store, { connectionId: bed.connectionId, result: 'failed' });
    expect(entries[0]).toMatchObject({ actor: 'pull', subject: { kind: 'pull-run', id: failed.id } });
    expect(bed.platform.log.text()).not.toContain('wrong-secret');
    await setPullSecret(bed.platform, bed.connectionId, IDCS_CLIENT.clientSecret);
    expect(await runToEnd(bed)).toMatchObject({ status: 'succeeded' });
  });

  it('stops a run whose IdP settings change under it', async () => {
    const bed = await idcsBed(seed());
    const runId = await start(bed);
    await bed.drain({ maxDeliveries: 1 });
    const settings = { baseUrl: IDCS_BASE_URL, clientId: IDCS_CLIENT.clientId, appId: 'another-app' };
    await savePullConfig(bed.platform, bed.connectionId, { provider: 'oracle-idcs', settings });
    await bed.drain();
    expect(await status(bed, runId)).toMatchObject({ status: 'failed', message: expect.stringContaining('settings changed') });
  });

  it('cancels a running run: later events do nothing, and a new run can start', async () => {
    const bed = await idcsBed(seed());
    const runId = await start(bed);
    await bed.drain({ maxDeliveries: 1 });
    expect(await cancelRun(bed.platform, bed.connectionId, runId)).toMatchObject({ ok: true, run: { status: 'cancelled' } });
    await bed.drain();
    expect(await status(bed, runId)).toMatchObject({ status: 'cancelled', progress: { pages: 1 } });
    expect(await bed.userCount()).toBe(1000);
    expect(await synchronizeNow(bed.platform, bed.connectionId)).toMatchObject({ ok: true });
  });
});

describe('an admin cancelling while a step is in flight', () => {
  /** Cancels the run the first time the step reads the safety options (the last scan step does, to check the threshold). */
  function cancelOnSafetyCheck(bed: IdcsBed, runId: () => string): void {
    const get = bed.writes.get.bind(bed.writes);
    let cancelled = false;
    bed.writes.get = async (key) => {
      if (!cancelled && key === `c:${bed.connectionId}:options`) {
        cancelled = true;
        expect(await cancelRun(bed.platform, bed.connectionId, runId())).toMatchObject({ ok: true });
      }
      return get(key);
    };
  }

  /** Drains the run, then expects it cancelled and the connection free for a new run. */
  async function expectCancelledAndFree(bed: IdcsBed, runId: string): Promise<void> {
    await bed.drain();
    expect(await status(bed, runId)).toMatchObject({ status: 'cancelled' });
    expect(await synchronizeNow(bed.platform, bed.connectionId)).toMatchObject({ ok: true });
  }

  it('frees the connection when the cancelled step would have paused for confirmation', async () => {
    const bed = await idcsBed(seedIdcs(20, 0, 0));
    await runToEnd(bed);
    for (const i of [1, 2, 3, 4, 5]) bed.fake.removeUser(idcsId('user', i));
    let runId = '';
    cancelOnSafetyCheck(bed, () => runId);
    runId = await start(bed);
    await expectCancelledAndFree(bed, runId);
  });

  it('frees the connection when the cancelled step would have finished the run', async () => {
    const bed = await idcsBed(seedIdcs(5, 0, 0));
    let runId = '';
    cancelOnSafetyCheck(bed, () => runId);
    runId = await start(bed);
    await expectCancelledAndFree(bed, runId);
  });

  it('frees the connection when the cancelled step then failed on the IdP', async () => {
    const bed = await idcsBed(seedIdcs(5, 0, 0));
    let runId = '';
    let cancelled = false;
    const http: HttpTransport = {
      send: async (request) => {
        if (!cancelled && new URL(request.url).pathname === '/admin/v1/Users') {
          cancelled = true;
          expect(await cancelRun(bed.platform, bed.connectionId, runId)).toMatchObject({ ok: true });
          bed.fake.failNext(503, 6);
        }
        return bed.fake.transport.send(request);
      },
    };
    Object.assign(bed.platform, { http });
    runId = await start(bed);
    await expectCancelledAndFree(bed, runId);
  });
});

describe('a redelivered step', () => {
  it('logs a record the directory refused once, though the step ran twice', async () => {
    const bed = await idcsBed({
      users: [
        { id: 'u1', userName: 'ada@example.com' },
        { id: 'u2', userName: 'ADA@example.com' },
      ],
    });
    const set = bed.writes.set.bind(bed.writes);
    let failed = false;
    // Saving the run after the users page fails once: the event is redelivered and the page redone.
    bed.writes.set = (key, value, options) => {
      if (!failed && key.includes(':pull:run:') && (value as { step?: number }).step === 1) {
        failed = true;
        return Promise.reject(new Error('store down'));
      }
      return set(key, value, options);
    };
    const done = await runToEnd(bed);
    expect(failed).toBe(true);
    expect(done.status).toBe('succeeded');
    const { entries } = await listActivity(bed.platform.store, { connectionId: bed.connectionId, result: 'failed' });
    expect(entries.filter((entry) => entry.subject.kind === 'user')).toHaveLength(1);
  });
});
