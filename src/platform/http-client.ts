import { HttpTransportError } from './http-errors';
import { backoff } from './backoff';
import type { Clock, HttpRequest, HttpResponse, HttpTransport, Logger, Random } from './ports';

export interface RetryPolicy {
  /** Retries after the first attempt (default 4, Atlassian's figure for interactive work). */
  maxRetries: number;
  /** First backoff delay (default 1 s); doubles per retry. */
  initialDelayMs: number;
  /** Cap on the backoff delay before jitter (default 30 s). */
  maxDelayMs: number;
  /** Longest Retry-After waited out here (default 30 s); a longer one is returned to the caller to reschedule. */
  maxRetryAfterMs: number;
}

export interface HttpClientOptions extends Partial<RetryPolicy> {
  transport: HttpTransport;
  clock: Clock;
  /** For jitter. */
  random: Pick<Random, 'fraction'>;
  /** Applied to requests that name no timeoutMs (default: the transport's). */
  timeoutMs?: number;
  log?: Logger;
}

export interface RequestOptions {
  /** Marks a POST or PATCH as safe to repeat. GET, HEAD, OPTIONS, PUT and DELETE are idempotent already. */
  idempotent?: boolean;
  maxRetries?: number;
}

export interface HttpResult extends HttpResponse {
  /** Attempts made, retries included. */
  attempts: number;
  /** How long the server asked to wait (its Retry-After), when it did. */
  retryAfterMs?: number;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** 429, and 5xx except 501 Not Implemented (which no retry fixes). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its month; without the letter check Date.parse would read "-3" as a year.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * HTTP on the HttpTransport port with Atlassian's retry policy: only idempotent requests are retried, on
 * 429, 5xx, timeouts and network errors; Retry-After is honoured exactly, else capped backoff with jitter;
 * all waiting goes through the injected clock. HTTP statuses are returned, never thrown; a request that got
 * no response at all throws HttpTimeoutError or HttpNetworkError.
 */
export class HttpClient {
  private readonly policy: RetryPolicy;

  constructor(private readonly options: HttpClientOptions) {
    this.policy = {
      maxRetries: options.maxRetries ?? 4,
      initialDelayMs: options.initialDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    };
  }

  async request(request: HttpRequest, options: RequestOptions = {}): Promise<HttpResult> {
    const retryable = IDEMPOTENT_METHODS.has(request.method.toUpperCase()) || !!options.idempotent;
    const maxRetries = retryable ? (options.maxRetries ?? this.policy.maxRetries) : 0;
    const prepared = this.prepare(request);
    for (let attempt = 1; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.options.transport.send(prepared);
      } catch (error) {
        if (!(error instanceof HttpTransportError)) throw error;
        error.attempts = attempt;
        if (attempt > maxRetries) throw error;
        await this.wait(prepared, attempt, this.backoffMs(attempt), error.name);
        continue;
      }
      const asked = retryAfterMs(response.headers['retry-after'], this.options.clock.now());
      const result = { ...response, attempts: attempt, ...(asked !== undefined && { retryAfterMs: asked }) };
      if (!isRetryableStatus(response.status) || attempt > maxRetries) return result;
      if (asked !== undefined && asked > this.policy.maxRetryAfterMs) return result;
      await this.wait(prepared, attempt, asked ?? this.backoffMs(attempt), String(response.status));
    }
  }

  private backoffMs(attempt: number): number {
    return backoff(attempt - 1, { first: this.policy.initialDelayMs, max: this.policy.maxDelayMs }, this.options.random);
  }

  private prepare(request: HttpRequest): HttpRequest {
    return { ...request, timeoutMs: request.timeoutMs ?? this.options.timeoutMs };
  }

  private async wait(request: HttpRequest, attempt: number, delayMs: number, cause: string): Promise<void> {
    this.options.log?.info('http.retry', {
      method: request.method,
      host: new URL(request.url).host,
      attempt,
      cause,
      delayMs: Math.round(delayMs),
    });
    await this.options.clock.sleep(delayMs);
  }
}
