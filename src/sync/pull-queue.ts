import { z } from 'zod';
import type { Platform } from '../platform/ports';

/** The queue of pull page events (manifest.yml: consumer pull-sync-consumer). */
export const PULL_QUEUE = 'pull-sync-pages';

/** "Do step `step` of run `runId`": everything else (phase, cursor) is in the run record. */
export const pageEventSchema = z.object({
  connectionId: z.string(),
  runId: z.string(),
  step: z.number().int().min(0),
});
export type PageEvent = z.infer<typeof pageEventSchema>;

export async function pushPageEvent(platform: Pick<Platform, 'queue'>, event: PageEvent): Promise<void> {
  await platform.queue.push(PULL_QUEUE, [{ body: { ...event } }]);
}
