import type { FetchMethod } from '@forge/api';
import { Queue as ForgeQueue } from '@forge/events';
import type { Queue, QueueEvent } from '../ports';
import { planPushBatches } from '../queue-batches';

/**
 * The Queue port on @forge/events. Every batch is validated before the first is sent; batches go out one
 * after another, so a failure (RateLimitError, InvocationLimitReachedError, ...) may leave earlier batches
 * pushed: callers retry the whole push and consumers tolerate the duplicates (delivery is at-least-once anyway).
 * apiClient replaces the package's default (__requestAtlassianAsApp) in tests.
 */
export function createEventsQueue(apiClient?: FetchMethod): Queue {
  return {
    async push(queueName: string, events: QueueEvent[]): Promise<void> {
      const batches = planPushBatches(queueName, events);
      if (batches.length === 0) return;
      const queue = new ForgeQueue({ key: queueName }, apiClient);
      for (const batch of batches) await queue.push(batch);
    },
  };
}
