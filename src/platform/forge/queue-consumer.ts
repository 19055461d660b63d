import { InvocationError, InvocationErrorCode, type AsyncEvent } from '@forge/events';
import type { Logger, QueueHandler, QueueMessage } from '../ports';
import { deliverMessage, errorName, errorRetryDelaySeconds, type DeadLetterHandler } from '../queue-delivery';

export interface ForgeConsumerOptions {
  log: Logger;
  /** Receives every message that failed past maxRetries. */
  onDeadLetter: DeadLetterHandler;
  /** Redeliveries before a failing message is dead-lettered (default 5). Forge's own limit is undocumented. */
  maxRetries?: number;
}

export type ForgeConsumer = (event: AsyncEvent) => Promise<InvocationError | undefined>;

/**
 * A Forge consumer function around a QueueHandler. A requested retry or a thrown error becomes a returned
 * InvocationError (the documented way to ask Forge for a retry, retryAfter >= 1 s); past maxRetries the
 * message goes to onDeadLetter and is acknowledged, or retried if recording the dead letter failed.
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
    if (outcome.kind === 'done') return undefined;
    if (outcome.kind === 'retry') {
      options.log.info('queue.retry', { ...fields, afterSeconds: outcome.afterSeconds, error: errorName(outcome.error) });
      return retryAfter(outcome.afterSeconds);
    }
    options.log.warn('queue.dead_letter', { ...fields, error: errorName(outcome.error) });
    try {
      await options.onDeadLetter(outcome.letter);
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
