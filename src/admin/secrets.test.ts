import { adminBed } from '../../test/kit/admin-bed';
import { FAKE_IDCS } from '../local/local-world';
import { resolverDefinitions, type ResolverKey } from './resolver-definitions';

// Secrets never leave the server: every resolver is called with a working payload while every kind of secret is
// stored, and no answer may contain one. The only exception is the SCIM token, shown once by the two resolvers
// that make one (createConnection, rotateToken), and only in their own answer.

describe('secrets in resolver answers', () => {
  it('never returns a stored secret, and the SCIM token only when it is made', async () => {
    const bed = await adminBed();
    const atlassianSecrets = { orgKey: 'org-key-7d1f', bitbucketToken: 'bb-token-9a2e' };
    const pullSecret = FAKE_IDCS.clientSecret;
    const { config } = await bed.data('getCredentials', {});
    await bed.data('saveCredentials', { config, secrets: atlassianSecrets });
    const scim = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const pull = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    const scimId = scim.connection.id;
    const pullId = pull.connection.id;
    const settings = {
      enabled: true,
      intervalMinutes: 60,
      fullRunHourUtc: 3,
      settings: { baseUrl: FAKE_IDCS.baseUrl, clientId: FAKE_IDCS.clientId },
    };
    await bed.data('savePullSetup', { connectionId: pullId, config: settings, secret: pullSecret });
    const user = await bed
      .scim(scimId, scim.scim!.token)
      .post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@example.com' });
    const run = await bed.data('synchronizeNow', { connectionId: pullId });
    bed.answers.length = 0;

    const payloads: Record<ResolverKey, unknown> = {
      listConnections: {},
      getPagePreferences: {},
      savePagePreferences: { selectedConnectionId: scimId, activity: { result: 'problem' } },
      createConnection: { name: 'Entra', provider: 'entra', method: 'scim' },
      renameConnection: { connectionId: scimId, name: 'Okta EU' },
      setConnectionEnabled: { connectionId: scimId, enabled: true },
      getScimSetup: { connectionId: scimId },
      rotateToken: { connectionId: scimId },
      getPullSetup: { connectionId: pullId },
      savePullSetup: { connectionId: pullId, config: settings },
      testPullConnection: { connectionId: pullId },
      testUserLookup: { connectionId: pullId, username: 'user1@example.com' },
      syncUser: { connectionId: pullId, username: 'user1@example.com' },
      getRunStatus: { connectionId: pullId },
      listRunHistory: { connectionId: pullId },
      confirmRun: { connectionId: pullId, runId: run.run.id },
      cancelRun: { connectionId: pullId, runId: run.run.id },
      synchronizeNow: { connectionId: pullId, mode: 'delta' },
      getOptions: { connectionId: scimId },
      saveOptions: { connectionId: scimId, options: {} },
      previewRegex: { rule: { pattern: '(.*)@example.com', replacement: '$1' }, samples: ['ada@example.com'] },
      getCredentials: {},
      getKeyExpiry: {},
      saveCredentials: { config },
      testCredentials: {},
      listActivity: {},
      listUsers: { connectionId: scimId },
      getUserDetail: { connectionId: scimId, userId: user.body.id },
      listGroups: { connectionId: scimId },
      retrySubject: { connectionId: scimId, kind: 'user', subjectId: user.body.id },
      dryRun: { connectionId: scimId },
      getReevaluation: { connectionId: scimId },
      checkSiteNow: { connectionId: scimId, mode: 'report' },
      confirmRemovals: { connectionId: scimId },
      cancelRemovals: { connectionId: scimId },
      previewOptions: { connectionId: scimId, options: { createUsers: false } },
      deleteConnection: { connectionId: pullId, confirm: true },
    };
    expect(Object.keys(payloads).sort()).toEqual(Object.keys(resolverDefinitions).sort());

    const tokens: string[] = [scim.scim!.token];
    const refused: string[] = [];
    for (const [key, payload] of Object.entries(payloads) as [ResolverKey, never][]) {
      const result = await bed.call(key, payload);
      if (!result.ok) refused.push(`${key}: ${result.error.message}`);
      const answer = JSON.stringify(result);
      const made =
        key === 'createConnection' || key === 'rotateToken'
          ? (JSON.parse(answer) as { data: { token?: string; scim?: { token: string } } }).data
          : undefined;
      const fresh = made?.token ?? made?.scim?.token;
      const forbidden = [
        ...Object.values(atlassianSecrets),
        pullSecret,
        bed.world.sandbox.credentials.directoryKey,
        bed.world.sandbox.credentials.siteAdmin.apiToken,
        ...tokens,
      ];
      for (const secret of forbidden) expect([key, answer.includes(secret)]).toEqual([key, false]);
      if (fresh) tokens.push(fresh);
    }
    expect(refused).toEqual(['confirmRun: This run is not waiting for confirmation: it is running.']);
    const logged = bed.platform.log.text();
    for (const secret of [...Object.values(atlassianSecrets), pullSecret, ...tokens]) expect(logged).not.toContain(secret);
  });
});
