import { z } from 'zod';
import { CAPABILITIES, CREDENTIAL_KINDS, CREDENTIAL_LABELS, routeOperation, type Capability, type CapabilityOperation, type CredentialKind } from '../atlassian/capabilities';
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
import { TargetError } from '../atlassian/target';
import { buildAtlassianTarget } from '../atlassian/target-factory';
import { recordAdminChange } from './admin-activity';
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
  available: CredentialKind[];
  credentialKinds: readonly CredentialKind[];
  credentialLabels: Record<CredentialKind, string>;
  matrix: CapabilityMatrixRow[];
}

export interface CredentialTest {
  ok: boolean;
  detail: string;
  via?: CredentialKind;
}

const secretValue = z.string().trim().min(1, 'Enter the key or token, or leave the field empty to keep the stored one.').max(4096, 'This is too long for a key or token.');

const savePayload = z.object({
  config: atlassianConfigSchema,
  /** New values only; a kind left out keeps what is stored. */
  secrets: z.partialRecord(z.enum(SECRET_KINDS), secretValue).default({}),
  clearSecrets: z.array(z.enum(SECRET_KINDS)).default([]),
});

export const credentialOperations = {
  getCredentials: operation(z.object({}), async (deps) => credentialsView(deps)),

  saveCredentials: operation(savePayload, async (deps, input): Promise<CredentialsView> => {
    const { platform } = deps;
    await saveAtlassianConfig(platform.store, input.config);
    const replaced = Object.entries(input.secrets).filter((entry): entry is [SecretKind, string] => entry[1] !== undefined);
    for (const [kind, value] of replaced) await setAtlassianSecret(platform.secrets, kind, value);
    for (const kind of input.clearSecrets) await clearAtlassianSecret(platform.secrets, kind);
    const changed = [...replaced.map(([kind]) => `${kind} replaced`), ...input.clearSecrets.map((kind) => `${kind} removed`)];
    await recordAdminChange(platform, {
      subject: { kind: 'atlassian', id: 'credentials' },
      action: 'Atlassian credentials saved',
      ...(changed.length > 0 ? { reason: changed.join(', ') } : {}),
    });
    return credentialsView(deps);
  }),

  /** Lists a page of groups with the credential the composite target picks for it. */
  testCredentials: operation(z.object({}), async (deps): Promise<CredentialTest> => {
    const route = routeOperation('listGroups', await availableCredentials(deps.platform));
    if (!route.ok) return { ok: false, detail: route.message };
    const via = route.credential;
    try {
      const target = await buildAtlassianTarget(deps.platform);
      const page = await target.listGroups();
      const more = page.nextCursor ? ' (first page)' : '';
      return { ok: true, via, detail: `Listed ${page.items.length} groups${more} with ${CREDENTIAL_LABELS[via]}.` };
    } catch (error) {
      if (error instanceof TargetError) return { ok: false, via, detail: error.message };
      throw error;
    }
  }),
};

async function credentialsView(deps: AdminDeps): Promise<CredentialsView> {
  const { platform } = deps;
  const [config, available, set] = await Promise.all([
    loadAtlassianConfig(platform.store),
    availableCredentials(platform),
    Promise.all(SECRET_KINDS.map(async (kind) => (await readAtlassianSecret(platform.secrets, kind)) !== undefined)),
  ]);
  const secretsSet = Object.fromEntries(SECRET_KINDS.map((kind, index) => [kind, set[index]])) as Record<SecretKind, boolean>;
  const matrix = (Object.entries(CAPABILITIES) as [CapabilityOperation, (typeof CAPABILITIES)[CapabilityOperation]][]).map(
    ([name, row]): CapabilityMatrixRow => {
      const route = routeOperation(name, available);
      return { operation: name, label: row.label, cells: row.cells, route: route.ok ? { credential: route.credential } : { message: route.message } };
    },
  );
  return { config, secretsSet, available, credentialKinds: CREDENTIAL_KINDS, credentialLabels: CREDENTIAL_LABELS, matrix };
}
