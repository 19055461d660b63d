// miniOrange runs: miniOrange publishes no listing API, so a run can only look up, one by one, the users this
// connection's directory already holds (added by syncUser) and refresh what the IdP says about them. It finds
// no new users and removes none; a user miniOrange no longer finds is counted as notFound and left as it is.
import type { IdpUser } from '../idp/connector';
import { userRecordSchema } from '../directory/model';
import { applyUsers } from './apply-users';
import type { Position } from './run-record';
import type { StepDeps, StepResult } from './step';

/** Lookups per event: each is one signed request. */
export const REFRESH_USERS_PER_STEP = 25;

export async function refreshStep(s: StepDeps, position: Extract<Position, { phase: 'refresh' }>): Promise<StepResult> {
  const page = await s.ctx.store.query(s.ctx.keys.userPrefix, { cursor: position.cursor, limit: REFRESH_USERS_PER_STEP });
  const found: IdpUser[] = [];
  for (const item of page.items) {
    const user = await s.connector.lookupUser(userRecordSchema.parse(item.value).userName);
    if (user) found.push(user);
  }
  const applied = await applyUsers(s.ctx, found);
  applied.progress.users.notFound = page.items.length - found.length;
  return { fields: { position: page.cursor ? { phase: 'refresh', cursor: page.cursor } : { phase: 'done' } }, ...applied };
}
