import { InvocationErrorCode, type AsyncEvent } from '@forge/events';
import { LogCapture } from '../../../test/kit/log-capture';
import type { QueueHandler, QueueMessage } from '../ports';
import type { DeadLetter } from '../queue-delivery';
import { toForgeConsumer, type ForgeConsumerOptions } from './queue-consumer';

function event(retryCount?: number): AsyncEvent {
  return {
    queueName: 'jobs',
    jobId: 'job-1',
    eventId: 'event-1',
    body: { connectionId: 'c1' },
    ...(retryCount === undefined
      ? {}
      : { retryContext: { retryCount, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST, retryData: undefined } }),
  };
}

function setup(handler: QueueHandler, options: Partial<ForgeConsumerOptions> = {}) {
  const log = new LogCapture();
  const deadLetters: DeadLetter[] = [];
  const consumer = toForgeConsumer(handler, {
    log,
    maxRetries: 2,
    onDeadLetter: (letter) => void deadLetters.push(letter),
    ...options,
  });
  return { consumer, log, deadLetters };
}

const retry = (retryAfter: number) => ({
  _retry: true,
  retryOptions: { retryAfter, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST },
});

describe('toForgeConsumer', () => {
  it('hands the handler a QueueMessage and acknowledges success', async () => {
    const seen: QueueMessage[] = [];
    const { consumer } = setup(async (m) => void seen.push(m));
    await expect(consumer(event())).resolves.toBeUndefined();
    await consumer(event(1));
    expect(seen).toEqual([
      { queueName: 'jobs', eventId: 'event-1', body: { connectionId: 'c1' }, retryCount: 0 },
      { queueName: 'jobs', eventId: 'event-1', body: { connectionId: 'c1' }, retryCount: 1 },
    ]);
  });

  it('turns retryAfterSeconds into an InvocationError, at least 1 s and in whole seconds', async () => {
    expect(await setup(async () => ({ retryAfterSeconds: 30 })).consumer(event())).toEqual(retry(30));
    expect(await setup(async () => ({ retryAfterSeconds: 0 })).consumer(event())).toEqual(retry(1));
    expect(await setup(async () => ({ retryAfterSeconds: 2.5 })).consumer(event())).toEqual(retry(3));
  });

  it('turns a thrown error into an InvocationError with a growing delay, and never throws', async () => {
    const { consumer, log } = setup(async () => {
      throw new Error('boom');
    });
    expect(await consumer(event())).toEqual(retry(2));
    expect(await consumer(event(1))).toEqual(retry(4));
    expect(log.events()).toEqual(['queue.retry', 'queue.retry']);
  });

  it('dead-letters past maxRetries and acknowledges', async () => {
    const { consumer, deadLetters } = setup(async () => ({ retryAfterSeconds: 5, reason: 'quota' }));
    expect(await consumer(event(2))).toBeUndefined();
    expect(deadLetters).toEqual([
      { message: { queueName: 'jobs', eventId: 'event-1', body: { connectionId: 'c1' }, retryCount: 2 }, reason: 'quota' },
    ]);
  });

  it('asks for a retry when the dead letter cannot be recorded, so nothing is lost', async () => {
    const { consumer, log } = setup(
      async () => {
        throw new Error('boom');
      },
      {
        onDeadLetter: () => {
          throw new Error('store down');
        },
      },
    );
    expect(await consumer(event(2))).toEqual(retry(8));
    expect(log.events()).toEqual(['queue.dead_letter', 'queue.dead_letter_failed']);
  });
});
