import { StoreLimitError } from './store-errors';

// Forge KVS limits (docs/design.md §3). Both store implementations enforce them so that
// code which passes locally cannot fail on Forge for size or charset.
export const MAX_KEY_LENGTH = 500;
// Forge allows 240 KiB and object depth 31 per stored item. The Forge store keeps each value inside an entity
// with its key and version, so values get 1 KiB and one level less here.
export const MAX_VALUE_BYTES = 240 * 1024 - 1024;
export const MAX_VALUE_DEPTH = 30;
export const MAX_TRANSACTION_OPS = 25;
// Forge documents 4 MB per transaction payload (and a bug, FRGE-1916, that has held some requests to 1 MB).
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
export const MAX_BATCH_KEYS = 25;
export const MAX_QUERY_LIMIT = 100;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export function assertValidKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new StoreLimitError(`Key length ${key.length} is outside 1..${MAX_KEY_LENGTH}`, 'key');
  }
  if (!KEY_PATTERN.test(key)) {
    throw new StoreLimitError('Key has characters outside [a-zA-Z0-9:._ -#]', 'key');
  }
}

export function assertValidValue(value: unknown): string {
  // Forge's value schema is string | boolean | number | array | object: a top-level null is refused.
  if (value === undefined || value === null) throw new StoreLimitError(`Value is ${value}`);
  if (nestsDeeperThan(value, MAX_VALUE_DEPTH)) {
    throw new StoreLimitError(`Value nests deeper than ${MAX_VALUE_DEPTH} levels`, 'value');
  }
  const json = JSON.stringify(value);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_VALUE_BYTES) {
    throw new StoreLimitError(`Value is ${bytes} bytes; the limit is ${MAX_VALUE_BYTES}`, 'value');
  }
  return json;
}

export function assertValidPrefix(prefix: string): void {
  if (prefix.length > 0) assertValidKey(prefix);
}

export function assertBatchSize(count: number, limit: number, what: string): void {
  if (count > limit) throw new StoreLimitError(`${what} has ${count} entries; the limit is ${limit}`);
}

/** Objects and arrays count one level each; stops descending once the limit is passed. */
export function assertTransactionBytes(bytes: number): void {
  if (bytes > MAX_TRANSACTION_BYTES) {
    throw new StoreLimitError(`Transaction carries ${bytes} bytes of values; the limit is ${MAX_TRANSACTION_BYTES}`, 'value');
  }
}

function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  return Object.values(value).some((child) => nestsDeeperThan(child, levels - 1));
}
