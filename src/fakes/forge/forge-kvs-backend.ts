// A stand-in for the Forge KVS / Custom Entity Store service at the seam the real @forge/kvs client uses:
// `global.__forge_fetch__({ type: 'kvs', ... }, '/api/v1/<operation>', { method: 'POST', body })`.
// The real client runs unchanged and turns these answers into values or ForgeKvsAPIError.
//
// Sources: the client's code and tests in node_modules/@forge/kvs (paths, bodies, 404 KEY_NOT_FOUND, 204 for
// writes, `{ data, cursor }` pages, batch `{ successfulKeys, failedKeys }`); Forge docs "Error handling for the
// Key-Value Store / Custom Entity Store" (400 codes), "KVS and Custom Entity Store limits", "Transactions" and
// "Batch operations" (25 ops, each key once, 4 MB, 25 keys per batch). Where the docs are silent the choice
// is marked UNCERTAIN; keep those in one place (ERR below) so they are easy to correct after a real deploy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestParserBuilder } from '@forge/manifest';

type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';

export interface EntityDeclaration {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes?: (string | { name: string; range: string[]; partition?: string[] })[];
}

export interface FakeKvsOptions {
  /** Milliseconds since the epoch; drives TTL expiry (pass a FakeClock's now). */
  now?: () => number;
  /** Declared custom entities; by default those of the repository's manifest.yml. */
  entities?: EntityDeclaration[];
}

export interface RecordedRequest {
  path: string;
  body: unknown;
}

interface Stored {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

interface Answer {
  status: number;
  body?: unknown;
}

interface Clause {
  property?: string;
  condition: string;
  values: unknown[];
}

interface Conditions {
  and?: Clause[];
  or?: Clause[];
}

interface SetOptions {
  ttl?: { value: number; unit: string };
  keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  returnValue?: 'PREVIOUS' | 'LATEST';
  metadataFields?: string[];
  returnMetadataFields?: string[];
}

interface Index {
  range: string[];
  partition: string[];
}

class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const bad = (code: string, message: string) => new ServiceError(400, code, message);

// Answers not fixed by the docs.
const ERR = {
  notFound: () => new ServiceError(404, 'KEY_NOT_FOUND', 'Provided key does not exist'),
  // FAIL_IF_EXISTS on an existing key: 409 KEY_CONFLICT, as reported from a real installation.
  keyConflict: () => new ServiceError(409, 'KEY_CONFLICT', 'Key already exists'),
  // UNCERTAIN: the status and code of a transaction whose condition failed.
  conditionFailed: () => new ServiceError(409, 'CONDITIONAL_CHECK_FAILED', 'Transaction conditions were not met'),
  // UNCERTAIN: the codes for these documented limits.
  tooManyOperations: (n: number) => bad('TOO_MANY_OPERATIONS', `Transaction has ${n} operations; the limit is 25`),
  duplicateKey: (key: string) => bad('DUPLICATE_KEYS', `Key ${key} is used more than once`),
  payloadTooLarge: () => bad('MAX_SIZE', 'Request payload exceeds 4 MB'),
  batchSize: (n: number) => bad('INVALID_BATCH_SIZE', `Batch has ${n} keys; it needs 1 to 25`),
  undeclaredEntity: (name: string) => bad('INVALID_ENTITY_TYPE', `Entity ${name} is not declared in the manifest`),
  undeclaredIndex: (name: string) => bad('INVALID_ENTITY_INDEX', `Index ${name} is not declared`),
  invalidCursor: () => bad('INVALID_CURSOR', 'Cursor is not valid'),
  badRequest: (detail: string) => bad('BAD_REQUEST', `Provided request body is invalid: ${detail}`),
};

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const ENTITY_NAME_PATTERN = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;
const MAX_KEY_LENGTH = 500;
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_DEPTH = 31;
const MAX_OPS = 25;
const MAX_BATCH = 25;
const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
const MAX_PAGE = 100;
// Custom Entity Store "Limitations": integer attributes are 32-bit signed.
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
// UNCERTAIN: the page size when a query gives no limit.
const DEFAULT_PAGE = 10;
const TTL_UNIT_SECONDS: Record<string, number> = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400 };

type ForgeFetch = (
  target: { type: string },
  path: string,
  init?: { method?: string; body?: string; headers?: Record<string, string> },
) => Promise<Response>;

interface ForgeGlobal {
  __forge_fetch__?: ForgeFetch;
}

export class FakeKvsBackend {
  readonly requests: RecordedRequest[] = [];
  private readonly plain = new Map<string, Stored>();
  private readonly secrets = new Map<string, Stored>();
  private readonly entityTables = new Map<string, Map<string, Stored>>();
  private readonly declarations: Map<string, EntityDeclaration>;
  private readonly now: () => number;
  private readonly injected: { path: string; error: ServiceError }[] = [];
  private previousFetch: ForgeFetch | undefined;
  private installed = false;

  constructor(options: FakeKvsOptions = {}) {
    this.now = options.now ?? Date.now;
    const declared = options.entities ?? manifestEntities();
    this.declarations = new Map(declared.map((entity) => [entity.name, entity]));
  }

  install(): this {
    const global = globalThis as ForgeGlobal;
    this.previousFetch = global.__forge_fetch__;
    const previous = this.previousFetch;
    global.__forge_fetch__ = (target, path, init) => {
      if (target.type !== 'kvs' && previous) return previous(target, path, init);
      return this.fetch(path, init?.body);
    };
    this.installed = true;
    return this;
  }

  uninstall(): void {
    if (!this.installed) return;
    const global = globalThis as ForgeGlobal;
    if (this.previousFetch) global.__forge_fetch__ = this.previousFetch;
    else delete global.__forge_fetch__;
    this.installed = false;
  }

  /** Requests received, optionally only those to one path such as '/api/v1/transaction'. */
  count(path?: string): number {
    return path === undefined ? this.requests.length : this.requests.filter((r) => r.path === path).length;
  }

  resetCounts(): void {
    this.requests.length = 0;
  }

  /** The next request to `path` fails with this answer, e.g. (429, 'RATE_LIMIT_EXCEEDED'). */
  failNext(path: string, status: number, code: string, message = code): void {
    this.injected.push({ path, error: new ServiceError(status, code, message) });
  }

  /** Stored entities of one type, live ones only, for assertions. */
  entityKeys(entityName: string): string[] {
    return [...this.table(entityName).keys()].filter((key) => this.live(this.table(entityName), key)).sort();
  }

  async fetch(path: string, body: string | undefined): Promise<Response> {
    let parsed: unknown;
    try {
      parsed = body === undefined ? undefined : JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    this.requests.push({ path, body: parsed });
    const answer = this.answer(path, parsed, body ?? '');
    // A real round trip yields to other callers; this lets concurrent requests interleave.
    await new Promise((resolve) => setImmediate(resolve));
    if (answer.body === undefined) return new Response(null, { status: answer.status });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json', 'x-trace-id': `fake-${this.requests.length}` },
    });
  }

  private answer(path: string, body: unknown, raw: string): Answer {
    try {
      const injected = this.injected.findIndex((i) => i.path === path);
      if (injected >= 0) throw this.injected.splice(injected, 1)[0].error;
      if (Buffer.byteLength(raw, 'utf8') > MAX_PAYLOAD_BYTES) throw ERR.payloadTooLarge();
      if (body === undefined) throw ERR.badRequest('not JSON');
      return this.route(path, body);
    } catch (error) {
      if (error instanceof ServiceError) {
        return { status: error.status, body: { code: error.code, message: error.message } };
      }
      throw error;
    }
  }

  private route(path: string, body: unknown): Answer {
    const b = body as Record<string, unknown>;
    switch (path) {
      case '/api/v1/get':
        return this.get(this.plain, b, false);
      case '/api/v1/set':
        return this.set(this.plain, b, undefined);
      case '/api/v1/delete':
        return this.remove(this.plain, b, false);
      case '/api/v1/query':
        return this.queryPlain(b);
      case '/api/v1/secret/get':
        return this.get(this.secrets, b, false);
      case '/api/v1/secret/set':
        return this.set(this.secrets, b, undefined);
      case '/api/v1/secret/delete':
        return this.remove(this.secrets, b, false);
      case '/api/v1/entity/get':
        return this.get(this.entityTable(b.entityName), b, true);
      case '/api/v1/entity/set':
        return this.set(this.entityTable(b.entityName), b, this.declaration(b.entityName));
      case '/api/v1/entity/delete':
        return this.remove(this.entityTable(b.entityName), b, true);
      case '/api/v1/entity/query':
        return this.queryEntity(b);
      case '/api/v1/batch/get':
        return this.batchGet(body);
      case '/api/v1/batch/set':
        return this.batchSet(body);
      case '/api/v1/batch/delete':
        return this.batchDelete(body);
      case '/api/v1/transaction':
        return this.transaction(b);
      default:
        throw new ServiceError(404, 'NOT_FOUND', `No operation at ${path}`);
    }
  }

  private get(table: Map<string, Stored>, body: Record<string, unknown>, isEntity: boolean): Answer {
    const key = checkKey(body.key, isEntity);
    const stored = this.live(table, key);
    if (!stored) throw ERR.notFound();
    return { status: 200, body: this.withMetadata(key, stored, optionsOf(body).metadataFields) };
  }

  private set(table: Map<string, Stored>, body: Record<string, unknown>, entity: EntityDeclaration | undefined): Answer {
    const key = checkKey(body.key, entity !== undefined);
    const options = optionsOf(body);
    checkValue(body.value, entity);
    const previous = this.live(table, key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) throw ERR.keyConflict();
    const stored = this.write(table, key, body.value, options.ttl);
    if (options.returnValue === undefined) return { status: 204 };
    if (options.keyPolicy !== 'OVERRIDE') throw ERR.badRequest('returnValue needs keyPolicy OVERRIDE');
    const returned = options.returnValue === 'PREVIOUS' ? previous : stored;
    if (!returned) return { status: 204 };
    return { status: 200, body: this.withMetadata(key, returned, options.returnMetadataFields) };
  }

  private remove(table: Map<string, Stored>, body: Record<string, unknown>, isEntity: boolean): Answer {
    table.delete(checkKey(body.key, isEntity));
    return { status: 204 };
  }

  private queryPlain(body: Record<string, unknown>): Answer {
    const where = body.where as Clause[] | undefined;
    let prefix = '';
    if (where !== undefined) {
      if (!Array.isArray(where) || where.length !== 1) throw bad('QUERY_WHERE_INVALID', 'One where clause only');
      const [clause] = where;
      if (clause.property !== 'key') throw bad('QUERY_WHERE_FIELD_INVALID', 'Only key can be queried');
      if (clause.condition !== 'BEGINS_WITH') throw bad('INVALID_FILTER_CONDITION', 'Only BEGINS_WITH is supported');
      if (!Array.isArray(clause.values) || clause.values.length !== 1) throw bad('INVALID_FILTER_VALUES', 'One value');
      prefix = String(clause.values[0]);
    }
    const limit = pageLimit(body.limit, 'LIST_QUERY_LIMIT_EXCEEDED');
    const keys = [...this.plain.keys()].filter((key) => key.startsWith(prefix) && this.live(this.plain, key)).sort(compare);
    const after = body.after === undefined ? undefined : decodeCursor(body.after)[0];
    const rest = after === undefined ? keys : keys.filter((key) => compare(key, after as string) > 0);
    const page = rest.slice(0, limit);
    const data = page.map((key) => this.withMetadata(key, this.plain.get(key) as Stored, metadataOf(body)));
    // Like the service's underlying store, a full page carries a cursor even when nothing follows.
    return { status: 200, body: page.length === limit ? { data, cursor: encodeCursor([page[page.length - 1]]) } : { data } };
  }

  private queryEntity(body: Record<string, unknown>): Answer {
    const table = this.entityTable(body.entityName);
    const index = this.index(this.declaration(body.entityName), String(body.indexName));
    const limit = pageLimit(body.limit, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    const partition = (body.partition as unknown[] | undefined) ?? [];
    const range = body.range as Clause | undefined;
    const filters = body.filters as Conditions | undefined;
    if (filters !== undefined) checkConditions(filters);
    const rows: { key: string; stored: Stored; sortKey: unknown[] }[] = [];
    for (const key of table.keys()) {
      const stored = this.live(table, key);
      if (!stored) continue;
      const attributes = stored.value as Record<string, unknown>;
      if (![...index.partition, ...index.range].every((name) => attributes[name] !== undefined)) continue;
      if (index.partition.some((name, i) => attributes[name] !== partition[i])) continue;
      if (range && !matches({ ...range, property: index.range[0] }, attributes)) continue;
      if (filters && !evaluate(filters, attributes)) continue;
      rows.push({ key, stored, sortKey: [...index.range.map((name) => attributes[name]), key] });
    }
    const descending = body.sort === 'DESC';
    rows.sort((a, b) => compareTuples(a.sortKey, b.sortKey) * (descending ? -1 : 1));
    const after = body.cursor === undefined ? undefined : decodeCursor(body.cursor);
    const rest = after ? rows.filter((row) => compareTuples(row.sortKey, after) * (descending ? -1 : 1) > 0) : rows;
    const page = rest.slice(0, limit);
    const data = page.map((row) => this.withMetadata(row.key, row.stored, metadataOf(body)));
    const last = page[page.length - 1];
    return { status: 200, body: page.length === limit ? { data, cursor: encodeCursor(last.sortKey) } : { data } };
  }

  private batchItems(body: unknown): { key: string; entityName?: string; value?: unknown; options?: SetOptions }[] {
    if (!Array.isArray(body) || body.length === 0 || body.length > MAX_BATCH) {
      throw ERR.batchSize(Array.isArray(body) ? body.length : 0);
    }
    const seen = new Set<string>();
    for (const item of body as { key: string; entityName?: string }[]) {
      const id = `${item.entityName ?? ''}/${item.key}`;
      if (seen.has(id)) throw ERR.duplicateKey(item.key);
      seen.add(id);
    }
    return body;
  }

  private batchGet(body: unknown): Answer {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      const tag = item.entityName === undefined ? {} : { entityName: item.entityName };
      try {
        const answer = item.entityName === undefined ? this.get(this.plain, item, false) : this.get(this.entityTable(item.entityName), item, true);
        successfulKeys.push({ ...(answer.body as object), ...tag });
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        failedKeys.push({ key: item.key, ...tag, error: { code: error.code, message: error.message } });
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchSet(body: unknown): Answer {
    return this.batchEach(body, (item) =>
      item.entityName === undefined
        ? this.set(this.plain, item, undefined)
        : this.set(this.entityTable(item.entityName), item, this.declaration(item.entityName)),
    );
  }

  private batchDelete(body: unknown): Answer {
    return this.batchEach(body, (item) => {
      const isEntity = item.entityName !== undefined;
      return this.remove(isEntity ? this.entityTable(item.entityName) : this.plain, item, isEntity);
    });
  }

  private batchEach(body: unknown, run: (item: { key: string; entityName?: string; value?: unknown }) => Answer): Answer {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(body)) {
      const tag = { key: item.key, ...(item.entityName === undefined ? {} : { entityName: item.entityName }) };
      try {
        run(item);
        successfulKeys.push(tag);
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        failedKeys.push({ ...tag, error: { code: error.code, message: error.message } });
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private transaction(body: Record<string, unknown>): Answer {
    type Op = {
      kind: 'set' | 'delete' | 'check';
      key: string;
      value?: unknown;
      entityName?: string;
      conditions?: Conditions;
      options?: SetOptions;
    };
    const list = (name: 'set' | 'delete' | 'check') => ((body[name] as Omit<Op, 'kind'>[] | undefined) ?? []).map((op) => ({ ...op, kind: name }));
    const ops: Op[] = [...list('set'), ...list('delete'), ...list('check')];
    if (ops.length === 0) throw ERR.badRequest('a transaction needs at least one operation');
    if (ops.length > MAX_OPS) throw ERR.tooManyOperations(ops.length);
    const seen = new Set<string>();
    for (const op of ops) {
      const isEntity = op.entityName !== undefined;
      checkKey(op.key, isEntity);
      const id = `${op.entityName ?? ''}/${op.key}`;
      if (seen.has(id)) throw ERR.duplicateKey(op.key);
      seen.add(id);
      if (op.conditions !== undefined && !isEntity) throw ERR.badRequest('conditions need an entityName');
      if (op.kind === 'check' && op.conditions === undefined) throw ERR.badRequest('check needs conditions');
      if (op.conditions !== undefined) checkConditions(op.conditions);
      if (isEntity) this.declaration(op.entityName);
      if (op.kind === 'set') {
        checkValue(op.value, isEntity ? this.declaration(op.entityName) : undefined);
        ttlMillis(op.options?.ttl);
      }
    }
    const tableOf = (op: Op) => (op.entityName === undefined ? this.plain : this.entityTable(op.entityName));
    for (const op of ops) {
      if (op.conditions === undefined) continue;
      const current = this.live(tableOf(op), op.key);
      if (!evaluate(op.conditions, (current?.value as Record<string, unknown> | undefined) ?? {})) {
        throw ERR.conditionFailed();
      }
    }
    for (const op of ops) {
      if (op.kind === 'set') this.write(tableOf(op), op.key, op.value, op.options?.ttl);
      if (op.kind === 'delete') tableOf(op).delete(op.key);
    }
    return { status: 204 };
  }

  private write(table: Map<string, Stored>, key: string, value: unknown, ttl: SetOptions['ttl']): Stored {
    const now = this.now();
    const previous = this.live(table, key);
    const millis = ttlMillis(ttl);
    const stored: Stored = {
      value: structuredClone(value),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      ...(millis === undefined ? {} : { expiresAt: now + millis }),
    };
    table.set(key, stored);
    return stored;
  }

  /** The stored item unless its TTL has passed (an expired item is gone for every operation). */
  private live(table: Map<string, Stored>, key: string): Stored | undefined {
    const stored = table.get(key);
    if (stored?.expiresAt !== undefined && stored.expiresAt <= this.now()) {
      table.delete(key);
      return undefined;
    }
    return stored;
  }

  private withMetadata(key: string, stored: Stored, fields: string[] | undefined): Record<string, unknown> {
    const wanted = new Set(fields ?? []);
    return {
      key,
      value: structuredClone(stored.value),
      ...(wanted.has('CREATED_AT') ? { createdAt: Math.floor(stored.createdAt / 1000) } : {}),
      ...(wanted.has('UPDATED_AT') ? { updatedAt: Math.floor(stored.updatedAt / 1000) } : {}),
      ...(wanted.has('EXPIRE_TIME') && stored.expiresAt !== undefined ? { expireTime: new Date(stored.expiresAt).toISOString() } : {}),
    };
  }

  private declaration(name: unknown): EntityDeclaration {
    if (typeof name !== 'string' || name.length < 3 || name.length > 60 || !ENTITY_NAME_PATTERN.test(name)) {
      throw bad('INVALID_ENTITY_TYPE', `Entity name ${String(name)} is not valid`);
    }
    const declared = this.declarations.get(name);
    if (!declared) throw ERR.undeclaredEntity(name);
    return declared;
  }

  private entityTable(name: unknown): Map<string, Stored> {
    return this.table(this.declaration(name).name);
  }

  private table(name: string): Map<string, Stored> {
    let table = this.entityTables.get(name);
    if (!table) {
      table = new Map();
      this.entityTables.set(name, table);
    }
    return table;
  }

  private index(entity: EntityDeclaration, name: string): Index {
    for (const index of entity.indexes ?? []) {
      if (typeof index === 'string' && index === name) return { range: [index], partition: [] };
      if (typeof index === 'object' && index.name === name) return { range: index.range, partition: index.partition ?? [] };
    }
    throw ERR.undeclaredIndex(name);
  }
}

export function installFakeForgeKvs(options: FakeKvsOptions = {}): FakeKvsBackend {
  return new FakeKvsBackend(options).install();
}

export function uninstallFakeForgeKvs(backend: FakeKvsBackend): void {
  backend.uninstall();
}

/** The custom entities declared in the repository's manifest.yml, as the deployed service would know them. */
export function manifestEntities(path = join(__dirname, '../../../manifest.yml')): EntityDeclaration[] {
  const manifest = new ManifestParserBuilder().build().parseManifest({ content: readFileSync(path, 'utf8'), filePath: path });
  return (manifest.app?.storage?.entities ?? []) as EntityDeclaration[];
}

function checkKey(key: unknown, isEntity: boolean): string {
  if (typeof key !== 'string') throw ERR.badRequest('key must be a string');
  if (key.length === 0) throw isEntity ? bad('EMPTY_KEY', 'Key cannot be empty') : bad('KEY_TOO_SHORT', 'Key is too short');
  if (key.length > MAX_KEY_LENGTH) throw bad('KEY_TOO_LONG', `Key exceeds ${MAX_KEY_LENGTH} characters`);
  if (!KEY_PATTERN.test(key)) throw bad('INVALID_KEY', 'Key does not match /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/');
  return key;
}

function checkValue(value: unknown, entity: EntityDeclaration | undefined): void {
  const isJsonType = ['string', 'number', 'boolean', 'object'].includes(typeof value) && value !== null;
  if (!isJsonType) throw ERR.badRequest('value must be a string, number, boolean, array or object');
  if (nestsDeeperThan(value, MAX_DEPTH)) throw bad('MAX_DEPTH', `Value exceeds the maximum object depth (${MAX_DEPTH})`);
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_VALUE_BYTES) {
    throw bad('MAX_SIZE', 'The provided value has exceeded the maximum size limit');
  }
  if (entity) checkEntityValue(entity, value);
}

function checkEntityValue(entity: EntityDeclaration, value: unknown): void {
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('INVALID_ENTITY_VALUE', 'An entity value is an object');
  for (const [name, attribute] of Object.entries(value as Record<string, unknown>)) {
    const declared = entity.attributes[name];
    if (!declared) throw bad('INVALID_ENTITY_VALUE', `Attribute ${name} is not declared on ${entity.name}`);
    if (!hasType(attribute, declared.type)) {
      throw bad('INVALID_ENTITY_VALUE', `Attribute ${name} of ${entity.name} must be ${declared.type}`);
    }
  }
}

function hasType(value: unknown, type: AttributeType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX;
    case 'float':
      return typeof value === 'number';
    case 'any':
      return value !== null && value !== undefined;
  }
}

function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  return Object.values(value).some((child) => nestsDeeperThan(child, levels - 1));
}

function optionsOf(body: Record<string, unknown>): SetOptions {
  return (body.options as SetOptions | undefined) ?? {};
}

function metadataOf(body: Record<string, unknown>): string[] | undefined {
  return optionsOf(body).metadataFields ?? (body.metadataFields as string[] | undefined);
}

function ttlMillis(ttl: SetOptions['ttl']): number | undefined {
  if (ttl === undefined) return undefined;
  const unit = TTL_UNIT_SECONDS[ttl.unit];
  if (unit === undefined || !Number.isInteger(ttl.value) || ttl.value < 1) throw ERR.badRequest('ttl is not valid');
  return ttl.value * unit * 1000;
}

function pageLimit(limit: unknown, code: string): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_PAGE) {
    throw bad(code, `The page limit must be between 1 and ${MAX_PAGE}`);
  }
  return limit as number;
}

function checkConditions(conditions: Conditions): void {
  if (conditions.and !== undefined && conditions.or !== undefined) {
    throw bad('INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level');
  }
  const clauses = conditions.and ?? conditions.or;
  if (!clauses || clauses.length === 0) throw bad('EMPTY_FILTER_OPERATOR', 'Filter operators cannot be empty');
  for (const clause of clauses) {
    if (clause.condition === 'BETWEEN' && clause.values.length < 2) {
      throw bad('INSUFFICIENT_FILTER_VALUES', 'The specified condition needs at least two values');
    }
  }
}

function evaluate(conditions: Conditions, attributes: Record<string, unknown>): boolean {
  if (conditions.and) return conditions.and.every((clause) => matches(clause, attributes));
  return (conditions.or ?? []).some((clause) => matches(clause, attributes));
}

// Comparisons on a missing attribute are false, as in the store under the service.
function matches(clause: Clause, attributes: Record<string, unknown>): boolean {
  const actual = attributes[clause.property as string];
  const [first, second] = clause.values;
  switch (clause.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'EQUAL_TO':
      return actual !== undefined && actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== undefined && actual !== first;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'CONTAINS':
      return typeof actual === 'string' && actual.includes(String(first));
    case 'NOT_CONTAINS':
      return typeof actual === 'string' && !actual.includes(String(first));
    case 'BETWEEN':
      return actual !== undefined && compare(actual, first) >= 0 && compare(actual, second) <= 0;
    case 'GREATER_THAN':
      return actual !== undefined && compare(actual, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return actual !== undefined && compare(actual, first) >= 0;
    case 'LESS_THAN':
      return actual !== undefined && compare(actual, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return actual !== undefined && compare(actual, first) <= 0;
    default:
      throw bad('INVALID_FILTER_CONDITION', `Condition ${clause.condition} is not supported`);
  }
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareTuples(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compare(a[i], b[i]);
    if (order !== 0) return order;
  }
  return 0;
}

function encodeCursor(position: unknown[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor(cursor: unknown): unknown[] {
  try {
    const position: unknown = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
    if (Array.isArray(position) && position.length > 0) return position;
  } catch {
    // fall through to the service's answer
  }
  throw ERR.invalidCursor();
}
