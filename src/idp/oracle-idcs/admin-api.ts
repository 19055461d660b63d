// Authorised calls to the IDCS admin API: bearer token, one fresh token after a 401, errors per reference §1.6.
import type { z } from 'zod';
import type { HttpClient } from '../../platform/http-client';
import type { HttpRequest, Logger } from '../../platform/ports';
import { type IdpResponse, sendRead } from '../idp-http';
import { IdpError, idpErrorKindForStatus } from '../idp-error';
import { scimErrorSchema } from './schemas';
import type { IdcsTokenSource } from './token-source';

export type IdcsResource = 'Users' | 'Groups' | 'Grants';
export type QueryParams = Record<string, string | number | undefined>;

const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const IDCS = 'Oracle IDCS';
const ORACLE_ERROR_EXTENSION = 'urn:ietf:params:scim:api:oracle:idcs:extension:messages:Error';

export interface IdcsAdminApi {
  /** GET /admin/v1/{path}. `resource` names the resource type in errors and logs (paths may hold ids only). */
  get<T>(resource: IdcsResource, path: string, query: QueryParams, schema: z.ZodType<T>): Promise<T>;
  /** POST /admin/v1/{resource}/.search: keeps filter values (user names, emails) out of URLs. */
  search<T>(resource: IdcsResource, body: Record<string, unknown>, schema: z.ZodType<T>): Promise<T>;
}

/**
 * Query values keep `[ ] = , :` readable, as Oracle's documentation writes them, and encode the rest:
 * `attributes=members[startIndex=1%26count=1000]` needs its inner `&` sent as %26.
 */
function encodeQuery(query: QueryParams): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%(5B|5D|3D|2C|3A)/g, (escape) => decodeURIComponent(escape));
  const pairs = Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [`${encodeURIComponent(key)}=${encode(String(value))}`]));
  return pairs.length ? `?${pairs.join('&')}` : '';
}

export function createIdcsAdminApi(options: { baseUrl: string; tokens: IdcsTokenSource; http: HttpClient; log: Logger }): IdcsAdminApi {
  const { tokens, http, log } = options;

  async function authorised(resource: IdcsResource, request: Omit<HttpRequest, 'headers'>): Promise<IdpResponse> {
    const send = (token: string) =>
      sendRead(
        http,
        {
          ...request,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json, application/scim+json',
            ...(request.body === undefined ? {} : { 'content-type': 'application/scim+json' }),
          },
        },
        IDCS,
      );
    const token = await tokens.token();
    const first = await send(token);
    if (first.status !== 401) return first;
    // Tokens can be revoked or expire early (clock skew): fetch one new token, and trust a second 401.
    log.info('idp.idcs.token_rejected', { resource });
    tokens.invalidate(token);
    return send(await tokens.token());
  }

  async function call<T>(resource: IdcsResource, request: Omit<HttpRequest, 'headers'>, schema: z.ZodType<T>): Promise<T> {
    const response = await authorised(resource, request);
    if (response.status >= 400) throw adminError(resource, response, log);
    const parsed = schema.safeParse(response.json);
    if (parsed.success) return parsed.data;
    const details = { status: response.status, requestId: requestIdOf(response) };
    log.warn('idp.idcs.invalid_response', { resource, ...details });
    throw new IdpError('invalidResponse', `${IDCS} answered a ${resource} request with an unexpected body.`, details);
  }

  const base = `${options.baseUrl}/admin/v1`;
  return {
    get: (resource, path, query, schema) => call(resource, { method: 'GET', url: `${base}/${path}${encodeQuery(query)}` }, schema),
    search: (resource, body, schema) => {
      const search = JSON.stringify({ schemas: [SEARCH_REQUEST_SCHEMA], ...body });
      return call(resource, { method: 'POST', url: `${base}/${resource}/.search`, body: search }, schema);
    },
  };
}

function requestIdOf(response: IdpResponse): string | undefined {
  return response.headers['x-oracle-dms-ecid'];
}

function adminError(resource: IdcsResource, response: IdpResponse, log: Logger): IdpError {
  const { status } = response;
  const requestId = requestIdOf(response);
  // The body is a SCIM error at best (its detail may echo filter values, so it is not copied into messages).
  const messageId = scimErrorSchema.safeParse(response.json).data?.[ORACLE_ERROR_EXTENSION]?.messageId;
  log.warn('idp.idcs.request_failed', { resource, status, messageId, requestId, attempts: response.attempts });
  const details = { status, requestId };
  const code = messageId ? ` (${messageId})` : '';
  const attempts = `${response.attempts} attempts`;
  switch (idpErrorKindForStatus(status)) {
    case 'unauthorized':
      return new IdpError(
        'unauthorized',
        `${IDCS} rejected a newly issued access token: check that the confidential application is activated and has admin app roles.`,
        details,
      );
    case 'forbidden':
      return new IdpError(
        'forbidden',
        `The application's app roles do not allow reading ${resource} (HTTP 403${code}): ` +
          `grant it an admin app role that covers ${resource}, such as User Administrator.`,
        details,
      );
    case 'notFound':
      return new IdpError('notFound', `${IDCS} has no such ${resource} resource (HTTP 404).`, details);
    case 'rateLimited':
      return new IdpError('rateLimited', `${IDCS} is still rate-limiting after ${attempts}; try again later.`, details);
    case 'transient':
      return new IdpError('transient', `${IDCS} failed with HTTP ${status} after ${attempts}; try again later.`, details);
    default:
      return new IdpError(
        'invalidConfig',
        `${IDCS} refused a ${resource} request (HTTP ${status}${code}): check the app id and attribute names in the connection.`,
        details,
      );
  }
}
