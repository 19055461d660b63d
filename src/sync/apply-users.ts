import type { DirectoryContext } from '../directory/directory-context';
import { userRecordSchema, type UserRecord } from '../directory/model';
import { createUser, getUser, updateUser, type UserInput } from '../directory/users';
import type { IdpUser } from '../idp/connector';
import { applyRecords, type RecordKind } from './apply-records';
import { directoryIdOf, toUserInput, userUnchanged } from './directory-mapping';
import type { ApplyResult } from './item-failure';

const users: RecordKind<IdpUser, UserInput, UserRecord> = {
  kind: 'user',
  directoryId: (user) => directoryIdOf(user.id),
  input: toUserInput,
  recordKey: (ctx, id) => ctx.keys.user(id),
  nameKey: (ctx, input) => ctx.keys.userName(input.userName),
  parse: (value) => userRecordSchema.parse(value),
  get: getUser,
  create: (ctx, id, input) => createUser(ctx, input, { id }),
  unchanged: userUnchanged,
  update: (ctx, id, input) => updateUser(ctx, id, () => input),
  deactivates: (current, input) => current.active === true && input.active === false,
};

/** Upserts a page of IdP users, at the costs applyRecords describes. */
export async function applyUsers(ctx: DirectoryContext, page: IdpUser[], countedUntil?: string): Promise<ApplyResult> {
  return applyRecords(ctx, users, page, countedUntil);
}
