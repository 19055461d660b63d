// "Sync user": one user from the IdP into the directory now, with its groups when the IdP reports them. It is
// what Forge offers instead of the Data Center app's sync at login, and how users reach a miniOrange connection's directory
// (miniOrange has no listing API; its runs then keep those users up to date).
import { directoryContext } from '../directory/directory-context';
import { getUser } from '../directory/users';
import type { Platform } from '../platform/ports';
import { enqueueJobs } from '../provisioning/jobs';
import { applyUsers } from './apply-users';
import { directoryIdOf } from './directory-mapping';
import { lookUpIdpUser } from './idp-lookup';
import { addProgress, type Progress } from './progress';
import type { Refusal } from './refusal';
import { recordItemFailures } from './run-activity';
import { applyMembershipDelta, userMembershipDelta } from './user-memberships';

export type SyncUserResult = { ok: true; found: false; message: string } | { ok: true; found: true; progress: Progress; message: string } | Refusal;

export async function syncUser(platform: Platform, connectionId: string, username: unknown): Promise<SyncUserResult> {
  const lookup = await lookUpIdpUser(platform, connectionId, username);
  if (!lookup.ok) return lookup;
  const { setup, user } = lookup;
  if (!user) return { ok: true, found: false, message: 'The IdP has no user with this username or email address; nothing changed.' };

  const ctx = directoryContext(platform, connectionId, 'pull');
  const applied = await applyUsers(ctx, [user]);
  const id = directoryIdOf(user.id);
  const memberships = (await getUser(ctx, id))
    ? await applyMembershipDelta(ctx, id, await userMembershipDelta(ctx, setup.config, user, id, true))
    : undefined;
  await enqueueJobs(platform, connectionId, ctx.changes);
  const failures = [...applied.failures, ...(memberships?.failures ?? [])];
  await recordItemFailures(platform, connectionId, 'user sync', failures);
  const progress = memberships ? addProgress(applied.progress, memberships.progress) : applied.progress;
  const message =
    failures.length > 0
      ? `The directory refused part of the change: ${failures[0]!.reason}`
      : ctx.changes.length > 0
        ? 'The directory now matches the IdP for this user; the provisioning worker applies the change to Atlassian.'
        : 'The user was already up to date.';
  return { ok: true, found: true, progress, message };
}
