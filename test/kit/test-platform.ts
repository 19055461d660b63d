import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../src/platform/local/database';
import { createSqliteSecrets } from '../../src/platform/local/sqlite-secrets';
import { createSqliteStore } from '../../src/platform/local/sqlite-store';
import { CountingStore } from '../../src/platform/counting-store';
import { KvsUnitsStore } from '../../src/platform/local/kvs-units-store';
import type { Clock, HttpTransport, Platform, Queue, QueueEvent } from '../../src/platform/ports';
import { systemClock } from '../../src/platform/system-clock';
import { DeterministicRandom } from './deterministic-random';
import { LogCapture } from './log-capture';

/** A queue that only records what was pushed; tests that need delivery use MemoryQueue. */
export class RecordingQueue implements Queue {
  readonly pushed: { queueName: string; event: QueueEvent }[] = [];

  async push(queueName: string, events: QueueEvent[]): Promise<void> {
    for (const event of events) this.pushed.push({ queueName, event });
  }
}

const noHttp: HttpTransport = {
  send: async (request) => {
    throw new Error(`No HTTP in this test (${request.method} ${new URL(request.url).host})`);
  },
};

export interface TestPlatform extends Platform {
  store: CountingStore;
  log: LogCapture;
  queue: RecordingQueue;
  /** KVS read and write units per minute under the counting store (strict: refused past Forge's quota). */
  kvsUnits: KvsUnitsStore;
  /** The SQLite database under the store and secrets (table `kv`), for tests that inspect what is stored. */
  db: Database;
}

/**
 * Every port on in-memory SQLite, a counting store, deterministic ids and a log that can be inspected. With
 * `strictKvs` the store refuses requests past Forge KVS's 4,000 read or write units a minute, as KVS does (429).
 */
export function createTestPlatform(options: { clock?: Clock; http?: HttpTransport; strictKvs?: boolean } = {}): TestPlatform {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(':memory:');
  const kvsUnits = new KvsUnitsStore(createSqliteStore(db, clock), { clock, strict: options.strictKvs });
  return {
    store: new CountingStore(kvsUnits),
    kvsUnits,
    secrets: createSqliteSecrets(db),
    queue: new RecordingQueue(),
    http: options.http ?? noHttp,
    clock,
    log: new LogCapture(),
    random: new DeterministicRandom(),
    db,
  };
}
