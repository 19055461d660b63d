import type { TransactionOp } from '../platform/ports';
import { MAX_TRANSACTION_OPS } from '../platform/store-limits';
import { counterKeyFor, counterOp } from './counters';
import { assertPrintable, changeOp, DirectoryError, nowIso, readRecords, withRetry, type DirectoryContext } from './directory-context';
import { listUserGroups, OPS_PER_MEMBERSHIP, removeAllMemberships, removeMembershipOps } from './memberships';
import { isDirectoryId } from '../storage/keys';
import { indexEntrySchema, userRecordSchema, type UserRecord } from './model';

/** Emails beyond this many are stored but not indexed (keeps a create within one transaction). */
export const MAX_INDEXED_EMAILS = 8;

export interface UserInput {
  userName: string;
  externalId?: string;
  /** Undefined: the IdP did not say (see UserRecord.active). */
  active?: boolean;
  emails: string[];
  attributes: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

export async function getUser(ctx: DirectoryContext, id: string): Promise<UserRecord | undefined> {
  if (!isDirectoryId(id)) return undefined;
  const item = await ctx.store.get(ctx.keys.user(id));
  return item ? userRecordSchema.parse(item.value) : undefined;
}

/** userName matches case-insensitively (RFC 7643 caseExact false). */
export async function getUserByUserName(ctx: DirectoryContext, userName: string): Promise<UserRecord | undefined> {
  const item = await ctx.store.get(ctx.keys.userName(userName));
  return item ? userRecordSchema.parse(item.value) : undefined;
}

export async function getUsers(ctx: DirectoryContext, ids: string[]): Promise<UserRecord[]> {
  return readRecords(ctx, ids.filter(isDirectoryId).map(ctx.keys.user), (value) => userRecordSchema.parse(value));
}

export async function findUserIdsByExternalId(ctx: DirectoryContext, externalId: string): Promise<string[]> {
  return indexedIds(ctx, ctx.keys.userExternalIdPrefix(externalId));
}

export async function findUserIdsByEmail(ctx: DirectoryContext, email: string): Promise<string[]> {
  return indexedIds(ctx, ctx.keys.userEmailPrefix(email));
}

async function indexedIds(ctx: DirectoryContext, prefix: string): Promise<string[]> {
  const page = await ctx.store.query(prefix, { limit: 100 });
  return page.items.map((item) => indexEntrySchema.parse(item.value).id);
}

/** Keys createUser reads, for the caller to prefetch with the connection (one store call for both). */
export function createUserReads(ctx: DirectoryContext, userName: string, id: string): string[] {
  return [ctx.keys.userName(userName), counterKeyFor(ctx, 'u', id)];
}

export async function createUser(
  ctx: DirectoryContext,
  input: UserInput,
  options: { id?: string; audit?: TransactionOp[] } = {},
): Promise<UserRecord> {
  assertPrintable('userName', input.userName);
  const id = options.id ?? ctx.random.id();
  const counterKey = counterKeyFor(ctx, 'u', id);
  return withRetry(ctx, async () => {
    const [existing, counter] = await Promise.all([ctx.store.get(ctx.keys.userName(input.userName)), ctx.store.get(counterKey)]);
    if (existing) throw userNameTaken(input.userName);
    const now = nowIso(ctx);
    const record = userRecordSchema.parse({ id, ...input, emails: normaliseEmails(input.emails), created: now, lastModified: now, version: 1 });
    try {
      await ctx.store.transact([
        { op: 'set', key: ctx.keys.user(id), value: record, ifAbsent: true },
        { op: 'set', key: ctx.keys.userName(record.userName), value: record, ifAbsent: true },
        counterOp(counterKey, counter, +1),
        ...indexOps(ctx, id, [], record.emails, undefined, record.externalId),
        changeOp(ctx, 'user', id, ['created']),
        ...(options.audit ?? []),
      ]);
    } catch (error) {
      if (await ctx.store.get(ctx.keys.userName(input.userName))) throw userNameTaken(input.userName);
      throw error;
    }
    return record;
  });
}

/**
 * Replaces what the IdP asserted about a user (PUT, and PATCH after the patch is applied). `change` gets the
 * current record and returns the new input; it runs again if another writer got there first.
 */
export async function updateUser(
  ctx: DirectoryContext,
  id: string,
  change: (current: UserRecord) => UserInput,
  options: { ifVersion?: number; audit?: TransactionOp[] } = {},
): Promise<UserRecord> {
  return withRetry(ctx, async () => {
    const item = await ctx.store.get(ctx.keys.user(id));
    if (!item) throw userNotFound(id);
    const current = userRecordSchema.parse(item.value);
    if (options.ifVersion !== undefined && options.ifVersion !== current.version) throw versionMismatch(id);
    const input = change(current);
    const next = userRecordSchema.parse({
      ...current,
      ...input,
      externalId: input.externalId,
      active: input.active,
      extra: input.extra,
      emails: normaliseEmails(input.emails),
      lastModified: nowIso(ctx),
      version: current.version + 1,
    });
    if (isSameUser(current, next)) return current;
    assertPrintable('userName', next.userName);
    const renamed = current.userName.toLowerCase() !== next.userName.toLowerCase();
    if (renamed && (await ctx.store.get(ctx.keys.userName(next.userName)))) throw userNameTaken(next.userName);
    const ops: TransactionOp[] = [
      { op: 'set', key: ctx.keys.user(id), value: next, ifVersion: item.version },
      { op: 'set', key: ctx.keys.userName(next.userName), value: next, ...(renamed ? { ifAbsent: true } : {}) },
      ...(renamed ? [{ op: 'delete' as const, key: ctx.keys.userName(current.userName) }] : []),
      ...indexOps(ctx, id, current.emails, next.emails, current.externalId, next.externalId),
      changeOp(ctx, 'user', id, changedFields(current, next)),
      ...(options.audit ?? []),
    ];
    await ctx.store.transact(ops);
    return next;
  });
}

/**
 * Deletes the user and its memberships in one transaction when they fit (up to a few groups). A user in more
 * groups loses its memberships first, in transactions of their own, so a failure half-way leaves a user that a
 * retried DELETE finishes.
 */
export async function deleteUser(ctx: DirectoryContext, id: string, audit: TransactionOp[] = []): Promise<void> {
  const counterKey = counterKeyFor(ctx, 'u', id);
  await withRetry(ctx, async () => {
    const [item, counter, groups] = await Promise.all([
      ctx.store.get(ctx.keys.user(id)),
      ctx.store.get(counterKey),
      listUserGroups(ctx, id, { limit: Math.ceil(MAX_TRANSACTION_OPS / OPS_PER_MEMBERSHIP) }),
    ]);
    if (!item) throw userNotFound(id);
    const current = userRecordSchema.parse(item.value);
    const userOps: TransactionOp[] = [
      { op: 'delete', key: ctx.keys.user(id), ifVersion: item.version },
      { op: 'delete', key: ctx.keys.userName(current.userName) },
      counterOp(counterKey, counter, -1),
      ...indexOps(ctx, id, current.emails, [], current.externalId, undefined),
      changeOp(ctx, 'user', id, ['deleted']),
      ...audit,
    ];
    if (groups.members.length > Math.floor((MAX_TRANSACTION_OPS - userOps.length) / OPS_PER_MEMBERSHIP)) {
      await removeAllMemberships(ctx, { userId: id });
      return deleteUser(ctx, id, audit);
    }
    await ctx.store.transact([...groups.members.flatMap((m) => removeMembershipOps(ctx, m.groupId, m.userId)), ...userOps]);
  });
}

function indexOps(
  ctx: DirectoryContext,
  id: string,
  oldEmails: string[],
  newEmails: string[],
  oldExternalId: string | undefined,
  newExternalId: string | undefined,
): TransactionOp[] {
  const ops: TransactionOp[] = [];
  const before = new Set(oldEmails.slice(0, MAX_INDEXED_EMAILS));
  const after = new Set(newEmails.slice(0, MAX_INDEXED_EMAILS));
  for (const email of before) if (!after.has(email)) ops.push({ op: 'delete', key: ctx.keys.userEmailPrefix(email) + id });
  for (const email of after) if (!before.has(email)) ops.push({ op: 'set', key: ctx.keys.userEmailPrefix(email) + id, value: { id } });
  if (oldExternalId !== newExternalId) {
    if (oldExternalId !== undefined) ops.push({ op: 'delete', key: ctx.keys.userExternalIdPrefix(oldExternalId) + id });
    if (newExternalId !== undefined) ops.push({ op: 'set', key: ctx.keys.userExternalIdPrefix(newExternalId) + id, value: { id } });
  }
  return ops;
}

function normaliseEmails(emails: string[]): string[] {
  return [...new Set(emails.map((email) => email.toLowerCase()))];
}

function isSameUser(a: UserRecord, b: UserRecord): boolean {
  const strip = ({ lastModified: _l, version: _v, ...rest }: UserRecord) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

function changedFields(a: UserRecord, b: UserRecord): string[] {
  const fields: string[] = [];
  if (a.userName !== b.userName) fields.push('userName');
  if (a.active !== b.active) fields.push('active');
  if (a.externalId !== b.externalId) fields.push('externalId');
  if (JSON.stringify(a.attributes) !== JSON.stringify(b.attributes)) fields.push('attributes');
  if (JSON.stringify(a.extra) !== JSON.stringify(b.extra)) fields.push('extra');
  return fields;
}

export const userNameTaken = (userName: string) =>
  new DirectoryError('conflict', `A user with userName "${userName}" already exists (userName is unique, case-insensitive).`);
export const userNotFound = (id: string) => new DirectoryError('notFound', `No user with id "${id}".`);
const versionMismatch = (id: string) =>
  new DirectoryError('versionMismatch', `User "${id}" has changed since the version in If-Match; read it again.`);
