import { z } from 'zod';
import { activityResultFilters, listActivity, type ActivityPage } from '../records/activity-log';
import { connectionIdSchema, operation } from './result';

const activityFilter = z.object({
  connectionId: connectionIdSchema.optional(),
  result: z.enum(activityResultFilters).optional(),
  text: z.string().trim().max(200, 'Use at most 200 characters.').optional(),
  cursor: z.string().max(2000).optional(),
});

export const activityOperations = {
  /** Newest first, 25 at a time; `cursor` goes on where the last page stopped. */
  listActivity: operation(activityFilter, async (deps, input): Promise<ActivityPage> => {
    const { cursor, text, ...filter } = input;
    return listActivity(deps.platform.store, { ...filter, ...(text ? { text } : {}) }, { cursor, limit: 25 });
  }),
};
