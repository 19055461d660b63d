import type { WebTriggerResponse } from '../platform/webtrigger';
import { SCIMError } from '../scim/error';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

export function scimJson(statusCode: number, body: unknown, headers: Record<string, string> = {}): WebTriggerResponse {
  return {
    statusCode,
    headers: {
      'Content-Type': [`${SCIM_CONTENT_TYPE}; charset=utf-8`],
      'Cache-Control': ['no-store'],
      ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    },
    body: JSON.stringify(body),
  };
}

export function noContent(): WebTriggerResponse {
  return { statusCode: 204, headers: { 'Cache-Control': ['no-store'] } };
}

export function errorResponse(error: SCIMError): WebTriggerResponse {
  const headers: Record<string, string> = error.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="SCIM"' } : {};
  return scimJson(error.status, error.toBody(), headers);
}

/** Weak ETag from a record version (RFC 7644 §3.14). */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}
