import type { OptionsView } from '../../admin/options';

// The provisioning options as the form edits them: lists as text (one entry a line) and numbers as typed, so
// that what the admin is typing is never reformatted under the cursor. toOptionsInput makes the payload back.

type Options = OptionsView['options'];

export interface RuleDraft {
  pattern: string;
  replacement: string;
}

export interface OptionsDraft {
  targets: { jira: boolean; confluence: boolean; bitbucketWorkspace: string };
  createUsers: boolean;
  updateUsers: boolean;
  enableUsers: boolean;
  disableUsers: boolean;
  disableAction: Options['disableAction'];
  usernameRegex: RuleDraft;
  attributeMapping: { email: string; username: string; displayName: string; displayNameTemplate: string };
  customAttributes: { source: string; name: string }[];
  groupImport: { enabled: boolean; include: string; exclude: string; deleteEmptyGroups: boolean };
  groupMappingMode: Options['groupMappingMode'];
  onTheFly: { createMissing: boolean; nameRegex: RuleDraft; keepUnassertedMembers: boolean };
  /** atlassianGroups comma-separated. */
  manual: { mappings: { idpGroup: string; atlassianGroups: string }[]; importUnmapped: boolean; keepExistingMembers: boolean };
  defaultGroups: { newUsers: string; allUsers: string };
  protectedGroups: string;
  defaultProjectLead: string;
  defaultComponentLead: string;
  safety: { maxDisablePercent: string; minUsersForThreshold: string };
  dryRun: boolean;
  /** linkDomains one a line. */
  ownership: { linkDomains: string; deactivateWhen: Options['ownership']['deactivateWhen'] };
  driftRepair: Options['driftRepair'];
}

const lines = (values: string[]) => values.join('\n');
const fromLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const fromCommas = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
const ruleDraft = (rule: RuleDraft | undefined): RuleDraft => ({ pattern: rule?.pattern ?? '', replacement: rule?.replacement ?? '' });
const ruleInput = (rule: RuleDraft) => (rule.pattern || rule.replacement ? { ...rule } : undefined);
const optional = (text: string) => (text.trim() ? text.trim() : undefined);
const numberOrText = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

export function draftFromOptions(options: Options): OptionsDraft {
  return {
    targets: { jira: options.targets.jira, confluence: options.targets.confluence, bitbucketWorkspace: options.targets.bitbucketWorkspace ?? '' },
    createUsers: options.createUsers,
    updateUsers: options.updateUsers,
    enableUsers: options.enableUsers,
    disableUsers: options.disableUsers,
    disableAction: options.disableAction,
    usernameRegex: ruleDraft(options.usernameRegex),
    attributeMapping: {
      email: lines(options.attributeMapping.email),
      username: lines(options.attributeMapping.username),
      displayName: lines(options.attributeMapping.displayName),
      displayNameTemplate: options.attributeMapping.displayNameTemplate ?? '',
    },
    customAttributes: options.customAttributes.map((attribute) => ({ ...attribute })),
    groupImport: {
      enabled: options.groupImport.enabled,
      include: lines(options.groupImport.filter.include),
      exclude: lines(options.groupImport.filter.exclude),
      deleteEmptyGroups: options.groupImport.deleteEmptyGroups,
    },
    groupMappingMode: options.groupMappingMode,
    onTheFly: {
      createMissing: options.onTheFly.createMissing,
      nameRegex: ruleDraft(options.onTheFly.nameRegex),
      keepUnassertedMembers: options.onTheFly.keepUnassertedMembers,
    },
    manual: {
      mappings: options.manual.mappings.map((mapping) => ({ idpGroup: mapping.idpGroup, atlassianGroups: mapping.atlassianGroups.join(', ') })),
      importUnmapped: options.manual.importUnmapped,
      keepExistingMembers: options.manual.keepExistingMembers,
    },
    defaultGroups: { newUsers: lines(options.defaultGroups.newUsers), allUsers: lines(options.defaultGroups.allUsers) },
    protectedGroups: lines(options.protectedGroups),
    defaultProjectLead: options.defaultProjectLead ?? '',
    defaultComponentLead: options.defaultComponentLead ?? '',
    safety: {
      maxDisablePercent: String(Math.round(options.safety.maxDisableShare * 1000) / 10),
      minUsersForThreshold: String(options.safety.minUsersForThreshold),
    },
    dryRun: options.dryRun,
    ownership: { linkDomains: lines(options.ownership.linkDomains), deactivateWhen: options.ownership.deactivateWhen },
    driftRepair: options.driftRepair,
  };
}

/** The saveOptions payload's `options`; what is not a number where one is expected is sent as typed, for the server to name. */
export function toOptionsInput(draft: OptionsDraft): Record<string, unknown> {
  const percent = numberOrText(draft.safety.maxDisablePercent);
  return {
    targets: { jira: draft.targets.jira, confluence: draft.targets.confluence, bitbucketWorkspace: optional(draft.targets.bitbucketWorkspace) },
    createUsers: draft.createUsers,
    updateUsers: draft.updateUsers,
    enableUsers: draft.enableUsers,
    disableUsers: draft.disableUsers,
    disableAction: draft.disableAction,
    usernameRegex: ruleInput(draft.usernameRegex),
    attributeMapping: {
      email: fromLines(draft.attributeMapping.email),
      username: fromLines(draft.attributeMapping.username),
      displayName: fromLines(draft.attributeMapping.displayName),
      displayNameTemplate: optional(draft.attributeMapping.displayNameTemplate),
    },
    customAttributes: draft.customAttributes,
    groupImport: {
      enabled: draft.groupImport.enabled,
      filter: { include: fromLines(draft.groupImport.include), exclude: fromLines(draft.groupImport.exclude) },
      deleteEmptyGroups: draft.groupImport.deleteEmptyGroups,
    },
    groupMappingMode: draft.groupMappingMode,
    onTheFly: {
      createMissing: draft.onTheFly.createMissing,
      nameRegex: ruleInput(draft.onTheFly.nameRegex),
      keepUnassertedMembers: draft.onTheFly.keepUnassertedMembers,
    },
    manual: {
      mappings: draft.manual.mappings.map((mapping) => ({ idpGroup: mapping.idpGroup, atlassianGroups: fromCommas(mapping.atlassianGroups) })),
      importUnmapped: draft.manual.importUnmapped,
      keepExistingMembers: draft.manual.keepExistingMembers,
    },
    defaultGroups: { newUsers: fromLines(draft.defaultGroups.newUsers), allUsers: fromLines(draft.defaultGroups.allUsers) },
    protectedGroups: fromLines(draft.protectedGroups),
    defaultProjectLead: optional(draft.defaultProjectLead),
    defaultComponentLead: optional(draft.defaultComponentLead),
    safety: {
      maxDisableShare: typeof percent === 'number' ? percent / 100 : percent,
      minUsersForThreshold: numberOrText(draft.safety.minUsersForThreshold),
    },
    dryRun: draft.dryRun,
    ownership: { linkDomains: fromLines(draft.ownership.linkDomains), deactivateWhen: draft.ownership.deactivateWhen },
    driftRepair: draft.driftRepair,
  };
}
