import { StoreLimitError } from './store-errors';

// Forge KVS limits (reference/forge-platform.md §5). Both store implementations enforce them so that
// code which passes locally cannot fail on Forge for size or charset.
export const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
export const MAX_TRANSACTION_OPS = 25;
export const MAX_BATCH_KEYS = 25;
export const MAX_QUERY_LIMIT = 100;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export function assertValidKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new StoreLimitError(`Key length ${key.length} is outside 1..${MAX_KEY_LENGTH}`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw new StoreLimitError('Key has characters outside [a-zA-Z0-9:._ -#]');
  }
}

export function assertValidValue(value: unknown): string {
  if (value === undefined) throw new StoreLimitError('Value is undefined');
  const json = JSON.stringify(value);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_VALUE_BYTES) {
    throw new StoreLimitError(`Value is ${bytes} bytes; the limit is ${MAX_VALUE_BYTES}`);
  }
  return json;
}

export function assertValidPrefix(prefix: string): void {
  if (prefix.length > 0) assertValidKey(prefix);
}

export function assertBatchSize(count: number, limit: number, what: string): void {
  if (count > limit) throw new StoreLimitError(`${what} has ${count} entries; the limit is ${limit}`);
}
