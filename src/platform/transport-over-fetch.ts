import { HttpNetworkError, HttpTimeoutError } from './http-errors';
import type { HttpRequest, HttpResponse, HttpTransport } from './ports';

/** The parts of a fetch function both node's global fetch and @forge/api's fetch provide. */
export type FetchLike = (
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{
  status: number;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  text(): Promise<string>;
}>;

export interface TransportOverFetchOptions {
  /** Used when a request names no timeoutMs (default 30 s). */
  defaultTimeoutMs?: number;
  /** Errors to rethrow as they are instead of as HttpNetworkError (configuration errors no retry can fix). */
  isPermanent?: (error: unknown) => boolean;
}

/**
 * An HttpTransport over a fetch function. The timeout covers the whole exchange, body included: it aborts
 * the request and also settles on its own, in case the fetch implementation ignores the signal.
 */
export function transportOverFetch(fetchFn: FetchLike, options: TransportOverFetchOptions = {}): HttpTransport {
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 30_000;
  return {
    async send(request: HttpRequest): Promise<HttpResponse> {
      const { host } = new URL(request.url); // an invalid URL is a programming error: let its TypeError through
      const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new HttpTimeoutError(request.method, host, timeoutMs));
          controller.abort();
        }, timeoutMs);
      });
      const exchange = async (): Promise<HttpResponse> => {
        const response = await fetchFn(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: controller.signal,
        });
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        return { status: response.status, headers, body: await response.text() };
      };
      try {
        return await Promise.race([exchange(), timeout]);
      } catch (error) {
        if (error instanceof HttpTimeoutError || options.isPermanent?.(error)) throw error;
        if (controller.signal.aborted) throw new HttpTimeoutError(request.method, host, timeoutMs);
        throw new HttpNetworkError(request.method, host, error);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
