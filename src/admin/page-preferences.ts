import { z } from 'zod';
import { activityResultFilters } from '../records/activity-log';
import { sharedKeys } from '../storage/keys';
import { connectionIdSchema, operation } from './result';

// What the admin page remembers for each administrator between visits: the app shown in the other tabs and the
// Activity filter. Kept per account, so that two admins do not move each other's page.

const preferencesSchema = z.object({
  selectedConnectionId: connectionIdSchema.optional(),
  activity: z
    .object({
      connectionId: connectionIdSchema.optional(),
      result: z.enum(activityResultFilters).optional(),
      text: z.string().trim().max(200, 'Use at most 200 characters.').optional(),
    })
    .optional(),
});

export type PagePreferences = z.infer<typeof preferencesSchema>;

const preferencesKey = (accountId: string | undefined) => sharedKeys.pagePreferences(accountId ?? 'unknown');

export const pagePreferenceOperations = {
  getPagePreferences: operation(z.object({}), async (deps, _input, context): Promise<PagePreferences> => {
    const stored = preferencesSchema.safeParse((await deps.platform.store.get(preferencesKey(context.accountId)))?.value);
    return stored.success ? stored.data : {};
  }),

  /** Replaces the parts it is given. */
  savePagePreferences: operation(preferencesSchema, async (deps, input, context): Promise<PagePreferences> => {
    const key = preferencesKey(context.accountId);
    const stored = preferencesSchema.safeParse((await deps.platform.store.get(key))?.value);
    const merged = { ...(stored.success ? stored.data : {}), ...input };
    await deps.platform.store.set(key, merged);
    return merged;
  }),
};
