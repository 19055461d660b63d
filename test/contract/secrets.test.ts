import { createKvsSecrets } from '../../src/platform/forge/kvs-secrets';
import { createKvsStore } from '../../src/platform/forge/kvs-store';
import { openDatabase } from '../../src/platform/local/database';
import { createSqliteSecrets } from '../../src/platform/local/sqlite-secrets';
import { createSqliteStore } from '../../src/platform/local/sqlite-store';
import { installFakeForgeKvs } from '../../src/fakes/forge/forge-kvs-backend';
import { FakeClock } from '../kit/fake-clock';
import { describeSecretsContract } from './secrets.contract';

describeSecretsContract('SQLite', () => {
  const db = openDatabase(':memory:');
  return { secrets: createSqliteSecrets(db), store: createSqliteStore(db, new FakeClock()), teardown: () => void db.close() };
});

describeSecretsContract('Forge KVS (fake service)', () => {
  const backend = installFakeForgeKvs();
  return { secrets: createKvsSecrets(), store: createKvsStore(), teardown: () => backend.uninstall() };
});

describe('Forge secrets on the wire', () => {
  it('uses the secret endpoints, one request per call', async () => {
    const backend = installFakeForgeKvs();
    try {
      const secrets = createKvsSecrets();
      await secrets.set('conn:1:token', 't');
      await secrets.get('conn:1:token');
      await secrets.delete('conn:1:token');
      expect(backend.requests.map((r) => r.path)).toEqual(['/api/v1/secret/set', '/api/v1/secret/get', '/api/v1/secret/delete']);
    } finally {
      backend.uninstall();
    }
  });
});
