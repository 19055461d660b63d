import { z } from 'zod';
import { startReevaluation } from '../provisioning/reevaluation';
import { METHODS, PROVIDERS } from '../connections/connection';
import { createConnection, getConnection, listConnections, updateConnection } from '../connections/connection-repository';
import { deleteConnection, type DeletionProgress } from '../connections/delete-connection';
import { connectionSubject, recordAdminChange } from './admin-changes';
import type { AdminDeps } from './admin-deps';
import { summariseConnection, type ConnectionSummary } from './connection-summary';
import { isPullProvider } from './pull-providers';
import { connectionIdSchema, notFound, operation } from './result';
import { scimBaseUrl } from './scim-setup';

const nameSchema = z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.');

const newConnectionSchema = z
  .object({
    name: nameSchema,
    provider: z.enum(PROVIDERS, 'Choose an identity provider.'),
    method: z.enum(METHODS, 'Choose SCIM push or REST pull.'),
  })
  .refine((input) => input.method === 'scim' || isPullProvider(input.provider), {
    path: ['method'],
    message: 'REST pull is available for Oracle IDCS and miniOrange; this provider pushes over SCIM.',
  });

export interface CreatedConnection {
  connection: ConnectionSummary;
  /** For SCIM connections: the base URL and the token, shown this once. */
  scim?: { baseUrl: string; token: string };
}

export const connectionOperations = {
  listConnections: operation(z.object({}), async (deps) => {
    const connections = await listConnections(deps.platform.store);
    const sorted = connections.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { connections: await Promise.all(sorted.map((connection) => summariseConnection(deps.platform, connection))) };
  }),

  createConnection: operation(newConnectionSchema, async (deps, input): Promise<CreatedConnection> => {
    const { connection, token } = await createConnection(deps.platform, input);
    await recordAdminChange(deps.platform, { connectionId: connection.id, subject: connectionSubject(connection), action: 'connection created' });
    const summary = await summariseConnection(deps.platform, connection);
    if (connection.method !== 'scim') return { connection: summary };
    return { connection: summary, scim: { baseUrl: await scimBaseUrl(deps, connection.id), token } };
  }),

  renameConnection: operation(z.object({ connectionId: connectionIdSchema, name: nameSchema }), async (deps, input) =>
    changeConnection(deps, input.connectionId, 'connection renamed', (connection) => ({ ...connection, name: input.name })),
  ),

  setConnectionEnabled: operation(z.object({ connectionId: connectionIdSchema, enabled: z.boolean() }), async (deps, input) => {
    const wasEnabled = (await getConnection(deps.platform.store, input.connectionId))?.enabled;
    const summary = await changeConnection(deps, input.connectionId, input.enabled ? 'connection enabled' : 'connection disabled', (connection) => ({
      ...connection,
      enabled: input.enabled,
    }));
    // What arrived while it was disabled, and what other connections did meanwhile, is applied now.
    if (input.enabled && wasEnabled === false) await startReevaluation(deps.platform, input.connectionId, 'enabled');
    return summary;
  }),

  /** Called again while `done` is false (a large directory takes more than one call to remove). */
  deleteConnection: operation(
    z.object({ connectionId: connectionIdSchema, confirm: z.literal(true, 'Confirm that the connection and its data are deleted.') }),
    async (deps, input): Promise<DeletionProgress> => {
      const connection = await getConnection(deps.platform.store, input.connectionId);
      if (!connection) throw notFound('This connection');
      const progress = await deleteConnection(deps.platform, connection.id);
      if (!progress) throw notFound('This connection');
      if (progress.done) await recordAdminChange(deps.platform, { subject: connectionSubject(connection), action: 'connection deleted' });
      return progress;
    },
  ),
};

async function changeConnection(
  deps: AdminDeps,
  connectionId: string,
  action: string,
  change: Parameters<typeof updateConnection>[2],
): Promise<ConnectionSummary> {
  if (!(await getConnection(deps.platform.store, connectionId))) throw notFound('This connection');
  const updated = await updateConnection(deps.platform.store, connectionId, change);
  await recordAdminChange(deps.platform, { connectionId, subject: connectionSubject(updated), action });
  return summariseConnection(deps.platform, updated);
}
