import { z } from 'zod';
import { listConnections } from '../connections/connection-repository';
import { startReevaluation } from '../provisioning/reevaluation';
import {
  CAPABILITIES,
  CREDENTIAL_KINDS,
  CREDENTIAL_LABELS,
  routeOperation,
  type Capability,
  type CapabilityOperation,
  type CredentialKind,
} from '../atlassian/capabilities';
import {
  atlassianConfigSchema,
  availableCredentials,
  clearAtlassianSecret,
  loadAtlassianConfig,
  readAtlassianSecret,
  saveAtlassianConfig,
  SECRET_KINDS,
  setAtlassianSecret,
  type AtlassianConfig,
  type SecretKind,
} from '../atlassian/credentials';
import { expiryNotices, KEY_NOUNS, loadKeyDates, saveKeyDates, updatedKeyDates, type ExpiryNotice, type KeyDates } from '../atlassian/key-expiry';
import { TargetError } from '../atlassian/target';
import type { SiteCredentialKind } from '../atlassian/composite-target';
import { buildAtlassianTarget } from '../atlassian/target-factory';
import { recordAdminChange } from './admin-changes';
import type { AdminDeps } from './admin-deps';
import { operation } from './result';

export interface CapabilityMatrixRow {
  operation: CapabilityOperation;
  label: string;
  cells: Record<CredentialKind, Capability>;
  /** With the credentials set now: which one performs it, or what is missing. */
  route: { credential: CredentialKind } | { message: string };
}

export interface CredentialsView {
  config: AtlassianConfig;
  /** Whether each secret is stored; their values never leave the server. */
  secretsSet: Record<SecretKind, boolean>;
  /** When each stored key was saved here and when it expires. */
  keyDates: KeyDates;
  /** Keys expired or expiring within 30 days. */
  expiry: ExpiryNotice[];
  available: CredentialKind[];
  credentialKinds: readonly CredentialKind[];
  credentialLabels: Record<CredentialKind, string>;
  matrix: CapabilityMatrixRow[];
}

export interface CredentialTest {
  /** Every credential tested works. */
  ok: boolean;
  detail: string;
  /** One entry per credential set, each tried on its own. */
  results: { credential: CredentialKind; ok: boolean; detail: string }[];
}

/** The credentials that reach the site; the Bitbucket token is checked by Bitbucket runs, not here. */
const isSiteCredential = (kind: CredentialKind): kind is SiteCredentialKind => kind !== 'bitbucketToken';

const secretValue = z
  .string()
  .trim()
  .min(1, 'Enter the key or token, or leave the field empty to keep the stored one.')
  .max(4096, 'This is too long for a key or token.');

const savePayload = z.object({
  config: atlassianConfigSchema,
  /** New values only; a kind left out keeps what is stored. */
  secrets: z.partialRecord(z.enum(SECRET_KINDS), secretValue).default({}),
  clearSecrets: z.array(z.enum(SECRET_KINDS)).default([]),
  /** The last day each key works, as Atlassian shows it; '' for none entered (a directory key then gets a year). */
  expiresOn: z.partialRecord(z.enum(SECRET_KINDS), z.union([z.iso.date('Enter the expiry date as YYYY-MM-DD.'), z.literal('')])).default({}),
});

export const credentialOperations = {
  getCredentials: operation(z.object({}), async (deps) => credentialsView(deps)),

  /** For the page's header: the stored keys that expired or expire within 30 days. */
  getKeyExpiry: operation(z.object({}), async (deps): Promise<ExpiryNotice[]> => {
    const [dates, stored] = await Promise.all([loadKeyDates(deps.platform.store), storedSecrets(deps)]);
    return expiryNotices(
      dates,
      SECRET_KINDS.filter((kind) => stored[kind]),
      deps.platform.clock.now(),
    );
  }),

  saveCredentials: operation(savePayload, async (deps, input): Promise<CredentialsView> => {
    const { platform } = deps;
    await saveAtlassianConfig(platform.store, input.config);
    const replaced = Object.entries(input.secrets).filter((entry): entry is [SecretKind, string] => entry[1] !== undefined);
    for (const [kind, value] of replaced) await setAtlassianSecret(platform.secrets, kind, value);
    for (const kind of input.clearSecrets) await clearAtlassianSecret(platform.secrets, kind);
    const dates = updatedKeyDates(
      await loadKeyDates(platform.store),
      { replaced: replaced.map(([kind]) => kind), cleared: input.clearSecrets, expiresOn: input.expiresOn },
      platform.clock.now(),
    );
    await saveKeyDates(platform.store, dates);
    const changed = [...replaced.map(([kind]) => `${kind} replaced`), ...input.clearSecrets.map((kind) => `${kind} removed`)];
    await recordAdminChange(platform, {
      subject: { kind: 'atlassian', id: 'credentials' },
      action: 'Atlassian credentials saved',
      ...(changed.length > 0 ? { reason: changed.join(', ') } : {}),
    });
    // New credentials can do what the old ones could not (suspend, look accounts up): every connection plans again.
    for (const connection of await listConnections(platform.store)) {
      if (connection.enabled) await startReevaluation(platform, connection.id, 'credentials');
    }
    return credentialsView(deps);
  }),

  /** Lists a page of groups with each credential set, one at a time, so that a wrong key shows even when another works. */
  testCredentials: operation(z.object({}), async (deps): Promise<CredentialTest> => {
    const available = (await availableCredentials(deps.platform)).filter(isSiteCredential);
    const route = routeOperation('listGroups', available);
    if (!route.ok) return { ok: false, detail: route.message, results: [] };
    const results = await Promise.all(available.map((credential) => testCredential(deps, credential)));
    const failed = results.filter((result) => !result.ok);
    const detail =
      failed.length === 0
        ? `All ${results.length} credentials work.`
        : `${failed.map((result) => CREDENTIAL_LABELS[result.credential]).join(', ')}: see below.`;
    return { ok: failed.length === 0, detail, results };
  }),
};

async function testCredential(deps: AdminDeps, credential: SiteCredentialKind): Promise<CredentialTest['results'][number]> {
  const route = routeOperation('listGroups', [credential]);
  if (!route.ok) return { credential, ok: true, detail: `Not tested: ${CREDENTIAL_LABELS[credential]} cannot list groups.` };
  try {
    const page = await (await buildAtlassianTarget(deps.platform, credential)).listGroups();
    const more = page.nextCursor ? ' (first page)' : '';
    return { credential, ok: true, detail: `Listed ${page.items.length} groups${more} with ${CREDENTIAL_LABELS[credential]}.` };
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    const expiry = error.kind === 'unauthorized' ? await recordedExpiry(deps, credential) : '';
    return { credential, ok: false, detail: `${CREDENTIAL_LABELS[credential]}: ${error.message}${expiry}` };
  }
}

/** After a 401: when the key in use was saved here and when it expires, if the app knows. */
async function recordedExpiry(deps: AdminDeps, credential: string): Promise<string> {
  const kind = SECRET_KINDS.find((candidate) => candidate === credential);
  const date = kind && (await loadKeyDates(deps.platform.store))[kind];
  if (!kind || !date) return '';
  const expires = date.expiresOn ? `, and expires on ${date.expiresOn}` : '';
  return ` The ${KEY_NOUNS[kind]} was saved here on ${date.savedAt.slice(0, 10)}${expires}.`;
}

async function storedSecrets(deps: AdminDeps): Promise<Record<SecretKind, boolean>> {
  const set = await Promise.all(SECRET_KINDS.map(async (kind) => (await readAtlassianSecret(deps.platform.secrets, kind)) !== undefined));
  return Object.fromEntries(SECRET_KINDS.map((kind, index) => [kind, set[index]])) as Record<SecretKind, boolean>;
}

async function credentialsView(deps: AdminDeps): Promise<CredentialsView> {
  const { platform } = deps;
  const [config, available, secretsSet, keyDates] = await Promise.all([
    loadAtlassianConfig(platform.store),
    availableCredentials(platform),
    storedSecrets(deps),
    loadKeyDates(platform.store),
  ]);
  const expiry = expiryNotices(
    keyDates,
    SECRET_KINDS.filter((kind) => secretsSet[kind]),
    platform.clock.now(),
  );
  const matrix = (Object.entries(CAPABILITIES) as [CapabilityOperation, (typeof CAPABILITIES)[CapabilityOperation]][]).map(
    ([name, row]): CapabilityMatrixRow => {
      const route = routeOperation(name, available);
      return { operation: name, label: row.label, cells: row.cells, route: route.ok ? { credential: route.credential } : { message: route.message } };
    },
  );
  return { config, secretsSet, keyDates, expiry, available, credentialKinds: CREDENTIAL_KINDS, credentialLabels: CREDENTIAL_LABELS, matrix };
}
