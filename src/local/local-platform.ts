import type Database from 'better-sqlite3';
import { createConsoleLogger } from '../platform/console-logger';
import { cryptoRandom } from '../platform/crypto-random';
import { openDatabase } from '../platform/local/database';
import { KvsUnitsStore } from '../platform/local/kvs-units-store';
import { MemoryQueue } from '../platform/local/memory-queue';
import { createSqliteSecrets } from '../platform/local/sqlite-secrets';
import { createSqliteStore } from '../platform/local/sqlite-store';
import type { Clock, HttpTransport, Logger, Platform, Store } from '../platform/ports';
import { systemClock } from '../platform/system-clock';

export interface LocalPlatformOptions {
  dataDir: string;
  http: HttpTransport;
  asApp?: HttpTransport;
  clock?: Clock;
  log?: Logger;
  /** Wraps the SQLite store (load and fault tests add latency or failures). */
  wrapStore?: (store: Store) => Store;
  /** Async events the queue accepts per minute (default Forge's 500; the load run compresses time). */
  eventsPerMinute?: number;
}

export interface LocalPlatform {
  platform: Platform;
  queue: MemoryQueue;
  /** KVS read and write units per minute, as Forge would count them (counted, not refused). */
  kvsUnits: KvsUnitsStore;
  db: Database.Database;
  close(): Promise<void>;
}

/** The local implementations of every port: SQLite store and secrets, in-process queue, system clock. */
export function createLocalPlatform(options: LocalPlatformOptions): LocalPlatform {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createConsoleLogger((line) => process.stderr.write(`${line}\n`));
  const db = openDatabase(options.dataDir);
  const queue = new MemoryQueue({
    clock,
    log,
    eventsPerMinute: options.eventsPerMinute,
    onDeadLetter: ({ message }) => log.error('queue.dead_letter', { queue: message.queueName, eventId: message.eventId }),
  });
  const kvsUnits = new KvsUnitsStore(createSqliteStore(db, clock), { clock });
  const platform: Platform = {
    store: options.wrapStore?.(kvsUnits) ?? kvsUnits,
    secrets: createSqliteSecrets(db),
    queue,
    http: options.http,
    clock,
    log,
    random: cryptoRandom,
    asApp: options.asApp,
  };
  return {
    platform,
    queue,
    kvsUnits,
    db,
    async close() {
      await queue.stop();
      db.close();
    },
  };
}
