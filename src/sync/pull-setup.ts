import { getConnection } from '../connections/connection-repository';
import type { Connection } from '../connections/connection';
import type { Platform } from '../platform/ports';
import { hasPullSecret, loadPullConfig, type PullConfig } from './pull-config';
import { refuse, type Refusal } from './refusal';

export interface PullSetup {
  ok: true;
  connection: Connection;
  config: PullConfig;
}

const SECRET_NAMES: Record<PullConfig['provider'], string> = {
  'oracle-idcs': 'client secret',
  miniorange: 'API key',
};

/** The connection and its pull configuration, or why the connection cannot pull (yet). */
export async function loadPullSetup(platform: Pick<Platform, 'store' | 'secrets'>, connectionId: string): Promise<PullSetup | Refusal> {
  const connection = await getConnection(platform.store, connectionId);
  if (!connection) return refuse('notFound', 'There is no such connection.');
  if (connection.method !== 'pull') {
    return refuse('notPull', 'This is a SCIM connection: the IdP pushes its changes to the SCIM URL, so there is nothing to pull.');
  }
  if (!connection.enabled) return refuse('disabled', 'This connection is disabled: enable it first.');
  const config = await loadPullConfig(platform.store, connectionId);
  if (!config) return refuse('notConfigured', 'Save the connection’s IdP settings first.');
  if (!(await hasPullSecret(platform, connectionId))) {
    return refuse('noSecret', `Enter the ${SECRET_NAMES[config.provider]} for this connection first.`);
  }
  return { ok: true, connection, config };
}
