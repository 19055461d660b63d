import { createEventsQueue } from '../../src/platform/forge/events-queue';
import { toForgeConsumer } from '../../src/platform/forge/queue-consumer';
import type { DeadLetter } from '../../src/platform/queue-delivery';
import { FakeForgeEventsApi } from '../../src/fakes/forge/forge-events-api';
import { FakeClock } from '../kit/fake-clock';
import { LogCapture } from '../kit/log-capture';
import { queueContract } from './queue.contract';

// What is pushed through @forge/events reaches the handler through the consumer adapter, driven by the fake
// events service; the fake never sees a thrown consumer (the adapter turns failures into InvocationErrors).
queueContract('@forge/events Queue + toForgeConsumer', ({ concurrency, maxRetries, duplicate }) => {
  const clock = new FakeClock();
  const deadLetters: DeadLetter[] = [];
  const api = new FakeForgeEventsApi({
    clock,
    concurrency,
    duplicate:
      duplicate &&
      ((event) =>
        duplicate({
          queueName: event.queueName,
          eventId: event.eventId,
          body: event.body,
          retryCount: event.retryContext?.retryCount ?? 0,
        })),
  });
  const log = new LogCapture();
  return {
    queue: createEventsQueue(api.apiClient),
    clock,
    deadLetters,
    register: (queueName, handler) =>
      api.registerConsumer(
        queueName,
        toForgeConsumer(handler, {
          log,
          maxRetries,
          onDeadLetter: (letter) => {
            deadLetters.push(letter);
          },
        }),
      ),
    idle: async () => {
      await api.idle();
      expect(api.uncaught).toEqual([]);
    },
    pushes: () => api.pushes.map((push) => push.events),
  };
});
