/** A request that got no HTTP response. Names the method and host only: paths and queries may hold personal data. */
export abstract class HttpTransportError extends Error {
  /** Attempts made before giving up; HttpClient sets it when it rethrows after retries. */
  attempts = 1;

  constructor(
    message: string,
    readonly method: string,
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** No response within the request's timeout; the request was aborted. */
export class HttpTimeoutError extends HttpTransportError {
  constructor(
    method: string,
    host: string,
    readonly timeoutMs: number,
  ) {
    super(`${method} ${host} timed out after ${timeoutMs} ms`, method, host);
    this.name = 'HttpTimeoutError';
  }
}

/** The connection failed (DNS, refused, reset, TLS): the request may or may not have reached the server. */
export class HttpNetworkError extends HttpTransportError {
  constructor(method: string, host: string, cause: unknown) {
    super(`${method} ${host} failed: ${cause instanceof Error ? cause.message : String(cause)}`, method, host, { cause });
    this.name = 'HttpNetworkError';
  }
}
