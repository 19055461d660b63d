import { z } from 'zod';
import type { Platform, QueueMessage } from '../platform/ports';
import { sharedKeys } from '../storage/keys';
import { recordActivity } from './activity-log';

// Forge documents neither how many times it redelivers a failed event nor for how long. So a delivery that fails
// and asks for a retry is noted at once; a successful redelivery clears the note; and the scheduled sweep turns a
// note that no redelivery cleared within STALLED_AFTER_MS into an activity entry. A message Forge stops retrying,
// after any number of attempts, is then seen by the admin, never dropped silently.

/** Longer than the longest wait between two deliveries (900 s) with room for queueing. */
export const STALLED_AFTER_MS = 60 * 60_000;
const NOTE_TTL_SECONDS = 7 * 86_400;

const noteSchema = z.object({
  queueName: z.string(),
  eventId: z.string(),
  connectionId: z.string().optional(),
  retryCount: z.number().int(),
  reason: z.string(),
  at: z.number(),
});

type Deps = Pick<Platform, 'store' | 'clock' | 'random'>;

export async function noteFailedDelivery(platform: Deps, message: QueueMessage, reason: string): Promise<void> {
  const connectionId = typeof message.body.connectionId === 'string' ? message.body.connectionId : undefined;
  const note = {
    queueName: message.queueName,
    eventId: message.eventId,
    connectionId,
    retryCount: message.retryCount,
    reason,
    at: platform.clock.now(),
  };
  await platform.store.set(sharedKeys.failedDelivery(message.eventId), noteSchema.parse(note), { ttlSeconds: NOTE_TTL_SECONDS });
}

/** After a redelivery that succeeded (or was given up on and recorded): the note is no longer needed. */
export async function clearFailedDelivery(platform: Deps, message: QueueMessage): Promise<void> {
  await platform.store.delete(sharedKeys.failedDelivery(message.eventId));
}

/** The sweep's pass: every note no redelivery cleared in time becomes an activity entry, once. */
export async function reportStalledDeliveries(platform: Deps): Promise<number> {
  const cutoff = platform.clock.now() - STALLED_AFTER_MS;
  let reported = 0;
  let cursor: string | undefined;
  do {
    const page = await platform.store.query<unknown>(sharedKeys.failedDeliveryPrefix, { cursor });
    for (const item of page.items) {
      const note = noteSchema.safeParse(item.value);
      if (note.success && note.data.at > cutoff) continue;
      if (note.success) {
        const { data } = note;
        const attempts = data.retryCount + 1;
        await recordActivity(platform, {
          connectionId: data.connectionId,
          actor: 'system',
          subject: { kind: 'queue-message', id: data.eventId },
          action: `deliver ${data.queueName}`,
          result: 'failed',
          reason: `Failed ${attempts} time${attempts === 1 ? '' : 's'} and was not delivered again within an hour: ${data.reason}`,
        });
        reported += 1;
      }
      await platform.store.delete(item.key, { ifVersion: item.version }).catch(() => false);
    }
    cursor = page.cursor;
  } while (cursor);
  return reported;
}
