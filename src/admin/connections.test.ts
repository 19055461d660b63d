import { adminBed, type AdminBed } from '../../test/kit/admin-bed';
import { TRIGGER_URL } from '../../test/kit/scim-client';
import { deleteConnection } from '../connections/delete-connection';
import { setUserSyncState } from '../provisioning/sync-state';
import { listActivity } from '../records/activity-log';
import { pullSecretKey } from '../storage/keys';

const USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'ada@example.com',
  active: true,
  emails: [{ value: 'ada@example.com', primary: true }],
};

async function scimConnection(bed: AdminBed) {
  const created = await bed.data('createConnection', { name: 'Okta production', provider: 'okta', method: 'scim' });
  return { ...created, client: bed.scim(created.connection.id, created.scim!.token) };
}

function storedKeys(bed: AdminBed, prefix: string): string[] {
  const rows = bed.platform.db.prepare('SELECT key FROM kv WHERE key LIKE ?').all(`${prefix}%`) as { key: string }[];
  return rows.map((row) => row.key);
}

describe('connection resolvers', () => {
  it('creates a SCIM connection and shows its base URL and token once; the token works at once', async () => {
    const bed = await adminBed();
    const { connection, scim, client } = await scimConnection(bed);
    expect(scim).toEqual({ baseUrl: `${TRIGGER_URL}/${connection.id}/scim/v2`, token: expect.stringMatching(/^ugs_/) });
    expect(connection).toMatchObject({ name: 'Okta production', provider: 'okta', method: 'scim', enabled: true, status: 'awaitingSetup' });
    expect((await client.get('/Users')).status).toBe(200);

    const { connections } = await bed.data('listConnections', {});
    expect(JSON.stringify(connections)).not.toContain(scim!.token);
    expect(connections).toEqual([expect.objectContaining({ id: connection.id, status: 'active', lastActivityAt: expect.any(String) })]);
  });

  it('creates a REST-pull connection for IDCS without a SCIM token, and refuses pull for a push-only IdP', async () => {
    const bed = await adminBed();
    const created = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    expect(created.scim).toBeUndefined();
    expect(created.connection.status).toBe('awaitingSetup');
    expect(created.connection.statusDetail).toBe('Save the connection’s IdP settings first.');

    const refused = await bed.call('createConnection', { name: 'Okta', provider: 'okta', method: 'pull' });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        message: 'One field needs attention.',
        fields: { method: 'REST pull is available for Oracle IDCS and miniOrange; this provider pushes over SCIM.' },
      },
    });
  });

  it('names every field that is missing or wrong', async () => {
    const bed = await adminBed();
    const result = await bed.call('createConnection', { name: ' ', provider: 'ldap', method: 'ftp' } as never);
    expect(result.ok || result.error.fields).toEqual({
      name: 'Enter a name.',
      provider: 'Choose an identity provider.',
      method: 'Choose SCIM push or REST pull.',
    });
  });

  it('counts directory users and their sync states, and says when some failed', async () => {
    const bed = await adminBed();
    const { connection, client } = await scimConnection(bed);
    const ada = await client.post('/Users', USER);
    await client.post('/Users', { ...USER, userName: 'alan@example.com', emails: [] });
    await setUserSyncState(bed.platform.store, connection.id, ada.body.id, {
      status: 'failed',
      at: '2026-01-01T00:00:00Z',
      lastError: 'no credential',
      customAttributes: {},
      disabled: false,
    });

    const [summary] = (await bed.data('listConnections', {})).connections;
    expect(summary).toMatchObject({
      status: 'failing',
      statusDetail: '1 user could not be synchronised: see Users and Activity.',
      directory: { users: 2, groups: 0 },
      sync: { failed: 1, synced: 0, complete: true },
    });
  });

  it('renames, disables (the IdP is refused) and enables a connection, and logs each change', async () => {
    const bed = await adminBed();
    const { connection, client } = await scimConnection(bed);
    const renamed = await bed.data('renameConnection', { connectionId: connection.id, name: 'Okta EU' });
    expect(renamed.name).toBe('Okta EU');
    const disabled = await bed.data('setConnectionEnabled', { connectionId: connection.id, enabled: false });
    expect(disabled).toMatchObject({ enabled: false, status: 'disabled' });
    // The IdP holding the right token is told why (a wrong token still gets the same 401 as an unknown app), and
    // its refused request is listed for the admin.
    const refused = await client.get('/Users');
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('This app is disabled in User & Group Sync: an Atlassian admin can enable it again on the Connections tab.');
    expect((await bed.scim(connection.id, 'ugs_wrong').get('/Users')).status).toBe(401);
    expect((await bed.data('getScimSetup', { connectionId: connection.id })).recentRequests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/Users', status: 401 }),
      expect.objectContaining({ method: 'GET', path: '/Users', status: 403 }),
    ]);
    await bed.data('setConnectionEnabled', { connectionId: connection.id, enabled: true });
    expect((await client.get('/Users')).status).toBe(200);

    const { entries } = await listActivity(bed.platform.store, { connectionId: connection.id });
    expect(entries.map((entry) => `${entry.actor} ${entry.action}`)).toEqual([
      'admin connection enabled',
      'admin connection disabled',
      'admin connection renamed',
      'admin connection created',
    ]);
  });

  it('lists a request refused for its token, at most once a minute per app, and nothing for an unknown app', async () => {
    const bed = await adminBed();
    const { connection } = await scimConnection(bed);
    const wrong = bed.scim(connection.id, 'ugs_wrong');
    for (let n = 0; n < 3; n++) expect((await wrong.get('/Users')).status).toBe(401);
    const listed = (await bed.data('getScimSetup', { connectionId: connection.id })).recentRequests;
    expect(listed).toEqual([expect.objectContaining({ method: 'GET', path: '/Users', status: 401 })]);
    const before = bed.platform.store.snapshot().calls;
    expect((await bed.scim('unknownapp1234', 'ugs_wrong').get('/Users')).status).toBe(401);
    expect(bed.platform.store.snapshot().calls - before).toBe(1);
  });

  it('answers notFound for a connection that does not exist', async () => {
    const bed = await adminBed();
    const result = await bed.call('renameConnection', { connectionId: 'abcdefgh1234', name: 'x' });
    expect(result).toEqual({ ok: false, error: { code: 'notFound', message: 'This connection does not exist (any more): reload the page.' } });
  });

  it('deletes a connection only when confirmed, with all its data, its pull secret and its token', async () => {
    const bed = await adminBed();
    const { connection, client } = await scimConnection(bed);
    await client.post('/Users', USER);
    await bed.platform.secrets.set(pullSecretKey(connection.id), 'idp-secret');
    expect(storedKeys(bed, `c:${connection.id}:`).length).toBeGreaterThan(5);

    const unconfirmed = await bed.call('deleteConnection', { connectionId: connection.id } as never);
    expect(unconfirmed.ok || unconfirmed.error.fields).toEqual({ confirm: 'Confirm that the connection and its data are deleted.' });

    expect(await bed.data('deleteConnection', { connectionId: connection.id, confirm: true })).toEqual({
      done: true,
      deletedKeys: expect.any(Number),
    });
    expect(storedKeys(bed, `c:${connection.id}:`)).toEqual([]);
    expect(storedKeys(bed, `conn:${connection.id}`)).toEqual([]);
    expect(await bed.platform.secrets.get(pullSecretKey(connection.id))).toBeUndefined();
    expect((await client.get('/Users')).status).toBe(401);
    expect((await bed.data('listConnections', {})).connections).toEqual([]);
    const { entries } = await listActivity(bed.platform.store);
    expect(entries[0]).toMatchObject({ actor: 'admin', action: 'connection deleted', subject: { kind: 'connection', id: connection.id } });
  });

  it('deletes a large directory over several calls; the IdP is refused from the first', async () => {
    const bed = await adminBed();
    const { connection, client } = await scimConnection(bed);
    await client.post('/Users', USER);
    const first = await deleteConnection(bed.platform, connection.id, 0);
    expect(first).toEqual({ done: false, deletedKeys: expect.any(Number) });
    expect((await client.get('/Users')).status).toBe(401);
    let progress = first;
    let calls = 1;
    for (; progress && !progress.done && calls < 10; calls++) progress = await deleteConnection(bed.platform, connection.id, 0);
    expect(progress).toMatchObject({ done: true });
    expect(calls).toBeGreaterThan(2);
    expect(await deleteConnection(bed.platform, connection.id, 0)).toBeUndefined();
  });
});
