import { kvs } from '@forge/kvs';
import type { Secrets } from '../ports';
import { assertValidKey, assertValidValue } from '../store-limits';

/** The Secrets port on Forge's secret storage (kvs.setSecret / getSecret / deleteSecret). */
export function createKvsSecrets(): Secrets {
  return {
    async get(key: string): Promise<string | undefined> {
      assertValidKey(key);
      return kvs.getSecret<string>(key);
    },
    async set(key: string, value: string): Promise<void> {
      assertValidKey(key);
      assertValidValue(value);
      await kvs.setSecret(key, value);
    },
    async delete(key: string): Promise<void> {
      assertValidKey(key);
      await kvs.deleteSecret(key);
    },
  };
}
