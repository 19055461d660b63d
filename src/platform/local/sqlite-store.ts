import type { Database } from 'better-sqlite3';
import type { Clock, QueryOptions, QueryPage, Store, StoredItem, TransactionOp, WriteOptions } from '../ports';
import { ConditionFailedError, StoreLimitError } from '../store-errors';
import {
  MAX_BATCH_KEYS,
  MAX_QUERY_LIMIT,
  MAX_TRANSACTION_OPS,
  assertBatchSize,
  assertTransactionBytes,
  assertValidKey,
  assertValidPrefix,
  assertValidValue,
} from '../store-limits';

interface Row {
  key: string;
  value: string;
  version: number;
  expires_at: number | null;
}

interface Condition {
  ifAbsent?: boolean;
  ifVersion?: number;
}

/** A validated write, ready to apply inside a SQLite transaction. */
type PreparedOp =
  | { kind: 'set'; key: string; json: string; expiresAt: number | null; condition: Condition }
  | { kind: 'delete'; key: string; condition: Condition }
  | { kind: 'check'; key: string; condition: Condition };

// Every key sorts below prefix + U+10FFFF (UTF-8 byte order), so a query is one index range scan.
const RANGE_END = '\u{10FFFF}';

/**
 * The Store port on SQLite for `npm start` and tests. Rows whose TTL has passed (by the injected clock)
 * read as absent and are deleted when next touched.
 */
export function createSqliteStore(db: Database, clock: Clock): Store {
  db.exec(`CREATE TABLE IF NOT EXISTS kv (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    version INTEGER NOT NULL,
    expires_at INTEGER
  )`);

  const selectRow = db.prepare<[string], Row>('SELECT key, value, version, expires_at FROM kv WHERE key = ?');
  const upsertRow = db.prepare<[string, string, number, number | null]>(
    `INSERT INTO kv (key, value, version, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = excluded.version, expires_at = excluded.expires_at`,
  );
  const deleteRow = db.prepare<[string]>('DELETE FROM kv WHERE key = ?');
  // One lower bound per statement: given two (`key >= prefix AND key > cursor`), SQLite seeks to the first and
  // walks every key before the cursor, so a page deep in a large prefix would cost O(its position).
  const purgeRange = db.prepare<[string, string, number]>(
    'DELETE FROM kv WHERE key >= ? AND key <= ? AND expires_at IS NOT NULL AND expires_at <= ?',
  );
  const selectRange = db.prepare<[string, string, number, number], Row>(
    `SELECT key, value, version, expires_at FROM kv
     WHERE key >= ? AND key < ? AND (expires_at IS NULL OR expires_at > ?)
     ORDER BY key LIMIT ?`,
  );
  const selectAfter = db.prepare<[string, string, number, number], Row>(
    `SELECT key, value, version, expires_at FROM kv
     WHERE key > ? AND key < ? AND (expires_at IS NULL OR expires_at > ?)
     ORDER BY key LIMIT ?`,
  );

  /** The row if present and not expired; an expired row is deleted on the way. */
  function liveRow(key: string): Row | undefined {
    const row = selectRow.get(key);
    if (!row) return undefined;
    if (row.expires_at !== null && row.expires_at <= clock.now()) {
      deleteRow.run(key);
      return undefined;
    }
    return row;
  }

  function assertCondition(key: string, row: Row | undefined, condition: Condition): void {
    if (condition.ifAbsent && row) throw new ConditionFailedError(key);
    if (condition.ifVersion !== undefined && row?.version !== condition.ifVersion) {
      throw new ConditionFailedError(key);
    }
  }

  // One increasing sequence for all keys: a version is never issued twice in a process, so a stale reader
  // cannot match a key that was deleted and written again (a change record completed by a slow worker).
  let lastVersion = (db.prepare('SELECT MAX(version) AS v FROM kv').get() as { v: number | null }).v ?? 0;

  function write(op: PreparedOp, row: Row | undefined): number {
    if (op.kind === 'set') {
      lastVersion = Math.max(lastVersion, row?.version ?? 0) + 1;
      const version = lastVersion;
      upsertRow.run(op.key, op.json, version, op.expiresAt);
      return version;
    }
    if (op.kind === 'delete' && row) deleteRow.run(op.key);
    return 0;
  }

  function prepareSet(key: string, value: unknown, options: WriteOptions): PreparedOp {
    assertValidKey(key);
    assertConditionShape(options);
    const json = assertValidValue(value);
    const expiresAt = options.ttlSeconds === undefined ? null : clock.now() + ttlMillis(options.ttlSeconds);
    return { kind: 'set', key, json, expiresAt, condition: options };
  }

  const setTx = db.transaction((op: PreparedOp): number => {
    const row = liveRow(op.key);
    assertCondition(op.key, row, op.condition);
    return write(op, row);
  });

  const deleteTx = db.transaction((key: string, condition: Condition): boolean => {
    const row = liveRow(key);
    assertCondition(key, row, condition);
    if (row) deleteRow.run(key);
    return row !== undefined;
  });

  const transactTx = db.transaction((ops: PreparedOp[]): void => {
    const rows = ops.map((op) => liveRow(op.key));
    ops.forEach((op, i) => assertCondition(op.key, rows[i], op.condition));
    ops.forEach((op, i) => write(op, rows[i]));
  });

  const getManyTx = db.transaction((keys: string[]): Row[] => keys.map(liveRow).filter((row): row is Row => row !== undefined));

  return {
    async get<T>(key: string): Promise<StoredItem<T> | undefined> {
      assertValidKey(key);
      const row = liveRow(key);
      return row && toItem<T>(row);
    },

    async getMany<T>(keys: string[]): Promise<StoredItem<T>[]> {
      assertBatchSize(keys.length, MAX_BATCH_KEYS, 'getMany');
      keys.forEach(assertValidKey);
      return getManyTx.immediate([...new Set(keys)]).map((row) => toItem<T>(row));
    },

    async set(key: string, value: unknown, options: WriteOptions = {}): Promise<number> {
      return setTx.immediate(prepareSet(key, value, options));
    },

    async delete(key: string, options: { ifVersion?: number } = {}): Promise<boolean> {
      assertValidKey(key);
      assertConditionShape(options);
      return deleteTx.immediate(key, options);
    },

    async query<T>(prefix: string, options: QueryOptions = {}): Promise<QueryPage<T>> {
      assertValidPrefix(prefix);
      const limit = queryLimit(options.limit);
      const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
      const end = prefix + RANGE_END;
      const now = clock.now();
      const fromCursor = after !== undefined && after >= prefix;
      const rows = fromCursor ? selectAfter.all(after, end, now, limit + 1) : selectRange.all(prefix, end, now, limit + 1);
      const page = rows.slice(0, limit);
      const more = rows.length > limit;
      // Expired rows are purged over the stretch this page covered, not the whole prefix.
      purgeRange.run(fromCursor ? after : prefix, more ? page[page.length - 1].key : end, now);
      const items = page.map((row) => toItem<T>(row));
      return more ? { items, cursor: encodeCursor(page[page.length - 1].key) } : { items };
    },

    async transact(ops: TransactionOp[]): Promise<void> {
      transactTx.immediate(prepareTransaction(ops, prepareSet));
    },
  };
}

function prepareTransaction(ops: TransactionOp[], prepareSet: (key: string, value: unknown, options: WriteOptions) => PreparedOp): PreparedOp[] {
  assertBatchSize(ops.length, MAX_TRANSACTION_OPS, 'Transaction');
  const seen = new Set<string>();
  const prepared = ops.map((op): PreparedOp => {
    if (seen.has(op.key)) throw new StoreLimitError(`Transaction names key ${op.key} more than once`);
    seen.add(op.key);
    if (op.op === 'set') return prepareSet(op.key, op.value, op);
    assertValidKey(op.key);
    assertConditionShape(op);
    if (op.op === 'check' && !op.ifAbsent && op.ifVersion === undefined) {
      throw new TypeError(`check of ${op.key} needs ifAbsent or ifVersion`);
    }
    return { kind: op.op, key: op.key, condition: op };
  });
  assertTransactionBytes(prepared.reduce((sum, op) => sum + (op.kind === 'set' ? Buffer.byteLength(op.json) : 0), 0));
  return prepared;
}

function assertConditionShape(condition: Condition): void {
  if (condition.ifAbsent && condition.ifVersion !== undefined) {
    throw new TypeError('ifAbsent and ifVersion cannot be combined');
  }
  if (condition.ifVersion !== undefined && !(Number.isInteger(condition.ifVersion) && condition.ifVersion >= 1)) {
    throw new TypeError(`ifVersion must be a positive integer, got ${condition.ifVersion}`);
  }
}

function ttlMillis(ttlSeconds: number): number {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new TypeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
  return ttlSeconds * 1000;
}

function queryLimit(limit: number | undefined): number {
  if (limit === undefined) return MAX_QUERY_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
    throw new StoreLimitError(`Query limit ${limit} is outside 1..${MAX_QUERY_LIMIT}`);
  }
  return limit;
}

function toItem<T>(row: Row): StoredItem<T> {
  return { key: row.key, value: JSON.parse(row.value) as T, version: row.version };
}

function encodeCursor(lastKey: string): string {
  return Buffer.from(lastKey, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (key.length === 0) throw new TypeError('Invalid query cursor');
  return key;
}
