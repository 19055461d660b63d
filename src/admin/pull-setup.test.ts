import { adminBed, type AdminBed } from '../../test/kit/admin-bed';
import { FAKE_IDCS } from '../local/local-world';
import { PULL_QUEUE } from '../sync/pull-queue';

const IDCS_CONFIG = {
  enabled: true,
  intervalMinutes: 15,
  fullRunHourUtc: 3,
  settings: { baseUrl: FAKE_IDCS.baseUrl, clientId: FAKE_IDCS.clientId },
};

async function idcsConnection(bed: AdminBed, secret = FAKE_IDCS.clientSecret): Promise<string> {
  const { connection } = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
  await bed.data('savePullSetup', { connectionId: connection.id, config: IDCS_CONFIG, secret });
  return connection.id;
}

describe('REST-pull setup resolvers', () => {
  it('shows an unsaved setup with what Forge cannot do', async () => {
    const bed = await adminBed();
    const { connection } = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    const view = await bed.data('getPullSetup', { connectionId: connection.id });
    expect(view).toEqual({
      connectionId: connection.id,
      provider: 'oracle-idcs',
      secretSet: false,
      intervalsMinutes: [5, 15, 30, 60, 1440],
      canList: true,
      notes: [
        expect.stringMatching(/^Sync during user login is not possible on Forge/),
        expect.stringMatching(/^LDAP directories cannot be reached from Forge/),
      ],
    });
  });

  it('says that miniOrange has no listing API', async () => {
    const bed = await adminBed();
    const { connection } = await bed.data('createConnection', { name: 'miniOrange', provider: 'miniorange', method: 'pull' });
    const view = await bed.data('getPullSetup', { connectionId: connection.id });
    expect(view.canList).toBe(false);
    expect(view.notes[2]).toMatch(/^miniOrange publishes no listing API/);
  });

  it('saves the settings and the secret, and then reports the secret only as set', async () => {
    const bed = await adminBed();
    const connectionId = await idcsConnection(bed, 'a-very-secret-client-secret');
    const view = await bed.data('getPullSetup', { connectionId });
    expect(view).toMatchObject({
      secretSet: true,
      config: { provider: 'oracle-idcs', intervalMinutes: 15, settings: { baseUrl: FAKE_IDCS.baseUrl, clientId: FAKE_IDCS.clientId } },
    });
    expect(bed.answers.join('\n')).not.toContain('a-very-secret-client-secret');

    // Saving again without a secret keeps the stored one.
    await bed.data('savePullSetup', { connectionId, config: { ...IDCS_CONFIG, intervalMinutes: 5 } });
    expect(await bed.data('getPullSetup', { connectionId })).toMatchObject({ secretSet: true, config: { intervalMinutes: 5 } });
  });

  it('puts the problems with the settings on their fields', async () => {
    const bed = await adminBed();
    const { connection } = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    const result = await bed.call('savePullSetup', {
      connectionId: connection.id,
      config: { ...IDCS_CONFIG, intervalMinutes: 7, settings: { baseUrl: 'http://idcs.example.com', clientId: '' } },
    });
    expect(!result.ok && result.error.fields).toEqual({
      'config.intervalMinutes': 'Choose one of 5, 15, 30, 60, 1440 minutes (1440 = daily).',
      'config.settings.baseUrl': 'must be an https URL (the identity domain URL)',
      'config.settings.clientId': expect.any(String),
    });
    const secret = await bed.call('savePullSetup', { connectionId: connection.id, config: IDCS_CONFIG, secret: '  ' });
    expect(!secret.ok && secret.error.fields).toEqual({ secret: 'Enter the secret, or leave the field empty to keep the stored one.' });
  });

  it('tests the connection and looks a user up in the IdP', async () => {
    const bed = await adminBed();
    const connectionId = await idcsConnection(bed);
    expect(await bed.data('testPullConnection', { connectionId })).toMatchObject({ connected: true, capabilities: { listUsers: true } });
    const lookup = await bed.data('testUserLookup', { connectionId, username: 'user1@example.com' });
    expect(lookup).toMatchObject({ found: true, idpUser: { userName: 'user1@example.com' }, plannedChanges: [{ action: 'createUser' }] });

    const wrong = await idcsConnection(bed, 'not-the-secret');
    expect(await bed.data('testPullConnection', { connectionId: wrong })).toMatchObject({ connected: false });
  });

  it('shows a connection whose test failed as failing until its settings are saved again and it passes', async () => {
    const bed = await adminBed();
    const connectionId = await idcsConnection(bed, 'not-the-secret');
    const statusOf = async () => (await bed.data('listConnections', {})).connections.find((connection) => connection.id === connectionId);
    await bed.data('testPullConnection', { connectionId });
    expect(await statusOf()).toMatchObject({ status: 'failing', statusDetail: expect.stringMatching(/^Test connection failed: /) });

    await bed.data('savePullSetup', { connectionId, config: IDCS_CONFIG, secret: FAKE_IDCS.clientSecret });
    expect(await statusOf()).toMatchObject({ status: 'active' });
    await bed.data('testPullConnection', { connectionId });
    expect(await statusOf()).toMatchObject({ status: 'active' });
    const tests = (await bed.data('listActivity', { connectionId, text: 'connection tested' })).entries.map((entry) => entry.result);
    expect(tests).toEqual(['applied', 'failed']);
  });

  it('synchronizes now, shows the run and its history, and refuses to confirm a run that does not wait', async () => {
    const bed = await adminBed();
    const connectionId = await idcsConnection(bed);
    const started = await bed.data('synchronizeNow', { connectionId });
    expect(started.run).toMatchObject({ status: 'running', mode: 'full', trigger: 'manual' });
    expect(bed.platform.queue.pushed.map((pushed) => pushed.queueName)).toContain(PULL_QUEUE);

    expect((await bed.data('getRunStatus', { connectionId })).run).toMatchObject({ id: started.run.id, status: 'running' });
    expect((await bed.data('listRunHistory', { connectionId })).runs.map((run) => run.id)).toEqual([started.run.id]);
    const again = await bed.call('synchronizeNow', { connectionId });
    expect(!again.ok && again.error.code).toBe('conflict');
    const confirm = await bed.call('confirmRun', { connectionId, runId: started.run.id });
    expect(!confirm.ok && confirm.error.message).toBe('This run is not waiting for confirmation: it is running.');
    expect((await bed.data('cancelRun', { connectionId, runId: started.run.id })).run.status).toBe('cancelled');
  });

  it('refuses pull actions on a SCIM connection', async () => {
    const bed = await adminBed();
    const { connection } = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const result = await bed.call('getPullSetup', { connectionId: connection.id });
    expect(result).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'This connection receives SCIM pushes from the IdP; there is nothing to pull.' },
    });
  });
});
