import { createConnection } from '../connections/connection-repository';
import { IDCS_BASE_URL } from '../../test/kit/connector-bed';
import { createTestPlatform } from '../../test/kit/test-platform';
import { hasPullSecret, loadPullConfig, savePullConfig, setPullSecret } from './pull-config';

async function setup() {
  const platform = createTestPlatform();
  const { connection } = await createConnection(platform, { provider: 'oracle-idcs', method: 'pull', name: 'IDCS' });
  return { platform, id: connection.id };
}

const idcs = (overrides: Record<string, unknown> = {}) => ({
  provider: 'oracle-idcs',
  settings: { baseUrl: `${IDCS_BASE_URL}/ui/v1/adminconsole`, clientId: 'client-1', appId: 'app1' },
  ...overrides,
});

describe('pull configuration', () => {
  it('saves the connector settings with defaults, and loads them back', async () => {
    const { platform, id } = await setup();
    expect(await loadPullConfig(platform.store, id)).toBeUndefined();
    expect(await savePullConfig(platform, id, idcs({ intervalMinutes: 5 }))).toMatchObject({ ok: true });
    expect(await loadPullConfig(platform.store, id)).toEqual({
      provider: 'oracle-idcs',
      settings: { baseUrl: IDCS_BASE_URL, clientId: 'client-1', appId: 'app1', deltaSkewSeconds: 300 },
      intervalMinutes: 5,
      fullRunHourUtc: 3,
      enabled: true,
    });
  });

  it.each([
    [idcs({ intervalMinutes: 10 }), 'intervalMinutes'],
    [idcs({ fullRunHourUtc: 24 }), 'fullRunHourUtc'],
    [idcs({ settings: { baseUrl: 'http://idcs.example.com', clientId: 'c' } }), 'settings.baseUrl'],
    [{ provider: 'miniorange', settings: { customerKey: '123' } }, 'provider'],
  ])('refuses %j, naming %s', async (input, path) => {
    const { platform, id } = await setup();
    const result = await savePullConfig(platform, id, input);
    expect(result).toMatchObject({ ok: false, issues: [expect.objectContaining({ path })] });
    expect(await loadPullConfig(platform.store, id)).toBeUndefined();
  });

  it('refuses a SCIM connection', async () => {
    const { platform } = await setup();
    const { connection } = await createConnection(platform, { provider: 'oracle-idcs', method: 'scim', name: 'IDCS SCIM' });
    expect(await savePullConfig(platform, connection.id, idcs())).toMatchObject({ ok: false, issues: [{ path: '' }] });
  });

  it('keeps the IdP secret in Secrets only, and says whether one is set', async () => {
    const { platform, id } = await setup();
    expect(await hasPullSecret(platform, id)).toBe(false);
    expect(await setPullSecret(platform, id, '')).toMatchObject({ ok: false });
    expect(await setPullSecret(platform, id, 'the-secret')).toEqual({ ok: true });
    expect(await hasPullSecret(platform, id)).toBe(true);
    await savePullConfig(platform, id, idcs());
    expect(JSON.stringify(await platform.store.query(''))).not.toContain('the-secret');
  });
});
