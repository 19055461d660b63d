import type { Database } from 'better-sqlite3';
import type { Secrets } from '../ports';
import { assertValidKey, assertValidValue } from '../store-limits';

/**
 * The Secrets port on SQLite for `npm start`: a table of its own, apart from the store, so that no store query
 * can return a credential. Values are kept in plain text: the local data directory is the developer's own.
 */
export function createSqliteSecrets(db: Database): Secrets {
  db.exec('CREATE TABLE IF NOT EXISTS secrets (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const select = db.prepare<[string], { value: string }>('SELECT value FROM secrets WHERE key = ?');
  const upsert = db.prepare<[string, string]>('INSERT INTO secrets (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare<[string]>('DELETE FROM secrets WHERE key = ?');

  return {
    async get(key: string): Promise<string | undefined> {
      assertValidKey(key);
      return select.get(key)?.value;
    },
    async set(key: string, value: string): Promise<void> {
      assertValidKey(key);
      assertValidValue(value);
      upsert.run(key, value);
    },
    async delete(key: string): Promise<void> {
      assertValidKey(key);
      remove.run(key);
    },
  };
}
