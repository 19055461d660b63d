import { availableCredentials, saveAtlassianConfig, setAtlassianSecret } from '../atlassian/credentials';
import { saveKeyDates, updatedKeyDates } from '../atlassian/key-expiry';
import type { SandboxCredentials } from '../fakes/atlassian-site/sandbox-site';
import type { Platform } from '../platform/ports';

/**
 * Gives a fresh local installation the sandbox's credentials that together can do everything: a directory API key
 * (users, groups, memberships) and a site admin's API token (project and component leads, user properties).
 * Left alone once any credential is configured, so a real site's settings are never overwritten.
 */
export async function seedSandboxCredentials(platform: Pick<Platform, 'store' | 'secrets' | 'clock'>, sandbox: SandboxCredentials): Promise<boolean> {
  if ((await availableCredentials(platform)).length > 0) return false;
  await saveAtlassianConfig(platform.store, {
    siteUrl: sandbox.siteUrl,
    siteAdminEmail: sandbox.siteAdmin.email,
    scimDirectoryId: sandbox.scimDirectoryId,
    useAsApp: false,
  });
  await setAtlassianSecret(platform.secrets, 'directoryKey', sandbox.directoryKey);
  await setAtlassianSecret(platform.secrets, 'siteToken', sandbox.siteAdmin.apiToken);
  await saveKeyDates(
    platform.store,
    updatedKeyDates({}, { replaced: ['directoryKey', 'siteToken'], cleared: [], expiresOn: {} }, platform.clock.now()),
  );
  return true;
}
