import { adminBed } from '../../test/kit/admin-bed';
import { FAKE_IDCS } from '../local/local-world';

// Forge's egress proxy lets the app call only the addresses its manifest declares: an address the admin enters is
// checked when it is saved, with a message on its field, instead of failing later at every sync.

const pullConfig = (settings: Record<string, unknown>) => ({ enabled: true, intervalMinutes: 15, fullRunHourUtc: 3, settings });

describe('admin-entered addresses against the manifest egress', () => {
  it('refuses an http:// or non-Atlassian site URL on its field, and takes https://….atlassian.net', async () => {
    const bed = await adminBed();
    const { config } = await bed.data('getCredentials', {});
    for (const siteUrl of ['http://acme.atlassian.net', 'https://jira.acme.com']) {
      const result = await bed.call('saveCredentials', { config: { ...config, siteUrl } });
      expect(!result.ok && result.error.fields?.['config.siteUrl']).toMatch(/^The app can reach only https:\/\/….atlassian.net sites/);
    }
    expect((await bed.data('saveCredentials', { config: { ...config, siteUrl: 'https://acme.atlassian.net' } })).config.siteUrl).toBe(
      'https://acme.atlassian.net',
    );
  });

  it('refuses a dedicated or older miniOrange host, and an IDCS URL outside identity.oraclecloud.com, on their fields', async () => {
    const bed = await adminBed();
    const { connection: mo } = await bed.data('createConnection', { name: 'miniOrange', provider: 'miniorange', method: 'pull' });
    for (const baseUrl of ['https://acme.xecurify.com', 'https://auth.miniorange.com']) {
      const result = await bed.call('savePullSetup', { connectionId: mo.id, config: pullConfig({ baseUrl, customerKey: '271828' }) });
      expect(!result.ok && result.error.fields?.['config.settings.baseUrl']).toMatch(
        /^must be https:\/\/login\.xecurify\.com: the app's manifest declares no other miniOrange host/,
      );
    }
    const { connection: idcs } = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    const refused = await bed.call('savePullSetup', {
      connectionId: idcs.id,
      config: pullConfig({ baseUrl: 'https://idcs.acme.example', clientId: 'c' }),
    });
    expect(!refused.ok && refused.error.fields?.['config.settings.baseUrl']).toMatch(/^must be an identity domain URL/);
    await bed.data('savePullSetup', { connectionId: idcs.id, config: pullConfig({ baseUrl: FAKE_IDCS.baseUrl, clientId: FAKE_IDCS.clientId }) });
  });
});
