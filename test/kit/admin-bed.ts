import type { AdminDeps, ResolverContext } from '../../src/admin/admin-deps';
import { invokeResolver, type DataOf, type PayloadOf, type ResolverKey } from '../../src/admin/resolver-definitions';
import type { ResolverResult } from '../../src/admin/result';
import { createLocalWorld, type LocalWorld } from '../../src/local/local-world';
import { seedSandboxCredentials } from '../../src/local/sandbox-credentials';
import { systemClock } from '../../src/platform/system-clock';
import type { Clock } from '../../src/platform/ports';
import { ScimTestClient, TRIGGER_URL } from './scim-client';
import { createTestPlatform, type TestPlatform } from './test-platform';

// The admin resolvers over a test platform whose HTTP reaches the sandbox Atlassian site and the fake IdPs
// (as `npm start` does), with the sandbox's credentials granted. Every answer is kept, so that tests can prove
// what never appears in one.

export const ADMIN: ResolverContext = { accountId: 'admin-1' };

export interface AdminBed {
  platform: TestPlatform;
  world: LocalWorld;
  deps: AdminDeps;
  /** Whether the next calls come from an administrator (default yes). */
  setAdministrator(isAdmin: boolean): void;
  call<K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<ResolverResult<DataOf<K>>>;
  /** call() that must succeed. */
  data<K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<DataOf<K>>;
  /** A SCIM client for a connection of this bed, with its token. */
  scim(connectionId: string, token: string): ScimTestClient;
  /** Every resolver answer so far, as JSON. */
  answers: string[];
}

export async function adminBed(options: { clock?: Clock } = {}): Promise<AdminBed> {
  const clock = options.clock ?? systemClock;
  const world = createLocalWorld(clock, {
    send: async (request) => {
      throw new Error(`No network in tests (${new URL(request.url).host})`);
    },
  });
  const platform = createTestPlatform({ clock, http: world.transport });
  await seedSandboxCredentials(platform, world.sandbox.credentials);
  let administrator = true;
  const deps: AdminDeps = { platform, triggerUrl: async () => TRIGGER_URL, isAdministrator: async () => administrator };
  const answers: string[] = [];
  const call = async <K extends ResolverKey>(key: K, payload: PayloadOf<K>) => {
    const result = (await invokeResolver(deps, key, payload, ADMIN)) as ResolverResult<DataOf<K>>;
    answers.push(JSON.stringify(result));
    return result;
  };
  return {
    platform,
    world,
    deps,
    setAdministrator: (isAdmin) => {
      administrator = isAdmin;
    },
    call,
    async data(key, payload) {
      const result = await call(key, payload);
      if (!result.ok) throw new Error(`${key} failed: ${JSON.stringify(result.error)}`);
      return result.data;
    },
    scim: (connectionId, token) => ScimTestClient.forConnection(platform, connectionId, token),
    answers,
  };
}
