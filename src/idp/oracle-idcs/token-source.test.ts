import type { HttpRequest } from '../../platform/ports';
import { collectAll, IDCS_BASE_URL, idcsTestBed } from '../../../test/kit/connector-bed';
import { IDCS_SCOPE } from '../../fakes/idp/fake-idcs';
import { seedIdcs } from '../../fakes/idp/seed-idcs';
import { createOracleIdcsConnector } from './connector';
import type { CachedIdcsToken } from './token-source';

const TOKEN_PATH = '/oauth2/v1/token';

describe('Oracle IDCS tokens', () => {
  it('asks with client credentials, HTTP Basic and the admin scope', async () => {
    const seen: HttpRequest[] = [];
    const bed = idcsTestBed(
      seedIdcs(1, 0, 0),
      {},
      {
        transport: (fake) => ({
          send: (request) => {
            seen.push(request);
            return fake.handle(request);
          },
        }),
      },
    );
    await bed.connector.listUsersPage!(undefined);
    const tokenRequest = seen.find((r) => r.url.endsWith(TOKEN_PATH))!;
    expect(tokenRequest.method).toBe('POST');
    expect(tokenRequest.headers!.authorization).toBe(`Basic ${Buffer.from('client-1:secret-1').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(tokenRequest.body))).toEqual({ grant_type: 'client_credentials', scope: IDCS_SCOPE });
    const adminRequest = seen.find((r) => r.url.includes('/admin/v1/Users'))!;
    expect(adminRequest.headers!.authorization).toMatch(/^Bearer fake-idcs-access-token-\d+$/);
  });

  it('reuses one token across a whole listing', async () => {
    const bed = idcsTestBed(seedIdcs(2500, 3, 10));
    await collectAll((cursor) => bed.connector.listUsersPage!(cursor));
    await collectAll((cursor) => bed.connector.listGroupsPage!(cursor));
    expect(bed.calls(TOKEN_PATH)).toHaveLength(1);
  });

  it('fetches a new token shortly before the old one expires, without a 401', async () => {
    const bed = idcsTestBed({ ...seedIdcs(2500, 0, 0), tokenTtlSeconds: 600 });
    const first = await bed.connector.listUsersPage!(undefined);
    await bed.clock.advance(530_000); // within the last minute of the token's life
    const second = await bed.connector.listUsersPage!(first.next);
    await bed.clock.advance(10_000);
    await bed.connector.listUsersPage!(second.next);
    expect(bed.calls(TOKEN_PATH)).toHaveLength(2);
    expect(bed.log.events()).not.toContain('idp.idcs.token_rejected');
  });

  it('keeps short-lived tokens for half their life', async () => {
    const bed = idcsTestBed({ ...seedIdcs(1, 0, 0), tokenTtlSeconds: 2 });
    await bed.connector.lookupUser('user0@example.com');
    await bed.clock.advance(900);
    await bed.connector.lookupUser('user0@example.com');
    expect(bed.calls(TOKEN_PATH)).toHaveLength(1);
    await bed.clock.advance(200);
    await bed.connector.lookupUser('user0@example.com');
    expect(bed.calls(TOKEN_PATH)).toHaveLength(2);
  });

  it('on a 401 mid-run fetches exactly one new token and carries on', async () => {
    const bed = idcsTestBed(seedIdcs(2500, 0, 0));
    const first = await bed.connector.listUsersPage!(undefined);
    bed.fake.revokeTokens();
    const { items } = await collectAll((cursor) => bed.connector.listUsersPage!(cursor ?? first.next));
    expect(first.items.length + items.length).toBe(2500);
    expect(bed.calls(TOKEN_PATH)).toHaveLength(2);
    expect(bed.log.events().filter((e) => e === 'idp.idcs.token_rejected')).toHaveLength(1);
  });

  it('surfaces a second 401 as unauthorized, after one new token', async () => {
    const bed = idcsTestBed(
      seedIdcs(3, 0, 0),
      {},
      {
        // Every token is refused by the admin API (say, the app lost its roles after issuing it).
        transport: (fake) => ({
          send: (request) => {
            if (request.url.includes('/admin/')) fake.revokeTokens();
            return fake.handle(request);
          },
        }),
      },
    );
    await expect(bed.connector.listUsersPage!(undefined)).rejects.toMatchObject({
      kind: 'unauthorized',
      message: expect.stringContaining('rejected a newly issued access token'),
    });
    expect(bed.calls(TOKEN_PATH)).toHaveLength(2);
    expect(bed.calls('/admin/v1/Users')).toHaveLength(2);
  });

  it('shares one token request between concurrent calls', async () => {
    const bed = idcsTestBed(seedIdcs(3, 0, 0));
    await Promise.all([bed.connector.lookupUser('user0@example.com'), bed.connector.lookupUser('user1@example.com')]);
    expect(bed.calls(TOKEN_PATH)).toHaveLength(1);
  });

  it('shares a token between connectors through a cache keyed without the secret', async () => {
    const bed = idcsTestBed(seedIdcs(3, 0, 0));
    const tokens = new Map<string, CachedIdcsToken>();
    const build = () => createOracleIdcsConnector({ baseUrl: IDCS_BASE_URL, clientId: 'client-1' }, bed.deps, { scope: 'conn-1:settings', tokens });
    await build().lookupUser('user0@example.com');
    await build().lookupUser('user1@example.com');
    expect(bed.calls(TOKEN_PATH)).toHaveLength(1);
    expect([...tokens.keys()]).toEqual([expect.stringMatching(/^conn-1:settings:[0-9a-f]{64}$/)]);
    expect([...tokens.keys()].join()).not.toContain('secret-1');
  });
});
