import { createForgePlatform } from '../platform/forge/forge-platform';
import { runScheduledSweep } from '../sync/scheduled-sweep';

/**
 * The `sweep-schedule` scheduled trigger (every five minutes). Forge records any answer without a
 * statusCode as a 424 failure (docs/design.md §2); a throw is recorded as a failure too.
 */
export async function scheduledSweep(): Promise<{ statusCode: number }> {
  await runScheduledSweep(createForgePlatform());
  return { statusCode: 204 };
}
