// Test support for src/sync (imported by tests only): a pull connection against the fake IDCS or miniOrange,
// and a driver that delivers the queued page events the way Forge would.
import { AutoAdvanceClock, IDCS_BASE_URL } from './connector-bed';
import { createFakeIdcs, type FakeIdcs, type FakeIdcsOptions } from '../../src/fakes/idp/fake-idcs';
import { createFakeMiniOrange, type FakeMiniOrange, type FakeMiniOrangeUser } from '../../src/fakes/idp/fake-miniorange';
import { createConnection } from '../../src/connections/connection-repository';
import type { Provider } from '../../src/connections/connection';
import { directoryContext, type DirectoryContext } from '../../src/directory/directory-context';
import { readCount } from '../../src/directory/counters';
import type { CountingStore } from '../../src/platform/counting-store';
import { ForwardingStore } from '../../src/platform/forwarding-store';
import type { HttpTransport, Platform, TransactionOp, WriteOptions } from '../../src/platform/ports';
import { deliverMessage } from '../../src/platform/queue-delivery';
import { createTestPlatform, type RecordingQueue, type TestPlatform } from './test-platform';
import type { LogCapture } from './log-capture';
import { handlePullPage } from '../../src/sync/pull-page-handler';
import { savePullConfig, setPullSecret } from '../../src/sync/pull-config';
import { PULL_QUEUE } from '../../src/sync/pull-queue';
import { getRunStatus } from '../../src/sync/run-history';
import type { RunStatus } from '../../src/sync/run-record';
import { startRun } from '../../src/sync/start-run';
import { PROVISIONING_QUEUE } from '../../src/provisioning/jobs';

export const IDCS_CLIENT = { clientId: 'client-1', clientSecret: 'secret-1' };

/** Records the keys every write touches, to prove what a run did (not) write. */
export class WrittenKeys extends ForwardingStore {
  keys: string[] = [];

  override set(key: string, value: unknown, options?: WriteOptions): Promise<number> {
    this.keys.push(key);
    return this.inner.set(key, value, options);
  }
  override delete(key: string, options?: { ifVersion?: number }): Promise<boolean> {
    this.keys.push(key);
    return this.inner.delete(key, options);
  }
  override transact(ops: TransactionOp[]): Promise<void> {
    for (const op of ops) if (op.op !== 'check') this.keys.push(op.key);
    return this.inner.transact(ops);
  }
  clear(): void {
    this.keys = [];
  }
}

export interface PullBed {
  platform: Platform & Pick<TestPlatform, 'db'> & { queue: RecordingQueue; log: LogCapture; clock: AutoAdvanceClock };
  counts: CountingStore;
  writes: WrittenKeys;
  connectionId: string;
  ctx: DirectoryContext;
  /** Delivers every pull event queued so far and those they queue, Forge-style (retries, dead letters). */
  drain(options?: DrainOptions): Promise<DrainStats>;
  /** Pull events queued and not delivered yet. */
  pending(): { runId: string; step: number }[];
  /** Drops the pull events queued and not delivered yet (a lost push, a crashed consumer). */
  dropPending(): void;
  userCount(): Promise<number>;
  groupCount(): Promise<number>;
}

export interface DrainOptions {
  /** Deliver each event twice (Forge's at-least-once delivery). */
  duplicate?: boolean;
  /** Stop after this many deliveries. */
  maxDeliveries?: number;
}

export interface DrainStats {
  deliveries: number;
  retries: number;
  deadLetters: number;
}

const MAX_RETRIES = 5;

async function pullBed(
  provider: Provider,
  transport: HttpTransport,
  clock: AutoAdvanceClock,
  settings: Record<string, unknown>,
  secret: string,
): Promise<PullBed> {
  const base = createTestPlatform({ clock, http: transport });
  const writes = new WrittenKeys(base.store);
  const platform = { ...base, store: writes, clock };
  const { connection } = await createConnection(platform, { provider, method: 'pull', name: 'Pull' });
  const saved = await savePullConfig(platform, connection.id, { provider, settings, intervalMinutes: 15 });
  if (!saved.ok) throw new Error(`test bed: ${JSON.stringify(saved.issues)}`);
  await setPullSecret(platform, connection.id, secret);
  const ctx = directoryContext(platform, connection.id, 'pull');
  let next = 0;
  const pullEvents = () => base.queue.pushed.slice(next).filter((pushed) => pushed.queueName === PULL_QUEUE);

  async function deliver(body: Record<string, unknown>, stats: DrainStats): Promise<void> {
    for (let retryCount = 0; ; retryCount++) {
      // A delivery comes a moment after the push (the step before it saved the run): the clock moves on.
      await clock.advance(1);
      const message = { queueName: PULL_QUEUE, eventId: `e${stats.deliveries}`, body, retryCount };
      stats.deliveries += 1;
      const outcome = await deliverMessage((m) => handlePullPage(platform, m), message, MAX_RETRIES);
      if (outcome.kind === 'done') return;
      if (outcome.kind === 'dead') {
        stats.deadLetters += 1;
        return;
      }
      stats.retries += 1;
      await clock.advance(outcome.afterSeconds * 1000);
    }
  }

  return {
    platform,
    counts: base.store,
    writes,
    connectionId: connection.id,
    ctx,
    async drain(options = {}) {
      const stats: DrainStats = { deliveries: 0, retries: 0, deadLetters: 0 };
      while (next < base.queue.pushed.length && stats.deliveries < (options.maxDeliveries ?? Infinity)) {
        const { queueName, event } = base.queue.pushed[next++]!;
        if (queueName !== PULL_QUEUE) continue;
        await deliver(event.body, stats);
        if (options.duplicate) await deliver(event.body, stats);
      }
      return stats;
    },
    pending: () => pullEvents().map(({ event }) => event.body as { runId: string; step: number }),
    dropPending() {
      next = base.queue.pushed.length;
    },
    userCount: () => readCount(ctx, 'u'),
    groupCount: () => readCount(ctx, 'g'),
  };
}

export interface IdcsBed extends PullBed {
  fake: FakeIdcs;
}

export async function idcsBed(fakeOptions: Partial<FakeIdcsOptions> = {}, settings: Record<string, unknown> = {}): Promise<IdcsBed> {
  const clock = new AutoAdvanceClock();
  const fake = createFakeIdcs({ ...IDCS_CLIENT, clock, ...fakeOptions });
  const bed = await pullBed(
    'oracle-idcs',
    fake.transport,
    clock,
    { baseUrl: IDCS_BASE_URL, clientId: IDCS_CLIENT.clientId, ...settings },
    IDCS_CLIENT.clientSecret,
  );
  return { ...bed, fake };
}

export interface MiniOrangeBed extends PullBed {
  fake: FakeMiniOrange;
  users: FakeMiniOrangeUser[];
}

export async function miniOrangeBed(users: FakeMiniOrangeUser[]): Promise<MiniOrangeBed> {
  const clock = new AutoAdvanceClock();
  const fake = createFakeMiniOrange({ customerKey: '123456', apiKey: 'api-key-1', clock, users });
  const bed = await pullBed('miniorange', fake.transport, clock, { customerKey: '123456' }, 'api-key-1');
  return { ...bed, fake, users };
}

/** Writes outside the pull's own records, its lease and the activity log: what a run changed in the directory. */
export function directoryWrites(bed: PullBed): string[] {
  const own = [`c:${bed.connectionId}:pull:`, `c:${bed.connectionId}:reeval`, 'lease:', 'act:'];
  return bed.writes.keys.filter((key) => !own.some((prefix) => key.startsWith(prefix)));
}

/** Starts a run and delivers its events to the end; returns the run's status. */
export async function runToEnd(bed: PullBed, mode: 'full' | 'delta' = 'full', drain: DrainOptions = {}): Promise<RunStatus> {
  const started = await startRun(bed.platform, bed.connectionId, { mode, trigger: 'manual' });
  if (!started.ok) throw new Error(`test bed: ${started.message}`);
  await bed.drain(drain);
  return (await getRunStatus(bed.platform, bed.connectionId, started.run.id))!;
}

export function provisioningJobs(bed: PullBed): string[] {
  return bed.platform.queue.pushed
    .filter((pushed) => pushed.queueName === PROVISIONING_QUEUE && pushed.event.body.type !== 'reevaluate')
    .map(({ event }) => `${String(event.body.kind)}:${String(event.body.subjectId)}`);
}

/** The re-evaluation batches queued (a full run ends by queuing one: reevaluation.ts). */
export function reevaluationEvents(bed: PullBed): number {
  return bed.platform.queue.pushed.filter((pushed) => pushed.queueName === PROVISIONING_QUEUE && pushed.event.body.type === 'reevaluate').length;
}
