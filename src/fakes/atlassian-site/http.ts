// Request parsing, route matching and response building shared by the sandbox's API handlers.
import type { z } from 'zod';
import type { HttpRequest, HttpResponse } from '../../platform/ports';

export interface SandboxRequest {
  method: string;
  host: string;
  /** Still percent-encoded, without a trailing slash (Bitbucket 1.0 paths end in one). */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
}

/** An API's error answer; each API renders it in its own error body. `code` is a SCIM scimType or an admin API code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function parseRequest(request: HttpRequest): SandboxRequest {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    method: request.method.toUpperCase(),
    host: url.host,
    path: url.pathname.replace(/(.)\/+$/, '$1'),
    query: url.searchParams,
    headers,
    body: request.body ?? '',
    timeoutMs: request.timeoutMs,
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function empty(status: number): HttpResponse {
  return { status, headers: {}, body: '' };
}

/** The request's JSON body, validated; 400 when it is missing, not JSON or the wrong shape. */
export function readJson<T>(request: SandboxRequest, schema: z.ZodType<T>, code?: string): T {
  let value: unknown;
  try {
    value = JSON.parse(request.body);
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON.', code);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new ApiError(400, `Invalid request body${where}: ${issue?.message}`, code);
}

/** A non-negative integer query parameter; 400 when it is not one. */
export function intParam(request: SandboxRequest, name: string, fallback: number): number {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ApiError(400, `Parameter ${name} must be a non-negative integer.`);
  return value;
}

export function requiredParam(request: SandboxRequest, name: string): string {
  const value = request.query.get(name);
  if (!value) throw new ApiError(400, `Parameter ${name} is required.`);
  return value;
}

export interface Route<C> {
  method: string;
  /** Segments, with `:name` for a parameter: /scim/directory/:directoryId/Users/:id */
  pattern: string;
  handle(context: C): HttpResponse;
}

export type RouteMatch<C> = { kind: 'found'; route: Route<C>; params: Record<string, string> } | { kind: 'methodNotAllowed' } | { kind: 'notFound' };

export function matchRoute<C>(routes: readonly Route<C>[], method: string, path: string): RouteMatch<C> {
  let pathMatched = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern, path);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    pathMatched = true;
  }
  return pathMatched ? { kind: 'methodNotAllowed' } : { kind: 'notFound' };
}

function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < expected.length; i++) {
    if (expected[i].startsWith(':')) params[expected[i].slice(1)] = decodeURIComponent(actual[i]);
    else if (expected[i] !== actual[i]) return undefined;
  }
  return params;
}
