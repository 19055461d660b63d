import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const BUSY_TIMEOUT_MS = 5000;

/** Opens `<dataDir>/app.sqlite` (creating the directory), or an in-memory database for ':memory:'. */
export function openDatabase(dataDir: string | ':memory:'): Database.Database {
  if (dataDir === ':memory:') return new Database(':memory:');
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'app.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}
