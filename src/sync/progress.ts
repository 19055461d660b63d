import { z } from 'zod';

const count = z.number().int().min(0).default(0);

/** What a run did so far: every number a page event adds to. */
export const progressSchema = z.object({
  /** Events that finished a step of the run (IdP pages, scan and removal batches). */
  pages: count,
  users: z
    .object({
      /** Distinct users the listing delivered (in app-grant mode, a sum over its pages until its last page). */
      seen: count,
      created: count,
      updated: count,
      /** Updated to inactive because the IdP reports the user inactive. */
      disabled: count,
      unchanged: count,
      /** Deleted by a full run: gone from the IdP or no longer granted the app. */
      removed: count,
      failed: count,
      /** miniOrange refresh: a user of the directory the IdP no longer finds. */
      notFound: count,
    })
    .prefault({}),
  groups: z.object({ seen: count, created: count, updated: count, unchanged: count, removed: count, failed: count }).prefault({}),
  memberships: z
    .object({
      added: count,
      removed: count,
      /** An IdP member who is not a user of this connection (not listed, or not granted the app). */
      skipped: count,
      failed: count,
    })
    .prefault({}),
});
export type Progress = z.infer<typeof progressSchema>;

export function emptyProgress(): Progress {
  return progressSchema.parse({});
}

/** Leaf by leaf. */
export function addProgress(a: Progress, b: Progress): Progress {
  const sum = (x: Record<string, unknown>, y: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(x).map(([key, value]) => [
        key,
        typeof value === 'number' ? value + (y[key] as number) : sum(value as Record<string, unknown>, y[key] as Record<string, unknown>),
      ]),
    );
  return sum(a, b) as Progress;
}

export function changedAnything(progress: Progress): boolean {
  const { users, groups, memberships } = progress;
  return (
    users.created +
      users.updated +
      users.disabled +
      users.removed +
      groups.created +
      groups.updated +
      groups.removed +
      memberships.added +
      memberships.removed >
    0
  );
}

export function failures(progress: Progress): number {
  return progress.users.failed + progress.groups.failed + progress.memberships.failed;
}
