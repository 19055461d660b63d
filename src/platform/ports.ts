// The ports every use case depends on. Forge implementations live in ./forge, local ones in ./local;
// nothing here imports either, so the Forge bundle never sees SQLite or the node HTTP server.

/** A stored value with the version the store gave it. */
export interface StoredItem<T = unknown> {
  key: string;
  value: T;
  /**
   * A positive integer that changes on every write of the key. Compare versions only for equality (to pass one
   * back as ifVersion): they have no order and allow no arithmetic. SQLite issues one increasing sequence across
   * all keys (never reused in a process); Forge draws them at random (a repeat has odds of about 5e-10 per write).
   */
  version: number;
}

export interface WriteOptions {
  /** Create-if-absent: fail with ConditionFailedError when the key exists. */
  ifAbsent?: boolean;
  /** Compare-and-set: fail with ConditionFailedError unless the stored version equals this one, read earlier. */
  ifVersion?: number;
  /** Let the store drop the key after this many seconds (activity log, leases). */
  ttlSeconds?: number;
}

export type TransactionOp =
  | { op: 'set'; key: string; value: unknown; ifAbsent?: boolean; ifVersion?: number; ttlSeconds?: number }
  | { op: 'delete'; key: string; ifVersion?: number }
  /** A condition only: the key must be absent (ifAbsent) or at a version (ifVersion). */
  | { op: 'check'; key: string; ifAbsent?: boolean; ifVersion?: number };

export interface QueryOptions {
  /** Page size, 1..100 (default 100). */
  limit?: number;
  /** Opaque cursor from the previous page. */
  cursor?: string;
}

export interface QueryPage<T = unknown> {
  /** In ascending key order. */
  items: StoredItem<T>[];
  /** Present when more items may follow. */
  cursor?: string;
}

/**
 * Key-value store with Forge KVS's limits (key charset and 500 chars, value 240 KiB, 25 ops per transaction).
 * One method call is one billed operation, whatever it carries.
 */
export interface Store {
  get<T = unknown>(key: string): Promise<StoredItem<T> | undefined>;
  /** Up to 25 keys; absent keys are left out of the result. */
  getMany<T = unknown>(keys: string[]): Promise<StoredItem<T>[]>;
  /** Returns the new version. */
  set(key: string, value: unknown, options?: WriteOptions): Promise<number>;
  /** Returns whether a value was deleted. */
  delete(key: string, options?: { ifVersion?: number }): Promise<boolean>;
  /** Keys beginning with prefix, ascending. May lag writes on Forge: never use it to decide uniqueness. */
  query<T = unknown>(prefix: string, options?: QueryOptions): Promise<QueryPage<T>>;
  /** All or nothing, up to 25 ops, each key at most once. */
  transact(ops: TransactionOp[]): Promise<void>;
}

export interface Secrets {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface QueueEvent<T extends object = Record<string, unknown>> {
  body: T;
  /** 0..900 seconds. */
  delayInSeconds?: number;
}

export interface Queue {
  /** Any number of events; implementations split into pushes of at most 50 events / 200 KB. */
  push(queueName: string, events: QueueEvent[]): Promise<void>;
}

export interface QueueMessage<T = Record<string, unknown>> {
  queueName: string;
  eventId: string;
  body: T;
  /** 0 on first delivery. */
  retryCount: number;
}

/** Returning retryAfterSeconds asks for redelivery; throwing also redelivers (at-least-once). */
export type QueueHandlerResult = void | { retryAfterSeconds: number; reason?: string };
export type QueueHandler<T = Record<string, unknown>> = (message: QueueMessage<T>) => Promise<QueueHandlerResult>;

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

/** One HTTP exchange, no retries: fetch on Forge and locally, or an in-process fake in tests. */
export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export type LogValue = string | number | boolean | undefined;

/** Structured logs. Fields carry ids and counts, never names, emails, tokens or bodies. */
export interface Logger {
  info(event: string, fields?: Record<string, LogValue>): void;
  warn(event: string, fields?: Record<string, LogValue>): void;
  error(event: string, fields?: Record<string, LogValue>): void;
}

export interface Random {
  /** Short random id, URL- and key-safe ([a-z0-9], 12+ chars). */
  id(): string;
  /** Cryptographically random bytes as base64url. */
  secret(bytes: number): string;
  /** A number in [0, 1), for jitter. */
  fraction(): number;
}

/** Everything a use case may touch, built once per invocation by the Forge or local runtime. */
export interface Platform {
  store: Store;
  secrets: Secrets;
  queue: Queue;
  http: HttpTransport;
  clock: Clock;
  log: Logger;
  random: Random;
  /** Requests to the site's REST APIs signed as the app itself (Forge asApp); locally the sandbox's app token. */
  asApp?: HttpTransport;
}
