import type { Connection } from '../connections/connection';
import { readCount } from '../directory/counters';
import { directoryContext } from '../directory/directory-context';
import type { Platform } from '../platform/ports';
import { listUserSyncStates, type SyncStatus } from '../provisioning/sync-state';
import { listActivity, type ActivityEntry } from '../records/activity-log';
import { recentRequests } from '../records/request-log';
import { loadPullSetup } from '../sync/pull-setup';
import { getRunStatus } from '../sync/run-history';
import type { RunStatus } from '../sync/run-record';
import { CONNECTION_TEST } from './admin-changes';

// What the connections list shows per connection. Sync states have no counters, so they are counted by a scan
// that stops at STATE_SCAN_LIMIT; `complete` says whether the counts cover every user.

const STATE_SCAN_LIMIT = 500;

export type ConnectionStatus = 'active' | 'disabled' | 'awaitingSetup' | 'failing';

export type SyncCounts = Record<SyncStatus, number> & { complete: boolean };

export interface ConnectionSummary {
  id: string;
  name: string;
  provider: Connection['provider'];
  method: Connection['method'];
  enabled: boolean;
  createdAt: string;
  status: ConnectionStatus;
  /** Why the status is what it is, for the admin. */
  statusDetail: string;
  lastActivityAt?: string;
  /** Users and groups in this connection's directory (what the IdP asserted). */
  directory: { users: number; groups: number };
  sync: SyncCounts;
}

export async function summariseConnection(platform: Platform, connection: Connection): Promise<ConnectionSummary> {
  const ctx = directoryContext(platform, connection.id, 'admin');
  const [users, groups, sync, [activity], [request], setup, latestRun] = await Promise.all([
    readCount(ctx, 'u'),
    readCount(ctx, 'g'),
    countSyncStates(platform, connection.id),
    listActivity(platform.store, { connectionId: connection.id }, { limit: 1 }).then((page) => page.entries),
    recentRequests(platform.store, connection.id, 1),
    setupProblem(platform, connection),
    connection.method === 'pull' ? getRunStatus(platform, connection.id) : undefined,
  ]);
  const lastActivityAt = [activity?.at, request?.at]
    .filter((at): at is string => at !== undefined)
    .sort()
    .at(-1);
  const { status, statusDetail } = statusOf(connection, sync, setup ?? pullProblem(activity, latestRun), request !== undefined);
  return {
    id: connection.id,
    name: connection.name,
    provider: connection.provider,
    method: connection.method,
    enabled: connection.enabled,
    createdAt: connection.createdAt,
    status,
    statusDetail,
    ...(lastActivityAt ? { lastActivityAt } : {}),
    directory: { users, groups },
    sync,
  };
}

async function countSyncStates(platform: Platform, connectionId: string): Promise<SyncCounts> {
  const counts: SyncCounts = { synced: 0, failed: 0, pending: 0, skipped: 0, planned: 0, held: 0, complete: true };
  let cursor: string | undefined;
  let scanned = 0;
  do {
    const page = await listUserSyncStates(platform.store, connectionId, { cursor, limit: 100 });
    for (const { state } of page.items) counts[state.status] += 1;
    scanned += page.items.length;
    cursor = page.cursor;
  } while (cursor && scanned < STATE_SCAN_LIMIT);
  counts.complete = cursor === undefined;
  return counts;
}

/**
 * For REST pull: the failure the admin saw last, until something newer: a failed "Test connection" that is the
 * latest entry (saving the settings again logs one more), or a latest run that failed.
 */
function pullProblem(latest: ActivityEntry | undefined, run: RunStatus | undefined): { status: ConnectionStatus; detail: string } | undefined {
  if (latest?.action === CONNECTION_TEST && latest.result === 'failed')
    return { status: 'failing', detail: `Test connection failed: ${latest.reason ?? 'see Activity'}` };
  if (run?.status === 'failed') return { status: 'failing', detail: `The last run failed: ${run.message ?? 'see Setup'}` };
  return undefined;
}

/** For REST pull: what is missing before it can run. */
async function setupProblem(platform: Platform, connection: Connection): Promise<string | undefined> {
  if (connection.method !== 'pull' || !connection.enabled) return undefined;
  const setup = await loadPullSetup(platform, connection.id);
  return setup.ok ? undefined : setup.message;
}

function statusOf(
  connection: Connection,
  sync: SyncCounts,
  problem: string | { status: ConnectionStatus; detail: string } | undefined,
  heardFromIdp: boolean,
): { status: ConnectionStatus; statusDetail: string } {
  if (!connection.enabled) return { status: 'disabled', statusDetail: 'Disabled: the IdP is refused and nothing is synchronised.' };
  if (typeof problem === 'string') return { status: 'awaitingSetup', statusDetail: problem };
  if (problem) return { status: problem.status, statusDetail: problem.detail };
  if (connection.method === 'scim' && !heardFromIdp) {
    return {
      status: 'awaitingSetup',
      statusDetail: 'No request from the IdP in the last week: paste the SCIM base URL and token into it and test the connection there.',
    };
  }
  if (sync.failed > 0) {
    const users = sync.failed === 1 ? '1 user' : `${sync.failed}${sync.complete ? '' : '+'} users`;
    return { status: 'failing', statusDetail: `${users} could not be synchronised: see Users and Activity.` };
  }
  return { status: 'active', statusDetail: 'Active.' };
}
