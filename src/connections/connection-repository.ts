import type { Platform, Store } from '../platform/ports';
import { ConditionFailedError } from '../platform/store-errors';
import { connectionSchema, isConnectionId, type Connection, type Method, type Provider } from './connection';
import { generateToken, hashToken } from './token';
import { connectionKeys } from '../storage/keys';

export const connectionKey = connectionKeys.record;
const CONNECTION_PREFIX = connectionKeys.recordPrefix;

export async function getConnection(store: Store, id: string): Promise<Connection | undefined> {
  if (!isConnectionId(id)) return undefined;
  const item = await store.get(connectionKey(id));
  return item ? connectionSchema.parse(item.value) : undefined;
}

export async function listConnections(store: Store): Promise<Connection[]> {
  const connections: Connection[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query(CONNECTION_PREFIX, { cursor, limit: 100 });
    for (const item of page.items) connections.push(connectionSchema.parse(item.value));
    cursor = page.cursor;
  } while (cursor);
  return connections;
}

export interface NewConnection {
  provider: Provider;
  method: Method;
  name: string;
}

/** Creates a connection with a fresh token; the token is returned once and only its hash is stored. */
export async function createConnection(
  platform: Pick<Platform, 'store' | 'random' | 'clock'>,
  input: NewConnection,
): Promise<{ connection: Connection; token: string }> {
  const token = generateToken(platform.random);
  const now = new Date(platform.clock.now()).toISOString();
  const connection = connectionSchema.parse({
    id: platform.random.id(),
    ...input,
    enabled: true,
    tokenHash: hashToken(token),
    tokenCreatedAt: now,
    createdAt: now,
  });
  await platform.store.set(connectionKey(connection.id), connection, { ifAbsent: true });
  return { connection, token };
}

/** Replaces the token (the old one stops working at once); returns the new token, shown once. */
export async function rotateToken(
  platform: Pick<Platform, 'store' | 'random' | 'clock'>,
  id: string,
  token = generateToken(platform.random),
): Promise<{ connection: Connection; token: string }> {
  const connection = await updateConnection(platform.store, id, (current) => ({
    ...current,
    tokenHash: hashToken(token),
    tokenCreatedAt: new Date(platform.clock.now()).toISOString(),
  }));
  return { connection, token };
}

/** Read-modify-write with compare-and-set; retries when another writer got there first. */
export async function updateConnection(store: Store, id: string, change: (current: Connection) => Connection): Promise<Connection> {
  for (let attempt = 0; ; attempt++) {
    const item = await store.get(connectionKey(id));
    if (!item) throw new Error(`Connection ${id} does not exist`);
    const next = connectionSchema.parse(change(connectionSchema.parse(item.value)));
    try {
      await store.set(connectionKey(id), next, { ifVersion: item.version });
      return next;
    } catch (error) {
      if (attempt >= 5 || !(error instanceof ConditionFailedError)) throw error;
    }
  }
}
