// Forge's web-trigger contract (docs/design.md §1). The local server builds exactly this
// shape, so the same handlers answer on Forge and under `npm start`.

export interface WebTriggerRequest {
  method: string;
  /** Header names keep the caller's casing; values are arrays. Look names up with header(). */
  headers: Record<string, string[]>;
  /** Raw body; may be absent on GET/DELETE. */
  body?: string;
  /** Full path of the request. */
  path: string;
  /** Segments after the trigger id (missing from the SDK type; documented in 2026). */
  userPath?: string;
  queryParameters: Record<string, string[]>;
}

export interface WebTriggerResponse {
  statusCode: number;
  headers?: Record<string, string[]>;
  body?: string;
  statusText?: string;
}

export function header(request: Pick<WebTriggerRequest, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(request.headers ?? {})) {
    if (key.toLowerCase() === wanted) return Array.isArray(values) ? values[0] : String(values);
  }
  return undefined;
}

export function queryParameter(request: Pick<WebTriggerRequest, 'queryParameters'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(request.queryParameters ?? {})) {
    if (key.toLowerCase() === wanted) return Array.isArray(values) ? values[0] : String(values);
  }
  return undefined;
}

const TRIGGER_ID_PREFIXES = ['/x1/', '/public/'];

/**
 * The path after the trigger id, with a leading slash. Uses userPath when Forge sends it and otherwise
 * strips the `/x1/{id}` or `/public/{id}` prefix from path (whether userPath has a leading slash is unverified).
 */
export function routePath(request: Pick<WebTriggerRequest, 'path' | 'userPath'>): string {
  if (typeof request.userPath === 'string' && request.userPath.length > 0) {
    return request.userPath.startsWith('/') ? request.userPath : `/${request.userPath}`;
  }
  const path = request.path ?? '/';
  for (const prefix of TRIGGER_ID_PREFIXES) {
    if (path.startsWith(prefix)) {
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      return slash === -1 ? '/' : rest.slice(slash);
    }
  }
  return path.startsWith('/') ? path : `/${path}`;
}
