import type { DirectoryContext } from '../directory/directory-context';
import { userRecordSchema, type UserRecord } from '../directory/records';
import { createUser, getUser, updateUser, type UserInput } from '../directory/users';
import type { IdpUser } from '../idp/connector';
import { directoryIdOf, toUserInput, userUnchanged } from './directory-mapping';
import type { ApplyResult } from './item-failure';
import { prefetchRecords } from './prefetch';
import { emptyProgress, type Progress } from './progress';
import { createdAfter, lastOfEach, upsertEach } from './upsert-each';

interface PlannedUser {
  id: string;
  input: UserInput;
}

/**
 * Upserts a page of IdP users. Records are read 25 per store call first: an unchanged user costs no further
 * call and no write; a changed one costs its transaction; a new one a counter read and its transaction (the
 * userName check is served from the same batch reads). A record created after `countedUntil` (a run's
 * Run.countedUntil) was created by an earlier attempt at this page, so it counts as created.
 */
export async function applyUsers(ctx: DirectoryContext, users: IdpUser[], countedUntil?: string): Promise<ApplyResult> {
  const planned = lastOfEach(users, (user) => user.id).map((user): PlannedUser => ({ id: directoryIdOf(user.id), input: toUserInput(user) }));
  const { records, ctx: prefetched } = await prefetchRecords(
    ctx,
    planned.map((user) => ({ recordKey: ctx.keys.user(user.id), nameKey: ctx.keys.userName(user.input.userName) })),
  );

  const progress = emptyProgress();
  progress.users.seen = planned.length;
  const createdUncounted = createdAfter(countedUntil);
  const failures = await upsertEach(planned, 'user', async (user, retry) => {
    if (retry) return upsertUser(ctx, user, await getUser(ctx, user.id), progress, createdUncounted);
    const item = records.get(ctx.keys.user(user.id));
    return upsertUser(prefetched, user, item && userRecordSchema.parse(item.value), progress, createdUncounted);
  });
  progress.users.failed = failures.length;
  return { progress, failures };
}

async function upsertUser(
  ctx: DirectoryContext,
  user: PlannedUser,
  current: UserRecord | undefined,
  progress: Progress,
  createdUncounted: (record: { created: string }) => boolean,
): Promise<void> {
  if (!current) {
    await createUser(ctx, user.input, { id: user.id });
    progress.users.created += 1;
    return;
  }
  const unchanged = userUnchanged(current, user.input);
  if (!unchanged) await updateUser(ctx, user.id, () => user.input);
  if (createdUncounted(current)) progress.users.created += 1;
  else if (unchanged) progress.users.unchanged += 1;
  else if (current.active && user.input.active === false) progress.users.disabled += 1;
  else progress.users.updated += 1;
}
