import { HttpTransportError } from './http-errors';
import type { Clock, HttpRequest, HttpResponse, HttpTransport, Logger } from './ports';

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
  /** In [0, 1), for jitter (default Math.random). */
  random?: () => number;
  /** Applied to requests that name no timeoutMs (default: the transport's). */
  timeoutMs?: number;
  log?: Logger;
}

export interface RequestOptions {
  /** Marks a POST or PATCH as safe to repeat. GET, HEAD, OPTIONS, PUT and DELETE are idempotent already. */
  idempotent?: boolean;
  /** Sent as Idempotency-Key; makes the request retryable like `idempotent`. */
  idempotencyKey?: string;
  maxRetries?: number;
}

export interface JsonRequestOptions extends RequestOptions {
  headers?: Record<string, string>;
}

export interface HttpResult extends HttpResponse {
  /** Attempts made, retries included. */
  attempts: number;
}

export interface JsonResult {
  status: number;
  headers: Record<string, string>;
  /** The parsed body; undefined when the body is empty or not JSON. */
  json: unknown;
  attempts: number;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** 429, and 5xx except 501 Not Implemented (which no retry fixes). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

/**
 * Exponential backoff with jitter, as atlassian-apis.md §6 recommends: min(maxDelayMs, initialDelayMs × 2^retry),
 * multiplied by a factor in [0.7, 1.3). `retry` counts from 0.
 */
export function backoffDelayMs(
  retry: number,
  policy: Pick<RetryPolicy, 'initialDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retry);
  return base * (0.7 + 0.6 * random());
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
  private readonly random: () => number;

  constructor(private readonly options: HttpClientOptions) {
    this.policy = {
      maxRetries: options.maxRetries ?? 4,
      initialDelayMs: options.initialDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    };
    this.random = options.random ?? Math.random;
  }

  async request(request: HttpRequest, options: RequestOptions = {}): Promise<HttpResult> {
    const retryable = IDEMPOTENT_METHODS.has(request.method.toUpperCase()) || !!options.idempotent || !!options.idempotencyKey;
    const maxRetries = retryable ? (options.maxRetries ?? this.policy.maxRetries) : 0;
    const prepared = this.prepare(request, options);
    for (let attempt = 1; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.options.transport.send(prepared);
      } catch (error) {
        if (!(error instanceof HttpTransportError)) throw error;
        error.attempts = attempt;
        if (attempt > maxRetries) throw error;
        await this.wait(prepared, attempt, backoffDelayMs(attempt - 1, this.policy, this.random), error.name);
        continue;
      }
      if (!isRetryableStatus(response.status) || attempt > maxRetries) return { ...response, attempts: attempt };
      const asked = retryAfterMs(response.headers['retry-after'], this.options.clock.now());
      if (asked !== undefined && asked > this.policy.maxRetryAfterMs) return { ...response, attempts: attempt };
      await this.wait(prepared, attempt, asked ?? backoffDelayMs(attempt - 1, this.policy, this.random), String(response.status));
    }
  }

  async getJson(url: string, options: JsonRequestOptions = {}): Promise<JsonResult> {
    const headers = { accept: 'application/json', ...options.headers };
    return toJsonResult(await this.request({ method: 'GET', url, headers }, options));
  }

  async sendJson(method: string, url: string, body: unknown, options: JsonRequestOptions = {}): Promise<JsonResult> {
    const headers = { accept: 'application/json', 'content-type': 'application/json', ...options.headers };
    return toJsonResult(await this.request({ method, url, headers, body: JSON.stringify(body) }, options));
  }

  private prepare(request: HttpRequest, options: RequestOptions): HttpRequest {
    const headers = { ...request.headers };
    if (options.idempotencyKey && !Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key')) {
      headers['Idempotency-Key'] = options.idempotencyKey;
    }
    return { ...request, headers, timeoutMs: request.timeoutMs ?? this.options.timeoutMs };
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

function toJsonResult(result: HttpResult): JsonResult {
  return { status: result.status, headers: result.headers, json: parseJson(result.body), attempts: result.attempts };
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
