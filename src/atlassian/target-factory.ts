import { HttpClient } from '../platform/http-client';
import type { HttpTransport, Platform } from '../platform/ports';
import { OrganizationsTarget } from './adapters/organizations';
import { ScimDirectoryTarget } from './adapters/scim-directory';
import { SiteRestTarget } from './adapters/site-rest';
import { createCompositeTarget, type TargetAdapters } from './composite-target';
import { loadAtlassianConfig, readAtlassianSecret } from './credentials';
import type { AtlassianTarget } from './target';

/** Retries inside one invocation stay short; longer waits go back to the queue as a redelivery. */
const IN_INVOCATION_RETRIES = 2;

/** The composite target over every credential the customer has granted (or over `only` that one, to test it). */
export async function buildAtlassianTarget(
  platform: Pick<Platform, 'store' | 'secrets' | 'http' | 'clock' | 'random' | 'log' | 'asApp'>,
  only?: keyof TargetAdapters,
): Promise<AtlassianTarget> {
  const config = await loadAtlassianConfig(platform.store);
  const [directoryKey, orgKey, siteToken] = await Promise.all([
    readAtlassianSecret(platform.secrets, 'directoryKey'),
    readAtlassianSecret(platform.secrets, 'orgKey'),
    readAtlassianSecret(platform.secrets, 'siteToken'),
  ]);
  const client = (transport: HttpTransport) =>
    new HttpClient({ transport, clock: platform.clock, random: platform.random, log: platform.log, maxRetries: IN_INVOCATION_RETRIES });
  const http = client(platform.http);
  const adapters: TargetAdapters = {};
  if (config.scimDirectoryId && directoryKey) {
    adapters.directoryKey = new ScimDirectoryTarget({ http, directoryId: config.scimDirectoryId, apiKey: directoryKey });
  }
  if (config.orgId && config.orgDirectoryId && orgKey) {
    adapters.orgKey = new OrganizationsTarget({ http, orgId: config.orgId, directoryId: config.orgDirectoryId, apiKey: orgKey });
  }
  if (config.siteUrl && config.siteAdminEmail && siteToken) {
    adapters.siteToken = new SiteRestTarget({ http, siteUrl: config.siteUrl, auth: { email: config.siteAdminEmail, apiToken: siteToken } });
  }
  if (config.useAsApp && config.siteUrl && platform.asApp) {
    adapters.asApp = new SiteRestTarget({ http: client(platform.asApp), siteUrl: config.siteUrl });
  }
  return createCompositeTarget(only ? { [only]: adapters[only] } : adapters);
}
