import type { WebTriggerRequest } from '../../src/platform/webtrigger';

export interface RequestSpec {
  method?: string;
  /** Path and query after the trigger id, e.g. `/abc/scim/v2/Users?filter=...`. */
  path: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Build it as Forge does (path under /x1/{triggerId}, userPath after it) instead of as the local server does. */
  asForge?: boolean;
}

/** A request in Forge's web-trigger shape: header names kept as given, values and query params as arrays. */
export function webTriggerRequest(spec: RequestSpec): WebTriggerRequest {
  const url = new URL(spec.path, 'http://test');
  const headers: Record<string, string[]> = {};
  if (spec.token !== undefined) headers.Authorization = [`Bearer ${spec.token}`];
  if (spec.body !== undefined) headers['Content-Type'] = ['application/scim+json'];
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name] = [value];
  const queryParameters: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (queryParameters[name] ??= []).push(value);
  const body = spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
  return {
    method: spec.method ?? 'GET',
    headers,
    body,
    path: spec.asForge ? `/x1/trigger-id${url.pathname}` : url.pathname,
    userPath: url.pathname,
    queryParameters,
  };
}
