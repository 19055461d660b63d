import { z } from 'zod';
import { TargetError } from '../atlassian/target';
import { dryRunConnection, type DryRunReport } from '../provisioning/dry-run';
import { AdminError, connectionIdSchema, notFound, operation } from './result';

export const dryRunOperations = {
  /** The plan for the connection's first users by name, read from the Atlassian site; nothing is changed or logged. */
  dryRun: operation(
    z.object({ connectionId: connectionIdSchema, limit: z.number().int().min(1).max(100).default(25) }),
    async (deps, input): Promise<DryRunReport> => {
      try {
        const report = await dryRunConnection(deps.platform, input.connectionId, input.limit);
        if (!report) throw notFound('This connection');
        return report;
      } catch (error) {
        if (error instanceof TargetError) throw new AdminError('failed', `The Atlassian site could not be read for the plan: ${error.message}`);
        throw error;
      }
    },
  ),
};
