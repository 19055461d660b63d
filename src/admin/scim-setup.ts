import { z } from 'zod';
import type { Connection } from '../connections/connection';
import { getConnection, rotateToken } from '../connections/connection-repository';
import { recentRequests, type RequestSummary } from '../records/request-log';
import { connectionSubject, recordAdminChange } from './admin-changes';
import type { AdminDeps } from './admin-deps';
import { AdminError, connectionIdSchema, notFound, operation } from './result';

export interface ScimSetup {
  connectionId: string;
  provider: Connection['provider'];
  baseUrl: string;
  /** The base URL split as Oracle IDCS asks for it: Host Name and Base URI. */
  host: string;
  basePath: string;
  tokenCreatedAt?: string;
  /** Newest first: what the IdP sent (method, path, status; never bodies). */
  recentRequests: RequestSummary[];
}

export interface RotatedToken {
  baseUrl: string;
  /** Shown this once; the previous token stopped working. */
  token: string;
  tokenCreatedAt?: string;
}

export async function scimBaseUrl(deps: Pick<AdminDeps, 'triggerUrl'>, connectionId: string): Promise<string> {
  return `${await deps.triggerUrl()}/${connectionId}/scim/v2`;
}

const byConnection = z.object({ connectionId: connectionIdSchema });

export const scimSetupOperations = {
  getScimSetup: operation(byConnection, async (deps, { connectionId }): Promise<ScimSetup> => {
    const connection = await scimConnection(deps, connectionId);
    const baseUrl = await scimBaseUrl(deps, connectionId);
    const url = new URL(baseUrl);
    return {
      connectionId,
      provider: connection.provider,
      baseUrl,
      host: url.origin,
      basePath: url.pathname,
      ...(connection.tokenCreatedAt ? { tokenCreatedAt: connection.tokenCreatedAt } : {}),
      recentRequests: await recentRequests(deps.platform.store, connectionId),
    };
  }),

  rotateToken: operation(byConnection, async (deps, { connectionId }): Promise<RotatedToken> => {
    await scimConnection(deps, connectionId);
    const { connection, token } = await rotateToken(deps.platform, connectionId);
    await recordAdminChange(deps.platform, {
      connectionId,
      subject: connectionSubject(connection),
      action: 'SCIM token rotated',
    });
    return {
      baseUrl: await scimBaseUrl(deps, connectionId),
      token,
      ...(connection.tokenCreatedAt ? { tokenCreatedAt: connection.tokenCreatedAt } : {}),
    };
  }),
};

async function scimConnection(deps: AdminDeps, connectionId: string): Promise<Connection> {
  const connection = await getConnection(deps.platform.store, connectionId);
  if (!connection) throw notFound('This connection');
  if (connection.method !== 'scim') {
    throw new AdminError('conflict', 'This connection pulls from the IdP over its REST API; it has no SCIM URL or token.');
  }
  return connection;
}
