import { createConsoleLogger } from '../platform/console-logger';
import { createForgePlatform, forgeTriggerUrl } from '../platform/forge/forge-platform';
import { SCIMError, notFound } from '../scim/error';
import { errorResponse } from '../scim-service/responses';
import { handleScimRequest } from '../scim-service/scim-endpoint';
import type { WebTriggerRequest, WebTriggerResponse } from '../platform/webtrigger';

/**
 * The `scim-endpoint` web trigger. Forge turns anything but a well-formed response into a bare 500, which
 * SCIM clients retry for hours, so whatever happens the answer is a SCIM response with a numeric status
 * and string-array headers.
 */
export async function scimTrigger(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  try {
    const response = await handleScimRequest({ platform: createForgePlatform(), triggerUrl: forgeTriggerUrl }, request);
    return response ? wellFormed(response) : notScimPath();
  } catch (error) {
    createConsoleLogger().error('scim.trigger_failed', { error: error instanceof Error ? error.name : typeof error });
    return internalError();
  }
}

function notScimPath(): WebTriggerResponse {
  return errorResponse(
    notFound('No SCIM resource here: send requests to {SCIM base URL}/Users or /Groups, where the base URL ends in /{connectionId}/scim/v2.'),
  );
}

function internalError(): WebTriggerResponse {
  return errorResponse(new SCIMError(500, undefined, 'The server failed while handling the request. Retry later.'));
}

/** The response with every header value as a string array; an unusable status or body becomes a 500. */
function wellFormed(response: WebTriggerResponse): WebTriggerResponse {
  const { statusCode, body, statusText } = response;
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return internalError();
  if (body !== undefined && typeof body !== 'string') return internalError();
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(response.headers ?? {}) as [string, unknown][]) {
    if (value === undefined || value === null) continue;
    headers[name] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return {
    statusCode,
    headers,
    ...(body === undefined ? {} : { body }),
    ...(typeof statusText === 'string' ? { statusText } : {}),
  };
}
