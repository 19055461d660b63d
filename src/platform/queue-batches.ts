import { validatePushEvents, validateQueueKey } from '@forge/events/out/validators';
import type { QueueEvent } from './ports';

// @forge/events' client-side limits (pkg:@forge/events/out/validators.js): 1..50 events per push, and the
// JSON of the event array at most 200 KB (its check divides bytes by 1024).
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_BYTES = 200 * 1024;

/**
 * Splits events into pushes that @forge/events accepts, in order, and runs the package's own validators on
 * every batch before any is pushed, so that a bad event fails the whole call with the package's error
 * (InvalidQueueNameError, InvalidPushSettingsError, PayloadTooBigError for one event over 200 KB, ...).
 */
export function planPushBatches(queueName: string, events: QueueEvent[]): QueueEvent[][] {
  validateQueueKey(queueName);
  const batches: QueueEvent[][] = [];
  let batch: QueueEvent[] = [];
  let batchBytes = 2; // the array's brackets
  for (const event of events) {
    const eventBytes = jsonBytes(event);
    const grownBytes = batchBytes + eventBytes + (batch.length > 0 ? 1 : 0);
    if (batch.length > 0 && (batch.length === MAX_EVENTS_PER_PUSH || grownBytes > MAX_PUSH_BYTES)) {
      batches.push(batch);
      batch = [];
      batchBytes = 2;
    }
    batchBytes += eventBytes + (batch.length > 0 ? 1 : 0);
    batch.push(event);
  }
  if (batch.length > 0) batches.push(batch);
  for (const planned of batches) validatePushEvents(planned);
  return batches;
}

function jsonBytes(event: QueueEvent): number {
  // A non-object event or body has no JSON size worth computing; validatePushEvents rejects it.
  return Buffer.byteLength(JSON.stringify(event) ?? '', 'utf8');
}
