import { z } from 'zod';
import { TargetError } from '../atlassian/target';
import { getConnection } from '../connections/connection-repository';
import { dryRunConnection, type DryRunReport } from '../provisioning/dry-run';
import { validateOptions } from '../provisioning/options';
import { getReevaluation, startDriftCheck, type Reevaluation } from '../provisioning/reevaluation';
import { cancelHolds, confirmHolds, listHolds, type RemovalHold } from '../provisioning/removal-safety';
import { connectionSubject, recordAdminChange } from './admin-changes';
import type { AdminDeps } from './admin-deps';
import { AdminError, connectionIdSchema, invalid, notFound, operation } from './result';

/** Users the impact preview plans (it reads the site for each, like the dry run). */
const PREVIEW_USERS = 100;
const SHOWN_HOLDS = 50;

export interface ReevaluationView {
  run?: Reevaluation;
  /** Removals waiting for Confirm or Cancel: how many, and the first few. */
  heldCount: number;
  held: RemovalHold[];
}

const byConnection = z.object({ connectionId: connectionIdSchema });

export const reevaluationOperations = {
  /** Progress of the connection's re-evaluation or drift check, and the removals waiting for an admin. */
  getReevaluation: operation(byConnection, async (deps, { connectionId }) => reevaluationView(deps, connectionId)),

  /** "Check the site now": the drift check, repairing or only reporting as the options say (or as asked). */
  checkSiteNow: operation(byConnection.extend({ mode: z.enum(['apply', 'report']).optional() }), async (deps, input) => {
    const connection = await requireConnection(deps, input.connectionId);
    const run = await startDriftCheck(deps.platform, connection.id, input.mode);
    await recordAdminChange(deps.platform, {
      connectionId: connection.id,
      subject: connectionSubject(connection),
      action: 'site check started',
      reason: run.mode === 'report' ? 'report only' : 'repair',
    });
    return reevaluationView(deps, connection.id);
  }),

  confirmRemovals: operation(byConnection, async (deps, { connectionId }) => {
    const connection = await requireConnection(deps, connectionId);
    const count = await confirmHolds(deps.platform, connectionId);
    await recordAdminChange(deps.platform, {
      connectionId,
      subject: connectionSubject(connection),
      action: 'held removals confirmed',
      reason: `${count} removals`,
    });
    return reevaluationView(deps, connectionId);
  }),

  cancelRemovals: operation(byConnection, async (deps, { connectionId }) => {
    const connection = await requireConnection(deps, connectionId);
    const count = await cancelHolds(deps.platform, connectionId);
    await recordAdminChange(deps.platform, {
      connectionId,
      subject: connectionSubject(connection),
      action: 'held removals cancelled',
      reason: `${count} removals`,
    });
    return reevaluationView(deps, connectionId);
  }),

  /** What saving these options would do, from the same planner as the dry run, for the first users by name. */
  previewOptions: operation(byConnection.extend({ options: z.record(z.string(), z.unknown()) }), async (deps, input): Promise<DryRunReport> => {
    await requireConnection(deps, input.connectionId);
    const validated = validateOptions(input.options);
    if (!validated.ok) throw invalid(validated.issues, 'options');
    try {
      const report = await dryRunConnection(deps.platform, input.connectionId, PREVIEW_USERS, validated.options);
      if (!report) throw notFound('This connection');
      return report;
    } catch (error) {
      if (error instanceof TargetError) throw new AdminError('failed', `The Atlassian site could not be read for the preview: ${error.message}`);
      throw error;
    }
  }),
};

async function requireConnection(deps: AdminDeps, connectionId: string) {
  const connection = await getConnection(deps.platform.store, connectionId);
  if (!connection) throw notFound('This connection');
  return connection;
}

async function reevaluationView(deps: AdminDeps, connectionId: string): Promise<ReevaluationView> {
  await requireConnection(deps, connectionId);
  const [run, holds] = await Promise.all([getReevaluation(deps.platform, connectionId), listHolds(deps.platform, connectionId)]);
  return { ...(run ? { run } : {}), heldCount: holds.length, held: holds.slice(0, SHOWN_HOLDS) };
}
