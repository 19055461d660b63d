import { connectionSchema, isConnectionId, type Connection } from '../connections/connection';
import { tokenMatches } from '../connections/token';
import { directoryContext, DirectoryError, type DirectoryContext } from '../directory/directory-context';
import { header, type WebTriggerRequest, type WebTriggerResponse } from '../platform/webtrigger';
import { MeteredStore } from '../platform/metered-store';
import { StoreLimitError } from '../platform/store-errors';
import type { Platform, Store, TransactionOp } from '../platform/ports';
import { PrefetchingStore } from '../platform/prefetching-store';
import { enqueueJobs } from '../provisioning/jobs';
import { requestSummaryOp } from '../records/request-log';
import { SCIMError, notFound, unauthorized, uniquenessConflict, versionMismatch } from '../scim/error';
import { connectionKeys } from '../storage/keys';
import { instanceAuthGate, type AuthGate, type StoredCredential } from './auth-gate';
import { bearerToken } from './bearer';
import { instanceConnectionBudget, type BudgetRefusal, type ConnectionBudget } from './connection-budget';
import { errorResponse, scimJson } from './responses';
import { parseScimRoute, type ScimRoute } from './route';
import { resourceHandler } from './resource-handlers';
import type { ScimOperation } from './scim-operation';

export interface ScimEndpointDeps {
  platform: Platform;
  /** The web trigger's URL (webTrigger.getUrl on Forge, http://host:port locally), without a trailing slash. */
  triggerUrl: () => Promise<string>;
  /** Default: this function instance's gate. */
  authGate?: AuthGate;
  /** Default: this function instance's per-connection budgets. */
  budget?: ConnectionBudget;
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
  const connectionId = route.connectionId;
  // A segment no connection can have is refused before anything is read or tracked.
  if (!isConnectionId(connectionId)) throw unauthorized(UNAUTHORIZED_DETAIL);
  const gate = deps.authGate ?? instanceAuthGate;
  const budget = deps.budget ?? instanceConnectionBudget;
  const token = bearerToken(request);
  const connectionKey = connectionKeys.record(connectionId);
  const now = platform.clock.now();
  const audit = (status: number): TransactionOp[] => [
    requestSummaryOp(connectionId, { at: new Date(now).toISOString(), method, path: summaryPath(route), status }, now),
  ];
  const decision = await gate.check(connectionId, token, now, () => readCredential(platform.store, connectionKey));
  if (decision.kind === 'wait')
    return tooManyRequests(
      `Too many requests with a wrong bearer token for this connection. Retry after ${decision.retryAfterSeconds} seconds with the token shown for this connection's SCIM base URL.`,
      decision.retryAfterSeconds,
    );
  if (decision.kind === 'refuse') {
    if (decision.listable) await platform.store.transact(audit(401)).catch(() => undefined);
    throw unauthorized(UNAUTHORIZED_DETAIL);
  }

  // The token matched: only now is the body parsed and the operation's keys read, with the connection again.
  const refusal = budget.admit(connectionId, now);
  const store = new MeteredStore(platform.store, (kind, units) => budget.chargeStoreUnits(connectionId, platform.clock.now(), kind, units));
  if (refusal) return overBudget(store, refusal, audit);
  const ctxBase = directoryContext(platform, connectionId, 'scim');
  const operation = resourceHandler(route, method, request, ctxBase);
  const stateKey = connectionKeys.readSummaryState(connectionId);
  const reads = operation.reads ?? [];
  const items = await store.getMany([connectionKey, stateKey, ...reads].filter(unique));
  const stored = connectionSchema.safeParse(items.find((item) => item.key === connectionKey)?.value);
  gate.observe(connectionId, stored.success ? stored.data : undefined, token, now);
  const connection = stored.success ? authenticate(stored.data, token) : undefined;
  if (!connection) throw unauthorized(UNAUTHORIZED_DETAIL);
  // Only the holder of the right token learns that the app is disabled; its refused request is listed for the admin.
  if (!connection.enabled) {
    const disabled = new SCIMError(403, undefined, DISABLED_DETAIL);
    await recordFailure(store, audit, disabled);
    throw disabled;
  }
  const ctx: DirectoryContext = { ...ctxBase, store: new PrefetchingStore(store, reads, items) };
  const baseUrl = `${await deps.triggerUrl()}/${connection.id}/scim/v2`;
  try {
    const response = await operation.run({ ctx, baseUrl, audit });
    if (operation.writes)
      await enqueueJobs(platform, connection.id, ctx.changes, (wanted) => budget.takeQueueEvents(connectionId, platform.clock.now(), wanted));
    else
      await summariseRead(
        store,
        now,
        connectionId,
        items.find((i) => i.key === stateKey),
        audit(response.statusCode),
      );
    return response;
  } catch (error) {
    if (error instanceof SCIMError || error instanceof DirectoryError || error instanceof StoreLimitError) await recordFailure(store, audit, error);
    throw error;
  }
}

/** The path as the request log keeps it: ids and segments no SCIM path has are not kept as sent. */
function summaryPath(route: ScimRoute): string {
  if (route.search) return `${route.resource ? `/${route.resource}` : ''}/.search`;
  return `/${route.resource ?? (route.unknown ? '{unknown}' : '')}${route.id ? '/{id}' : ''}${route.extra ? '/{unknown}' : ''}`;
}

async function readCredential(store: Store, connectionKey: string): Promise<StoredCredential | undefined> {
  const parsed = connectionSchema.safeParse((await store.get(connectionKey))?.value);
  return parsed.success ? parsed.data : undefined;
}

/** A connection over its budget: 429, and the first refusal of the window is shown on the admin page. */
async function overBudget(store: Store, refusal: BudgetRefusal, audit: (status: number) => TransactionOp[]): Promise<WebTriggerResponse> {
  if (refusal.firstInWindow) await store.transact(audit(429)).catch(() => undefined);
  const what = { requests: 'requests', readUnits: 'storage reads', writeUnits: 'storage writes', queueEvents: 'queue events' }[refusal.spent];
  return tooManyRequests(
    `This connection has used its ${what} for this minute (a limit that keeps one connection from starving the others). Retry after ${refusal.retryAfterSeconds} seconds.`,
    refusal.retryAfterSeconds,
  );
}

/** One answer for an unknown connection and a wrong token: ids are not enumerable. A disabled one is returned. */
function authenticate(connection: Connection, token: string | undefined): Connection | undefined {
  if (!token || !connection.tokenHash || !tokenMatches(token, connection.tokenHash)) return undefined;
  return connection;
}

function tooManyRequests(detail: string, retryAfterSeconds: number): WebTriggerResponse {
  return scimJson(429, new SCIMError(429, undefined, detail).toBody(), { 'Retry-After': String(retryAfterSeconds) });
}

async function summariseRead(
  store: Store,
  now: number,
  connectionId: string,
  state: { value: unknown; version: number } | undefined,
  ops: TransactionOp[],
): Promise<void> {
  const last = (state?.value as { lastReadSummaryAt?: number } | undefined)?.lastReadSummaryAt ?? 0;
  if (now - last < READ_SUMMARY_INTERVAL_MS) return;
  const stateKey = connectionKeys.readSummaryState(connectionId);
  const condition = state ? { ifVersion: state.version } : { ifAbsent: true };
  await store.transact([{ op: 'set', key: stateKey, value: { lastReadSummaryAt: now }, ...condition }, ...ops]).catch(() => undefined); // another request summarised this minute
}

async function recordFailure(
  store: Store,
  audit: (status: number) => TransactionOp[],
  error: SCIMError | DirectoryError | StoreLimitError,
): Promise<void> {
  const status =
    error instanceof SCIMError ? error.status : error instanceof DirectoryError ? toScimError(error).status : error.limit === 'request' ? 500 : 400;
  await store.transact(audit(status)).catch(() => undefined);
}

function answerError(platform: Platform, error: unknown): WebTriggerResponse {
  if (error instanceof SCIMError) return errorResponse(error);
  if (error instanceof DirectoryError) return errorResponse(toScimError(error));
  if (error instanceof StoreLimitError && error.limit !== 'request') return errorResponse(tooLargeToStore(error));
  platform.log.error('scim.unexpected_error', { error: error instanceof Error ? error.name : typeof error });
  return errorResponse(new SCIMError(500, undefined, 'The server could not complete the request; it was not applied. Retry later.'));
}

/** A value the store cannot hold came from the client (a huge or deeply nested attribute): a client mistake. */
function tooLargeToStore(error: StoreLimitError): SCIMError {
  return new SCIMError(
    400,
    'invalidValue',
    `The resource cannot be stored as sent: ${error.message}. Send shorter values and attributes nested less deeply.`,
  );
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
