// REST pull at scale against the fake IDCS: a full run of PULL_BENCH_USERS users (default 10,000) and
// PULL_BENCH_GROUPS groups of 20 members (default one per 20 users), then a delta run after 1% of the users
// changed. Page events are delivered in process, one after another; each scenario prints what its run cost:
// IdP calls, store calls, queue events, time and peak memory. The fake IDCS renders every user for each listing
// page and scans every group for each user it renders, so its own time grows with users × groups per page:
// at 100,000 users and 5,000 groups one page takes it minutes, hence the smaller default.
import { createConnection } from '../../src/connections/connection-repository';
import { IDCS_BASE_URL } from '../../test/kit/connector-bed';
import { createFakeIdcs, type FakeIdcs } from '../../src/fakes/idp/fake-idcs';
import { idcsId, seedIdcs } from '../../src/fakes/idp/seed-idcs';
import type { Platform, QueueEvent } from '../../src/platform/ports';
import { PROVISIONING_QUEUE } from '../../src/provisioning/jobs';
import { handlePullPage } from '../../src/sync/pull-page-handler';
import { savePullConfig, setPullSecret } from '../../src/sync/pull-config';
import { PULL_QUEUE } from '../../src/sync/pull-queue';
import { getRunStatus } from '../../src/sync/run-history';
import { startRun } from '../../src/sync/start-run';
import { envCount } from '../env';
import type { BenchContext, Scenario } from '../scenario';

const USERS = envCount('PULL_BENCH_USERS', 10_000);
const MEMBERS_PER_GROUP = 20;
const GROUPS = envCount('PULL_BENCH_GROUPS', Math.max(1, Math.round(USERS / MEMBERS_PER_GROUP)));
const CHANGED_SHARE = 0.01;
const CLIENT = { clientId: 'bench-client', clientSecret: 'bench-secret' };

interface PullBench {
  fake: FakeIdcs;
  /** Starts a run and delivers its events to the end; prints what it cost. */
  run(mode: 'full' | 'delta', label: string): Promise<void>;
}

async function pullBench(ctx: BenchContext): Promise<PullBench> {
  const { clock } = ctx.platform;
  const seed = seedIdcs(USERS, GROUPS, MEMBERS_PER_GROUP);
  // Last modified 10 s apart: a delta run re-reads 5 minutes below its watermark, which then holds few records
  // (the watermark remembers 200; records sharing one timestamp beyond that are read again by every delta run).
  const spread = <T extends object>(items: T[]) =>
    items.map((item, i) => ({ ...item, lastModified: new Date(clock.now() - (items.length - i) * 10_000).toISOString() }));
  const fake = createFakeIdcs({ ...CLIENT, clock, users: spread(seed.users), groups: spread(seed.groups) });
  let idpCalls = 0;
  let idpSeconds = 0;
  const pushed: { queueName: string; event: QueueEvent }[] = [];
  const platform: Platform = {
    ...ctx.platform,
    http: {
      async send(request) {
        const started = process.hrtime.bigint();
        idpCalls += 1;
        const response = await fake.transport.send(request);
        idpSeconds += Number(process.hrtime.bigint() - started) / 1e9;
        return response;
      },
    },
    queue: { push: async (queueName, events) => void pushed.push(...events.map((event) => ({ queueName, event }))) },
  };
  const { connection } = await createConnection(platform, { provider: 'oracle-idcs', method: 'pull', name: 'Bench IDCS' });
  await savePullConfig(platform, connection.id, { provider: 'oracle-idcs', settings: { baseUrl: IDCS_BASE_URL, clientId: CLIENT.clientId } });
  await setPullSecret(platform, connection.id, CLIENT.clientSecret);

  return {
    fake,
    async run(mode, label) {
      const before = { idpCalls, idpSeconds, pushed: pushed.length, store: ctx.store.snapshot(), at: process.hrtime.bigint() };
      let peakRss = process.memoryUsage.rss();
      const started = await startRun(platform, connection.id, { mode, trigger: 'manual' });
      if (!started.ok) throw new Error(started.message);
      for (let next = before.pushed; next < pushed.length; next++) {
        const { queueName, event } = pushed[next]!;
        if (queueName !== PULL_QUEUE) continue;
        const retry = await handlePullPage(platform, { queueName, eventId: `bench-${next}`, body: event.body, retryCount: 0 });
        if (retry) throw new Error(`a page asked to be retried: ${retry.reason ?? ''}`);
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }
      const status = await getRunStatus(platform, connection.id, started.run.id);
      if (status?.status !== 'succeeded') throw new Error(`the ${mode} run ended ${status?.status ?? 'nowhere'}: ${status?.message ?? ''}`);
      const seconds = Number(process.hrtime.bigint() - before.at) / 1e9;
      const store = ctx.store.snapshot();
      const events = pushed.slice(before.pushed);
      const count = (queue: string) => events.filter((e) => e.queueName === queue).length;
      const writes = ['set', 'delete', 'transact'] as const;
      const written = (s: typeof store) => writes.reduce((sum, method) => sum + s.byMethod[method].calls, 0);
      process.stderr.write(
        `  ${label}: ${USERS} users, ${GROUPS} groups, ${GROUPS * MEMBERS_PER_GROUP} memberships; ` +
          `${idpCalls - before.idpCalls} IdP calls; store ${store.calls - before.store.calls} calls ` +
          `(${written(store) - written(before.store)} writes, ${store.keys - before.store.keys} keys); ` +
          `${count(PULL_QUEUE)} page events, ${count(PROVISIONING_QUEUE)} provisioning jobs; ` +
          `${seconds.toFixed(1)} s (${(idpSeconds - before.idpSeconds).toFixed(1)} s of it in the fake IdP); peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB\n`,
      );
    },
  };
}

/** A first full run: every user, group and membership created. */
export const pullFullRun: Scenario = {
  name: 'pull.full-run',
  ops: 1,
  // Measured: 3 store calls per new user (batch reads, counter, transaction), about 11 per group of 20 members.
  budget: 3 * USERS + 12 * GROUPS + 100,
  async setup(ctx) {
    process.stderr.write(`  size: ${USERS} users (PULL_BENCH_USERS), ${GROUPS} groups (PULL_BENCH_GROUPS)\n`);
    const bench = await pullBench(ctx);
    return { run: () => bench.run('full', 'full run') };
  },
};

/** After a full run (not timed), 1% of the users change: the delta run that follows. */
export const pullDeltaRun: Scenario = {
  name: 'pull.delta-run',
  ops: 1,
  // Measured: one transaction per changed user, and a few dozen calls of bookkeeping.
  budget: Math.ceil(1.5 * USERS * CHANGED_SHARE) + 50,
  async setup(ctx) {
    const bench = await pullBench(ctx);
    await bench.run('full', 'full run (setup)');
    const step = Math.round(1 / CHANGED_SHARE);
    for (let i = 0; i < USERS; i += step) bench.fake.updateUser(idcsId('user', i), { displayName: `Changed ${i}` });
    return { run: () => bench.run('delta', 'delta run (1% changed)') };
  },
};
