// Group APIs answer 400 where we need to know more; these settle what the 400 meant.
import { TargetError } from '../target';

/**
 * Jira (and, unverified, Confluence and Bitbucket) answer 400 to a duplicate group name, the same status as a bad
 * name: a 400 on create becomes conflict when the name turns out to exist.
 */
export async function duplicateNameAware(error: unknown, name: string, findGroupByName: (name: string) => Promise<unknown>): Promise<unknown> {
  if (!(error instanceof TargetError) || error.kind !== 'invalid') return error;
  if ((await findGroupByName(name)) === undefined) return error;
  return new TargetError('conflict', `Could not create group "${name}": a group with that name already exists.`, {
    status: error.status,
    cause: error,
  });
}

/**
 * Adding an existing member (or removing a non-member) is reported to answer 400; the request is idempotent for
 * us, so a 400 is swallowed when membership is already as wanted.
 */
export async function settledMembership(error: unknown, isMember: () => Promise<boolean>, wanted: boolean): Promise<void> {
  if (error instanceof TargetError && error.kind === 'invalid' && (await isMember()) === wanted) return;
  throw error;
}
