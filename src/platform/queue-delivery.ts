import { backoff } from './backoff';
import type { QueueHandler, QueueMessage } from './ports';

/** A message whose handler kept failing past the retry limit. Callers record it; it is never dropped silently. */
export interface DeadLetter {
  message: QueueMessage;
  /** The handler's last retry reason, or the thrown error's name and message. */
  reason: string;
}

export type DeadLetterHandler = (letter: DeadLetter) => void | Promise<void>;

export type DeliveryOutcome =
  { kind: 'done' } | { kind: 'retry'; afterSeconds: number; reason: string; error?: unknown } | { kind: 'dead'; letter: DeadLetter; error?: unknown };

/** @forge/events' MIN_RETRY_AFTER. */
export const MIN_RETRY_AFTER_SECONDS = 1;
const MAX_ERROR_RETRY_SECONDS = 900;

/** After a thrown error: 2, 4, 8, ... seconds, capped at 900 (the longest delay a push may ask for). */
export function errorRetryDelaySeconds(retryCount: number): number {
  return backoff(retryCount, { first: 2, max: MAX_ERROR_RETRY_SECONDS });
}

/**
 * Runs one delivery and decides what happens next, the same way on Forge and locally: success acks; a
 * requested retry or a thrown error redelivers with retryCount + 1, unless this delivery was already the
 * last allowed retry (retryCount >= maxRetries), in which case the message becomes a dead letter.
 */
export async function deliverMessage(handler: QueueHandler, message: QueueMessage, maxRetries: number): Promise<DeliveryOutcome> {
  let retry: { afterSeconds: number; reason: string; error?: unknown };
  try {
    const result = await handler(message);
    if (!result) return { kind: 'done' };
    retry = {
      afterSeconds: Math.max(MIN_RETRY_AFTER_SECONDS, Math.ceil(result.retryAfterSeconds) || 0),
      reason: result.reason ?? 'retry requested',
    };
  } catch (error) {
    retry = { afterSeconds: errorRetryDelaySeconds(message.retryCount), reason: describeError(error), error };
  }
  if (message.retryCount >= maxRetries) {
    return { kind: 'dead', letter: { message, reason: retry.reason }, error: retry.error };
  }
  return { kind: 'retry', ...retry };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The error's class name only: log fields never carry messages, which may quote personal data. */
export function errorName(error: unknown): string | undefined {
  return error === undefined ? undefined : error instanceof Error ? error.name : typeof error;
}
