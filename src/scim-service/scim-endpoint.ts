import { connectionSchema, isConnectionId, type Connection } from '../connections/connection';
import { hashToken, tokenMatches } from '../connections/token';
import { directoryContext, DirectoryError, type DirectoryContext } from '../directory/directory-context';
import { header, type WebTriggerRequest, type WebTriggerResponse } from '../platform/webtrigger';
import type { Platform, TransactionOp } from '../platform/ports';
import { PrefetchingStore } from '../platform/prefetching-store';
import { enqueueJobs } from '../provisioning/jobs';
import { requestSummaryOp } from '../records/request-log';
import { SCIMError, notFound, unauthorized, uniquenessConflict, versionMismatch } from '../scim/error';
import { connectionKeys } from '../storage/keys';
import { instanceAuthThrottle, type AuthThrottle } from './auth-throttle';
import { bearerToken } from './bearer';
import { errorResponse, scimJson } from './responses';
import { parseScimRoute, type ScimRoute } from './route';
import { resourceHandler } from './resource-handlers';
import type { ScimOperation } from './scim-operation';

export interface ScimEndpointDeps {
  platform: Platform;
  /** The web trigger's URL (webTrigger.getUrl on Forge, http://host:port locally), without a trailing slash. */
  triggerUrl: () => Promise<string>;
  /** Default: this function instance's throttle. */
  authThrottle?: AuthThrottle;
}

const UNAUTHORIZED_DETAIL = 'Send "Authorization: Bearer <token>" with the token shown for this connection\'s SCIM base URL.';
const DISABLED_DETAIL = 'This app is disabled in User & Group Sync: an Atlassian admin can enable it again on the Connections tab.';

/** Read requests are summarised for the admin page at most this often per connection. */
const READ_SUMMARY_INTERVAL_MS = 60_000;

/**
 * The SCIM front door, identical on Forge and locally. Answers undefined when the path is not a SCIM path
 * (so the local server can try its other routes); every SCIM path gets a SCIM answer, errors included.
 */
export async function handleScimRequest(deps: ScimEndpointDeps, request: WebTriggerRequest): Promise<WebTriggerResponse | undefined> {
  const route = parseScimRoute(request);
  if (!route) return undefined;
  const method = effectiveMethod(request);
  try {
    return await serve(deps, route, method, request);
  } catch (error) {
    return answerError(deps.platform, error);
  }
}

/** Forge may not pass PATCH through its web trigger: accept POST with X-HTTP-Method-Override too. */
function effectiveMethod(request: WebTriggerRequest): string {
  const override = header(request, 'x-http-method-override');
  const method = request.method.toUpperCase();
  return method === 'POST' && override ? override.toUpperCase() : method;
}

async function serve(deps: ScimEndpointDeps, route: ScimRoute, method: string, request: WebTriggerRequest): Promise<WebTriggerResponse> {
  const { platform } = deps;
  // A segment no connection can have is refused before anything is read or tracked.
  if (!isConnectionId(route.connectionId)) throw unauthorized(UNAUTHORIZED_DETAIL);
  const throttle = deps.authThrottle ?? instanceAuthThrottle;
  const token = bearerToken(request);
  const retryAfter = throttle.retryAfterSeconds(route.connectionId, platform.clock.now(), () => (token ? hashToken(token) : undefined));
  if (retryAfter !== undefined) return throttled(retryAfter);
  const ctxBase = directoryContext(platform, route.connectionId, 'scim');
  const operation = resourceHandler(route, method, request, ctxBase);
  const connectionKey = connectionKeys.record(route.connectionId);
  const stateKey = connectionKeys.readSummaryState(route.connectionId);
  const reads = operation.reads ?? [];
  const items = await platform.store.getMany([connectionKey, stateKey, ...reads].filter(unique));
  const connectionItem = items.find((item) => item.key === connectionKey);
  const connection = authenticate(connectionItem?.value, token);
  if (!connection) {
    throttle.recordFailure(route.connectionId, platform.clock.now());
    throw unauthorized(UNAUTHORIZED_DETAIL);
  }
  const now = platform.clock.now();
  const summaryPath = route.search
    ? `${route.resource ? `/${route.resource}` : ''}/.search`
    : `/${route.resource ?? route.unknown ?? ''}${route.id ? '/{id}' : ''}`;
  const audit = (status: number): TransactionOp[] => [
    requestSummaryOp(connection.id, { at: new Date(now).toISOString(), method, path: summaryPath, status }, now),
  ];
  // Only the holder of the right token learns that the app is disabled; its refused request is listed for the admin.
  if (!connection.enabled) {
    const disabled = new SCIMError(403, undefined, DISABLED_DETAIL);
    await recordFailure(platform, audit, disabled);
    throw disabled;
  }
  if (connection.tokenHash) throttle.recordSuccess(connection.id, connection.tokenHash);
  const ctx: DirectoryContext = { ...ctxBase, store: new PrefetchingStore(platform.store, reads, items) };
  const baseUrl = `${await deps.triggerUrl()}/${connection.id}/scim/v2`;
  try {
    const response = await operation.run({ ctx, baseUrl, audit });
    if (operation.writes) await enqueueJobs(platform, connection.id, ctx.changes);
    else await summariseRead(platform, route.connectionId, items.find((i) => i.key === stateKey), audit(response.statusCode));
    return response;
  } catch (error) {
    if (error instanceof SCIMError || error instanceof DirectoryError) await recordFailure(platform, audit, error);
    throw error;
  }
}

/** One answer for an unknown connection and a wrong token: ids are not enumerable. A disabled one is returned. */
function authenticate(value: unknown, token: string | undefined): Connection | undefined {
  const parsed = connectionSchema.safeParse(value);
  if (!token || !parsed.success || !parsed.data.tokenHash || !tokenMatches(token, parsed.data.tokenHash)) return undefined;
  return parsed.data;
}

function throttled(retryAfterSeconds: number): WebTriggerResponse {
  const error = new SCIMError(429, undefined, `Too many requests with a wrong bearer token for this connection. Retry after ${retryAfterSeconds} seconds with the token shown for this connection's SCIM base URL.`);
  return scimJson(429, error.toBody(), { 'Retry-After': String(retryAfterSeconds) });
}

async function summariseRead(platform: Platform, connectionId: string, state: { value: unknown; version: number } | undefined, ops: TransactionOp[]): Promise<void> {
  const now = platform.clock.now();
  const last = (state?.value as { lastReadSummaryAt?: number } | undefined)?.lastReadSummaryAt ?? 0;
  if (now - last < READ_SUMMARY_INTERVAL_MS) return;
  const stateKey = connectionKeys.readSummaryState(connectionId);
  const condition = state ? { ifVersion: state.version } : { ifAbsent: true };
  await platform.store
    .transact([{ op: 'set', key: stateKey, value: { lastReadSummaryAt: now }, ...condition }, ...ops])
    .catch(() => undefined); // another request summarised this minute
}

async function recordFailure(platform: Platform, audit: (status: number) => TransactionOp[], error: SCIMError | DirectoryError): Promise<void> {
  const status = error instanceof SCIMError ? error.status : toScimError(error).status;
  await platform.store.transact(audit(status)).catch(() => undefined);
}

function answerError(platform: Platform, error: unknown): WebTriggerResponse {
  if (error instanceof SCIMError) return errorResponse(error);
  if (error instanceof DirectoryError) return errorResponse(toScimError(error));
  platform.log.error('scim.unexpected_error', { error: error instanceof Error ? error.name : typeof error });
  return errorResponse(new SCIMError(500, undefined, 'The server could not complete the request; it was not applied. Retry later.'));
}

export function toScimError(error: DirectoryError): SCIMError {
  switch (error.kind) {
    case 'conflict':
      return uniquenessConflict(error.message);
    case 'notFound':
      return notFound(error.message);
    case 'versionMismatch':
      return versionMismatch(error.message);
    case 'invalid':
      return new SCIMError(400, 'invalidValue', error.message);
    case 'busy':
      return new SCIMError(503, undefined, error.message);
  }
}

function unique(value: string, index: number, all: string[]): boolean {
  return all.indexOf(value) === index;
}

export type { ScimOperation };
