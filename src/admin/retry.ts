import { z } from 'zod';
import { changeOp, directoryContext } from '../directory/directory-context';
import { getGroup } from '../directory/groups';
import { getUser } from '../directory/users';
import { enqueueJobs } from '../provisioning/jobs';
import { recordAdminChange } from './admin-changes';
import { connectionIdSchema, notFound, operation } from './result';

const retryPayload = z.object({
  connectionId: connectionIdSchema,
  kind: z.enum(['user', 'group', 'membership']),
  /** A user or group id; for a membership `{groupId}:{userId}`. */
  subjectId: z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'Choose what to retry.'),
});

export const retryOperations = {
  /**
   * "Retry" on a failed user, group or membership: writes a change record for it and queues a provisioning job,
   * as an IdP change would. A membership is retried through its user, who holds all of that user's groups.
   */
  retrySubject: operation(retryPayload, async (deps, input) => {
    const { platform } = deps;
    const ctx = directoryContext(platform, input.connectionId, 'admin');
    const kind = input.kind === 'group' ? 'group' : 'user';
    const subjectId = input.kind === 'membership' ? (input.subjectId.split(':')[1] ?? '') : input.subjectId;
    const exists = kind === 'group' ? await getGroup(ctx, subjectId) : await getUser(ctx, subjectId);
    if (!exists) throw notFound(`This ${kind}`);
    await platform.store.transact([changeOp(ctx, kind, subjectId, ['retry'])]);
    await enqueueJobs(platform, input.connectionId, ctx.changes);
    await recordAdminChange(platform, { connectionId: input.connectionId, subject: { kind, id: subjectId }, action: 'retry requested' });
    return { queued: true as const };
  }),
};
