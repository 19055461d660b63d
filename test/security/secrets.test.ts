import { FAKE_IDCS } from '../../src/local/local-world';
import { deleteConnection } from '../../src/connections/delete-connection';
import type { QueueMessage } from '../../src/platform/ports';
import { PROVISIONING_QUEUE } from '../../src/provisioning/jobs';
import { handleProvisioningJob } from '../../src/provisioning/worker-handler';
import { PULL_QUEUE } from '../../src/sync/pull-queue';
import { handlePullPage } from '../../src/sync/pull-page-handler';
import { pullSecretKey } from '../../src/sync/pull-keys';
import { adminBed, type AdminBed } from '../kit/admin-bed';
import { oktaUser, patchOps, ScimTestClient } from '../kit/scim-client';
import type { TestPlatform } from '../kit/test-platform';

const MAX_DELIVERIES = 500;

/** Every row of the store, as stored. */
function storeText(platform: TestPlatform): string {
  return JSON.stringify(platform.db.prepare('SELECT key, value FROM kv').all());
}

/** Delivers everything queued (pull pages and provisioning jobs, and what they queue) once each, in order. */
async function drainQueues(bed: AdminBed): Promise<number> {
  let delivered = 0;
  for (; delivered < bed.platform.queue.pushed.length; delivered++) {
    if (delivered >= MAX_DELIVERIES) throw new Error('The queues did not drain');
    const { queueName, event } = bed.platform.queue.pushed[delivered]!;
    const message: QueueMessage = { queueName, eventId: `e${delivered}`, body: event.body as Record<string, unknown>, retryCount: 0 };
    if (queueName === PROVISIONING_QUEUE) await handleProvisioningJob(bed.platform, message);
    if (queueName === PULL_QUEUE) await handlePullPage(bed.platform, message);
  }
  return delivered;
}

describe('secrets at rest and in logs', () => {
  it('stores SCIM tokens only as SHA-256 hashes', async () => {
    const scim = await ScimTestClient.create();
    const rotated = await scim.sibling();
    const stored = storeText(scim.platform);
    for (const token of [scim.token, rotated.token]) {
      expect(token).toMatch(/^ugs_[A-Za-z0-9_-]{43}$/);
      expect(stored).not.toContain(token);
      expect(stored).not.toContain(token.slice(4));
    }
    expect(stored).toMatch(/"tokenHash\\?":\\?"[0-9a-f]{64}/);
  });

  it('never writes an Atlassian key, the IdP client secret or a SCIM token to the store, the logs, activity or answers', async () => {
    const bed = await adminBed();
    const atlassian = bed.world.sandbox.credentials;
    const orgKey = 'org-key-secret-7d1f2c';
    const { config } = await bed.data('getCredentials', {});
    await bed.data('saveCredentials', { config, secrets: { orgKey, directoryKey: atlassian.directoryKey, siteToken: atlassian.siteAdmin.apiToken } });
    const scim = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const pull = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    const settings = { enabled: true, intervalMinutes: 60, fullRunHourUtc: 3, settings: { baseUrl: FAKE_IDCS.baseUrl, clientId: FAKE_IDCS.clientId } };
    await bed.data('savePullSetup', { connectionId: pull.connection.id, config: settings, secret: FAKE_IDCS.clientSecret });
    await bed.data('testPullConnection', { connectionId: pull.connection.id });
    const token = scim.scim!.token;
    const client = bed.scim(scim.connection.id, token);
    expect((await client.post('/Users', oktaUser('ada@example.com'))).status).toBe(201);
    await bed.data('synchronizeNow', { connectionId: pull.connection.id });
    const delivered = await drainQueues(bed);
    await bed.data('listActivity', {});
    await bed.data('getCredentials', {});

    expect(delivered).toBeGreaterThan(1);
    expect(bed.world.sandbox.snapshot().users.some((user) => user.email === 'ada@example.com')).toBe(true);
    const secrets = [orgKey, atlassian.directoryKey, atlassian.siteAdmin.apiToken, FAKE_IDCS.clientSecret, token];
    const places = { store: storeText(bed.platform), logs: bed.platform.log.text(), answers: bed.answers.slice(3).join('\n') };
    const leaks = Object.entries(places).flatMap(([place, text]) => secrets.filter((secret) => text.includes(secret)).map((secret) => `${place}: ${secret.slice(0, 4)}…`));
    expect(leaks).toEqual([]);
  });

  it('logs no emails or userNames through a SCIM create, PATCH and refused requests', async () => {
    const scim = await ScimTestClient.create();
    const userName = 'grace.hopper@navy.example';
    const created = await scim.post('/Users', oktaUser(userName, { externalId: 'ext-grace-77' }));
    await scim.patch(`/Users/${created.body.id}`, patchOps({ op: 'replace', path: 'emails[type eq "work"].value', value: 'amazing.grace@navy.example' }));
    await scim.post('/Users', oktaUser(userName));
    await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bad\u0000name@navy.example', emails: 'not-a-list' });
    await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    await scim.patch(`/Users/${created.body.id}`, patchOps({ op: 'replace', path: 'userName[', value: 'broken.path@navy.example' }));
    const logged = scim.platform.log.text();
    for (const personal of [userName, 'amazing.grace', 'ext-grace-77', 'bad\u0000name', 'broken.path', 'navy.example', 'Lovelace']) expect(logged).not.toContain(personal);
  });

  it('deleting a connection removes its directory, its state and its pull secret, and refuses its token', async () => {
    const bed = await adminBed();
    const pull = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    const scim = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const settings = { enabled: true, intervalMinutes: 60, fullRunHourUtc: 3, settings: { baseUrl: FAKE_IDCS.baseUrl, clientId: FAKE_IDCS.clientId } };
    await bed.data('savePullSetup', { connectionId: pull.connection.id, config: settings, secret: FAKE_IDCS.clientSecret });
    const client = bed.scim(scim.connection.id, scim.scim!.token);
    const user = (await client.post('/Users', oktaUser('ada@example.com'))).body;
    await client.post('/Groups', { displayName: 'Engineering', members: [{ value: user.id }] });
    const keep = await bed.data('createConnection', { name: 'Entra', provider: 'entra', method: 'scim' });
    const kept = bed.scim(keep.connection.id, keep.scim!.token);
    await kept.post('/Users', oktaUser('kept@example.com'));
    const countKeys = (id: string) => (bed.platform.db.prepare('SELECT COUNT(*) AS n FROM kv WHERE key LIKE ? OR key = ?').get(`c:${id}:%`, `conn:${id}`) as { n: number }).n;
    expect(countKeys(scim.connection.id)).toBeGreaterThan(3);
    const keptBefore = countKeys(keep.connection.id);

    for (const id of [scim.connection.id, pull.connection.id]) expect(await deleteConnection(bed.platform, id)).toMatchObject({ done: true });

    expect(countKeys(scim.connection.id)).toBe(0);
    expect(countKeys(pull.connection.id)).toBe(0);
    expect(await bed.platform.secrets.get(pullSecretKey(pull.connection.id))).toBeUndefined();
    expect(countKeys(keep.connection.id)).toBe(keptBefore);
    expect((await client.get('/Users')).status).toBe(401);
    expect((await kept.get('/Users')).body.totalResults).toBe(1);
  });
});
