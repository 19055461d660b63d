import type { Platform } from '../platform/ports';
import type { Connection } from './connection';
import { createConnection, getConnection, rotateToken } from './connection-repository';
import { sharedKeys } from '../storage/keys';

const DEFAULT_POINTER_KEY = sharedKeys.defaultConnection;

export interface DefaultConnection {
  connection: Connection;
  /** Present only when the token was just created or replaced: it is never readable again. */
  token?: string;
}

/**
 * The connection `npm start` prints: created on first start; its token replaced by `presetToken`
 * (from $SCIM_BEARER_TOKEN) when one is given.
 */
export async function ensureDefaultConnection(
  platform: Pick<Platform, 'store' | 'random' | 'clock'>,
  presetToken?: string,
): Promise<DefaultConnection> {
  const pointer = await platform.store.get<{ connectionId: string }>(DEFAULT_POINTER_KEY);
  const existing = pointer ? await getConnection(platform.store, pointer.value.connectionId) : undefined;
  if (existing) {
    return presetToken ? rotateToken(platform, existing.id, presetToken) : { connection: existing };
  }
  const created = await createConnection(platform, { provider: 'custom-scim', method: 'scim', name: 'Default SCIM connection' });
  await platform.store.set(DEFAULT_POINTER_KEY, { connectionId: created.connection.id });
  return presetToken ? rotateToken(platform, created.connection.id, presetToken) : created;
}
