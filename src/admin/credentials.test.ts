import { adminBed } from '../../test/kit/admin-bed';
import { readAtlassianSecret } from '../atlassian/credentials';

describe('Atlassian credential resolvers', () => {
  it('shows the configuration, which secrets are set (never their values) and the capability matrix', async () => {
    const bed = await adminBed();
    const view = await bed.data('getCredentials', {});
    const { credentials } = bed.world.sandbox;
    expect(view.config).toMatchObject({
      siteUrl: credentials.siteUrl,
      siteAdminEmail: credentials.siteAdmin.email,
      scimDirectoryId: credentials.scimDirectoryId,
    });
    expect(view.secretsSet).toEqual({ siteToken: true, orgKey: false, directoryKey: true, bitbucketToken: false });
    expect(view.available).toEqual(['directoryKey', 'siteToken']);
    expect(view.matrix.find((row) => row.operation === 'createUser')).toMatchObject({
      label: 'Creating users',
      route: { credential: 'directoryKey' },
    });
    expect(view.matrix.find((row) => row.operation === 'bitbucketGroups')?.route).toEqual({ message: expect.stringContaining('needs') });
    const json = JSON.stringify(view);
    for (const secret of [credentials.directoryKey, credentials.siteAdmin.apiToken]) expect(json).not.toContain(secret);
  });

  it('saves the configuration, replaces and clears secrets, and returns only whether each is set', async () => {
    const bed = await adminBed();
    const { config } = await bed.data('getCredentials', {});
    const view = await bed.data('saveCredentials', {
      config: { ...config, orgId: 'sandbox-org', orgDirectoryId: bed.world.sandbox.credentials.orgDirectoryId },
      secrets: { orgKey: 'new-org-key-value' },
      clearSecrets: ['directoryKey'],
    });
    expect(view.secretsSet).toEqual({ siteToken: true, orgKey: true, directoryKey: false, bitbucketToken: false });
    expect(view.available).toEqual(['orgKey', 'siteToken']);
    expect(JSON.stringify(view)).not.toContain('new-org-key-value');
    expect(await readAtlassianSecret(bed.platform.secrets, 'orgKey')).toBe('new-org-key-value');
    expect(bed.platform.log.text()).not.toContain('new-org-key-value');
  });

  it('puts configuration and secret problems on their fields', async () => {
    const bed = await adminBed();
    const result = await bed.call('saveCredentials', { config: { siteUrl: 'acme', siteAdminEmail: 'not an email' }, secrets: { siteToken: ' ' } });
    expect(!result.ok && result.error.fields).toEqual({
      'config.siteUrl': 'Enter the site URL, e.g. https://acme.atlassian.net',
      'config.siteAdminEmail': 'Enter the email of the site admin who created the API token.',
      'secrets.siteToken': 'Enter the key or token, or leave the field empty to keep the stored one.',
    });
  });

  it('tests the credentials by listing groups with each one set, one at a time', async () => {
    const bed = await adminBed();
    expect(await bed.data('testCredentials', {})).toEqual({
      ok: true,
      detail: 'All 2 credentials work.',
      results: [
        { credential: 'directoryKey', ok: true, detail: expect.stringMatching(/^Listed \d+ groups.* with a directory API key/) },
        { credential: 'siteToken', ok: true, detail: expect.stringMatching(/^Listed \d+ groups.* with a site admin's API token\.$/) },
      ],
    });

    const { config } = await bed.data('getCredentials', {});
    await bed.data('saveCredentials', { config, secrets: { siteToken: 'wrong-token' }, clearSecrets: ['directoryKey'] });
    expect(await bed.data('testCredentials', {})).toMatchObject({ ok: false, results: [{ credential: 'siteToken', ok: false }] });
    await bed.data('saveCredentials', { config, secrets: { siteToken: bed.world.sandbox.credentials.siteAdmin.apiToken } });
    await bed.data('saveCredentials', { config, secrets: { directoryKey: 'wrong-key' } });
    const refused = await bed.data('testCredentials', {});
    expect(refused).toMatchObject({
      ok: false,
      results: [
        { credential: 'directoryKey', ok: false },
        { credential: 'siteToken', ok: true },
      ],
    });

    await bed.data('saveCredentials', { config: {}, clearSecrets: ['siteToken'] });
    expect(await bed.data('testCredentials', {})).toEqual({ ok: false, detail: expect.stringContaining('Listing groups needs'), results: [] });
  });
});
