import { header, type WebTriggerRequest } from '../platform/webtrigger';

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), if any. */
export function bearerToken(request: Pick<WebTriggerRequest, 'headers'>): string | undefined {
  const value = header(request, 'authorization');
  const match = value?.match(/^\s*bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
