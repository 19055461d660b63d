import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { WebTriggerRequest, WebTriggerResponse } from '../platform/webtrigger';

export type LocalRoute = (request: WebTriggerRequest) => Promise<WebTriggerResponse | undefined>;

/** Bodies past this are cut off and answered 413 by the handler; Forge's own payload limit is lower. */
export const MAX_LOCAL_BODY_BYTES = 6 * 1024 * 1024;

/**
 * A node HTTP server that turns each request into Forge's web-trigger request shape (header names in the
 * caller's casing with array values, raw body string, path, userPath, array query parameters) and writes
 * the handler's web-trigger response back. Locally there is no trigger id, so userPath is the whole path.
 */
export function createLocalHttpServer(routes: LocalRoute[], onError: (error: unknown) => void): Server {
  return createServer((req, res) => {
    void serve(req, res, routes).catch((error) => {
      onError(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('Internal error');
    });
  });
}

async function serve(req: IncomingMessage, res: ServerResponse, routes: LocalRoute[]): Promise<void> {
  const request = await toWebTriggerRequest(req);
  for (const route of routes) {
    const response = await route(request);
    if (response) return writeResponse(res, response);
  }
  writeResponse(res, { statusCode: 404, headers: { 'Content-Type': ['text/plain'] }, body: 'Not found' });
}

export async function toWebTriggerRequest(req: IncomingMessage): Promise<WebTriggerRequest> {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string[]> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i];
    (headers[name] ??= []).push(req.rawHeaders[i + 1]);
  }
  const queryParameters: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (queryParameters[name] ??= []).push(value);
  const body = await readBody(req);
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    headers,
    body,
    path: url.pathname,
    userPath: url.pathname,
    queryParameters,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_LOCAL_BODY_BYTES + 1) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function writeResponse(res: ServerResponse, response: WebTriggerResponse): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(response.headers ?? {})) headers[name] = values;
  res.writeHead(response.statusCode, response.statusText, headers);
  res.end(response.body ?? '');
}
