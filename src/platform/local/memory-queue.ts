import { AsyncLocalStorage } from 'node:async_hooks';
import { InvocationLimitReachedError, RateLimitError } from '@forge/events';
import { CONSUMER_TIMEOUT_SECONDS, DEFAULT_FUNCTION_TIMEOUT_SECONDS, EVENTS_PER_MINUTE, PUSHES_PER_CHAIN } from '../forge-limits';
import type { Clock, Logger, Queue, QueueEvent, QueueHandler, QueueMessage } from '../ports';
import { planPushBatches } from '../queue-batches';
import { underDeadline } from './invocation-deadline';
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
  /** Events accepted per sliding minute before a push fails with RateLimitError (default Forge's 500). */
  eventsPerMinute?: number;
  /** Push requests per invocation chain before a push fails with InvocationLimitReachedError (default Forge's 1,000). */
  pushesPerChain?: number;
  /** Each queue's consumer timeout (default the manifest's, else Forge's 55 s): a delivery that outlives it failed. */
  timeoutSeconds?: Record<string, number>;
}

/** The push requests made so far by one initial invocation and every delivery it led to. */
interface Chain {
  pushes: number;
}

interface Envelope {
  message: QueueMessage;
  chain: Chain;
}

interface Waiter {
  done: () => boolean;
  resolve: () => void;
}

/**
 * An in-process queue with Forge async events' semantics: pushes validated and split like @forge/events,
 * parallel delivery in no particular order up to a concurrency limit, delays on the injected clock,
 * at-least-once redelivery on a thrown error or a requested retry, and dead letters after maxRetries.
 * Forge's limits hold: each push request (a batch of at most 50 events) is refused with @forge/events'
 * RateLimitError past 500 events in the last minute, and with InvocationLimitReachedError past 1,000 push
 * requests in one invocation chain (a push made outside any delivery starts a chain; a delivery's pushes belong
 * to the chain of the push that queued it); a delivery that outlives its consumer's timeout counts as failed.
 * Not durable: whatever is pending at stop() is gone (the periodic sweep re-queues pending work).
 */
export class MemoryQueue implements Queue {
  private readonly handlers = new Map<string, QueueHandler>();
  private readonly ready = new Map<string, Envelope[]>();
  private readonly chains = new AsyncLocalStorage<Chain>();
  private readonly accepted: { at: number; events: number }[] = [];
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
    const chain = this.chains.getStore() ?? { pushes: 0 };
    for (const batch of planPushBatches(queueName, events)) {
      this.admit(chain, batch.length);
      for (const event of batch) {
        this.sequence += 1;
        const message: QueueMessage = { queueName, eventId: `event-${this.sequence}`, body: event.body, retryCount: 0 };
        this.schedule({ message, chain }, event.delayInSeconds ?? 0);
      }
    }
  }

  /** Events accepted in the last minute (what the next push is measured against). */
  eventsInLastMinute(): number {
    const since = this.options.clock.now() - 60_000;
    while (this.accepted.length > 0 && this.accepted[0].at <= since) this.accepted.shift();
    return this.accepted.reduce((sum, entry) => sum + entry.events, 0);
  }

  /** One push request, as Forge counts it: against the chain's pushes and the installation's events per minute. */
  private admit(chain: Chain, events: number): void {
    if (chain.pushes >= (this.options.pushesPerChain ?? PUSHES_PER_CHAIN)) {
      throw new InvocationLimitReachedError('The invocation chain reached its limit of push requests.');
    }
    if (this.eventsInLastMinute() + events > (this.options.eventsPerMinute ?? EVENTS_PER_MINUTE)) {
      throw new RateLimitError('Too many events were pushed in the last minute.');
    }
    chain.pushes += 1;
    this.accepted.push({ at: this.options.clock.now(), events });
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

  private schedule(envelope: Envelope, delaySeconds: number): void {
    if (delaySeconds <= 0) {
      this.enqueue(envelope);
      return;
    }
    this.delayed += 1;
    void this.options.clock.sleep(delaySeconds * 1000).then(() => {
      this.delayed -= 1;
      this.enqueue(envelope);
    });
  }

  private enqueue(envelope: Envelope): void {
    const { queueName } = envelope.message;
    const list = this.ready.get(queueName) ?? [];
    list.push(envelope);
    this.ready.set(queueName, list);
    // Deliver on a later tick, never inside push(): the pusher finishes its own work first, as on Forge.
    void Promise.resolve().then(() => this.pump(queueName));
  }

  private pump(queueName: string): void {
    const handler = this.handlers.get(queueName);
    const list = this.ready.get(queueName);
    if (this.stopped || !handler || !list) return;
    while (list.length > 0 && (this.running.get(queueName) ?? 0) < this.concurrency) {
      const [envelope] = list.splice(Math.floor(this.random() * list.length), 1);
      void this.run(handler, envelope);
    }
  }

  private async run(handler: QueueHandler, envelope: Envelope): Promise<void> {
    const { queueName } = envelope.message;
    const seconds = this.options.timeoutSeconds?.[queueName] ?? CONSUMER_TIMEOUT_SECONDS[queueName] ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS;
    const timed: QueueHandler = (message) => underDeadline(this.options.clock, seconds, `The ${queueName} consumer`, () => handler(message));
    this.running.set(queueName, (this.running.get(queueName) ?? 0) + 1);
    try {
      const outcome = await this.chains.run(envelope.chain, () => deliverMessage(timed, envelope.message, this.maxRetries));
      await this.settle(envelope, outcome);
    } finally {
      this.running.set(queueName, (this.running.get(queueName) ?? 1) - 1);
      this.pump(queueName);
      this.notify();
    }
  }

  private async settle(envelope: Envelope, outcome: DeliveryOutcome): Promise<void> {
    const { message } = envelope;
    const fields = { queueName: message.queueName, eventId: message.eventId, retryCount: message.retryCount };
    if (outcome.kind === 'done') {
      if (!this.duplicated.has(message.eventId) && this.options.duplicate?.(message)) {
        this.duplicated.add(message.eventId);
        this.schedule(envelope, 0);
      }
      return;
    }
    if (outcome.kind === 'retry') {
      this.options.log.info('queue.retry', { ...fields, afterSeconds: outcome.afterSeconds, error: errorName(outcome.error) });
      this.schedule({ ...envelope, message: { ...message, retryCount: message.retryCount + 1 } }, outcome.afterSeconds);
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
