// The four paging styles the sandbox answers with: Jira PageBean, Confluence start/limit, SCIM startIndex/count
// and the admin APIs' opaque cursor.
import { ApiError, type SandboxRequest } from './http';

/** This request's URL with one query parameter replaced, for next/self links. */
function pageUrl(baseUrl: string, request: SandboxRequest, name: string, value: number): string {
  const query = new URLSearchParams(request.query);
  query.set(name, String(value));
  return `${baseUrl}${request.path}?${query.toString()}`;
}

/** Jira's offset page. */
export function pageBean<T>(baseUrl: string, request: SandboxRequest, all: readonly T[], startAt: number, maxResults: number) {
  const values = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= all.length;
  return {
    self: pageUrl(baseUrl, request, 'startAt', startAt),
    ...(isLast ? {} : { nextPage: pageUrl(baseUrl, request, 'startAt', startAt + values.length) }),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values,
  };
}

/** Confluence v1's `{results, start, limit, size, _links}`; `_links.next` only while more follow. */
export function confluencePage<T>(
  siteUrl: string,
  request: SandboxRequest,
  all: readonly T[],
  start: number,
  limit: number,
): { results: T[]; start: number; limit: number; size: number; totalSize?: number; _links: Record<string, string> } {
  const results = all.slice(start, start + limit);
  const more = start + results.length < all.length;
  const relative = (value: number) => pageUrl('', request, 'start', value).replace(/^\/wiki/, '');
  return {
    results,
    start,
    limit,
    size: results.length,
    ...(request.query.get('shouldReturnTotalSize') === 'true' ? { totalSize: all.length } : {}),
    _links: {
      base: `${siteUrl}/wiki`,
      context: '/wiki',
      self: `${siteUrl}${request.path}`,
      ...(more ? { next: relative(start + results.length) } : {}),
    },
  };
}

const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/** SCIM's 1-based ListResponse; only the page is rendered, as resources are costly to build. */
export function scimList<T, R>(all: readonly T[], startIndex: number, count: number, render: (item: T) => R) {
  const resources = all.slice(startIndex - 1, startIndex - 1 + count).map(render);
  return {
    schemas: [LIST_RESPONSE],
    totalResults: all.length,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/**
 * The admin APIs' cursor page. A cursor replaces every other search parameter, so it carries the whole query
 * along with the offset.
 */
export function cursorPage<T, Q>(all: readonly T[], query: Q, offset: number, limit: number) {
  const data = all.slice(offset, offset + limit);
  const next = offset + data.length < all.length ? encodeCursor({ query, offset: offset + data.length }) : undefined;
  return {
    data,
    links: {
      self: encodeCursor({ query, offset }),
      ...(offset > 0 ? { prev: encodeCursor({ query, offset: Math.max(0, offset - limit) }) } : {}),
      ...(next ? { next } : {}),
    },
  };
}

export function encodeCursor(value: { query: unknown; offset: number }): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<Q>(cursor: string): { query: Q; offset: number } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { query: Q; offset: number };
    if (Number.isInteger(value.offset) && value.offset >= 0) return value;
  } catch {
    // falls through to the 400 below
  }
  throw new ApiError(400, 'The cursor is not valid.', 'ADMIN-UAM-400-1');
}
