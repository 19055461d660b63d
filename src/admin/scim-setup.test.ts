import { adminBed } from '../../test/kit/admin-bed';
import { TRIGGER_URL } from '../../test/kit/scim-client';

describe('SCIM setup resolvers', () => {
  it("shows the base URL split for IDCS and the IdP's last requests, without the token", async () => {
    const bed = await adminBed();
    const { connection, scim } = await bed.data('createConnection', { name: 'IDCS push', provider: 'oracle-idcs', method: 'scim' });
    const client = bed.scim(connection.id, scim!.token);
    await client.get('/ServiceProviderConfig');
    await client.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@example.com' });

    const setup = await bed.data('getScimSetup', { connectionId: connection.id });
    expect(setup).toEqual({
      connectionId: connection.id,
      provider: 'oracle-idcs',
      baseUrl: `${TRIGGER_URL}/${connection.id}/scim/v2`,
      host: 'https://example.atlassian-dev.net',
      basePath: `/x1/trigger-id/${connection.id}/scim/v2`,
      tokenCreatedAt: expect.any(String),
      recentRequests: [
        { at: expect.any(String), method: 'POST', path: '/Users', status: 201 },
        { at: expect.any(String), method: 'GET', path: '/ServiceProviderConfig', status: 200 },
      ],
    });
    expect(JSON.stringify(setup)).not.toContain(scim!.token);
  });

  it('rotates the token: the new one is shown once and the old one stops working', async () => {
    const bed = await adminBed();
    const { connection, scim } = await bed.data('createConnection', { name: 'Entra', provider: 'entra', method: 'scim' });
    const rotated = await bed.data('rotateToken', { connectionId: connection.id });
    expect(rotated.token).not.toBe(scim!.token);
    expect((await bed.scim(connection.id, scim!.token).get('/Users')).status).toBe(401);
    expect((await bed.scim(connection.id, rotated.token).get('/Users')).status).toBe(200);
  });

  it('refuses SCIM setup for a REST-pull connection', async () => {
    const bed = await adminBed();
    const { connection } = await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
    for (const key of ['getScimSetup', 'rotateToken'] as const) {
      expect(await bed.call(key, { connectionId: connection.id })).toEqual({
        ok: false,
        error: { code: 'conflict', message: 'This connection pulls from the IdP over its REST API; it has no SCIM URL or token.' },
      });
    }
  });
});
