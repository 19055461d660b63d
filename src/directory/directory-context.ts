import type { Clock, Random, Store, TransactionOp } from '../platform/ports';
import { backoff } from '../platform/backoff';
import { ConditionFailedError } from '../platform/store-errors';
import { MAX_BATCH_KEYS } from '../platform/store-limits';
import { changeRecordOp, type ChangedSubject, type SubjectKind } from '../records/change-records';
import { directoryKeys, type DirectoryKeys } from '../storage/keys';

export interface DirectoryContext {
  store: Store;
  clock: Clock;
  random: Random;
  connectionId: string;
  keys: DirectoryKeys;
  source: 'scim' | 'pull' | 'admin';
  /** Subjects whose change records this context wrote (or tried to): the jobs to queue afterwards. */
  changes: ChangedSubject[];
}

export function directoryContext(
  deps: { store: Store; clock: Clock; random: Random },
  connectionId: string,
  source: DirectoryContext['source'],
): DirectoryContext {
  return { ...deps, connectionId, keys: directoryKeys(connectionId), source, changes: [] };
}

export type DirectoryErrorKind = 'conflict' | 'notFound' | 'versionMismatch' | 'busy' | 'invalid';

/** A directory rule the request broke; the SCIM layer turns it into the matching SCIM error. */
export class DirectoryError extends Error {
  constructor(
    readonly kind: DirectoryErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}

/** Longer names are refused: no IdP sends them, and every copy and index entry of the record would carry them. */
export const MAX_NAME_LENGTH = 1024;

/** userName and displayName are shown and matched everywhere: control characters in them are refused. */
export function assertPrintable(attribute: 'userName' | 'displayName', value: string): void {
  if (value.length > MAX_NAME_LENGTH) throw new DirectoryError('invalid', `${attribute} is longer than ${MAX_NAME_LENGTH} characters.`);
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new DirectoryError('invalid', `${attribute} must not contain control characters (such as NUL, tab or newline).`);
  }
}

export function nowIso(ctx: DirectoryContext): string {
  return new Date(ctx.clock.now()).toISOString();
}

export function changeOp(ctx: DirectoryContext, kind: SubjectKind, subjectId: string, changed: string[]): TransactionOp {
  ctx.changes.push({ kind, subjectId });
  return changeRecordOp({ connectionId: ctx.connectionId, kind, subjectId, changed, source: ctx.source, at: nowIso(ctx) }, ctx.clock.now());
}

const MAX_ATTEMPTS = 8;
const CONFLICT_BACKOFF_MS = { first: 5, max: 5 * 2 ** MAX_ATTEMPTS, jitter: 0.5 };

/**
 * Runs an optimistic read-decide-write step until its conditional writes hold. The step re-reads what it
 * depends on each time; between attempts it waits a little, with jitter, so parallel writers spread out.
 */
export async function withRetry<T>(ctx: DirectoryContext, step: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step(attempt);
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      if (attempt + 1 >= MAX_ATTEMPTS) {
        throw new DirectoryError('busy', 'The resource is being changed by other requests; retry shortly.');
      }
      await ctx.clock.sleep(Math.round(backoff(attempt, CONFLICT_BACKOFF_MS, ctx.random)));
    }
  }
}

/** Reads records by key in batches of 25, returned in the order of `keys`, absent ones left out. */
export async function readRecords<T>(ctx: DirectoryContext, keys: string[], parse: (value: unknown) => T): Promise<T[]> {
  const found = new Map<string, T>();
  for (let i = 0; i < keys.length; i += MAX_BATCH_KEYS) {
    for (const item of await ctx.store.getMany(keys.slice(i, i + MAX_BATCH_KEYS))) found.set(item.key, parse(item.value));
  }
  return keys.flatMap((key) => (found.has(key) ? [found.get(key) as T] : []));
}
