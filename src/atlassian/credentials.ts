import { z } from 'zod';
import { egressAllows } from '../platform/egress';
import type { Platform, Secrets, Store } from '../platform/ports';
import type { CredentialKind } from './capabilities';
import { atlassianSecretKey, sharedKeys } from '../storage/keys';

// The Atlassian-side credentials the customer grants, site-wide (one installation per site). The non-secret parts
// (URLs, ids, the site admin's email) are a store record; keys and tokens live only in secret storage and are
// never read back to the admin page, which sees only which ones are set.

const CONFIG_KEY = sharedKeys.atlassianConfig;

export const SECRET_KINDS = ['siteToken', 'orgKey', 'directoryKey', 'bitbucketToken'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];
const secretKey = (kind: SecretKind) => atlassianSecretKey(kind);

export const atlassianConfigSchema = z.object({
  /** https://{site}.atlassian.net */
  siteUrl: z
    .url({ protocol: /^https?$/, message: 'Enter the site URL, e.g. https://acme.atlassian.net' })
    .pipe(
      z
        .string()
        .refine(
          egressAllows,
          'The app can reach only https://….atlassian.net sites (the addresses its manifest declares): enter your site as https://acme.atlassian.net.',
        ),
    )
    .optional(),
  /** The site admin whose API token is stored. */
  siteAdminEmail: z.email('Enter the email of the site admin who created the API token.').optional(),
  orgId: z.string().trim().min(1).optional(),
  /** The organization directory whose users and groups the org API key manages ('-' for all it may). */
  orgDirectoryId: z.string().trim().min(1).optional(),
  /** From the identity provider's "Directory base URL": .../scim/directory/{directoryId}. */
  scimDirectoryId: z.string().trim().min(1).optional(),
  bitbucketWorkspace: z.string().trim().min(1).optional(),
  bitbucketUsername: z.string().trim().min(1).optional(),
  /** Let the app act as itself (Forge asApp) for what its own permissions allow. */
  useAsApp: z.boolean().default(false),
});
export type AtlassianConfig = z.infer<typeof atlassianConfigSchema>;

export async function loadAtlassianConfig(store: Store): Promise<AtlassianConfig> {
  const item = await store.get(CONFIG_KEY);
  return atlassianConfigSchema.parse(item?.value ?? {});
}

export async function saveAtlassianConfig(store: Store, config: AtlassianConfig): Promise<void> {
  await store.set(CONFIG_KEY, atlassianConfigSchema.parse(config));
}

export async function setAtlassianSecret(secrets: Secrets, kind: SecretKind, value: string): Promise<void> {
  await secrets.set(secretKey(kind), value);
}

export async function clearAtlassianSecret(secrets: Secrets, kind: SecretKind): Promise<void> {
  await secrets.delete(secretKey(kind));
}

export async function readAtlassianSecret(secrets: Secrets, kind: SecretKind): Promise<string | undefined> {
  return secrets.get(secretKey(kind));
}

/** Which credentials are complete (config and secret), i.e. which adapters the engine can use. */
export async function availableCredentials(platform: Pick<Platform, 'store' | 'secrets'>): Promise<CredentialKind[]> {
  const config = await loadAtlassianConfig(platform.store);
  const has = async (kind: SecretKind) => (await readAtlassianSecret(platform.secrets, kind)) !== undefined;
  const kinds: CredentialKind[] = [];
  if (config.scimDirectoryId && (await has('directoryKey'))) kinds.push('directoryKey');
  if (config.orgId && config.orgDirectoryId && (await has('orgKey'))) kinds.push('orgKey');
  if (config.siteUrl && config.siteAdminEmail && (await has('siteToken'))) kinds.push('siteToken');
  if (config.useAsApp) kinds.push('asApp');
  if (config.bitbucketWorkspace && config.bitbucketUsername && (await has('bitbucketToken'))) kinds.push('bitbucketToken');
  return kinds;
}
