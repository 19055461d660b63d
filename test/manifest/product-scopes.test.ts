// Every Atlassian product call the app can make as itself (asApp) or as the admin (asUser), mapped through Jira's
// platform REST spec to the OAuth scopes it needs; manifest.yml must declare them all, or Forge refuses the call
// on a real site. The calls are recorded where Forge's clients send them (__forge_fetch__), so those made through
// a variable (assumeTrustedRoute(path): project search, components, groups, users, properties) count as much as
// the route`...` templates @forge/lint can read. The operation table is typed by the adapter's interface: a new
// operation does not compile until it is listed here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestParserBuilder } from '@forge/manifest';
import { SiteRestTarget, type SiteRestOperations } from '../../src/atlassian/adapters/site-rest';
import { createSandboxSite } from '../../src/fakes/atlassian-site/sandbox-site';
import { SITE_ADMINS } from '../../src/fakes/atlassian-site/state';
import { FakeForgeRuntime, type ProductCall } from '../../src/fakes/forge/forge-runtime';
import { HttpClient } from '../../src/platform/http-client';
import { createForgeAdminCheck } from '../../src/platform/forge/admin-check';
import { asAppTransport } from '../../src/platform/forge/as-app-transport';
import { readJiraSpec, scopesFor, type ScopeSpec } from '../../scripts/forge/jira-spec';
import { DeterministicRandom } from '../kit/deterministic-random';
import { FakeClock } from '../kit/fake-clock';
import { LogCapture } from '../kit/log-capture';

const root = join(__dirname, '../..');
const manifestPath = join(root, 'manifest.yml');
const manifest = new ManifestParserBuilder().build().parseManifest({ content: readFileSync(manifestPath, 'utf8'), filePath: manifestPath });
const manifestScopes = (manifest.permissions?.scopes ?? []) as string[];

/** Where the asApp adapter's requests are written (the paths and templates in these files are checked too). */
const ADAPTER_SOURCES = ['src/atlassian/adapters/site-rest.ts', 'src/atlassian/adapters/jira-groups.ts'];

type Drive = (target: SiteRestOperations, ids: { accountId: string; projectKey: string; componentId: string; groupId: string }) => Promise<unknown>;

/** Every operation the app's asApp adapter has, called once (in this order: the group is deleted last). */
const EVERY_OPERATION: Record<keyof SiteRestOperations, Drive> = {
  findUserByEmail: (t) => t.findUserByEmail('someone@example.com'),
  getUser: (t, ids) => t.getUser(ids.accountId),
  createUser: (t) => t.createUser({ email: 'new.person@example.com', displayName: 'New Person' }),
  removeProductAccess: (t, ids) => t.removeProductAccess({ accountId: ids.accountId }),
  listGroups: (t) => t.listGroups(),
  findGroupByName: (t) => t.findGroupByName('jira-users'),
  createGroup: (t) => t.createGroup('scope-check'),
  listGroupMembers: (t, ids) => t.listGroupMembers(ids.groupId),
  // Twice each: Jira's 400 for a member added twice (or removed twice) makes the adapter read the user's groups.
  addMember: async (t, ids) => {
    await t.addMember(ids.groupId, { accountId: ids.accountId });
    await t.addMember(ids.groupId, { accountId: ids.accountId });
  },
  removeMember: async (t, ids) => {
    await t.removeMember(ids.groupId, { accountId: ids.accountId });
    await t.removeMember(ids.groupId, { accountId: ids.accountId });
  },
  setProjectLead: (t, ids) => t.setProjectLead(ids.projectKey, ids.accountId),
  setComponentLead: (t, ids) => t.setComponentLead(ids.componentId, ids.accountId),
  listProjectsLedBy: (t, ids) => t.listProjectsLedBy(ids.accountId),
  listComponentsLedBy: (t, ids) => t.listComponentsLedBy(ids.accountId),
  setUserProperty: (t, ids) => t.setUserProperty(ids.accountId, 'department', 'Sales'),
  deleteGroup: (t, ids) => t.deleteGroup(ids.groupId),
};

/** What the manifest lacks for each call, as "METHOD template: scope" lines; calls the spec lacks are named too. */
function missingScopes(calls: ProductCall[], spec: ScopeSpec, declared: string[]): string[] {
  const problems = new Set<string>();
  for (const call of calls) {
    if (call.product !== 'jira') {
      problems.add(`${call.method} ${call.path}: a ${call.product} call; add that product's spec to the check`);
      continue;
    }
    const required = scopesFor(spec, call.method, call.path);
    if (!required) {
      problems.add(`${call.method} ${call.path}: not in Jira's platform REST spec`);
      continue;
    }
    for (const scope of required.current.filter((s) => !declared.includes(s))) problems.add(`${call.method} ${required.template}: ${scope}`);
  }
  return [...problems].sort();
}

async function recordEveryProductCall(): Promise<ProductCall[]> {
  const clock = new FakeClock();
  const site = createSandboxSite({ clock });
  // The app as a site admin, so that writes succeed and reach the follow-up calls they make.
  site.state.groupByName(SITE_ADMINS)?.members.add(site.state.appAccountId ?? '');
  const runtime = new FakeForgeRuntime({ site }).install();
  try {
    const http = new HttpClient({ transport: asAppTransport, clock, random: new DeterministicRandom(), log: new LogCapture(), maxRetries: 0 });
    const target = new SiteRestTarget({ http, siteUrl: site.credentials.siteUrl });
    const snapshot = site.snapshot();
    const project = snapshot.projects[0];
    const ids = {
      accountId: site.credentials.siteUser.accountId,
      projectKey: project.key,
      componentId: project.components[0].id,
      groupId: snapshot.groups.find((group) => group.name === 'jira-software-users')?.groupId ?? '',
    };
    for (const drive of Object.values(EVERY_OPERATION)) await drive(target, ids).catch(() => undefined);
    await runtime.invoke({ moduleKey: 'admin-page', accountId: site.credentials.siteAdmin.accountId }, () => createForgeAdminCheck()());
    return runtime.productCalls;
  } finally {
    runtime.uninstall();
  }
}

describe('OAuth scopes of the product calls', () => {
  let calls: ProductCall[];
  beforeAll(async () => {
    calls = await recordEveryProductCall();
  });

  it('records calls of every kind: as the app through variables, and as the user', () => {
    const paths = calls.map((call) => `${call.provider} ${call.method} ${call.path.replace(/\?.*$/, '')}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'app GET /rest/api/3/project/search',
        expect.stringMatching(/^app GET \/rest\/api\/3\/project\/[^/]+\/components$/),
        'app PUT /rest/api/3/user/properties/department',
        'app POST /rest/api/3/group/user',
        'user GET /rest/api/3/mypermissions',
      ]),
    );
  });

  it('records every path the adapter sources write, so no call escapes the check', () => {
    const spec = readJiraSpec();
    const recorded = new Set(calls.map((call) => scopesFor(spec, call.method, call.path)?.template));
    const written = ADAPTER_SOURCES.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/method: '(\w+)',\s*path: [`'](\/rest\/[^`']+)[`']/g)].map(
        ([, method, path]) => scopesFor(spec, method, path.replace(/\$\{[^}]+\}/g, 'x'))?.template ?? `${method} ${path} (not in the spec)`,
      ),
    );
    expect(written.length).toBeGreaterThan(10);
    expect(written.filter((template) => !recorded.has(template))).toEqual([]);
  });

  it('finds every call in the spec and every scope it needs in manifest.yml', () => {
    expect(missingScopes(calls, readJiraSpec(), manifestScopes)).toEqual([]);
  });

  it('names the scope a manifest lacks (proves the check can fail)', () => {
    const without = manifestScopes.filter((scope) => scope !== 'read:jira-work');
    const missing = missingScopes(calls, readJiraSpec(), without);
    expect(missing).toContain('GET /rest/api/3/mypermissions: read:jira-work');
    expect(missing).toContain('GET /rest/api/3/project/search: read:jira-work');
  });
});
