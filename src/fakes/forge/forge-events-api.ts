import type { APIResponse, FetchMethod, RequestInit } from '@forge/api';
import type { AsyncEvent, PushEvent } from '@forge/events';
import { EVENTS_PER_MINUTE } from '../../platform/forge-limits';
import type { Clock } from '../../platform/ports';

// The path @forge/events 3.0.8 posts pushes to (pkg:@forge/events/out/queries.js); the Forge runtime fills in
// the placeholders. A package that posts elsewhere gets a 404 here, which is the point.
export const PUSH_PATH = '/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}';
const QUEUE_NAME = /^[a-zA-Z0-9-_]+$/;
const MAX_EVENTS = 50;
const MAX_PAYLOAD_BYTES = 200 * 1024;

export interface RecordedPush {
  queueName: string;
  jobId: string;
  events: PushEvent[];
}

/** A Forge consumer function: returns an InvocationError (a plain `{ _retry, retryOptions }`) to be retried. */
export type ConsumerFunction = (event: AsyncEvent) => Promise<unknown>;

export interface FakeForgeEventsApiOptions {
  clock: Clock;
  /** Consumer invocations in flight per queue (default 4). */
  concurrency?: number;
  /** After an event's first successful invocation, return true to invoke it once more (at-least-once). */
  duplicate?: (event: AsyncEvent) => boolean;
  /** Chooses which ready event goes next, in [0, 1): delivery is parallel, not FIFO (default Math.random). */
  random?: () => number;
  /** Events the installation may push per sliding minute before the service answers 429 (default Forge's 500). */
  eventsPerMinute?: number;
}

interface Waiter {
  done: () => boolean;
  resolve: () => void;
}

/**
 * A stand-in for the Forge events service at @forge/events' apiClient seam: it answers pushes with the real
 * status codes (201; 413 over the limits; 429 past 500 events a minute; scripted 429, 405 or 5xx), records them,
 * and invokes registered consumer functions with AsyncEvents on the injected clock, honouring delays and
 * InvocationError retries.
 * What Forge does when a consumer throws is undocumented: the fake records it in `uncaught` and does not
 * retry, so tests can assert that our adapter never throws.
 */
export class FakeForgeEventsApi {
  readonly pushes: RecordedPush[] = [];
  readonly uncaught: { event: AsyncEvent; error: unknown }[] = [];
  readonly apiClient: FetchMethod = (url, init) => this.handle(url, init);
  private readonly scripted: (number | 'accept')[] = [];
  private readonly consumers = new Map<string, ConsumerFunction>();
  private readonly ready = new Map<string, AsyncEvent[]>();
  private readonly running = new Map<string, number>();
  private readonly duplicated = new Set<string>();
  private readonly waiters: Waiter[] = [];
  private jobs = 0;
  private readonly accepted: { at: number; events: number }[] = [];

  constructor(private readonly options: FakeForgeEventsApiOptions) {}

  /** The next pushes get these statuses (429, 405, 500, ...) instead of being accepted, or 'accept'. */
  failNextPushes(...statuses: (number | 'accept')[]): void {
    this.scripted.push(...statuses);
  }

  registerConsumer(queueName: string, consumer: ConsumerFunction): void {
    this.consumers.set(queueName, consumer);
    this.pump(queueName);
  }

  /** Resolves when no event is ready or being consumed (events waiting out a delay may remain). */
  idle(): Promise<void> {
    const done = () => {
      for (const [queueName, list] of this.ready) if (this.consumers.has(queueName) && list.length > 0) return false;
      for (const count of this.running.values()) if (count > 0) return false;
      return true;
    };
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  private async handle(url: string, init?: RequestInit): Promise<APIResponse> {
    if (url !== PUSH_PATH || init?.method !== 'POST') return json(404, { message: 'Not found' });
    const status = this.scripted.shift();
    if (status !== undefined && status !== 'accept') return json(status, { message: `Scripted ${status}` });
    const request = JSON.parse(String(init.body)) as { queueName: string; jobId: string; payload: PushEvent[] };
    const events = request.payload;
    if (!QUEUE_NAME.test(request.queueName) || !Array.isArray(events) || events.length === 0) {
      return json(400, { message: 'Invalid push request' });
    }
    if (events.length > MAX_EVENTS || Buffer.byteLength(JSON.stringify(events)) > MAX_PAYLOAD_BYTES) {
      return json(413, { errorMessage: 'The maximum payload size is 200KB.' });
    }
    if (events.some((e) => e.delayInSeconds !== undefined && (e.delayInSeconds < 0 || e.delayInSeconds > 900))) {
      return json(400, { message: 'The delayInSeconds setting must be between 0 and 900.' });
    }
    if (this.eventsInLastMinute() + events.length > (this.options.eventsPerMinute ?? EVENTS_PER_MINUTE)) {
      return json(429, { message: 'Too many events pushed in the last minute.' });
    }
    this.accepted.push({ at: this.options.clock.now(), events: events.length });
    this.jobs += 1;
    this.pushes.push({ queueName: request.queueName, jobId: request.jobId, events });
    events.forEach((event, index) => {
      const asyncEvent: AsyncEvent = {
        ...event,
        queueName: request.queueName,
        jobId: request.jobId,
        eventId: `${this.jobs}-${index}`,
      };
      this.schedule(asyncEvent, event.delayInSeconds ?? 0);
    });
    return json(201, {});
  }

  private eventsInLastMinute(): number {
    const since = this.options.clock.now() - 60_000;
    while (this.accepted.length > 0 && this.accepted[0].at <= since) this.accepted.shift();
    return this.accepted.reduce((sum, entry) => sum + entry.events, 0);
  }

  private schedule(event: AsyncEvent, delaySeconds: number): void {
    if (delaySeconds <= 0) {
      this.enqueue(event);
      return;
    }
    void this.options.clock.sleep(delaySeconds * 1000).then(() => this.enqueue(event));
  }

  private enqueue(event: AsyncEvent): void {
    const list = this.ready.get(event.queueName) ?? [];
    list.push(event);
    this.ready.set(event.queueName, list);
    void Promise.resolve().then(() => this.pump(event.queueName));
  }

  private pump(queueName: string): void {
    const consumer = this.consumers.get(queueName);
    const list = this.ready.get(queueName);
    if (!consumer || !list) return;
    const random = this.options.random ?? Math.random;
    while (list.length > 0 && (this.running.get(queueName) ?? 0) < (this.options.concurrency ?? 4)) {
      const [event] = list.splice(Math.floor(random() * list.length), 1);
      void this.invoke(consumer, event);
    }
  }

  private async invoke(consumer: ConsumerFunction, event: AsyncEvent): Promise<void> {
    this.running.set(event.queueName, (this.running.get(event.queueName) ?? 0) + 1);
    try {
      const result = await consumer(event);
      if (isRetry(result)) {
        const { retryAfter, retryReason, retryData } = result.retryOptions;
        const retryCount = (event.retryContext?.retryCount ?? 0) + 1;
        this.schedule({ ...event, retryContext: { retryCount, retryReason, retryData } }, Math.max(1, retryAfter));
      } else if (!this.duplicated.has(event.eventId) && this.options.duplicate?.(event)) {
        this.duplicated.add(event.eventId);
        this.schedule(event, 0);
      }
    } catch (error) {
      this.uncaught.push({ event, error });
    } finally {
      this.running.set(event.queueName, (this.running.get(event.queueName) ?? 1) - 1);
      this.pump(event.queueName);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i].done()) this.waiters.splice(i, 1)[0].resolve();
      }
    }
  }
}

function isRetry(result: unknown): result is { _retry: true; retryOptions: { retryAfter: number; retryReason: string; retryData?: unknown } } {
  return typeof result === 'object' && result !== null && (result as { _retry?: unknown })._retry === true;
}

function json(status: number, body: unknown): APIResponse {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
