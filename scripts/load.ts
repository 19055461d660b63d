import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from '../src/connections/connection-repository';
import { startLocalRuntime, type LocalRuntime } from '../src/local/runtime';
import type { Logger, Store } from '../src/platform/ports';
import { createConnectionBudget, DEFAULT_CONNECTION_BUDGET, type ConnectionBudgetOptions } from '../src/scim-service/connection-budget';
import { seedDirectory, seededUsers } from '../test/kit/seed-directory';
import { attack, type AttackerStats } from './load/attackers';
import { LoadClient, percentile, type RetriedStatus } from './load/load-client';
import { withLatency } from './load/store-latency';
import { verifyDirectory, verifySite, type Discrepancies } from './load/verify';
import { ok, runWorkload, type WriteOutcome } from './load/workload';

// `npm run load`: the local runtime on a loopback port, many concurrent SCIM clients, then the directory and the
// sandbox site compared with what the clients were told was accepted. Run twice: on the bare SQLite store, and
// with a random few milliseconds of latency on every store call so that concurrent requests interleave.
// Every write the workload sends is valid, so each must finally be answered 2xx: a write still refused after the
// client's retries (409, 412, 503...) is reported and fails the run, as are lost, duplicated or unexpected data.

const SIZE = { users: 600, groups: 8, concurrency: 32 };
const RUN_LIMIT_MS = 60_000;
const DRAIN_LIMIT_MS = 120_000;
const STORE_LATENCY_MS = 5;
const TOKEN = 'ugs_load-token-0123456789abcdefghijklmnopqrstuvwxyz01';
/**
 * The workload sends in seconds what an IdP sends over many minutes, far past Forge's quotas: the per-connection
 * budgets and the queue's 500 events a minute are scaled by this much, so that they keep the leaked connection
 * apart without holding back the IdP (at Forge's rate the jobs past them wait for the sweep, minutes later).
 */
const BUDGET_SCALE = 20;
const FORGE_EVENTS_PER_MINUTE = 500;
const ATTACKERS = { concurrency: 8, leakedConnectionUsers: 3_000 };

interface RunResult {
  name: string;
  requests: number;
  byStatus: string;
  retries: string;
  writes: number;
  /** Writes whose final answer was not 2xx, by request and status. */
  refused: Map<string, number>;
  p50: number;
  p99: number;
  seconds: number;
  directory: Discrepancies;
  site: Discrepancies | 'not drained';
  readMismatches: number;
  attackers?: AttackerStats;
}

/** Counts log events instead of printing them, so that the figures are readable. */
function quietLogger(errors: Map<string, number>): Logger {
  const count = (event: string) => errors.set(event, (errors.get(event) ?? 0) + 1);
  return { info: () => undefined, warn: count, error: count };
}

async function loadRun(name: string, options: { wrapStore?: (store: Store) => Store; attackers?: boolean } = {}): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ugs-load-'));
  const logged = new Map<string, number>();
  const scaled = (kind: keyof ConnectionBudgetOptions) => DEFAULT_CONNECTION_BUDGET[kind] * BUDGET_SCALE;
  const connectionBudget = createConnectionBudget({
    ...DEFAULT_CONNECTION_BUDGET,
    requests: scaled('requests'),
    readUnits: scaled('readUnits'),
    writeUnits: scaled('writeUnits'),
    queueEvents: scaled('queueEvents'),
  });
  const runtime = await startLocalRuntime({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    presetToken: TOKEN,
    log: quietLogger(logged),
    wrapStore: options.wrapStore,
    connectionBudget,
    eventsPerMinute: FORGE_EVENTS_PER_MINUTE * BUDGET_SCALE,
  });
  try {
    const leaked = options.attackers ? await leakedConnection(runtime) : undefined;
    const started = Date.now();
    const client = new LoadClient(runtime.scimBaseUrl, TOKEN, started + RUN_LIMIT_MS);
    const baseline = runtime.world.sandbox.snapshot();
    let workloadDone = false;
    const attacking =
      leaked &&
      attack({ url: runtime.url, idpConnectionId: runtime.connectionId, leaked }, ATTACKERS.concurrency, () => workloadDone, started + RUN_LIMIT_MS);
    const model = await runWorkload(client, SIZE).finally(() => (workloadDone = true));
    const attackers = await attacking;
    const seconds = (Date.now() - started) / 1000;
    const { requests, byStatus, retries, latenciesMs } = client.stats;
    const p50 = percentile(latenciesMs, 50);
    const p99 = percentile(latenciesMs, 99);
    const directory = await verifyDirectory(new LoadClient(runtime.scimBaseUrl, TOKEN, Date.now() + RUN_LIMIT_MS), model);
    const drained = await Promise.race([
      runtime.local.queue.drain().then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DRAIN_LIMIT_MS).unref()),
    ]);
    const site = drained ? verifySite(runtime.world.sandbox.snapshot(), model, baseline) : 'not drained';
    if (logged.size > 0) process.stderr.write(`${name}: logged ${[...logged].map(([event, n]) => `${event}×${n}`).join(', ')}\n`);
    const statuses = [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}:${n}`)
      .join(' ');
    return {
      name,
      requests,
      byStatus: statuses,
      retries: describeRetries(retries),
      writes: model.writes.length,
      refused: refusals(model.writes),
      p50,
      p99,
      seconds,
      directory,
      site,
      readMismatches: model.readMismatches,
      attackers,
    };
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Another connection whose token leaked, with a directory large enough that its costly listings would cost. */
async function leakedConnection(runtime: LocalRuntime): Promise<{ connectionId: string; token: string }> {
  const { platform } = runtime.local;
  const { connection, token } = await createConnection(platform, { provider: 'custom-scim', method: 'scim', name: 'Leaked' });
  await seedDirectory(platform.store, connection.id, { users: seededUsers(ATTACKERS.leakedConnectionUsers), at: new Date().toISOString() });
  return { connectionId: connection.id, token };
}

/** "503: 12, all retried and accepted", or what became of them when some were not. */
function describeRetries(retries: Map<number, RetriedStatus>): string {
  if (retries.size === 0) return 'none';
  return [...retries]
    .sort(([a], [b]) => a - b)
    .map(([status, r]) => {
      const total = r.retried + r.final;
      if (r.final === 0 && r.thenAccepted === r.retried) return `${status}: ${total}, all retried and accepted`;
      return `${status}: ${total} (${r.retried} retried, ${r.thenAccepted} of them on requests then accepted; ${r.final} still ${status} after the last retry)`;
    })
    .join('; ');
}

function refusals(writes: WriteOutcome[]): Map<string, number> {
  const refused = new Map<string, number>();
  for (const write of writes.filter((w) => !ok(w))) {
    const key = `${write.request} → ${write.status}${write.retried.length > 0 ? ` (after ${write.retried.join(', ')})` : ''}`;
    refused.set(key, (refused.get(key) ?? 0) + 1);
  }
  return refused;
}

const count = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);

function print(result: RunResult): void {
  const site =
    result.site === 'not drained'
      ? 'queue did not drain'
      : `lost=${result.site.lost} duplicated=${result.site.duplicated} unexpected=${result.site.unexpected}`;
  process.stdout.write(
    [
      `${result.name}`,
      `  requests: ${result.requests} in ${result.seconds.toFixed(1)} s (concurrency ${SIZE.concurrency})`,
      `  responses by status: ${result.byStatus}`,
      `  retried answers: ${result.retries}`,
      `  writes: ${result.writes}, refused (final answer not 2xx): ${count(result.refused)}`,
      ...[...result.refused].map(([what, n]) => `    ${what}: ${n}`),
      `  latency p50: ${result.p50.toFixed(1)} ms, p99: ${result.p99.toFixed(1)} ms`,
      `  directory: lost=${result.directory.lost} duplicated=${result.directory.duplicated} unexpected=${result.directory.unexpected}; filtered reads not finding their user: ${result.readMismatches}`,
      `  sandbox site: ${site}`,
      ...(result.attackers ? describeAttackers(result.attackers) : []),
      '',
    ].join('\n'),
  );
}

function describeAttackers(stats: AttackerStats): string[] {
  return [
    `  attackers (${ATTACKERS.concurrency} clients, beside the IdP): ${stats.requests} requests`,
    ...[...stats.byKind].map(
      ([kind, statuses]) =>
        `    ${kind}: ${[...statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}:${n}`)
          .join(' ')}`,
    ),
  ];
}

/** The IdP's traffic beside the attackers, compared with the same run without them. */
function compareWithBaseline(baseline: RunResult, attacked: RunResult): string {
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  const lost = attacked.directory.lost + (attacked.site === 'not drained' ? Number.NaN : attacked.site.lost);
  return [
    `IdP traffic beside the attackers: lost ${lost}, refused ${count(attacked.refused)}; latency p50 ${attacked.p50.toFixed(1)} ms (${ratio(attacked.p50, baseline.p50)}× the run without attackers), p99 ${attacked.p99.toFixed(1)} ms (${ratio(attacked.p99, baseline.p99)}×)`,
    '',
  ].join('\n');
}

function failed(result: RunResult): boolean {
  const bad = (d: Discrepancies) => d.lost + d.duplicated + d.unexpected > 0;
  return bad(result.directory) || result.site === 'not drained' || bad(result.site) || result.readMismatches > 0 || count(result.refused) > 0;
}

async function main(): Promise<void> {
  const results = [
    await loadRun('SQLite store'),
    await loadRun(`SQLite store + 0-${STORE_LATENCY_MS} ms latency per call`, { wrapStore: (store) => withLatency(store, STORE_LATENCY_MS) }),
    await loadRun('SQLite store, attackers beside the IdP', { attackers: true }),
  ];
  results.forEach(print);
  process.stdout.write(compareWithBaseline(results[0], results[2]));
  if (results.some(failed)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
