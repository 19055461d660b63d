import { counterOp } from '../../src/directory/counters';
import { directoryKeys, shardOf, type DirectoryKeys } from '../../src/storage/keys';
import { groupRecordSchema, membershipRecordSchema, userRecordSchema } from '../../src/directory/model';
import type { GroupInput } from '../../src/directory/groups';
import { MAX_INDEXED_EMAILS, type UserInput } from '../../src/directory/users';
import type { Store, TransactionOp } from '../../src/platform/ports';
import { MAX_TRANSACTION_OPS } from '../../src/platform/store-limits';

// Builds a large directory straight through the store port: the records and index keys that
// src/directory writes, without one SCIM request per user. No change records are written, so the
// provisioning worker sees nothing to do. test/scale/seed-directory.test.ts checks that a seeded
// directory and one built through SCIM hold the same keys and answer alike.

export interface SeedUser extends UserInput {
  id: string;
}

export interface SeedGroup extends GroupInput {
  id: string;
  /** User ids; each becomes a membership pair (gm: and ug:). */
  members?: Iterable<string>;
}

export interface SeedSpec {
  users?: Iterable<SeedUser>;
  groups?: Iterable<SeedGroup>;
  /** ISO time written as created / lastModified / since (the directory's clock). */
  at: string;
}

export interface SeedCounts {
  users: number;
  groups: number;
  memberships: number;
}

/** Writes every record in transactions of 25 ops; counters move by the number seeded. */
export async function seedDirectory(store: Store, connectionId: string, spec: SeedSpec): Promise<SeedCounts> {
  const keys = directoryKeys(connectionId);
  const writer = new BatchWriter(store);
  const shards = { u: new Map<string, number>(), g: new Map<string, number>() };
  const counts = { users: 0, groups: 0, memberships: 0 };
  for (const user of spec.users ?? []) {
    await writer.add(userOps(keys, user, spec.at));
    bump(shards.u, shardOf(user.id));
    counts.users += 1;
  }
  for (const group of spec.groups ?? []) {
    await writer.add(groupOps(keys, group, spec.at));
    bump(shards.g, shardOf(group.id));
    counts.groups += 1;
    for (const userId of group.members ?? []) {
      await writer.add(membershipOps(keys, group.id, userId, spec.at));
      counts.memberships += 1;
    }
  }
  await writer.flush();
  await writer.add(await counterOps(store, keys, shards));
  await writer.flush();
  return counts;
}

function userOps(keys: DirectoryKeys, user: SeedUser, at: string): TransactionOp[] {
  const { id, ...input } = user;
  const record = userRecordSchema.parse({ id, ...input, created: at, lastModified: at, version: 1 });
  return [
    { op: 'set', key: keys.user(id), value: record },
    { op: 'set', key: keys.userName(record.userName), value: record },
    ...record.emails
      .slice(0, MAX_INDEXED_EMAILS)
      .map((email): TransactionOp => ({ op: 'set', key: keys.userEmailPrefix(email) + id, value: { id } })),
    ...(record.externalId === undefined ? [] : [{ op: 'set' as const, key: keys.userExternalIdPrefix(record.externalId) + id, value: { id } }]),
  ];
}

function groupOps(keys: DirectoryKeys, group: SeedGroup, at: string): TransactionOp[] {
  const { id, members: _members, ...input } = group;
  const record = groupRecordSchema.parse({ id, ...input, created: at, lastModified: at, version: 1 });
  return [
    { op: 'set', key: keys.group(id), value: record },
    { op: 'set', key: keys.groupName(record.displayName), value: record },
    ...(record.externalId === undefined ? [] : [{ op: 'set' as const, key: keys.groupExternalIdPrefix(record.externalId) + id, value: { id } }]),
  ];
}

function membershipOps(keys: DirectoryKeys, groupId: string, userId: string, since: string): TransactionOp[] {
  const record = membershipRecordSchema.parse({ groupId, userId, since });
  return [
    { op: 'set', key: keys.member(groupId, userId), value: record },
    { op: 'set', key: keys.userGroup(userId, groupId), value: record },
  ];
}

/** Moves each shard by what was seeded into it, from its current value (seeding may add to a directory). */
async function counterOps(store: Store, keys: DirectoryKeys, shards: Record<'u' | 'g', Map<string, number>>): Promise<TransactionOp[]> {
  const ops: TransactionOp[] = [];
  for (const kind of ['u', 'g'] as const) {
    const current = await store.getMany(keys.allCounters(kind));
    for (const [shard, delta] of shards[kind]) {
      const key = keys.counter(kind, shard);
      ops.push(
        counterOp(
          key,
          current.find((item) => item.key === key),
          delta,
        ),
      );
    }
  }
  return ops;
}

function bump(shards: Map<string, number>, shard: string): void {
  shards.set(shard, (shards.get(shard) ?? 0) + 1);
}

/** Collects ops and writes them 25 at a time; one record's ops may straddle two transactions. */
class BatchWriter {
  private pending: TransactionOp[] = [];

  constructor(private readonly store: Store) {}

  async add(ops: TransactionOp[]): Promise<void> {
    this.pending.push(...ops);
    while (this.pending.length >= MAX_TRANSACTION_OPS) await this.write(this.pending.splice(0, MAX_TRANSACTION_OPS));
  }

  async flush(): Promise<void> {
    while (this.pending.length > 0) await this.write(this.pending.splice(0, MAX_TRANSACTION_OPS));
  }

  private write(ops: TransactionOp[]): Promise<void> {
    return this.store.transact(ops);
  }
}

// Deterministic ids and names: ids sort by number, so listing in id order is listing in seed order.
export const seededUserId = (n: number) => `usr${String(n).padStart(9, '0')}`;
export const seededUserName = (n: number) => `user${n}@seed.example`;
export const seededGroupId = (n: number) => `grp${String(n).padStart(9, '0')}`;

/** A user shaped like the record POST /Users of an Okta-style body leaves behind. */
export function seededUser(n: number): SeedUser {
  const email = seededUserName(n);
  return {
    id: seededUserId(n),
    userName: email,
    active: true,
    emails: [email],
    attributes: { name: { givenName: 'Seed', familyName: `User${n}` }, emails: [{ value: email, type: 'work', primary: true }] },
  };
}

export function* seededUsers(count: number, from = 0): Generator<SeedUser> {
  for (let n = from; n < from + count; n++) yield seededUser(n);
}

export function* seededUserIds(count: number, from = 0): Generator<string> {
  for (let n = from; n < from + count; n++) yield seededUserId(n);
}
