import { listConnections } from '../connections/connection-repository';
import { EVENTS_PER_MINUTE } from '../platform/forge-limits';
import type { Platform } from '../platform/ports';
import { MAX_EVENTS_PER_PUSH } from '../platform/queue-batches';
import { queueRefusal } from '../platform/queue-errors';
import { listPendingChanges, type ChangedSubject } from '../records/change-records';
import { pushJobs } from './jobs';

/** A change older than this with no job done is taken as lost (a failed push, a crashed worker). */
export const PENDING_GRACE_MS = 2 * 60_000;
/** The repair pass pushes at most this many events a minute: half of Forge's quota, the rest is for live work. */
export const REQUEUE_EVENTS_PER_MINUTE = EVENTS_PER_MINUTE / 2;
/** Minutes a sweep spends re-queueing, so that it ends well inside its 300 s timeout and before the next sweep. */
export const REQUEUE_MINUTES_PER_SWEEP = 3;
/** What one sweep re-queues at most; the rest waits for the next sweep. */
export const MAX_REQUEUE_PER_SWEEP = REQUEUE_EVENTS_PER_MINUTE * REQUEUE_MINUTES_PER_SWEEP;

export interface RepairSummary {
  /** Jobs the queue accepted. */
  requeued: number;
  /**
   * Why the pass ended before every stale change was queued: Forge refused a push (rateLimited, chainLimit), a push
   * failed otherwise (pushFailed), or the sweep's minutes ran out (budget).
   */
  stoppedBy?: 'rateLimited' | 'chainLimit' | 'pushFailed' | 'budget';
}

/**
 * Keeps the pass's pushes at REQUEUE_EVENTS_PER_MINUTE in any sliding minute, waiting on the clock for older pushes
 * to leave the minute, for REQUEUE_MINUTES_PER_SWEEP minutes from the pass's start at most.
 */
class Pacer {
  private readonly pushed: { at: number; events: number }[] = [];
  private readonly endsAt: number;

  constructor(private readonly clock: Platform['clock']) {
    this.endsAt = clock.now() + REQUEUE_MINUTES_PER_SWEEP * 60_000;
  }

  /** Waits until `events` more fit the minute's share; false when that would take past the pass's minutes. */
  async makeRoom(events: number): Promise<boolean> {
    for (;;) {
      const now = this.clock.now();
      while (this.pushed.length > 0 && this.pushed[0].at <= now - 60_000) this.pushed.shift();
      const inMinute = this.pushed.reduce((sum, entry) => sum + entry.events, 0);
      if (inMinute + events <= REQUEUE_EVENTS_PER_MINUTE) return now < this.endsAt;
      const roomAt = this.pushed[0].at + 60_000 + 1;
      if (roomAt >= this.endsAt) return false;
      await this.clock.sleep(roomAt - now);
    }
  }

  spent(events: number): void {
    this.pushed.push({ at: this.clock.now(), events });
  }
}

class RequeueStopped extends Error {
  constructor(readonly reason: NonNullable<RepairSummary['stoppedBy']>) {
    super(reason);
  }
}

/**
 * The repair pass of the scheduled sweep: queue again every change record left pending too long, paced under
 * Forge's event quota. The first refused push ends the pass (what is left stays pending for the next sweep), and
 * only jobs the queue accepted are counted.
 */
export async function repairPendingProvisioning(platform: Platform): Promise<RepairSummary> {
  const pacer = new Pacer(platform.clock);
  let requeued = 0;
  let stoppedBy: RepairSummary['stoppedBy'];
  try {
    for (const connection of await listConnections(platform.store)) {
      if (!connection.enabled) continue;
      await requeueConnection(platform, connection.id, pacer, (count) => (requeued += count));
    }
  } catch (error) {
    if (!(error instanceof RequeueStopped)) throw error;
    stoppedBy = error.reason;
    platform.log.warn('provisioning.requeue_stopped', { reason: error.reason, jobs: requeued });
  }
  if (requeued > 0) platform.log.info('provisioning.requeued', { jobs: requeued });
  return stoppedBy ? { requeued, stoppedBy } : { requeued };
}

async function requeueConnection(platform: Platform, connectionId: string, pacer: Pacer, queued: (count: number) => void): Promise<void> {
  const cutoff = platform.clock.now() - PENDING_GRACE_MS;
  let cursor: string | undefined;
  do {
    const page = await listPendingChanges(platform.store, connectionId, { cursor });
    const stale: ChangedSubject[] = page.items
      .filter((item) => Date.parse(item.value.at) <= cutoff)
      .map((item) => ({ kind: item.value.kind, subjectId: item.value.subjectId }));
    for (let start = 0; start < stale.length; start += MAX_EVENTS_PER_PUSH) {
      const batch = stale.slice(start, start + MAX_EVENTS_PER_PUSH);
      if (!(await pacer.makeRoom(batch.length))) throw new RequeueStopped('budget');
      try {
        await pushJobs(platform, connectionId, batch);
      } catch (error) {
        throw new RequeueStopped(queueRefusal(error) ?? 'pushFailed');
      }
      pacer.spent(batch.length);
      queued(batch.length);
    }
    cursor = page.cursor;
  } while (cursor);
}
