import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import type { Logger, QueueHandler, QueueMessage } from '../ports';
import { deliverMessage, errorName, errorRetryDelaySeconds, type DeadLetterHandler } from '../queue-delivery';

export interface ForgeConsumerOptions {
  log: Logger;
  /** Receives every message that failed past maxRetries. */
  onDeadLetter: DeadLetterHandler;
  /** Redeliveries before a failing message is dead-lettered (default 5). Forge's own limit is undocumented. */
  maxRetries?: number;
  /**
   * Told of every failed delivery that asks for a retry, before asking: Forge may never redeliver (how many times it
   * does is undocumented), so the caller notes the failure where a later check finds it.
   */
  onRetry?: (message: QueueMessage, reason: string) => Promise<void>;
  /** Told when a message that failed before is done with: delivered, or recorded as a dead letter. */
  onSettled?: (message: QueueMessage) => Promise<void>;
}

export type ForgeConsumer = (event: AsyncEvent) => Promise<InvocationError | undefined>;

/**
 * A Forge consumer function around a QueueHandler. A requested retry or a thrown error becomes a returned
 * InvocationError (the documented way to ask Forge for a retry, retryAfter >= 1 s), after onRetry has noted it;
 * past maxRetries the message goes to onDeadLetter and is acknowledged, or retried if recording the dead letter
 * failed. Nothing here relies on Forge redelivering at all: onRetry's note is what a lost retry leaves behind.
 */
export function toForgeConsumer(handler: QueueHandler, options: ForgeConsumerOptions): ForgeConsumer {
  const maxRetries = options.maxRetries ?? 5;
  return async (event) => {
    const message: QueueMessage = {
      queueName: event.queueName,
      eventId: event.eventId,
      body: event.body,
      retryCount: event.retryContext?.retryCount ?? 0,
    };
    const fields = { queueName: message.queueName, eventId: message.eventId, retryCount: message.retryCount };
    const outcome = await deliverMessage(handler, message, maxRetries);
    const settled = async () => {
      if (message.retryCount > 0)
        await options
          .onSettled?.(message)
          .catch((error: unknown) => options.log.warn('queue.settle_note_failed', { ...fields, error: errorName(error) }));
    };
    if (outcome.kind === 'done') {
      await settled();
      return undefined;
    }
    if (outcome.kind === 'retry') {
      options.log.info('queue.retry', { ...fields, afterSeconds: outcome.afterSeconds, error: errorName(outcome.error) });
      await options
        .onRetry?.(message, outcome.reason)
        .catch((error: unknown) => options.log.error('queue.retry_note_failed', { ...fields, error: errorName(error) }));
      return retryAfter(outcome.afterSeconds);
    }
    options.log.warn('queue.dead_letter', { ...fields, error: errorName(outcome.error) });
    try {
      await options.onDeadLetter(outcome.letter);
      await settled();
      return undefined;
    } catch (error) {
      options.log.error('queue.dead_letter_failed', { ...fields, error: errorName(error) });
      return retryAfter(errorRetryDelaySeconds(message.retryCount));
    }
  };
}

function retryAfter(seconds: number): InvocationError {
  return new InvocationError({ retryAfter: seconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
}
