import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountingStore } from '../src/platform/counting-store';
import { cryptoRandom } from '../src/platform/crypto-random';
import { openDatabase } from '../src/platform/local/database';
import { createSqliteSecrets } from '../src/platform/local/sqlite-secrets';
import { createSqliteStore } from '../src/platform/local/sqlite-store';
import type { HttpTransport, Logger, Queue } from '../src/platform/ports';
import { systemClock } from '../src/platform/system-clock';
import type { BenchContext } from './scenario';

const droppingQueue: Queue = { push: async () => undefined };
const silentLog: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const noHttp: HttpTransport = {
  send: async (request) => {
    throw new Error(`This scenario set up no HTTP transport (${request.method} ${new URL(request.url).host})`);
  },
};

export interface OwnedBenchContext extends BenchContext {
  atlassianCalls(): number;
  close(): void;
}

/** SQLite in memory, or with `storeOnDisk` in a file under the context's tmpDir. */
export function createBenchContext(options: { storeOnDisk?: boolean } = {}): OwnedBenchContext {
  const tmpDir = mkdtempSync(join(tmpdir(), 'ugs-bench-'));
  const db = openDatabase(options.storeOnDisk ? tmpDir : ':memory:');
  const store = new CountingStore(createSqliteStore(db, systemClock));
  let atlassianCalls = 0;
  return {
    platform: {
      store,
      secrets: createSqliteSecrets(db),
      queue: droppingQueue,
      http: noHttp,
      clock: systemClock,
      log: silentLog,
      random: cryptoRandom,
    },
    store,
    tmpDir,
    countAtlassianCalls: (transport) => ({
      send(request) {
        atlassianCalls += 1;
        return transport.send(request);
      },
    }),
    atlassianCalls: () => atlassianCalls,
    close() {
      db.close();
      rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}
