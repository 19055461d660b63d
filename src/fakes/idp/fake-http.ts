import type { HttpRequest, HttpResponse, HttpTransport } from '../../platform/ports';

/** What a fake server is: a request handler, which a node HTTP server can also mount. */
export type FakeHandler = (request: HttpRequest) => Promise<HttpResponse>;

export function transportOf(handle: FakeHandler): HttpTransport {
  return { send: handle };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** Header lookup by any casing, as a server sees them. */
export function headerOf(request: HttpRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

export function parseJsonBody(request: HttpRequest): unknown {
  try {
    return JSON.parse(request.body ?? '');
  } catch {
    return undefined;
  }
}
