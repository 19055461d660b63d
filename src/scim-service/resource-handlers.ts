import type { DirectoryContext } from '../directory/directory-context';
import { isDirectoryId } from '../directory/keys';
import type { WebTriggerRequest, WebTriggerResponse } from '../platform/webtrigger';
import type { TransactionOp } from '../platform/ports';
import { SCIMError, notFound } from '../scim/error';
import { MAX_SCIM_BODY_BYTES } from './request-body';
import { discoveryOperation } from './discovery-handlers';
import { groupOperation } from './group-handlers';
import type { ScimRoute } from './route';
import { userOperation } from './user-handlers';

export interface OperationEnv {
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
  run(env: OperationEnv): Promise<WebTriggerResponse>;
}

export function resourceHandler(route: ScimRoute, method: string, request: WebTriggerRequest, ctx: DirectoryContext): ScimOperation {
  if (route.extra !== undefined) return failing(notFound(`No SCIM endpoint at .../${route.resource}/${route.id}/${route.extra}.`));
  if ((route.resource === 'Users' || route.resource === 'Groups') && route.id !== undefined && !isDirectoryId(route.id)) {
    return failing(notFound(`No ${route.resource === 'Users' ? 'user' : 'group'} has this id: ids are lower-case letters and digits.`));
  }
  switch (route.resource) {
    case 'Users':
      return userOperation(route, method, request, ctx);
    case 'Groups':
      return groupOperation(route, method, request, ctx);
    case 'ServiceProviderConfig':
    case 'ResourceTypes':
    case 'Schemas':
      return discoveryOperation(route.resource, route.id, method);
    case 'Me':
      return failing(new SCIMError(501, undefined, '/Me is not supported: this server has no notion of the calling user. Use /Users/{id}.'));
    case 'Bulk':
      return failing(new SCIMError(501, undefined, '/Bulk is not supported (bulk.supported is false in /ServiceProviderConfig); send one request per resource.'));
    default:
      return failing(notFound(route.unknown
        ? `No SCIM resource "${route.unknown}". Use /Users, /Groups, /ServiceProviderConfig, /ResourceTypes or /Schemas.`
        : 'This is the SCIM base URL; add /Users, /Groups, /ServiceProviderConfig, /ResourceTypes or /Schemas.'));
  }
}

export function failing(error: SCIMError): ScimOperation {
  return { writes: false, run: async () => { throw error; } };
}

export function methodNotAllowed(method: string, allowed: string): ScimOperation {
  return failing(new SCIMError(405, undefined, `${method} is not allowed here; use ${allowed}.`));
}

/** The JSON body, or undefined when it is missing, too large or not JSON (decided later, after authentication). */
export function peekJson(request: WebTriggerRequest): unknown {
  if (!request.body || Buffer.byteLength(request.body, 'utf8') > MAX_SCIM_BODY_BYTES) return undefined;
  try {
    return JSON.parse(request.body);
  } catch {
    return undefined;
  }
}
