import { z } from 'zod';
import type { Connection } from '../connections/connection';
import { getConnection } from '../connections/connection-repository';
import { testConnection } from '../sync/connection-check';
import { notesFor } from '../sync/platform-notes';
import {
  hasPullSecret,
  loadPullConfig,
  PULL_INTERVALS_MINUTES,
  savePullConfig,
  setPullSecret,
  type PullConfig,
  type PullProvider,
} from '../sync/pull-config';
import type { Refusal } from '../sync/refusal';
import { cancelRun, confirmRun } from '../sync/run-confirmation';
import { getRunStatus, listRunHistory } from '../sync/run-history';
import type { RunStatus } from '../sync/run-record';
import { synchronizeNow } from '../sync/start-run';
import { syncUser } from '../sync/sync-user';
import { testUserLookup } from '../sync/user-lookup';
import { recordActivity } from '../records/activity-log';
import { connectionSubject, CONNECTION_TEST, recordAdminChange } from './admin-changes';
import type { AdminDeps } from './admin-deps';
import { isPullProvider } from './pull-providers';
import { AdminError, connectionIdSchema, invalid, notFound, operation, type ErrorCode } from './result';

export interface PullSetupView {
  connectionId: string;
  provider: PullProvider;
  /** Absent until saved. Holds no secret: the IdP credential is only ever reported as set or not. */
  config?: PullConfig;
  secretSet: boolean;
  intervalsMinutes: readonly number[];
  /** Whether the IdP can list users (miniOrange cannot: its runs refresh the users already known). */
  canList: boolean;
  /** What Forge cannot do (login-time sync, LDAP) and what the provider cannot do, with what to use instead. */
  notes: string[];
  latestRun?: RunStatus;
}

const byConnection = z.object({ connectionId: connectionIdSchema });
const byRun = byConnection.extend({ runId: z.string().regex(/^[A-Za-z0-9]{1,80}$/, 'Choose a run.') });
const byUsername = byConnection.extend({
  username: z.string().trim().min(1, 'Enter a username or email address.').max(256, 'Use at most 256 characters.'),
});

const savePayload = byConnection.extend({
  config: z.object({
    enabled: z.boolean(),
    intervalMinutes: z.number(),
    fullRunHourUtc: z.number(),
    settings: z.record(z.string(), z.unknown()),
  }),
  /** Only when the admin enters a new one: a stored credential is never sent back to be re-saved. */
  secret: z
    .string()
    .trim()
    .min(1, 'Enter the secret, or leave the field empty to keep the stored one.')
    .max(4096, 'The secret is too long.')
    .optional(),
});

export const pullSetupOperations = {
  getPullSetup: operation(byConnection, async (deps, { connectionId }) => pullSetupView(deps, await pullConnection(deps, connectionId))),

  savePullSetup: operation(savePayload, async (deps, input): Promise<PullSetupView> => {
    const connection = await pullConnection(deps, input.connectionId);
    const saved = await savePullConfig(deps.platform, connection.id, { ...input.config, provider: connection.provider });
    if (!saved.ok) throw invalid(saved.issues, 'config');
    await recordAdminChange(deps.platform, {
      connectionId: connection.id,
      subject: connectionSubject(connection),
      action: 'REST-pull settings saved',
    });
    if (input.secret !== undefined) {
      const stored = await setPullSecret(deps.platform, connection.id, input.secret);
      if (!stored.ok) throw invalid(stored.issues);
      await recordAdminChange(deps.platform, {
        connectionId: connection.id,
        subject: connectionSubject(connection),
        action: 'IdP credential replaced',
      });
    }
    return pullSetupView(deps, connection);
  }),

  /** The result is logged too: a failed test shows on the connections list until the settings are saved again. */
  testPullConnection: operation(byConnection, async (deps, { connectionId }) => {
    const connection = await pullConnection(deps, connectionId);
    const result = accepted(await testConnection(deps.platform, connectionId));
    await recordActivity(deps.platform, {
      connectionId,
      actor: 'admin',
      subject: connectionSubject(connection),
      action: CONNECTION_TEST,
      result: result.connected ? 'applied' : 'failed',
      reason: result.detail,
    });
    return result;
  }),

  testUserLookup: operation(byUsername, async (deps, input) => accepted(await testUserLookup(deps.platform, input.connectionId, input.username))),

  syncUser: operation(byUsername, async (deps, input) => accepted(await syncUser(deps.platform, input.connectionId, input.username))),

  synchronizeNow: operation(byConnection.extend({ mode: z.enum(['full', 'delta']).default('full') }), async (deps, input) =>
    accepted(await synchronizeNow(deps.platform, input.connectionId, input.mode)),
  ),

  getRunStatus: operation(byConnection.extend({ runId: byRun.shape.runId.optional() }), async (deps, input) => ({
    run: (await getRunStatus(deps.platform, input.connectionId, input.runId)) ?? null,
  })),

  listRunHistory: operation(byConnection.extend({ cursor: z.string().max(2000).optional() }), async (deps, input) =>
    listRunHistory(deps.platform, input.connectionId, { limit: 10, cursor: input.cursor }),
  ),

  confirmRun: operation(byRun, async (deps, input) => accepted(await confirmRun(deps.platform, input.connectionId, input.runId))),

  cancelRun: operation(byRun, async (deps, input) => accepted(await cancelRun(deps.platform, input.connectionId, input.runId))),
};

async function pullSetupView(deps: AdminDeps, connection: PullConnection): Promise<PullSetupView> {
  const { provider } = connection;
  const [config, secretSet, latestRun] = await Promise.all([
    loadPullConfig(deps.platform.store, connection.id),
    hasPullSecret(deps.platform, connection.id),
    getRunStatus(deps.platform, connection.id),
  ]);
  return {
    connectionId: connection.id,
    provider,
    ...(config ? { config } : {}),
    secretSet,
    intervalsMinutes: PULL_INTERVALS_MINUTES,
    canList: provider !== 'miniorange',
    notes: notesFor(provider),
    ...(latestRun ? { latestRun } : {}),
  };
}

type PullConnection = Connection & { provider: PullProvider };

async function pullConnection(deps: AdminDeps, connectionId: string): Promise<PullConnection> {
  const connection = await getConnection(deps.platform.store, connectionId);
  if (!connection) throw notFound('This connection');
  if (connection.method !== 'pull' || !isPullProvider(connection.provider)) {
    throw new AdminError('conflict', 'This connection receives SCIM pushes from the IdP; there is nothing to pull.');
  }
  return { ...connection, provider: connection.provider };
}

const REFUSAL_CODES: Partial<Record<Refusal['reason'], ErrorCode>> = { notFound: 'notFound', invalidInput: 'invalid', idpError: 'failed' };

type WithoutOk<T> = T extends unknown ? Omit<T, 'ok'> : never;

/** A sync use case's answer, or its refusal as an admin error (its message says what to do). */
function accepted<T extends { ok: true }>(result: T | Refusal): WithoutOk<T> {
  if (!result.ok) throw new AdminError(REFUSAL_CODES[result.reason] ?? 'conflict', result.message);
  const { ok: _ok, ...data } = result;
  return data as WithoutOk<T>;
}
