import { acquireLease, releaseLease } from '../platform/lease';
import type { Platform } from '../platform/ports';

// PLACEHOLDER: the real sweep (re-queue pending provisioning work, start due REST-pull runs) replaces the body.

/** The function's timeout (schedule-fn, 300 s): a run that dies holding the lease blocks others no longer than a run may last. */
const SWEEP_LEASE_MS = 5 * 60_000;

/** One scheduled sweep. Scheduled runs can be duplicated: only the holder of the `sweep` lease works. */
export async function runScheduledSweep(platform: Platform): Promise<void> {
  const lease = await acquireLease(platform.store, platform.clock, 'sweep', platform.random.id(), SWEEP_LEASE_MS);
  if (!lease) {
    platform.log.info('sweep.skipped', { reason: 'lease_held' });
    return;
  }
  try {
    platform.log.info('sweep.ran');
  } finally {
    await releaseLease(platform.store, lease);
  }
}
