import { InvalidPushSettingsError, InvalidQueueNameError, NoEventsToPushError, PayloadTooBigError, TooManyEventsError } from '@forge/events';
import { MAX_EVENT_BYTES } from './forge-limits';
import type { QueueEvent } from './ports';

// Forge's documented limits of one push to an async events queue, which @forge/events checks before it sends:
// 1 to 50 events, the JSON of the event array at most 200 KB (bytes / 1024), a delay of 0 to 900 seconds, and
// queue names of letters, digits, dashes and underscores. Refused with @forge/events' own errors, so that code
// running locally fails as it would on Forge. One event over 100 KB is refused too: Forge refuses it for consumers
// with a timeout over 55 s, which ours have.
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_BYTES = 200 * 1024;
export const MAX_DELAY_SECONDS = 900;
const QUEUE_NAME = /^[a-zA-Z0-9-_]+$/;

/**
 * Splits events into pushes that @forge/events accepts, in order, and checks every batch against the limits
 * before any is pushed, so that a bad event fails the whole call with the package's error
 * (InvalidQueueNameError, InvalidPushSettingsError, PayloadTooBigError for one event over 200 KB, ...).
 */
export function planPushBatches(queueName: string, events: QueueEvent[]): QueueEvent[][] {
  if (!QUEUE_NAME.test(queueName)) throw new InvalidQueueNameError('Queue names can only contain alphanumeric characters, dashes and underscores.');
  const batches: QueueEvent[][] = [];
  let batch: QueueEvent[] = [];
  let batchBytes = 2; // the array's brackets
  for (const event of events) {
    const eventBytes = jsonBytes(event);
    if (eventBytes > MAX_EVENT_BYTES) throw new PayloadTooBigError(`An event is ${eventBytes} bytes; the limit is ${MAX_EVENT_BYTES}.`);
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
  for (const planned of batches) checkPush(planned);
  return batches;
}

function checkPush(events: QueueEvent[]): void {
  if (events.length === 0) throw new NoEventsToPushError('No events pushed.');
  if (events.length > MAX_EVENTS_PER_PUSH) throw new TooManyEventsError(`This push contains more than the ${MAX_EVENTS_PER_PUSH} events allowed.`);
  for (const event of events) {
    if (!isObject(event)) throw new TypeError('Event must be an object.');
    if (!isObject(event.body)) throw new TypeError('Event body must be an object.');
    const delay = event.delayInSeconds ?? 0;
    if (delay < 0 || delay > MAX_DELAY_SECONDS)
      throw new InvalidPushSettingsError(`The delayInSeconds setting must be between 0 and ${MAX_DELAY_SECONDS}.`);
  }
  if (Buffer.byteLength(JSON.stringify(events)) > MAX_PUSH_BYTES)
    throw new PayloadTooBigError(`The maximum payload size is ${MAX_PUSH_BYTES / 1024}KB.`);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonBytes(event: QueueEvent): number {
  // A non-object event or body has no JSON size worth computing; checkPush rejects it.
  return Buffer.byteLength(JSON.stringify(event) ?? '', 'utf8');
}
