import type { Clock, Logger, Queue, QueueEvent, QueueHandler, QueueMessage } from '../ports';
import { planPushBatches } from '../queue-batches';
import { deliverMessage, errorName, type DeadLetterHandler, type DeliveryOutcome } from '../queue-delivery';

export interface MemoryQueueOptions {
  clock: Clock;
  log: Logger;
  /** Receives every message that failed past maxRetries. */
  onDeadLetter: DeadLetterHandler;
  /** Deliveries in flight per queue name (default 4). */
  concurrency?: number;
  /** Redeliveries before a failing message is dead-lettered (default 5). */
  maxRetries?: number;
  /** Test hook: after a message's first successful delivery, return true to deliver it once more. */
  duplicate?: (message: QueueMessage) => boolean;
  /** Chooses which ready message goes next, in [0, 1): Forge does not deliver in push order (default Math.random). */
  random?: () => number;
}

interface Waiter {
  done: () => boolean;
  resolve: () => void;
}

/**
 * An in-process queue with Forge async events' semantics: pushes validated and split like @forge/events,
 * parallel delivery in no particular order up to a concurrency limit, delays on the injected clock,
 * at-least-once redelivery on a thrown error or a requested retry, and dead letters after maxRetries.
 * Not durable: whatever is pending at stop() is gone (the periodic sweep re-queues pending work).
 */
export class MemoryQueue implements Queue {
  private readonly handlers = new Map<string, QueueHandler>();
  private readonly ready = new Map<string, QueueMessage[]>();
  private readonly running = new Map<string, number>();
  private readonly duplicated = new Set<string>();
  private readonly waiters: Waiter[] = [];
  private delayed = 0;
  private sequence = 0;
  private stopped = false;
  private readonly concurrency: number;
  private readonly maxRetries: number;
  private readonly random: () => number;

  constructor(private readonly options: MemoryQueueOptions) {
    this.concurrency = options.concurrency ?? 4;
    this.maxRetries = options.maxRetries ?? 5;
    this.random = options.random ?? Math.random;
  }

  async push(queueName: string, events: QueueEvent[]): Promise<void> {
    if (this.stopped) throw new Error('The queue is stopped');
    for (const batch of planPushBatches(queueName, events)) {
      for (const event of batch) {
        this.sequence += 1;
        const message: QueueMessage = { queueName, eventId: `event-${this.sequence}`, body: event.body, retryCount: 0 };
        this.schedule(message, event.delayInSeconds ?? 0);
      }
    }
  }

  /** One consumer per queue, as in the manifest. Messages pushed before registration wait for it. */
  register(queueName: string, handler: QueueHandler): void {
    if (this.handlers.has(queueName)) throw new Error(`Queue ${queueName} already has a consumer`);
    this.handlers.set(queueName, handler);
    this.pump(queueName);
  }

  /** Resolves when no message is ready or being handled; messages waiting out a delay may remain. */
  idle(): Promise<void> {
    return this.waitUntil(() => this.stopped || (this.readyForConsumers() === 0 && this.inFlight() === 0));
  }

  /** Resolves when nothing at all is pending, delays included (advance a fake clock meanwhile). */
  drain(): Promise<void> {
    return this.waitUntil(() => this.stopped || this.pending() === 0);
  }

  /** Stops delivering, waits for deliveries in flight, and logs how many messages were left. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await this.waitUntil(() => this.inFlight() === 0);
    const left = this.pending();
    if (left > 0) this.options.log.warn('queue.stopped_with_pending', { pending: left });
  }

  private schedule(message: QueueMessage, delaySeconds: number): void {
    if (delaySeconds <= 0) {
      this.enqueue(message);
      return;
    }
    this.delayed += 1;
    void this.options.clock.sleep(delaySeconds * 1000).then(() => {
      this.delayed -= 1;
      this.enqueue(message);
    });
  }

  private enqueue(message: QueueMessage): void {
    const list = this.ready.get(message.queueName) ?? [];
    list.push(message);
    this.ready.set(message.queueName, list);
    // Deliver on a later tick, never inside push(): the pusher finishes its own work first, as on Forge.
    void Promise.resolve().then(() => this.pump(message.queueName));
  }

  private pump(queueName: string): void {
    const handler = this.handlers.get(queueName);
    const list = this.ready.get(queueName);
    if (this.stopped || !handler || !list) return;
    while (list.length > 0 && (this.running.get(queueName) ?? 0) < this.concurrency) {
      const [message] = list.splice(Math.floor(this.random() * list.length), 1);
      void this.run(handler, message);
    }
  }

  private async run(handler: QueueHandler, message: QueueMessage): Promise<void> {
    const { queueName } = message;
    this.running.set(queueName, (this.running.get(queueName) ?? 0) + 1);
    try {
      await this.settle(message, await deliverMessage(handler, message, this.maxRetries));
    } finally {
      this.running.set(queueName, (this.running.get(queueName) ?? 1) - 1);
      this.pump(queueName);
      this.notify();
    }
  }

  private async settle(message: QueueMessage, outcome: DeliveryOutcome): Promise<void> {
    const fields = { queueName: message.queueName, eventId: message.eventId, retryCount: message.retryCount };
    if (outcome.kind === 'done') {
      if (!this.duplicated.has(message.eventId) && this.options.duplicate?.(message)) {
        this.duplicated.add(message.eventId);
        this.schedule(message, 0);
      }
      return;
    }
    if (outcome.kind === 'retry') {
      this.options.log.info('queue.retry', { ...fields, afterSeconds: outcome.afterSeconds, error: errorName(outcome.error) });
      this.schedule({ ...message, retryCount: message.retryCount + 1 }, outcome.afterSeconds);
      return;
    }
    this.options.log.warn('queue.dead_letter', { ...fields, error: errorName(outcome.error) });
    try {
      await this.options.onDeadLetter(outcome.letter);
    } catch (error) {
      this.options.log.error('queue.dead_letter_failed', { ...fields, error: errorName(error) });
    }
  }

  private waitUntil(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  private notify(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter.done()) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private inFlight(): number {
    let count = 0;
    for (const running of this.running.values()) count += running;
    return count;
  }

  private readyForConsumers(): number {
    let count = 0;
    for (const [queueName, list] of this.ready) if (this.handlers.has(queueName)) count += list.length;
    return count;
  }

  private pending(): number {
    let count = this.delayed + this.inFlight();
    for (const list of this.ready.values()) count += list.length;
    return count;
  }
}
