import { FAKE_IDCS } from '../../src/local/local-world';
import { deleteConnection } from '../../src/connections/delete-connection';
import { CountingStore } from '../../src/platform/counting-store';
import type { QueueMessage } from '../../src/platform/ports';
import { PROVISIONING_QUEUE } from '../../src/provisioning/jobs';
import { handleProvisioningJob } from '../../src/provisioning/worker-handler';
import { PULL_QUEUE } from '../../src/sync/pull-queue';
import { handlePullPage } from '../../src/sync/pull-page-handler';
import { pullSecretKey } from '../../src/storage/keys';
import { adminBed, type AdminBed } from '../kit/admin-bed';
import { provisioningBed } from '../kit/provisioning-bed';
import { oktaUser, patchOps, ScimTestClient, USER_SCHEMA } from '../kit/scim-client';
import { failingWrites } from '../kit/store-wrappers';
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
    const shownOnce = bed.answers.length;
    const scim = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const pull = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    const settings = {
      enabled: true,
      intervalMinutes: 60,
      fullRunHourUtc: 3,
      settings: { baseUrl: FAKE_IDCS.baseUrl, clientId: FAKE_IDCS.clientId },
    };
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
    // The new connection's SCIM token is in its createConnection answer by design, once: take only that out.
    expect(bed.answers[shownOnce]!.split(token)).toHaveLength(2);
    const answers = bed.answers.map((answer, i) => (i === shownOnce ? answer.replace(token, '<scim token, shown once>') : answer));
    expect(bed.platform.log.entries.length).toBeGreaterThan(0);
    const places = { store: storeText(bed.platform), logs: bed.platform.log.text(), answers: answers.join('\n') };
    const leaks = Object.entries(places).flatMap(([place, text]) =>
      secrets.filter((secret) => text.includes(secret)).map((secret) => `${place}: ${secret.slice(0, 4)}…`),
    );
    expect(leaks).toEqual([]);
  });

  it('logs no userNames, emails, names or tokens on the paths that log: store failures, Atlassian refusals and rate limits', async () => {
    const h = await provisioningBed();
    let failAt = 0;
    const failing = failingWrites(h.platform.store, (write) => write === failAt);
    h.platform.store = new CountingStore(failing);
    const failNextWrite = () => (failAt = failing.writes + 1);
    const { scim } = h;
    const person = (userName: string, givenName: string, familyName: string, extra: Record<string, unknown> = {}) =>
      oktaUser(userName, { name: { givenName, familyName }, displayName: `${givenName} ${familyName}`, ...extra });

    const grace = person('grace.hopper@navy.example', 'Grace', 'Hopper', { externalId: 'ext-grace-77' });
    const created = await scim.post('/Users', grace);
    expect(created.status).toBe(201);
    expect(
      (
        await scim.patch(
          `/Users/${created.body.id}`,
          patchOps({ op: 'replace', path: 'emails[type eq "work"].value', value: 'amazing.grace@navy.example' }),
        )
      ).status,
    ).toBe(200);
    expect((await scim.post('/Users', grace)).status).toBe(409);
    expect((await scim.post('/Users', person('refused.rita@navy.example', 'Rita', 'Refused', { active: 'yes' }))).status).toBe(400);
    expect(
      (await scim.patch(`/Users/${created.body.id}`, patchOps({ op: 'replace', path: 'userName[', value: 'broken.path@navy.example' }))).status,
    ).toBe(400);
    expect((await scim.get(`/Users?filter=${encodeURIComponent('userName eq "grace.hopper@navy.example"')}`)).status).toBe(200);
    // A userName with a control character is refused; a bare value for a multi-valued attribute is taken as its one value.
    const odd = { schemas: [USER_SCHEMA], userName: 'odd\u0000otto@navy.example', emails: 'odd.otto@navy.example' };
    expect((await scim.post('/Users', odd)).status).toBe(400);
    expect((await scim.post('/Users', { ...odd, userName: 'odd.otto@navy.example' })).status).toBe(201);

    // A store write failing under a SCIM write: logged as an unexpected error, answered 500.
    failNextWrite();
    expect((await scim.post('/Users', person('alan.turing@navy.example', 'Alan', 'Turing'))).status).toBe(500);
    failNextWrite();
    expect((await scim.patch(`/Users/${created.body.id}`, patchOps({ op: 'replace', path: 'displayName', value: 'Amazing Grace' }))).status).toBe(
      500,
    );
    // Atlassian rate-limiting the worker's creates, then refusing a group it cannot retry.
    h.sandbox.injectFault({ status: 429, times: 2, method: 'POST' });
    await h.runJobs();
    expect(h.sandbox.stats().faulted).toBe(2);
    h.sandbox.injectFault({ status: 400, times: 1, method: 'POST' });
    await h.createGroup('Navy Cryptanalysts', [created.body.id]);
    await h.runJobs();
    expect(h.sandbox.stats().faulted).toBe(3);
    expect(h.account('amazing.grace@navy.example')).toBeDefined();

    expect(h.platform.log.events()).toEqual(expect.arrayContaining(['scim.unexpected_error', 'provisioning.retry', 'provisioning.failed']));
    const logged = h.platform.log.text();
    const credentials = h.sandbox.credentials;
    const personal = ['grace.hopper', 'amazing.grace', 'ext-grace-77', 'refused.rita', 'broken.path', 'otto', 'alan.turing', 'navy.example'];
    const names = ['Grace', 'Hopper', 'Rita', 'Refused', 'Alan', 'Turing', 'Cryptanalysts'];
    const secrets = [scim.token, credentials.directoryKey, credentials.siteAdmin.apiToken];
    expect([...personal, ...names, ...secrets].filter((text) => logged.includes(text))).toEqual([]);
  });

  it('deleting a connection removes its directory, its state and its pull secret, and refuses its token', async () => {
    const bed = await adminBed();
    const pull = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    const scim = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const settings = {
      enabled: true,
      intervalMinutes: 60,
      fullRunHourUtc: 3,
      settings: { baseUrl: FAKE_IDCS.baseUrl, clientId: FAKE_IDCS.clientId },
    };
    await bed.data('savePullSetup', { connectionId: pull.connection.id, config: settings, secret: FAKE_IDCS.clientSecret });
    const client = bed.scim(scim.connection.id, scim.scim!.token);
    const user = (await client.post('/Users', oktaUser('ada@example.com'))).body;
    await client.post('/Groups', { displayName: 'Engineering', members: [{ value: user.id }] });
    const keep = await bed.data('createConnection', { name: 'Entra', provider: 'entra', method: 'scim' });
    const kept = bed.scim(keep.connection.id, keep.scim!.token);
    await kept.post('/Users', oktaUser('kept@example.com'));
    const countKeys = (id: string) =>
      (bed.platform.db.prepare('SELECT COUNT(*) AS n FROM kv WHERE key LIKE ? OR key = ?').get(`c:${id}:%`, `conn:${id}`) as { n: number }).n;
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
