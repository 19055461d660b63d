// The artifact itself runs: the function bundle @forge/bundler built (what `forge deploy` uploads) is loaded and
// its exported handlers are invoked the way Forge invokes them, with Forge's platform services stood in for at
// the seams the bundled @forge/* clients call: __forge_runtime__ and __forge_fetch__ (KVS storage and secrets,
// queue pushes, the web-trigger URL, product requests as the app or the admin) and the global fetch Forge's
// egress proxy serves (the sandbox Atlassian site). An admin sets the app up through the resolver, an IdP
// creates a user and a group and adds the user through the web trigger, the queued events run through the
// bundle's consumers, the scheduled trigger runs, and the sandbox site shows the result.
import type { AsyncEvent } from '@forge/events';
import { createLocalWorld, type LocalWorld } from '../../src/local/local-world';
import { FakeForgeEventsApi } from '../../src/fakes/forge/forge-events-api';
import { installFakeForgeKvs, type FakeKvsBackend } from '../../src/fakes/forge/forge-kvs-backend';
import { FakeForgeRuntime } from '../../src/fakes/forge/forge-runtime';
import type { WebTriggerRequest, WebTriggerResponse } from '../../src/platform/webtrigger';
import { systemClock } from '../../src/platform/system-clock';
import { describeBuiltBundle, functionBundle } from '../kit/forge-bundle';
import { oktaUser, patchOps } from '../kit/scim-client';
import { webTriggerRequest } from '../kit/webtrigger-request';

interface Handlers {
  scimTrigger(request: WebTriggerRequest, context: unknown): Promise<WebTriggerResponse>;
  provisioningConsumer(event: AsyncEvent, context: unknown): Promise<unknown>;
  pullSyncConsumer(event: AsyncEvent, context: unknown): Promise<unknown>;
  resolver(request: { call: { functionKey: string; payload: unknown }; context: unknown }, backend: unknown): Promise<ResolverAnswer>;
  scheduledSweep(event: unknown, context: unknown): Promise<{ statusCode: number }>;
}

type ResolverAnswer = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

/** Timeouts from manifest.yml, which Forge gives each function's invocations. */
const CONSUMERS = [
  { queue: 'provisioning-jobs', moduleKey: 'provisioning-consumer', handler: 'provisioningConsumer', timeoutSeconds: 600 },
  { queue: 'pull-sync-pages', moduleKey: 'pull-sync-consumer', handler: 'pullSyncConsumer', timeoutSeconds: 600 },
] as const;

describeBuiltBundle('the built Forge function bundle, invoked as Forge invokes it', () => {
  let world: LocalWorld;
  let events: FakeForgeEventsApi;
  let runtime: FakeForgeRuntime;
  let kvs: FakeKvsBackend;
  let app: Handlers;
  let admin: { accountId: string };
  let logged: string[];

  beforeAll(() => {
    // The bundle logs JSON lines to the console, as on Forge; they are checked, not printed.
    logged = [];
    jest.spyOn(console, 'log').mockImplementation((line: unknown) => void logged.push(String(line)));
    const noNetwork = { send: async (request: { url: string }) => Promise.reject(new Error(`No network in this test: ${request.url}`)) };
    world = createLocalWorld(systemClock, noNetwork);
    admin = world.sandbox.credentials.siteAdmin;
    events = new FakeForgeEventsApi({ clock: systemClock, concurrency: 2 });
    runtime = new FakeForgeRuntime({ site: world.sandbox, events, egress: world.transport }).install();
    kvs = installFakeForgeKvs();
    // Loaded after the stand-ins are in place, as Forge's runtime sets its globals up before loading the code.
    jest.isolateModules(() => {
      app = require(functionBundle) as Handlers;
    });
    for (const consumer of CONSUMERS) {
      events.registerConsumer(consumer.queue, (event) => runtime.invoke(consumer, () => app[consumer.handler](event, { principal: undefined })));
    }
  });

  afterAll(() => {
    kvs.uninstall();
    runtime.uninstall();
    jest.restoreAllMocks();
  });

  const loggedEvents = (level: string) =>
    logged
      .map((line) => JSON.parse(line) as { level: string; event: string })
      .filter((entry) => entry.level === level)
      .map((entry) => entry.event);

  /** A resolver call from the admin page: Forge passes the call and the invoking user. */
  function resolve(functionKey: string, payload: unknown = {}): Promise<ResolverAnswer> {
    return runtime.invoke({ moduleKey: 'admin-page', accountId: admin.accountId }, () =>
      app.resolver(
        { call: { functionKey, payload }, context: { moduleKey: 'admin-page', extension: { type: 'jira:adminPage' } } },
        { principal: { accountId: admin.accountId }, installContext: runtime.installation.contextAri },
      ),
    );
  }

  function scim(method: string, path: string, token: string, body?: unknown): Promise<WebTriggerResponse> {
    return runtime.invoke({ moduleKey: 'scim-endpoint', timeoutSeconds: 55 }, () =>
      app.scimTrigger(webTriggerRequest({ method, path, token, body, asForge: true }), {}),
    );
  }

  it('serves the admin page, SCIM, the queue consumers and the scheduled trigger', async () => {
    const credentials = world.sandbox.credentials;
    const saved = await resolve('saveCredentials', {
      config: {
        siteUrl: credentials.siteUrl,
        siteAdminEmail: credentials.siteAdmin.email,
        scimDirectoryId: credentials.scimDirectoryId,
        useAsApp: false,
      },
      secrets: { directoryKey: credentials.directoryKey, siteToken: credentials.siteAdmin.apiToken },
    });
    expect(saved.ok).toBe(true);
    const created = await resolve('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    if (!created.ok) throw new Error(created.error.message);
    const { baseUrl, token } = created.data.scim as { baseUrl: string; token: string };
    // The SCIM base URL is the web trigger's URL as Forge's GraphQL API handed it out, plus the connection.
    const connectionId = (created.data.connection as { id: string }).id;
    expect(baseUrl).toBe(`${runtime.webTriggerUrl('scim-endpoint')}/${connectionId}/scim/v2`);

    const user = await scim('POST', `/${connectionId}/scim/v2/Users`, token, oktaUser('ada@example.com'));
    expect(user.statusCode).toBe(201);
    const group = await scim('POST', `/${connectionId}/scim/v2/Groups`, token, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'engineering',
    });
    expect(group.statusCode).toBe(201);
    const userId = JSON.parse(user.body ?? '{}').id as string;
    const groupId = JSON.parse(group.body ?? '{}').id as string;
    const patched = await scim(
      'PATCH',
      `/${connectionId}/scim/v2/Groups/${groupId}`,
      token,
      patchOps({ op: 'add', path: 'members', value: [{ value: userId }] }),
    );
    expect(patched.statusCode).toBeLessThan(300);
    await events.idle();

    // Storage, secrets and queue pushes went through the bundled @forge/kvs and @forge/events to the stand-ins.
    expect(kvs.count('/api/v1/secret/set')).toBe(2);
    expect(kvs.count()).toBeGreaterThan(10);
    expect(events.pushes.map((push) => push.queueName)).toContain('provisioning-jobs');
    expect(events.uncaught).toEqual([]);
    const site = world.sandbox.snapshot();
    const ada = site.users.find((account) => account.email === 'ada@example.com');
    expect(ada).toMatchObject({ active: true });
    expect(site.groups.find((g) => g.name === 'engineering')?.members).toEqual([ada?.accountId]);

    // The resolver reads what the consumers wrote, from the same KVS.
    const list = await resolve('listConnections');
    if (!list.ok) throw new Error(list.error.message);
    expect(JSON.stringify(list.data)).toContain('Okta');

    const sweep = await runtime.invoke({ moduleKey: 'sweep-schedule', timeoutSeconds: 300 }, () => app.scheduledSweep({}, {}));
    expect(sweep).toEqual({ statusCode: 204 });
    await events.idle();
    expect(events.uncaught).toEqual([]);
    expect(loggedEvents('info')).toContain('sweep.ran');
    expect(loggedEvents('error')).toEqual([]);
    // Every resolver call asked Jira, as the admin, whether they administer it.
    expect(runtime.productCalls.filter((call) => call.provider === 'user')).toHaveLength(3);
  });

  it('refuses the admin page to a user who does not administer Jira, asking Jira as that user', async () => {
    const user = world.sandbox.credentials.siteUser;
    const answer = await runtime.invoke({ moduleKey: 'admin-page', accountId: user.accountId }, () =>
      app.resolver({ call: { functionKey: 'listConnections', payload: {} }, context: {} }, { principal: { accountId: user.accountId } }),
    );
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    expect(runtime.productCalls.filter((call) => call.provider === 'user').map((call) => call.path)).toContain(
      '/rest/api/3/mypermissions?permissions=ADMINISTER',
    );
  });

  it('answers SCIM errors from the bundle in the SCIM error schema', async () => {
    const answer = await scim('GET', '/no-such-connection/scim/v2/Users', 'wrong-token');
    expect(answer.statusCode).toBe(401);
    expect(JSON.parse(answer.body ?? '{}')).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
  });
});
