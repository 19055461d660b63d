// What an admin configures for a REST-pull connection: the IdP settings the connector needs, how often to
// pull, and when the daily full run happens. The credential is kept apart, in Secrets, and never read back.
// The Data Center app's "sync during user login" and LDAP have no Forge equivalent: see platform-notes.ts.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { getConnection } from '../connections/connection-repository';
import { miniOrangeConfigSchema } from '../idp/miniorange/config';
import { oracleIdcsConfigSchema } from '../idp/oracle-idcs/config';
import type { Platform, Store } from '../platform/ports';
import { pullKeys, pullSecretKey } from '../storage/keys';

export const PULL_INTERVALS_MINUTES = [5, 15, 30, 60, 1440] as const;
export type PullIntervalMinutes = (typeof PULL_INTERVALS_MINUTES)[number];

const intervalMinutes = z.number().refine((value): value is PullIntervalMinutes => (PULL_INTERVALS_MINUTES as readonly number[]).includes(value), {
  message: `Choose one of ${PULL_INTERVALS_MINUTES.join(', ')} minutes (1440 = daily).`,
});

export const pullConfigSchema = z
  .object({
    /** Scheduled runs; "Synchronize now" works either way. */
    enabled: z.boolean().default(true),
    /** Delta runs this often; 1440 means one (full) run a day. */
    intervalMinutes: intervalMinutes.default(60),
    /** The hour (UTC) after which the day's full run starts: it also finds users and groups that disappeared. */
    fullRunHourUtc: z.number().int().min(0, 'Enter an hour from 0 to 23.').max(23, 'Enter an hour from 0 to 23.').default(3),
  })
  .and(
    z.discriminatedUnion('provider', [
      z.object({ provider: z.literal('oracle-idcs'), settings: oracleIdcsConfigSchema }),
      z.object({ provider: z.literal('miniorange'), settings: miniOrangeConfigSchema }),
    ]),
  );

export type PullConfig = z.output<typeof pullConfigSchema>;
export type PullProvider = PullConfig['provider'];

export interface ConfigIssue {
  /** Dotted path of the field, '' for the whole configuration. */
  path: string;
  message: string;
}

export type SavePullConfigResult = { ok: true; config: PullConfig } | { ok: false; issues: ConfigIssue[] };
export type SetPullSecretResult = { ok: true } | { ok: false; issues: ConfigIssue[] };

export async function loadPullConfig(store: Store, connectionId: string): Promise<PullConfig | undefined> {
  const item = await store.get(pullKeys.config(connectionId));
  return item ? pullConfigSchema.parse(item.value) : undefined;
}

/** Validates and saves; on failure nothing is written and the issues name the fields. */
export async function savePullConfig(platform: Pick<Platform, 'store'>, connectionId: string, input: unknown): Promise<SavePullConfigResult> {
  const parsed = pullConfigSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) };
  }
  const connection = await getConnection(platform.store, connectionId);
  if (!connection || connection.method !== 'pull') {
    return { ok: false, issues: [{ path: '', message: 'This connection does not exist or is not a REST-pull connection.' }] };
  }
  if (connection.provider !== parsed.data.provider) {
    const message = `This connection is for ${connection.provider}: send settings for that provider.`;
    return { ok: false, issues: [{ path: 'provider', message }] };
  }
  await platform.store.set(pullKeys.config(connectionId), parsed.data);
  return { ok: true, config: parsed.data };
}

/** Stores the IdP credential (IDCS client secret, miniOrange API key), replacing any earlier one. */
export async function setPullSecret(platform: Pick<Platform, 'secrets'>, connectionId: string, secret: unknown): Promise<SetPullSecretResult> {
  const parsed = z.string().trim().min(1, 'Enter the secret.').max(4096, 'The secret is too long.').safeParse(secret);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: 'secret', message: issue.message })) };
  await platform.secrets.set(pullSecretKey(connectionId), parsed.data);
  return { ok: true };
}

/** Whether a credential is stored: the admin page shows "set" or "replace", never the value. */
export async function hasPullSecret(platform: Pick<Platform, 'secrets'>, connectionId: string): Promise<boolean> {
  return (await platform.secrets.get(pullSecretKey(connectionId))) !== undefined;
}

/** Identifies the IdP settings a watermark was taken with: a delta after a change of domain or app id would be wrong. */
export function settingsFingerprint(config: PullConfig): string {
  return createHash('sha256')
    .update(JSON.stringify({ provider: config.provider, settings: config.settings }))
    .digest('hex')
    .slice(0, 16);
}
