// The ListResponse message (RFC 7644 §3.4.2) and its paging parameters (§3.4.2.4), read leniently as
// the RFC asks: startIndex below 1 means 1, a negative count means 0, a count above the maximum the maximum.

import { badRequest } from './error';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface ListResponse<T> {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export interface Paging {
  /** 1-based index of the first result. */
  startIndex: number;
  count: number;
}

export interface PagingLimits {
  maxCount: number;
  /** The count when the client sends none; the maximum unless given. */
  defaultCount?: number;
}

/** `page` is the requested page of results; totalResults counts all results that matched. */
export function listResponse<T>(page: T[], totalResults: number, startIndex: number): ListResponse<T> {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults, startIndex, itemsPerPage: page.length, Resources: page };
}

export function parsePaging(query: { startIndex?: string; count?: string }, limits: PagingLimits): Paging {
  const startIndex = parseWholeNumber(query.startIndex, 'startIndex') ?? 1;
  const count = parseWholeNumber(query.count, 'count') ?? limits.defaultCount ?? limits.maxCount;
  return { startIndex: Math.max(startIndex, 1), count: Math.min(Math.max(count, 0), limits.maxCount) };
}

function parseWholeNumber(text: string | undefined, name: string): number | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  if (!/^[+-]?\d+$/.test(trimmed)) {
    throw badRequest('invalidValue', `${name} must be a whole number, e.g. ${name}=1; got "${trimmed.slice(0, 40)}"`);
  }
  return Number(trimmed);
}
