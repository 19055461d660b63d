import { MemoryQueue } from '../../src/platform/local/memory-queue';
import type { DeadLetter } from '../../src/platform/queue-delivery';
import { FakeClock } from '../kit/fake-clock';
import { LogCapture } from '../kit/log-capture';
import { queueContract } from './queue.contract';

queueContract('MemoryQueue', (options) => {
  const clock = new FakeClock();
  const deadLetters: DeadLetter[] = [];
  const queue = new MemoryQueue({
    clock,
    log: new LogCapture(),
    onDeadLetter: (letter) => {
      deadLetters.push(letter);
    },
    ...options,
  });
  return {
    queue,
    clock,
    deadLetters,
    register: (queueName, handler) => queue.register(queueName, handler),
    idle: () => queue.idle(),
  };
});
