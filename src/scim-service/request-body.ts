import { header, type WebTriggerRequest } from '../platform/webtrigger';
import { SCIMError, badRequest } from '../scim/error';

/** Bodies larger than this are refused with 413 (advertised as bulk.maxPayloadSize and in the README). */
export const MAX_SCIM_BODY_BYTES = 1024 * 1024;

const ACCEPTED_TYPES = ['application/scim+json', 'application/json'];

/** The request's JSON body, or the SCIM error that tells the client what to send instead. */
export function readJsonBody(request: WebTriggerRequest): unknown {
  const body = request.body ?? '';
  if (Buffer.byteLength(body, 'utf8') > MAX_SCIM_BODY_BYTES) {
    throw new SCIMError(
      413,
      undefined,
      `The body is larger than ${MAX_SCIM_BODY_BYTES} bytes; send smaller requests (e.g. fewer members per PATCH).`,
    );
  }
  const contentType = header(request, 'content-type')?.split(';')[0].trim().toLowerCase();
  if (contentType && !ACCEPTED_TYPES.includes(contentType)) {
    throw new SCIMError(415, undefined, `Content-Type ${contentType} is not supported; send application/scim+json.`);
  }
  if (body.trim() === '') throw badRequest('invalidSyntax', 'The request needs a JSON body.');
  try {
    return JSON.parse(body);
  } catch {
    throw badRequest('invalidSyntax', 'The body is not valid JSON.');
  }
}
