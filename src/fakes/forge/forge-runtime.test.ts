import { asApp, asUser, getAppContext, NeedsAuthenticationError, route, webTrigger } from '@forge/api';
import { Queue } from '@forge/events';
import { FakeClock } from '../../../test/kit/fake-clock';
import { createSandboxSite } from '../atlassian-site/sandbox-site';
import { FakeForgeEventsApi } from './forge-events-api';
import { FakeForgeRuntime } from './forge-runtime';

// The stand-in is driven through the real @forge/api and @forge/events clients, which is how the app reaches it.

describe('FakeForgeRuntime', () => {
  const site = createSandboxSite({ clock: new FakeClock() });
  const events = new FakeForgeEventsApi({ clock: new FakeClock() });
  let runtime: FakeForgeRuntime;

  beforeEach(() => {
    runtime = new FakeForgeRuntime({ site, events }).install();
  });
  afterEach(() => runtime.uninstall());

  it("gives the invocation's app context and one web-trigger URL per trigger key", async () => {
    await runtime.invoke({ moduleKey: 'scim-endpoint', timeoutSeconds: 55 }, async () => {
      const context = getAppContext();
      expect(String(context.installationAri)).toBe(`ari:cloud:ecosystem::installation/${runtime.installation.installationId}`);
      expect(context.moduleKey).toBe('scim-endpoint');
      expect(context.invocationRemainingTimeInMillis()).toBeLessThanOrEqual(55_000);
      const url = await webTrigger.getUrl('scim-endpoint');
      expect(url).toBe(runtime.webTriggerUrl('scim-endpoint'));
      expect(await webTrigger.getUrl('scim-endpoint')).toBe(url);
      expect(await webTrigger.getUrl('other-trigger')).not.toBe(url);
    });
  });

  it('signs product calls as the app or as the invoking user, and asks for consent without a user', async () => {
    const admin = site.credentials.siteAdmin;
    await runtime.invoke({ moduleKey: 'admin-page', accountId: admin.accountId }, async () => {
      const mine = await asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`);
      expect(await mine.json()).toMatchObject({ permissions: { ADMINISTER: { havePermission: true } } });
      expect((await asApp().requestJira(route`/rest/api/3/group/bulk`)).status).toBe(200);
    });
    await runtime.invoke({ moduleKey: 'sweep-schedule' }, async () => {
      await expect(asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`)).rejects.toBeInstanceOf(NeedsAuthenticationError);
    });
    expect(runtime.productCalls.map((call) => `${call.provider} ${call.method} ${call.path}`)).toEqual([
      'user GET /rest/api/3/mypermissions?permissions=ADMINISTER',
      'app GET /rest/api/3/group/bulk',
      'user GET /rest/api/3/mypermissions?permissions=ADMINISTER',
    ]);
  });

  it('hands queue pushes to the events service and egress to the sandbox, which fails unknown hosts', async () => {
    // @forge/api takes the global fetch when it loads: load it again now that the stand-in is installed.
    let forgeFetch!: typeof import('@forge/api').fetch;
    jest.isolateModules(() => {
      forgeFetch = jest.requireActual<typeof import('@forge/api')>('@forge/api').fetch;
    });
    await runtime.invoke({ moduleKey: 'scim-endpoint' }, async () => {
      await new Queue({ key: 'provisioning-jobs' }).push([{ body: { n: 1 } }]);
      const scim = await forgeFetch(`${site.credentials.apiUrl}/scim/directory/${site.credentials.scimDirectoryId}/Users`, {
        headers: { authorization: `Bearer ${site.credentials.directoryKey}` },
      });
      expect(scim.status).toBe(200);
      await expect(forgeFetch('https://unknown.example.com/')).rejects.toThrow(/ENOTFOUND/);
    });
    expect(events.pushes.map((push) => push.queueName)).toEqual(['provisioning-jobs']);
  });
});
