// The provisioning options of one IdP connection: what the Data Center app's "Provisioning Operations", "User Sync Settings"
// and "Group Sync Settings" pages configure, in Atlassian Cloud terms. Parsing fills every default, so the engine
// only ever sees complete options; the admin page shows validateOptions' messages beside the fields they name.

import { z } from 'zod';
import { parseAttributePath } from './attribute-path';
import { groupKey, matchesGroupPattern, uniqueGroupNames } from './group-names';
import { parseDisplayNameTemplate } from './display-name';
import { checkRegexRule, compileSafeRegex } from './safe-regex';
import { usernameRuleProblem } from './username-rule';

export const PRODUCTS = ['jira', 'confluence', 'bitbucket'] as const;
export type Product = (typeof PRODUCTS)[number];

/**
 * What "disable user" means on the Atlassian side: suspend the account's access (organizations API or directory
 * key), remove its access to the target products (site admin), or only take it out of the groups this connection
 * manages (for sites where product access comes from those groups).
 */
export const DISABLE_ACTIONS = ['suspend', 'removeProductAccess', 'removeFromManagedGroups'] as const;
export const GROUP_MAPPING_MODES = ['onTheFly', 'manual'] as const;
export const DEACTIVATION_POLICIES = ['any', 'all'] as const;
export const DRIFT_MODES = ['repair', 'report'] as const;

/** Always protected, whatever the admin saves: the admin groups, and the group Atlassian puts app users in. */
export const BUILT_IN_PROTECTED_GROUPS = [
  'site-admins',
  'org-admins',
  'administrators',
  'system-administrators',
  'jira-admins*',
  'jira-administrators',
  'confluence-admins*',
  'confluence-administrators',
  'atlassian-addons*',
];

const groupName = z.string().trim().min(1, 'Enter a group name.').max(255, 'A group name has at most 255 characters.');

const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'Enter a domain such as example.com, without @.',
  );

const groupNames = z.array(groupName).max(100, 'At most 100 groups.').default([]);

const protectedGroupPattern = groupName.regex(
  /^[^*]+\*?$/,
  'Use * only at the end, to protect every group whose name starts with the text before it.',
);

const accountId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9:_-]{1,128}$/, 'Enter an Atlassian account ID, such as 5b10ac8d82e05b22cc7d4ef5.');

const attributePath = z
  .string()
  .trim()
  .superRefine((path, ctx) => {
    const parsed = parseAttributePath(path);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

const attributePaths = (defaults: string[]) =>
  z.array(attributePath).min(1, 'Map at least one attribute.').max(10, 'At most 10 attributes.').default(defaults);

const pattern = z
  .string()
  .min(1, 'Enter a pattern.')
  .superRefine((source, ctx) => {
    const compiled = compileSafeRegex(source);
    if (!compiled.ok) ctx.addIssue({ code: 'custom', message: compiled.error });
  });

const patterns = z.array(pattern).max(50, 'At most 50 patterns.').default([]);

const regexRule = z
  .object({
    pattern: z.string().min(1, 'Enter a pattern.'),
    replacement: z.string().max(200, 'A replacement has at most 200 characters.'),
  })
  .superRefine((rule, ctx) => {
    const problem = checkRegexRule(rule);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

const customAttribute = z.object({
  source: attributePath,
  /** Shown on the user's profile and used as the user property's key, so no `.` or `=` (they break property search). */
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$/, 'Use up to 64 letters, digits, spaces, - and _, starting with a letter or digit.'),
});

const manualMapping = z.object({
  /** Matches the IdP group's id, or its name regardless of case. */
  idpGroup: z.string().trim().min(1, 'Enter the IdP group.').max(255, 'An IdP group name has at most 255 characters.'),
  atlassianGroups: z.array(groupName).min(1, 'Choose at least one Atlassian group.').max(50, 'At most 50 groups.'),
});

export const provisioningOptionsSchema = z
  .object({
    /** Where users get product access. Groups are the site's, which Jira and Confluence share. */
    targets: z
      .object({
        jira: z.boolean().default(true),
        confluence: z.boolean().default(false),
        bitbucketWorkspace: z
          .string()
          .trim()
          .regex(/^[a-z0-9][a-z0-9_.-]{0,61}$/i, 'Enter the workspace ID from its URL, e.g. acme for bitbucket.org/acme.')
          .optional(),
      })
      .prefault({})
      .refine((targets) => targets.jira || targets.confluence || targets.bitbucketWorkspace !== undefined, {
        message: 'Select at least one product.',
      }),
    /** The Data Center app's "Enable Import Users": create accounts for active IdP users that have none. */
    createUsers: z.boolean().default(true),
    /** The Data Center app's "Enable Update Users": keep email, display name and custom attributes in step. */
    updateUsers: z.boolean().default(true),
    /** The Data Center app's "Enable Users": restore users the IdP reports active. */
    enableUsers: z.boolean().default(true),
    /** The Data Center app's "Disable Users": apply disableAction to users the IdP reports inactive. */
    disableUsers: z.boolean().default(true),
    disableAction: z.enum(DISABLE_ACTIONS).default('suspend'),
    /** The Data Center app's "Regex on Username": rewrites the value we find the account by, e.g. (.*)@corp.local → $1@corp.com. */
    usernameRegex: regexRule
      .superRefine((rule, ctx) => {
        const problem = usernameRuleProblem(rule);
        if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
      })
      .optional(),
    /** Attribute paths in order of preference; the first one with a value wins. */
    attributeMapping: z
      .object({
        email: attributePaths(['emails[primary]', 'mail']),
        /** Atlassian Cloud has no usernames: the username is where the email comes from when no email is mapped. */
        username: attributePaths(['userName', 'userPrincipalName']),
        displayName: attributePaths(['displayName', 'name.formatted']),
        /** Fills in first, e.g. `{name.givenName} {name.familyName}`; empty for none (display-name.ts). */
        displayNameTemplate: z
          .string()
          .trim()
          .superRefine((template, ctx) => {
            const parsed = template ? parseDisplayNameTemplate(template) : undefined;
            if (parsed && !parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
          })
          .optional(),
      })
      .prefault({}),
    /** Stored as user properties named after the attribute. */
    customAttributes: z.array(customAttribute).max(50, 'At most 50 custom attributes.').default([]),
    /** The Data Center app's "Enable Import User's IDP Groups" and its group filter (patterns as in safe-regex.ts). */
    groupImport: z
      .object({
        enabled: z.boolean().default(true),
        filter: z.object({ include: patterns, exclude: patterns }).prefault({}),
        /** Deletes a group this connection created once its IdP group is deleted and no member is left. */
        deleteEmptyGroups: z.boolean().default(false),
      })
      .prefault({}),
    groupMappingMode: z.enum(GROUP_MAPPING_MODES).default('onTheFly'),
    onTheFly: z
      .object({
        createMissing: z.boolean().default(true),
        nameRegex: regexRule.optional(),
        /** The Data Center app's "keep the existing user groups": true = never remove a membership, even one this connection added. */
        keepUnassertedMembers: z.boolean().default(false),
      })
      .prefault({}),
    manual: z
      .object({
        mappings: z.array(manualMapping).max(500, 'At most 500 mappings.').default([]),
        /** IdP groups without a mapping are mapped on the fly (with the on-the-fly settings). */
        importUnmapped: z.boolean().default(false),
        /** The Data Center app's "keep existing users": false = mapped groups hold exactly the IdP group's members. */
        keepExistingMembers: z.boolean().default(true),
      })
      .prefault({}),
    defaultGroups: z.object({ newUsers: groupNames, allUsers: groupNames }).prefault({}),
    /** Groups the app never changes; the built-in ones are always added. */
    protectedGroups: z
      .array(protectedGroupPattern)
      .max(100, 'At most 100 protected groups.')
      .default([])
      .transform((added) => uniqueGroupNames([...BUILT_IN_PROTECTED_GROUPS, ...added])),
    /** Takes over the projects a disabled user leads. */
    defaultProjectLead: accountId.optional(),
    /** Takes over the components a disabled user leads. */
    defaultComponentLead: accountId.optional(),
    /** A run that would disable more than maxDisableShare of the users waits for an admin's confirmation. */
    safety: z
      .object({
        maxDisableShare: z.number().gt(0, 'Enter a share above 0.').max(1, 'Enter a share of at most 1 (100%).').default(0.1),
        /** Below this many users, the share is not checked (one user of five is already 20%). */
        minUsersForThreshold: z.number().int().min(0).default(10),
      })
      .prefault({}),
    /** Plan and show changes without applying them. */
    dryRun: z.boolean().default(false),
    /** Which existing accounts this connection may manage, and how its say on an account's state counts. */
    ownership: z
      .object({
        /** Accounts with these email domains may be linked and managed; others only if this connection created them. */
        linkDomains: z.array(emailDomain).max(50, 'At most 50 domains.').default([]),
        /** 'any': deactivated while any entitled connection says inactive; 'all': only when every one does. */
        deactivateWhen: z.enum(DEACTIVATION_POLICIES).default('any'),
      })
      .prefault({}),
    /** What the daily check of the site does with changes made by hand in Atlassian: repair them, or only report. */
    driftRepair: z.enum(DRIFT_MODES).default('repair'),
  })
  .superRefine((options, ctx) => {
    const isProtected = (name: string) => options.protectedGroups.some((entry) => matchesGroupPattern(entry, name));
    const refuseProtected = (names: string[], path: (string | number)[]) =>
      names.forEach((name, index) => {
        const message = `${name} is a protected group; the app never changes its members.`;
        if (isProtected(name)) ctx.addIssue({ code: 'custom', path: [...path, index], message });
      });
    refuseProtected(options.defaultGroups.newUsers, ['defaultGroups', 'newUsers']);
    refuseProtected(options.defaultGroups.allUsers, ['defaultGroups', 'allUsers']);
    options.manual.mappings.forEach((mapping, index) => refuseProtected(mapping.atlassianGroups, ['manual', 'mappings', index, 'atlassianGroups']));
    refuseDuplicates(
      options.manual.mappings.map((mapping) => mapping.idpGroup),
      ['manual', 'mappings'],
      'idpGroup',
      ctx,
      'This IdP group is already mapped above; list all its Atlassian groups in one mapping.',
    );
    refuseDuplicates(
      options.customAttributes.map((attribute) => attribute.name),
      ['customAttributes'],
      'name',
      ctx,
      'Another custom attribute already has this name.',
    );
  });

export type ProvisioningOptions = z.output<typeof provisioningOptionsSchema>;
export type ProvisioningOptionsInput = z.input<typeof provisioningOptionsSchema>;
export type DisableAction = ProvisioningOptions['disableAction'];

/** A message for one form field, named by its dotted path: `usernameRegex.pattern`, `manual.mappings.2.idpGroup`. */
export interface OptionIssue {
  path: string;
  message: string;
}

export type OptionsValidation = { ok: true; options: ProvisioningOptions } | { ok: false; issues: OptionIssue[] };

export function defaultOptions(): ProvisioningOptions {
  return provisioningOptionsSchema.parse({});
}

export function validateOptions(input: unknown): OptionsValidation {
  const parsed = provisioningOptionsSchema.safeParse(input);
  if (parsed.success) return { ok: true, options: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return { ok: false, issues };
}

export function targetProducts(options: Pick<ProvisioningOptions, 'targets'>): Product[] {
  const { jira, confluence, bitbucketWorkspace } = options.targets;
  const selected: Record<Product, boolean> = { jira, confluence, bitbucket: bitbucketWorkspace !== undefined };
  return PRODUCTS.filter((product) => selected[product]);
}

function refuseDuplicates(values: string[], path: (string | number)[], field: string, ctx: z.RefinementCtx, message: string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    const key = groupKey(value);
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [...path, index, field], message });
    seen.add(key);
  });
}
