import { BitbucketWorkspaceGroups } from '../../src/atlassian/adapters/bitbucket';
import { OrganizationsTarget } from '../../src/atlassian/adapters/organizations';
import { ScimDirectoryTarget } from '../../src/atlassian/adapters/scim-directory';
import { SiteRestTarget } from '../../src/atlassian/adapters/site-rest';
import { createSandboxSite, type SandboxSite, type SandboxSiteOptions } from '../../src/fakes/atlassian-site/sandbox-site';
import { HttpClient, type HttpClientOptions } from '../../src/platform/http-client';
import { FakeClock } from './fake-clock';

export interface AtlassianSandbox {
  site: SandboxSite;
  clock: FakeClock;
  http: HttpClient;
  /** Site REST as the seeded site admin, or as the seeded user who is not one. */
  siteTarget(options?: { as?: 'siteAdmin' | 'siteUser'; groupsVia?: 'jira' | 'confluence' }): SiteRestTarget;
  asAppTarget(): SiteRestTarget;
  scimTarget(): ScimDirectoryTarget;
  organizationsTarget(): OrganizationsTarget;
  bitbucketTarget(): BitbucketWorkspaceGroups;
}

/** A sandbox site on a fake clock, an HttpClient over it, and each adapter wired to it. */
export function atlassianSandbox(options: SandboxSiteOptions = {}, client: Partial<HttpClientOptions> = {}): AtlassianSandbox {
  const clock = new FakeClock();
  const site = createSandboxSite({ clock, ...options });
  const http = new HttpClient({ transport: site.transport, clock, random: { fraction: () => 0.5 }, ...client });
  const c = site.credentials;
  return {
    site,
    clock,
    http,
    siteTarget: ({ as = 'siteAdmin', groupsVia } = {}) =>
      new SiteRestTarget({ http, siteUrl: c.siteUrl, groupsVia, auth: { email: c[as].email, apiToken: c[as].apiToken } }),
    asAppTarget: () => new SiteRestTarget({ http, siteUrl: c.siteUrl, auth: { bearer: c.asAppToken } }),
    scimTarget: () => new ScimDirectoryTarget({ http, baseUrl: c.apiUrl, directoryId: c.scimDirectoryId, apiKey: c.directoryKey }),
    organizationsTarget: () => new OrganizationsTarget({ http, baseUrl: c.apiUrl, orgId: c.orgId, directoryId: c.orgDirectoryId, apiKey: c.orgKey }),
    bitbucketTarget: () => new BitbucketWorkspaceGroups({ http, baseUrl: c.bitbucketUrl, ...c.bitbucket }),
  };
}

/** Lets a call run, moving the fake clock through every sleep it takes (HttpClient retries, latency). */
export async function driveClock<T>(clock: FakeClock, call: Promise<T>, stepMs = 1000): Promise<T> {
  let settled = false;
  const tracked = call.finally(() => (settled = true));
  tracked.catch(() => undefined);
  for (let steps = 0; steps < 10_000; steps++) {
    await new Promise((resolve) => setImmediate(resolve));
    if (settled) return tracked;
    await clock.advance(stepMs);
  }
  throw new Error('driveClock: the call never settled');
}
