import type { DirectoryContext } from '../directory/directory-context';
import { parseJson } from '../platform/json';
import type { TransactionOp } from '../platform/ports';
import type { WebTriggerRequest, WebTriggerResponse } from '../platform/webtrigger';
import { SCIMError } from '../scim/error';
import { MAX_SCIM_BODY_BYTES } from './request-body';

export interface ScimOperationDeps {
  ctx: DirectoryContext;
  /** The connection's SCIM base URL, for meta.location and $ref. */
  baseUrl: string;
  /** The request summary op for a given answer status, to write in the same transaction as the change. */
  audit: (status: number) => TransactionOp[];
}

/**
 * One SCIM request, decided before authentication: `reads` are the keys it will need, fetched in the
 * same store call as the connection; `run` happens only once the token is verified, and is where the
 * body is validated (so a bad body with a bad token gets 401, not 400).
 */
export interface ScimOperation {
  reads?: string[];
  writes: boolean;
  run(env: ScimOperationDeps): Promise<WebTriggerResponse>;
}

export function failing(error: SCIMError): ScimOperation {
  return {
    writes: false,
    run: async () => {
      throw error;
    },
  };
}

export function methodNotAllowed(method: string, allowed: string): ScimOperation {
  return failing(new SCIMError(405, undefined, `${method} is not allowed here; use ${allowed}.`));
}

/** The JSON body, or undefined when it is missing, too large or not JSON (decided later, after authentication). */
export function peekJson(request: WebTriggerRequest): unknown {
  if (!request.body || Buffer.byteLength(request.body, 'utf8') > MAX_SCIM_BODY_BYTES) return undefined;
  return parseJson(request.body);
}
