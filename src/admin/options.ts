import { z } from 'zod';
import { getConnection } from '../connections/connection-repository';
import { directoryContext } from '../directory/directory-context';
import { listPage } from '../directory/listing';
import { groupRecordSchema, userRecordSchema } from '../directory/model';
import { groupKey, groupKeys } from '../provisioning/group-names';
import { BUILT_IN_PROTECTED_GROUPS, validateOptions, type ProvisioningOptions } from '../provisioning/options';
import { loadProvisioningOptions, saveProvisioningOptions } from '../provisioning/options-store';
import { forgetProtectedAccounts } from '../provisioning/protected-accounts';
import { startReevaluation } from '../provisioning/reevaluation';
import { checkRegexRule, MAX_INPUT_LENGTH, previewRegex } from '../provisioning/safe-regex';
import { previewUsernameRule, usernameRuleProblem, type UsernamePreviewRow } from '../provisioning/username-rule';
import { connectionSubject, recordAdminChange } from './admin-changes';
import type { AdminDeps } from './admin-deps';
import { AdminError, connectionIdSchema, invalid, notFound, operation } from './result';

const SAMPLE_COUNT = 5;

export interface OptionsView {
  /** protectedGroups lists only what the admin added: the built-in ones are always protected. */
  options: ProvisioningOptions;
  builtInProtectedGroups: readonly string[];
  /** The first few userNames and group names of the connection's directory, to try the regexes on. */
  samples: { userNames: string[]; groupNames: string[] };
}

const byConnection = z.object({ connectionId: connectionIdSchema });

const regexRulePayload = z.object({
  pattern: z.string().max(1000, 'The pattern is too long.'),
  replacement: z.string().max(1000, 'The replacement is too long.'),
});

export const optionsOperations = {
  getOptions: operation(byConnection, async (deps, { connectionId }) => optionsView(deps, connectionId)),

  /** `options` is validated by the provisioning options schema; its messages come back per dotted field path. */
  saveOptions: operation(byConnection.extend({ options: z.record(z.string(), z.unknown()) }), async (deps, input): Promise<OptionsView> => {
    const connection = await getConnection(deps.platform.store, input.connectionId);
    if (!connection) throw notFound('This connection');
    const before = await loadProvisioningOptions(deps.platform.store, connection.id);
    await refuseUsernameRuleOnSamples(deps, connection.id, input.options);
    const saved = await saveProvisioningOptions(deps.platform.store, connection.id, input.options);
    if (!saved.ok) throw invalid(saved.issues, 'options');
    const changed = changedPaths(before, saved.options);
    const reason = changed.length === 0 ? 'nothing changed' : `changed: ${changed.join(', ')}`;
    await recordAdminChange(deps.platform, {
      connectionId: connection.id,
      subject: connectionSubject(connection),
      action: 'provisioning options saved',
      reason,
    });
    if (changed.length > 0) {
      // Saved options reach every user and group, not only those the IdP sends again.
      await forgetProtectedAccounts(deps.platform.store, connection.id);
      if (connection.enabled) await startReevaluation(deps.platform, connection.id, before.dryRun && !saved.options.dryRun ? 'dryRunOff' : 'options');
    }
    return optionsView(deps, connection.id);
  }),

  /** The live preview of a username or group-name rule: what it makes of each sample (a username must stay an email). */
  previewRegex: operation(
    z.object({
      rule: regexRulePayload,
      kind: z.enum(['username', 'groupName']).default('groupName'),
      samples: z.array(z.string().max(MAX_INPUT_LENGTH, `Use samples of at most ${MAX_INPUT_LENGTH} characters.`)).max(20, 'Try at most 20 samples.'),
    }),
    async (_deps, { rule, kind, samples }): Promise<{ rows: UsernamePreviewRow[] }> => {
      if (!rule.pattern) throw new AdminError('invalid', 'Enter a pattern.', { 'rule.pattern': 'Enter a pattern.' });
      const problem = checkRegexRule(rule) ?? (kind === 'username' ? usernameRuleProblem(rule) : undefined);
      if (problem) throw new AdminError('invalid', problem.message, { [`rule.${problem.field}`]: problem.message });
      const tried = samples.filter((sample) => sample.trim() !== '');
      return { rows: kind === 'username' ? previewUsernameRule(rule, tried) : previewRegex(rule, tried) };
    },
  ),
};

/** A username rule that turns one of the directory's own usernames into something that is not an email is refused. */
async function refuseUsernameRuleOnSamples(deps: AdminDeps, connectionId: string, input: Record<string, unknown>): Promise<void> {
  const validated = validateOptions(input);
  const rule = validated.ok ? validated.options.usernameRegex : undefined;
  if (!rule) return;
  const { samples } = await optionsView(deps, connectionId);
  const wrong = previewUsernameRule(rule, samples.userNames).find((row) => row.outcome === 'notAnEmail');
  if (wrong?.outcome === 'notAnEmail') throw invalid([{ path: 'usernameRegex.replacement', message: wrong.message }], 'options');
}

async function optionsView(deps: AdminDeps, connectionId: string): Promise<OptionsView> {
  if (!(await getConnection(deps.platform.store, connectionId))) throw notFound('This connection');
  const ctx = directoryContext(deps.platform, connectionId, 'admin');
  const [options, users, groups] = await Promise.all([
    loadProvisioningOptions(deps.platform.store, connectionId),
    listPage(ctx, 'user', 'name', 1, SAMPLE_COUNT, (value) => userRecordSchema.parse(value)),
    listPage(ctx, 'group', 'name', 1, SAMPLE_COUNT, (value) => groupRecordSchema.parse(value)),
  ]);
  const builtIn = groupKeys(BUILT_IN_PROTECTED_GROUPS);
  return {
    options: { ...options, protectedGroups: options.protectedGroups.filter((name) => !builtIn.has(groupKey(name))) },
    builtInProtectedGroups: BUILT_IN_PROTECTED_GROUPS,
    samples: { userNames: users.items.map((user) => user.userName), groupNames: groups.items.map((group) => group.displayName) },
  };
}

/** The options whose values differ, by key (`disableUsers`, `onTheFly.createMissing`): the log names them, never their values. */
function changedPaths(before: unknown, after: unknown, path = ''): string[] {
  if (!isRecord(before) || !isRecord(after)) return JSON.stringify(before) === JSON.stringify(after) ? [] : [path];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => changedPaths(before[key], after[key], path ? `${path}.${key}` : key));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
