import type { Platform } from '../platform/ports';
import { recordActivity, type ActivityEntry } from '../records/activity-log';

/** An admin's change, for the activity log: what was changed, never the values (secrets, tokens, names of people). */
export async function recordAdminChange(
  platform: Pick<Platform, 'store' | 'clock' | 'random'>,
  change: { connectionId?: string; subject: ActivityEntry['subject']; action: string; reason?: string },
): Promise<void> {
  await recordActivity(platform, { ...change, actor: 'admin', result: 'applied' });
}

/** The action of a REST-pull connection's "Test connection" entries. */
export const CONNECTION_TEST = 'connection tested';

export function connectionSubject(connection: { id: string; name: string }): ActivityEntry['subject'] {
  return { kind: 'connection', id: connection.id, label: connection.name };
}
