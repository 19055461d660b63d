import { z } from 'zod';
import type { Store, StoredItem, TransactionOp } from '../platform/ports';
import { ConditionFailedError } from '../platform/store-errors';
import { connectionKeys } from '../storage/keys';

// A change record says "this subject changed at the IdP; make Atlassian agree". One record per subject:
// a newer change overwrites an older one (the worker is level-triggered and reads the subject's current
// state), and the worker deletes it with a version check, so a change that lands while it works survives.

export const subjectKinds = ['user', 'group', 'membership'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

/** A subject that changed: what a provisioning job names. */
export interface ChangedSubject {
  kind: SubjectKind;
  subjectId: string;
}

export const changeRecordSchema = z.object({
  connectionId: z.string(),
  kind: z.enum(subjectKinds),
  /** user id, group id, or `{groupId}:{userId}` for a membership. */
  subjectId: z.string(),
  /** What changed, e.g. ['created'], ['active'], ['deleted'], ['members']. Field names only, no values. */
  changed: z.array(z.string()),
  sequence: z.number().int(),
  source: z.enum(['scim', 'pull', 'admin']),
  at: z.string(),
});
export type ChangeRecord = z.infer<typeof changeRecordSchema>;

export const changePrefix = connectionKeys.changePrefix;
export const changeKey = (connectionId: string, kind: SubjectKind, subjectId: string) => `${changePrefix(connectionId)}${kind}:${subjectId}`;

let lastSequence = 0;

/** Strictly increasing within a process, and ordered by time across processes. */
export function nextSequence(nowMs: number): number {
  lastSequence = Math.max(lastSequence + 1, nowMs * 1000);
  return lastSequence;
}

export function changeRecordOp(record: Omit<ChangeRecord, 'sequence'>, nowMs: number): TransactionOp {
  const value: ChangeRecord = { ...record, sequence: nextSequence(nowMs) };
  return { op: 'set', key: changeKey(record.connectionId, record.kind, record.subjectId), value };
}

export async function listPendingChanges(
  store: Store,
  connectionId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<{ items: StoredItem<ChangeRecord>[]; cursor?: string }> {
  const page = await store.query<unknown>(changePrefix(connectionId), options);
  return {
    items: page.items.map((item) => ({ ...item, value: changeRecordSchema.parse(item.value) })),
    cursor: page.cursor,
  };
}

export async function getChange(store: Store, connectionId: string, kind: SubjectKind, subjectId: string) {
  const item = await store.get<unknown>(changeKey(connectionId, kind, subjectId));
  return item ? { ...item, value: changeRecordSchema.parse(item.value) } : undefined;
}

/** Deletes the record only if no newer change replaced it; returns false when one did. */
export async function completeChange(store: Store, item: StoredItem<ChangeRecord>): Promise<boolean> {
  try {
    return await store.delete(item.key, { ifVersion: item.version });
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
}
