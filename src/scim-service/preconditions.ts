import { header, type WebTriggerRequest } from '../platform/webtrigger';
import { SCIMError } from '../scim/error';

// ETags are weak and carry the resource's version: W/"3" (RFC 7644 §3.14).

/** The version an If-Match header demands, or undefined for none or "*". */
export function ifMatchVersion(request: WebTriggerRequest): number | undefined {
  const value = header(request, 'if-match')?.trim();
  if (value === undefined || value === '*') return undefined;
  const match = value.match(/^(?:W\/)?"(\d+)"$/);
  if (!match) throw new SCIMError(412, undefined, `If-Match must be an ETag this server sent (e.g. W/"3"), not ${value.slice(0, 40)}.`);
  return Number(match[1]);
}

/** Whether If-None-Match names the current version (GET answers 304 then). */
export function matchesIfNoneMatch(request: WebTriggerRequest, etag: string): boolean {
  const value = header(request, 'if-none-match');
  return value !== undefined && value.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
}
