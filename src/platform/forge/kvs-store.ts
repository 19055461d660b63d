// The Store port on Forge's @forge/kvs.
//
// Plain KVS keys carry no version and accept no conditions, so every record is a custom entity
// `store-item` (declared under app.storage.entities in manifest.yml) with the attributes
//   itemKey: the key again, so that the `by-item-key` index can answer prefix queries;
//   payload: the stored value;
//   version: a fresh random number on every write, so that no write has to read the current version first.
// Conditions map onto what the service offers:
//   set ifAbsent            -> entity set with keyPolicy FAIL_IF_EXISTS                    (1 request)
//   set ifVersion / delete  -> transaction with a condition on `version`                  (1 request)
//   unconditional set       -> entity set                                                 (1 request)
//   transact                -> one transaction                                            (1 request)
//   query                   -> the by-item-key index with beginsWith(prefix), ascending
// Forge documents neither which condition failed nor how a failed condition is answered (FAIL_IF_EXISTS and
// transactions were seen to answer 409), so a refused conditional request is judged by the stored state: we read
// the conditioned keys once; a condition that no longer holds is a ConditionFailedError naming its key; when they
// all hold, a 409 lost a race to another writer and is tried again, and any other refusal is rethrown as it came.
import { randomInt } from 'node:crypto';
import { Filter, FilterConditions, ForgeKvsAPIError, Sort, WhereConditions, kvs } from '@forge/kvs';
import type { BaseFilter } from '@forge/kvs/out/entity-query';
import type { QueryOptions, QueryPage, Store, StoredItem, TransactionOp, WriteOptions } from '../ports';
import { ConditionFailedError, StoreLimitError, StoreRateLimitError } from '../store-errors';
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

export const STORE_ENTITY = 'store-item';
export const STORE_KEY_INDEX = 'by-item-key';

/** The entity as stored; attribute names match manifest.yml. */
export interface StoreEntity {
  itemKey: string;
  payload: unknown;
  version: number;
}

interface Condition {
  ifAbsent?: boolean;
  ifVersion?: number;
}

// A refused transaction whose conditions hold on re-reading lost a race to another writer that succeeded,
// so this bounds only pathological contention.
const MAX_ATTEMPTS = 50;

// Entity integer attributes are 32-bit signed (Forge docs, Custom Entity Store "Limitations").
const MAX_VERSION = 2 ** 31 - 1;

// Codes the service answers with a 400 for a request that breaks a limit (Forge docs, "Error handling").
const LIMIT_CODES = new Set(['EMPTY_KEY', 'KEY_TOO_SHORT', 'KEY_TOO_LONG', 'INVALID_KEY', 'MAX_SIZE', 'MAX_DEPTH']);

export function createKvsStore(): Store {
  const entity = kvs.entity<StoreEntity>(STORE_ENTITY);

  async function readEntities(keys: string[]): Promise<Map<string, StoreEntity>> {
    const found = new Map<string, StoreEntity>();
    if (keys.length === 0) return found;
    const items = keys.map((key) => ({ key, entityName: STORE_ENTITY }));
    const result = await call(() => kvs.batchGet<StoreEntity>(items));
    const failure = result.failedKeys.find((failed) => failed.error.code !== 'KEY_NOT_FOUND');
    if (failure) throw new Error(`Forge KVS batchGet failed for ${failure.key}: ${failure.error.code}`);
    for (const item of result.successfulKeys) found.set(item.key, item.value);
    return found;
  }

  /** The key of the first caller-given condition that does not hold now, if any. */
  async function firstFailedCondition(ops: TransactionOp[]): Promise<string | undefined> {
    const conditioned = ops.filter(hasCondition);
    const current = await readEntities(conditioned.map((op) => op.key));
    return conditioned.find((op) => !holds(op, current.get(op.key)))?.key;
  }

  /** Sends a request whose success depends on `ops`' conditions, judging a refusal by the stored state. */
  async function conditionally(ops: TransactionOp[], request: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        await call(request);
        return;
      } catch (error) {
        if (!mayBeConditionFailure(error)) throw error;
        const failed = await firstFailedCondition(ops);
        if (failed !== undefined) throw new ConditionFailedError(failed);
        if (!isConflict(error)) throw error;
      }
    }
    throw new Error(`Gave up on a transaction after ${MAX_ATTEMPTS} refusals whose conditions held on re-reading`);
  }

  return {
    async get<T>(key: string): Promise<StoredItem<T> | undefined> {
      assertValidKey(key);
      const found = await call(() => entity.get(key));
      return found && toItem<T>(key, found);
    },

    async getMany<T>(keys: string[]): Promise<StoredItem<T>[]> {
      assertBatchSize(keys.length, MAX_BATCH_KEYS, 'getMany');
      keys.forEach(assertValidKey);
      const unique = [...new Set(keys)];
      const found = await readEntities(unique);
      return unique.flatMap((key) => {
        const record = found.get(key);
        return record ? [toItem<T>(key, record)] : [];
      });
    },

    async set(key: string, value: unknown, options: WriteOptions = {}): Promise<number> {
      assertValidKey(key);
      assertConditionShape(options);
      assertValidValue(value);
      const ttl = ttlOption(options.ttlSeconds);
      const record = envelope(key, value, freshVersion(options.ifVersion));
      if (options.ifAbsent) {
        await conditionally([{ op: 'set', key, value, ifAbsent: true }], () => entity.set(key, record, { keyPolicy: 'FAIL_IF_EXISTS', ...ttl }));
      } else if (options.ifVersion !== undefined) {
        const target = { entityName: STORE_ENTITY, conditions: versionIs(options.ifVersion) };
        await conditionally([{ op: 'set', key, value, ifVersion: options.ifVersion }], () => kvs.transact().set(key, record, target, ttl).execute());
      } else {
        await call(() => entity.set(key, record, ttl));
      }
      return record.version;
    },

    async delete(key: string, options: { ifVersion?: number } = {}): Promise<boolean> {
      assertValidKey(key);
      assertConditionShape(options);
      const request = (conditions: BaseFilter<StoreEntity>) => () => kvs.transact().delete(key, { entityName: STORE_ENTITY, conditions }).execute();
      if (options.ifVersion !== undefined) {
        await conditionally([{ op: 'delete', key, ifVersion: options.ifVersion }], request(versionIs(options.ifVersion)));
        return true;
      }
      try {
        await call(request(isPresent()));
        return true;
      } catch (error) {
        // Refused on "the key is present": the key is absent (its only condition), which a 409 says without a read.
        if (isConflict(error)) return false;
        if (mayBeConditionFailure(error) && !(await readEntities([key])).has(key)) return false;
        throw error;
      }
    },

    async query<T>(prefix: string, options: QueryOptions = {}): Promise<QueryPage<T>> {
      assertValidPrefix(prefix);
      const limit = queryLimit(options.limit);
      let builder = entity.query().index(STORE_KEY_INDEX).sort(Sort.ASC).limit(limit);
      if (prefix.length > 0) builder = builder.where(WhereConditions.beginsWith(prefix));
      if (options.cursor !== undefined) builder = builder.cursor(options.cursor);
      const page = await call(() => builder.getMany());
      const items = page.results.map((result) => toItem<T>(result.key, result.value));
      return page.nextCursor ? { items, cursor: page.nextCursor } : { items };
    },

    async transact(ops: TransactionOp[]): Promise<void> {
      validateTransaction(ops);
      if (ops.length === 0) return;
      await conditionally(ops, () => {
        const tx = kvs.transact();
        for (const op of ops) addToTransaction(tx, op);
        return tx.execute();
      });
    },
  };
}

type Transaction = ReturnType<typeof kvs.transact>;

function addToTransaction(tx: Transaction, op: TransactionOp): void {
  const conditions = conditionsOf(op);
  if (op.op === 'set') {
    const record = envelope(op.key, op.value, freshVersion(op.ifVersion));
    tx.set(op.key, record, { entityName: STORE_ENTITY, conditions }, ttlOption(op.ttlSeconds));
  } else if (op.op === 'delete') {
    tx.delete(op.key, { entityName: STORE_ENTITY, conditions });
  } else {
    // validateTransaction refuses a check without a condition.
    tx.check(op.key, { entityName: STORE_ENTITY, conditions: conditions as BaseFilter<StoreEntity> });
  }
}

function validateTransaction(ops: TransactionOp[]): void {
  assertBatchSize(ops.length, MAX_TRANSACTION_OPS, 'Transaction');
  const seen = new Set<string>();
  let bytes = 0;
  for (const op of ops) {
    assertValidKey(op.key);
    if (seen.has(op.key)) throw new StoreLimitError(`Transaction names key ${op.key} more than once`);
    seen.add(op.key);
    assertConditionShape(op);
    if (op.op === 'check' && !hasCondition(op)) throw new TypeError(`check of ${op.key} needs ifAbsent or ifVersion`);
    if (op.op === 'set') {
      bytes += Buffer.byteLength(assertValidValue(op.value));
      ttlOption(op.ttlSeconds);
    }
  }
  assertTransactionBytes(bytes);
}

function hasCondition(condition: Condition): boolean {
  return condition.ifAbsent === true || condition.ifVersion !== undefined;
}

function holds(condition: Condition, current: StoreEntity | undefined): boolean {
  if (condition.ifAbsent) return current === undefined;
  return condition.ifVersion === undefined || current?.version === condition.ifVersion;
}

function assertConditionShape(condition: Condition): void {
  if (condition.ifAbsent && condition.ifVersion !== undefined) {
    throw new TypeError('ifAbsent and ifVersion cannot be combined');
  }
  if (condition.ifVersion !== undefined && !(Number.isInteger(condition.ifVersion) && condition.ifVersion >= 1)) {
    throw new TypeError(`ifVersion must be a positive integer, got ${condition.ifVersion}`);
  }
}

function conditionsOf(condition: Condition): BaseFilter<StoreEntity> | undefined {
  if (condition.ifAbsent) return isAbsent();
  return condition.ifVersion === undefined ? undefined : versionIs(condition.ifVersion);
}

function versionIs(version: number): BaseFilter<StoreEntity> {
  return new Filter<StoreEntity>().and('version', FilterConditions.equalTo(version));
}

function isAbsent(): BaseFilter<StoreEntity> {
  return new Filter<StoreEntity>().and('version', FilterConditions.notExists());
}

function isPresent(): BaseFilter<StoreEntity> {
  return new Filter<StoreEntity>().and('version', FilterConditions.exists());
}

/** A version for a new write; a compare-and-set never writes back the version it replaces. */
function freshVersion(replacing: number | undefined): number {
  for (;;) {
    // Uniform over 2^31 - 1 values: equal to any one earlier version of the key with probability about 4.7e-10.
    const version = randomInt(1, MAX_VERSION + 1);
    if (version !== replacing) return version;
  }
}

function envelope(key: string, value: unknown, version: number): StoreEntity {
  return { itemKey: key, payload: value, version };
}

function toItem<T>(key: string, record: StoreEntity): StoredItem<T> {
  return { key, value: record.payload as T, version: record.version };
}

type TtlOption = { ttl: { value: number; unit: 'SECONDS' } };

function ttlOption(ttlSeconds: number | undefined): TtlOption | undefined {
  if (ttlSeconds === undefined) return undefined;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new TypeError(`ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
  return { ttl: { value: ttlSeconds, unit: 'SECONDS' } };
}

function queryLimit(limit: number | undefined): number {
  if (limit === undefined) return MAX_QUERY_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
    throw new StoreLimitError(`Query limit ${limit} is outside 1..${MAX_QUERY_LIMIT}`);
  }
  return limit;
}

/** A client error the service could have sent for a condition that did not hold (limits and 429 are mapped before). */
function mayBeConditionFailure(error: unknown): boolean {
  if (!(error instanceof ForgeKvsAPIError)) return false;
  const { status } = error.responseDetails;
  return status >= 400 && status < 500 && status !== 429;
}

function isConflict(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && error.responseDetails.status === 409;
}

/** Runs one client call, turning the service's limit and quota errors into StoreLimitError and StoreRateLimitError. */
async function call<R>(request: () => Promise<R>): Promise<R> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof ForgeKvsAPIError && error.responseDetails.status === 400 && LIMIT_CODES.has(error.code)) {
      throw new StoreLimitError(`Forge KVS refused the request: ${error.code} (${error.message})`);
    }
    if (error instanceof ForgeKvsAPIError && error.responseDetails.status === 429) {
      throw new StoreRateLimitError(`Forge KVS refused the request: ${error.code} (${error.message})`);
    }
    throw error;
  }
}
