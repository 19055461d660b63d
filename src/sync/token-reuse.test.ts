// A pull run builds its IDCS connector anew for every queue event; the access token outlives the connector.
import { seedIdcs } from '../fakes/idp/seed-idcs';
import { savePullConfig, setPullSecret } from './pull-config';
import { IDCS_CLIENT, idcsBed, runToEnd, type IdcsBed } from '../../test/kit/pull-bed';
import { IDCS_BASE_URL } from '../../test/kit/connector-bed';

const TOKEN_PATH = '/oauth2/v1/token';
const tokenRequests = (bed: IdcsBed) => bed.fake.requests.filter((r) => r.path === TOKEN_PATH).length;
const apiRequests = (bed: IdcsBed) => bed.fake.requests.filter((r) => r.path.startsWith('/admin/')).length;

describe('IDCS access tokens across the events of pull runs', () => {
  it('asks for one token in a run of many events', async () => {
    const bed = await idcsBed(seedIdcs(5000, 3, 10));
    const status = await runToEnd(bed);
    expect(status).toMatchObject({ status: 'succeeded', progress: { users: { created: 5000 } } });
    expect(status.progress.pages).toBeGreaterThan(5);
    expect(apiRequests(bed)).toBeGreaterThan(5);
    expect(tokenRequests(bed)).toBe(1);
    // A second run within the token's hour needs none.
    await runToEnd(bed, 'delta');
    expect(tokenRequests(bed)).toBe(1);
  });

  it('asks again once the token is near its expiry', async () => {
    const bed = await idcsBed({ ...seedIdcs(10, 1, 2), tokenTtlSeconds: 600 });
    await runToEnd(bed);
    await bed.platform.clock.advance(545_000);
    await runToEnd(bed, 'delta');
    expect(tokenRequests(bed)).toBe(2);
    expect(bed.platform.log.events()).not.toContain('idp.idcs.token_rejected');
  });

  it('drops a token the API rejects, fetches one new token, and keeps that one for later events', async () => {
    const bed = await idcsBed(seedIdcs(2500, 1, 2));
    await runToEnd(bed);
    bed.fake.revokeTokens();
    const status = await runToEnd(bed);
    expect(status.status).toBe('succeeded');
    expect(tokenRequests(bed)).toBe(2);
    expect(bed.platform.log.events().filter((event) => event === 'idp.idcs.token_rejected')).toHaveLength(1);
  });

  it('asks for a new token after the client secret is replaced, with the new secret', async () => {
    const bed = await idcsBed(seedIdcs(10, 1, 2));
    await runToEnd(bed);
    bed.fake.setClientSecret('secret-2');
    await setPullSecret(bed.platform, bed.connectionId, 'secret-2');
    expect((await runToEnd(bed)).status).toBe('succeeded');
    expect(tokenRequests(bed)).toBe(2);
    expect(bed.platform.log.events()).not.toContain('idp.idcs.token_rejected');
  });

  it('asks for a new token after the connection’s settings change', async () => {
    const bed = await idcsBed(seedIdcs(10, 1, 2));
    await runToEnd(bed);
    const settings = { baseUrl: IDCS_BASE_URL, clientId: IDCS_CLIENT.clientId, deltaSkewSeconds: 60 };
    expect((await savePullConfig(bed.platform, bed.connectionId, { provider: 'oracle-idcs', settings, intervalMinutes: 15 })).ok).toBe(true);
    await runToEnd(bed);
    expect(tokenRequests(bed)).toBe(2);
  });
});
