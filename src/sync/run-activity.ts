import type { Platform } from '../platform/ports';
import { recordActivity, type ActivityEntry } from '../records/activity-log';
import type { ItemFailure } from './item-failure';
import type { Run } from './run-record';

/** Per event: beyond this many refused records, one entry says how many more there were. */
const MAX_FAILURE_ENTRIES = 20;

type ActivityPlatform = Pick<Platform, 'store' | 'clock' | 'random'>;

export async function recordRunActivity(
  platform: ActivityPlatform,
  run: Run,
  result: ActivityEntry['result'],
  reason: string,
  actor: 'pull' | 'admin' | 'system' = 'pull',
): Promise<void> {
  await recordActivity(platform, {
    connectionId: run.connectionId,
    actor,
    subject: { kind: 'pull-run', id: run.id },
    action: runLabel(run),
    result,
    reason,
  });
}

/** Records the directory refused; `origin` names what was applying them ("full pull run", "user sync"). */
export async function recordItemFailures(platform: ActivityPlatform, connectionId: string, origin: string, failures: ItemFailure[]): Promise<void> {
  const entry = (subject: { kind: string; id: string }, reason: string) =>
    recordActivity(platform, {
      connectionId,
      actor: 'pull',
      subject,
      action: `apply ${subject.kind} from ${origin}`,
      result: 'failed',
      reason: `${reason} The next run tries again.`,
      retryable: true,
    });
  for (const failure of failures.slice(0, MAX_FAILURE_ENTRIES)) await entry({ kind: failure.kind, id: failure.id }, failure.reason);
  const more = failures.length - MAX_FAILURE_ENTRIES;
  if (more > 0) await entry({ kind: 'connection', id: connectionId }, `${more} more records were refused in one page.`);
}

/** "full scheduled pull run", "delta manual pull run". */
export function runLabel(run: Run): string {
  return `${run.mode} ${run.trigger === 'manual' ? 'manual' : 'scheduled'} pull run`;
}
