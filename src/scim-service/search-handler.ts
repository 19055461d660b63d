// POST `.../.search` (RFC 7644 §3.4.3): the query of a GET listing sent as a SearchRequest body, for clients that
// keep filters out of URLs. The body's parameters become the listing's query parameters, so a search answers
// exactly as GET with the same filter, sort, paging and projection; at the root it searches users, then groups.

import type { DirectoryContext } from '../directory/directory-context';
import type { WebTriggerRequest } from '../platform/webtrigger';
import { badRequest } from '../scim/error';
import { getProperty, isObject, sameText } from '../scim/json';
import { groupList } from './group-handlers';
import { listAcrossTypes, listResources, plainListReads, typeLister, type ListSpec } from './list-handler';
import { readJsonBody } from './request-body';
import { methodNotAllowed, peekJson, type ScimOperation } from './scim-operation';
import type { ScimRoute } from './route';
import { userList } from './user-handlers';

export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

const LIST_PARAMETERS = ['attributes', 'excludedAttributes'] as const;
const TEXT_PARAMETERS = ['filter', 'sortBy', 'sortOrder'] as const;
const NUMBER_PARAMETERS = ['startIndex', 'count'] as const;

export function searchOperation(route: ScimRoute, method: string, request: WebTriggerRequest, ctx: DirectoryContext): ScimOperation {
  const where = route.resource ? `/${route.resource}/.search` : '/.search';
  if (method !== 'POST') return methodNotAllowed(method, `POST on ${where}, or GET on the resource with query parameters`);
  const query = (body: unknown) => asQuery(request, body);
  switch (route.resource) {
    case 'Users':
      return resourceSearch(userList, ctx, request, query);
    case 'Groups':
      return resourceSearch(groupList, ctx, request, query);
    default:
      return {
        writes: false,
        run: (env) => listAcrossTypes(env.ctx, [typeLister(userList), typeLister(groupList)], query(readJsonBody(request)), env.baseUrl),
      };
  }
}

function resourceSearch<R>(
  spec: ListSpec<R>,
  ctx: DirectoryContext,
  request: WebTriggerRequest,
  query: (body: unknown) => WebTriggerRequest,
): ScimOperation {
  const peeked = peekQuery(request);
  return {
    reads: peeked ? plainListReads(ctx, spec, peeked) : [],
    writes: false,
    run: (env) => listResources(env.ctx, spec, query(readJsonBody(request)), env.baseUrl),
  };
}

/** The request as a GET listing would carry it; a body that is no SearchRequest is refused after authentication. */
function peekQuery(request: WebTriggerRequest): WebTriggerRequest | undefined {
  try {
    return asQuery(request, peekJson(request));
  } catch {
    return undefined;
  }
}

function asQuery(request: WebTriggerRequest, body: unknown): WebTriggerRequest {
  if (!isObject(body)) throw badRequest('invalidSyntax', `Send a SearchRequest: {"schemas": ["${SEARCH_REQUEST_SCHEMA}"], "filter": "..."}`);
  checkSchemas(getProperty(body, 'schemas'));
  const query: Record<string, string[]> = {};
  for (const name of LIST_PARAMETERS) {
    const value = getProperty(body, name);
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw badRequest('invalidValue', `"${name}" must be a list of attribute names, e.g. ["userName", "emails"]`);
    }
    if (value.length > 0) query[name] = [value.join(',')];
  }
  for (const name of TEXT_PARAMETERS) {
    const value = getProperty(body, name);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw badRequest('invalidValue', `"${name}" must be a string`);
    query[name] = [value];
  }
  for (const name of NUMBER_PARAMETERS) {
    const value = getProperty(body, name);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw badRequest('invalidValue', `"${name}" must be a whole number, e.g. 1`);
    query[name] = [String(value)];
  }
  return { ...request, method: 'GET', queryParameters: query };
}

function checkSchemas(schemas: unknown): void {
  if (schemas === undefined || schemas === null) return;
  if (Array.isArray(schemas) && schemas.some((urn) => typeof urn === 'string' && sameText(urn, SEARCH_REQUEST_SCHEMA))) return;
  throw badRequest('invalidSyntax', `"schemas" must list "${SEARCH_REQUEST_SCHEMA}"`);
}
