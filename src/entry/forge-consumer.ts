import type { AsyncEvent } from '@forge/events';
import { createForgePlatform } from '../platform/forge/forge-platform';
import { toForgeConsumer, type ForgeConsumer } from '../platform/forge/queue-consumer';
import type { Platform, QueueHandlerResult, QueueMessage } from '../platform/ports';
import type { DeadLetter } from '../platform/queue-delivery';
import { recordActivity } from '../records/activity-log';
import { clearFailedDelivery, noteFailedDelivery } from '../records/delivery-failures';

export type PlatformQueueHandler = (platform: Platform, message: QueueMessage) => Promise<QueueHandlerResult>;

/** A Forge consumer function that hands each event to `handle` with a platform built for that invocation. */
export function forgeConsumer(handle: PlatformQueueHandler): ForgeConsumer {
  return (event: AsyncEvent) => {
    const platform = createForgePlatform();
    const consume = toForgeConsumer((message) => handle(platform, message), {
      log: platform.log,
      onDeadLetter: (letter) => recordDeadLetter(platform, letter),
      onRetry: (message, reason) => noteFailedDelivery(platform, message, reason),
      onSettled: (message) => clearFailedDelivery(platform, message),
    });
    return consume(event);
  };
}

/** A message given up on is an activity entry the admin sees; if even that fails, the consumer retries. */
async function recordDeadLetter(platform: Platform, { message, reason }: DeadLetter): Promise<void> {
  const connectionId = typeof message.body.connectionId === 'string' ? message.body.connectionId : undefined;
  await recordActivity(platform, {
    connectionId,
    actor: 'system',
    subject: { kind: 'queue-message', id: message.eventId },
    action: `deliver ${message.queueName}`,
    result: 'failed',
    reason: `Gave up after ${message.retryCount} retries: ${reason}`,
  });
}
