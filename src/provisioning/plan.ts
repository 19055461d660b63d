// What to change on the Atlassian side so that it matches what the IdP asserts, as typed actions with a reason
// each: the worker applies them, a dry run shows them. Planning is level-triggered: a current state that already
// matches yields no actions, so planning again after applying (or after a duplicated job) changes nothing.
// `skip` actions record a difference the options forbid us to fix, so the activity log can say why.
// The memberships of a user the IdP reports inactive change only through disableAction 'removeFromManagedGroups';
// its projects and components go to the default leads when it is suspended or loses product access.

import type { DesiredAccountState } from './account-policy';
import type { DesiredUser } from './attribute-mapping';
import {
  desiredGroups,
  isProtectedGroup,
  mayRemoveMembership,
  membershipChanges,
  membershipReason,
  NEW_USERS_REASON,
  releasedMemberships,
  type DesiredGroup,
  type IdpGroupRef,
  type Memberships,
  type UserGroups,
} from './group-mapping';
import { groupKey, groupKeys } from './group-names';
import { targetProducts, type Product, type ProvisioningOptions } from './options';

/** A user the plan creates has no accountId yet: the worker uses the one createUser returns. */
export type UserRef = { accountId: string } | { newUserEmail: string };

export type PlanAction =
  | { type: 'createUser'; email: string; displayName: string; products: Product[]; reason: string }
  /** Takes an existing account under this connection's management (no account is created). */
  | { type: 'linkAccount'; accountId: string; email: string; displayName: string; reason: string; registryOnly?: boolean }
  | { type: 'updateProfile'; accountId: string; changes: { displayName: string }; reason: string }
  | { type: 'suspend'; accountId: string; reason: string }
  | { type: 'restore'; accountId: string; reason: string }
  | { type: 'removeProductAccess'; accountId: string; products: Product[]; reason: string }
  | { type: 'createGroup'; group: string; reason: string }
  | { type: 'deleteGroup'; group: string; reason: string }
  /** onlyIfCreated: a default group for new users, dropped when createUser found an existing account instead. */
  | { type: 'addMember'; group: string; user: UserRef; reason: string; onlyIfCreated?: boolean }
  /** member: who, for the activity log, when the subject is the group (an email or display name). */
  | { type: 'removeMember'; group: string; accountId: string; reason: string; member?: string }
  /** Drops this connection's claim on a membership other connections still hold; the site is not changed. */
  | { type: 'releaseMember'; group: string; accountId: string; reason: string; member?: string }
  | { type: 'setProjectLead'; projectKey: string; leadAccountId: string; reason: string }
  | { type: 'setComponentLead'; componentId: string; leadAccountId: string; reason: string }
  /** key is the custom attribute's name; the target adapter namespaces it. */
  | { type: 'setUserProperty'; user: UserRef; key: string; value: string; reason: string }
  | { type: 'skip'; reason: string };

export interface UserDesired {
  user: DesiredUser;
  /** The user's IdP groups; undefined when the IdP did not say, which leaves IdP-derived memberships alone. */
  idpGroups?: IdpGroupRef[];
  /** What every entitled connection adds up to (account-policy.ts); by default, what this record says. */
  state?: DesiredAccountState;
  /** This connection created the account: its default groups for new users apply. */
  createdByThis?: boolean;
  /** Another connection is the account's primary: the profile follows that one's records, not this one's. */
  profileFollowsOther?: boolean;
}

export interface CurrentAccount {
  accountId: string;
  email: string;
  displayName: string;
  suspended: boolean;
  /** The target products the account can use. */
  products: Product[];
  /** Custom attribute values by name, as stored in user properties. */
  customAttributes: Record<string, string>;
  memberships: Memberships;
  /** Keys of the projects the user leads. */
  ledProjects: string[];
  /** Ids of the components the user leads. */
  ledComponents: string[];
}

export interface UserCurrent {
  /** Undefined when no account was found for the user (by link or email). */
  account?: CurrentAccount;
  /** This connection has not linked the account yet: the plan links it first. */
  unlinked?: boolean;
  /** An org or site admin, or a member of a protected group: reported, never changed. */
  protectedAccount?: boolean;
  /** Which of the groups the plan may touch exist on the site. */
  existingGroups: string[];
}

export interface UserPlan {
  actions: PlanAction[];
  /** The plan disables the user: counted for checkSafety. */
  disablesUser: boolean;
}

export interface GroupDesired {
  /** accountIds of the linked members of the IdP groups that map to the group. */
  members: string[];
  sources: IdpGroupRef[];
  creatable: boolean;
}

export interface GroupCurrent {
  members: string[];
  addedByThis: string[];
  ownedByOthers: string[];
  createdByThis: boolean;
}

export type SafetyCheck = { kind: 'ok' } | { kind: 'needsConfirmation'; share: number; limit: number };

const INACTIVE = 'the IdP reports the user inactive';
const CANNOT_CHANGE_EMAIL = "the app cannot change an Atlassian account's email: change it in Atlassian Administration";

export function planUser(desired: UserDesired, current: UserCurrent, options: ProvisioningOptions): UserPlan {
  const { account } = current;
  if (!account) return { actions: planNewUser(desired, current.existingGroups, options), disablesUser: false };
  const link: PlanAction[] = current.unlinked
    ? [{ type: 'linkAccount', accountId: account.accountId, email: desired.user.email, displayName: account.displayName, reason: LINK_REASON }]
    : [];
  const state = desired.state ?? ownState(desired.user);
  const profile = desired.profileFollowsOther
    ? []
    : [
        ...profileActions(desired.user, account, options),
        ...attributeActions(desired.user, { accountId: account.accountId }, account.customAttributes, options),
      ];
  const plan: UserPlan =
    state.state === 'inactive'
      ? (({ actions, disablesUser }) => ({
          actions: [...link, ...profile, ...actions, ...inactiveMemberships(desired, account, options)],
          disablesUser,
        }))(disableUser(account, options, state.reason))
      : {
          actions: [
            ...link,
            ...(state.state === 'active' ? restoreActions(account, options) : []),
            ...groupActions(desired, account, current.existingGroups, options),
            ...profile,
          ],
          disablesUser: false,
        };
  return current.protectedAccount ? reportOnly(plan, desired.user.email) : plan;
}

const LINK_REASON = "an Atlassian account with the user's email exists, within this connection's email domains";

function ownState(user: DesiredUser): DesiredAccountState {
  if (user.active === undefined) return { state: 'unchanged', reason: 'the IdP does not say whether the user is active' };
  return user.active ? { state: 'active', reason: 'the IdP reports the user active' } : { state: 'inactive', reason: INACTIVE };
}

/** The account changes a protected account never gets; each becomes a skip that says what the app left alone. */
const PROTECTED_CHANGES: Partial<Record<PlanAction['type'], string>> = {
  suspend: 'suspend',
  restore: 'restore',
  removeProductAccess: 'remove product access of',
  updateProfile: 'rename',
  addMember: 'add to groups',
  removeMember: 'remove from groups',
};

function reportOnly(plan: UserPlan, email: string): UserPlan {
  const actions = plan.actions.map((action): PlanAction => {
    if (action.type === 'linkAccount') return { ...action, registryOnly: true };
    const verb = PROTECTED_CHANGES[action.type];
    if (!verb) return action;
    const group = 'group' in action ? ` (${action.group})` : '';
    return skip(
      `${email} is a protected account (an org or site admin, or a member of a protected group): the app does not ${verb} it${group}; ` +
        `it would have because ${action.reason}`,
    );
  });
  return { actions, disablesUser: false };
}

/**
 * Membership changes for one Atlassian group, from the group's side (SCIM Group pushes). desired undefined: no
 * IdP group of this connection maps to it any more; current undefined: the group does not exist.
 */
export function planGroupMembers(
  group: string,
  desired: GroupDesired | undefined,
  current: GroupCurrent | undefined,
  options: ProvisioningOptions,
): PlanAction[] {
  if (!options.groupImport.enabled) return [];
  if (isProtectedGroup(options, group)) {
    const missing = desired?.members.filter((member) => !current?.members.includes(member)) ?? [];
    return desired && (!current || missing.length > 0) ? [skip(protectedReason(group))] : [];
  }
  if (!current) return desired ? createGroupWithMembers(group, desired) : [];
  const reason = membershipReason(desired?.sources ?? []);
  const unasserted = `no longer in an IdP group mapped to '${group}'`;
  const { removals, releases } = unassertedMembers(group, desired, current, options);
  const emptied = removals.length === new Set(current.members).size;
  return [
    ...missingMembers(desired, current).map((accountId) => addMember(group, { accountId }, reason)),
    ...removals.map((accountId) => removeMember(group, accountId, unasserted)),
    ...releases.map((accountId) => releaseMember(group, accountId, unasserted)),
    ...(!desired && current.createdByThis && emptied ? [deleteGroup(group)] : []),
  ];
}

/** Whether a run that disables plannedDisables of totalUsers users may go ahead without an admin's confirmation. */
export function checkSafety(plannedDisables: number, totalUsers: number, options: Pick<ProvisioningOptions, 'safety'>): SafetyCheck {
  const { maxDisableShare, minUsersForThreshold } = options.safety;
  if (plannedDisables === 0 || totalUsers < minUsersForThreshold) return { kind: 'ok' };
  const share = totalUsers === 0 ? 1 : plannedDisables / totalUsers;
  return share > maxDisableShare ? { kind: 'needsConfirmation', share, limit: maxDisableShare } : { kind: 'ok' };
}

function planNewUser(desired: UserDesired, existingGroups: string[], options: ProvisioningOptions): PlanAction[] {
  const { user } = desired;
  if (user.active === false) return [skip(`no Atlassian account, and ${INACTIVE}: not creating one`)];
  if (!options.createUsers) return [skip('no Atlassian account, and importing users is off')];
  const ref = { newUserEmail: user.email };
  const groups = desiredGroups(options, desired.idpGroups, true);
  const { email, displayName } = user;
  const reason = 'active in the IdP, with no Atlassian account';
  return [
    { type: 'createUser', email, displayName, products: targetProducts(options), reason },
    ...groupRefusals(groups, []),
    ...additions(groups.groups, ref, existingGroups).map((action) =>
      action.type === 'addMember' && action.reason === NEW_USERS_REASON ? { ...action, onlyIfCreated: true } : action,
    ),
    ...attributeActions(user, ref, {}, options),
  ];
}

/** An account whose email the site hides (account.email '') is not compared by email. */
function profileActions(user: DesiredUser, account: CurrentAccount, options: ProvisioningOptions): PlanAction[] {
  const emailDiffers = account.email !== '' && account.email.toLowerCase() !== user.email;
  const nameDiffers = account.displayName !== user.displayName;
  const fields = [emailDiffers && 'email', nameDiffers && 'displayName'].filter(Boolean).join(' and ');
  if (!fields) return [];
  if (!options.updateUsers) return [skip(`the IdP has a different ${fields}, and updating users is off`)];
  const { accountId } = account;
  const rename: PlanAction = {
    type: 'updateProfile',
    accountId,
    changes: { displayName: user.displayName },
    reason: 'the IdP has a different displayName',
  };
  // No target operation changes an account's email, so the plan says so rather than pretend to, and says where
  // the other email comes from: the IdP, or the username regex turning the IdP's value into another one.
  const source = options.usernameRegex
    ? 'the username regex turns the IdP’s value into an email that differs from the account’s'
    : 'the IdP has a different email';
  return [
    ...(emailDiffers ? [skip(`${source}; ${CANNOT_CHANGE_EMAIL}${options.usernameRegex ? ', or correct the regex' : ''}`)] : []),
    ...(nameDiffers ? [rename] : []),
  ];
}

function attributeActions(user: DesiredUser, ref: UserRef, current: Record<string, string>, options: ProvisioningOptions): PlanAction[] {
  const changed = Object.entries(user.customAttributes).filter(([name, value]) => (current[name] ?? '') !== value);
  if (changed.length === 0) return [];
  if ('accountId' in ref && !options.updateUsers) {
    const names = changed.map(([name]) => name).join(', ');
    return [skip(`the IdP has different custom attributes (${names}), and updating users is off`)];
  }
  return changed.map(([key, value]) => ({
    type: 'setUserProperty',
    user: ref,
    key,
    value,
    reason: `custom attribute ${key} from the IdP`,
  }));
}

/**
 * No target operation gives product access back (Atlassian grants it through product groups or invitations),
 * so an account that lacks it gets a skip that says what to do, not a restore that would change nothing.
 */
function restoreActions(account: CurrentAccount, options: ProvisioningOptions): PlanAction[] {
  const products = targetProducts(options).filter((product) => !account.products.includes(product));
  if (!account.suspended && products.length === 0) return [];
  const state = account.suspended ? 'the account is suspended' : `the account lacks access to ${products.join(', ')}`;
  if (!options.enableUsers) return [skip(`the IdP reports the user active, ${state}, and enabling users is off`)];
  const restore: PlanAction = {
    type: 'restore',
    accountId: account.accountId,
    reason: 'the IdP reports the user active, but the account is suspended',
  };
  const lacking = skip(
    `the IdP reports the user active, but the account lacks access to ${products.join(', ')}; the app cannot grant product ` +
      'access: add the user to a product access group (a default group can do it) or invite them in Atlassian Administration',
  );
  return [...(account.suspended ? [restore] : []), ...(products.length > 0 ? [lacking] : [])];
}

function disableUser(account: CurrentAccount, options: ProvisioningOptions, reason: string): UserPlan {
  const disables = disableActions(account, options, reason);
  const disabling = disables.some((action) => action.type !== 'releaseMember');
  if (!options.disableUsers) {
    return { actions: disabling ? [skip(`${reason}, and disabling users is off`)] : [], disablesUser: false };
  }
  const handOver = options.disableAction === 'removeFromManagedGroups' ? [] : leadHandOver(account, options);
  return { actions: [...handOver, ...disables], disablesUser: disabling };
}

/** Empty when the account is already disabled in the way the options ask for. */
function disableActions(account: CurrentAccount, options: ProvisioningOptions, reason: string): PlanAction[] {
  const { accountId } = account;
  switch (options.disableAction) {
    case 'suspend':
      return account.suspended ? [] : [{ type: 'suspend', accountId, reason }];
    case 'removeProductAccess': {
      const products = account.products.filter((product) => targetProducts(options).includes(product));
      return products.length === 0 ? [] : [{ type: 'removeProductAccess', accountId, products, reason }];
    }
    case 'removeFromManagedGroups': {
      const { remove, release } = releasedMemberships(options, account.memberships);
      return [...remove.map((group) => removeMember(group, accountId, reason)), ...release.map((group) => releaseMember(group, accountId, reason))];
    }
  }
}

/** A user who loses access hands the projects and components they lead to the default leads. */
function leadHandOver(account: CurrentAccount, options: ProvisioningOptions): PlanAction[] {
  const reason = 'the IdP reports the lead inactive';
  const handOver = (what: string, setting: string, configured: string | undefined, action: (lead: string) => PlanAction) =>
    !configured
      ? skip(`${what} keeps its inactive lead: no ${setting} is set`)
      : configured === account.accountId
        ? skip(`${what} keeps its lead: the ${setting} is the user being disabled`)
        : action(configured);
  return [
    ...account.ledProjects.map((projectKey) =>
      handOver(`project ${projectKey}`, 'default project lead', options.defaultProjectLead, (leadAccountId) => ({
        type: 'setProjectLead',
        projectKey,
        leadAccountId,
        reason,
      })),
    ),
    ...account.ledComponents.map((componentId) =>
      handOver(`component ${componentId}`, 'default component lead', options.defaultComponentLead, (leadAccountId) => ({
        type: 'setComponentLead',
        componentId,
        leadAccountId,
        reason,
      })),
    ),
  ];
}

function groupActions(desired: UserDesired, account: CurrentAccount, existingGroups: string[], options: ProvisioningOptions): PlanAction[] {
  const { accountId } = account;
  const groups = desiredGroups(options, desired.idpGroups, desired.createdByThis ?? false);
  const changes = membershipChanges(
    options,
    groups.groups.map((group) => group.name),
    account.memberships,
  );
  const adding = groupKeys(changes.add);
  const unasserted = (group: string) => `the IdP no longer puts the user in a group mapped to '${group}'`;
  return [
    ...groupRefusals(groups, account.memberships.current),
    ...additions(
      groups.groups.filter((group) => adding.has(groupKey(group.name))),
      { accountId },
      existingGroups,
    ),
    ...(desired.idpGroups ? changes.remove : []).map((group) => removeMember(group, accountId, unasserted(group))),
    ...(desired.idpGroups ? changes.release : []).map((group) => releaseMember(group, accountId, unasserted(group))),
  ];
}

/** The groups the IdP puts an inactive user in that the account is not in: left alone, and the log says so. */
function inactiveMemberships(desired: UserDesired, account: CurrentAccount, options: ProvisioningOptions): PlanAction[] {
  const current = groupKeys(account.memberships.current);
  return desiredGroups(options, desired.idpGroups, false)
    .groups.filter((group) => !current.has(groupKey(group.name)))
    .map((group) => skip(`${group.reason}, but ${INACTIVE}: not adding the user to '${group.name}'`));
}

function additions(groups: DesiredGroup[], user: UserRef, existingGroups: string[]): PlanAction[] {
  const existing = groupKeys(existingGroups);
  return groups.flatMap((group): PlanAction[] => {
    if (existing.has(groupKey(group.name))) return [addMember(group.name, user, group.reason)];
    if (!group.creatable) return [skip(missingGroupReason(group.name, group.reason))];
    return [{ type: 'createGroup', group: group.name, reason: group.reason }, addMember(group.name, user, group.reason)];
  });
}

/** Protected groups the user is not in yet, and IdP groups that could not be mapped. */
function groupRefusals(groups: UserGroups, currentGroups: string[]): PlanAction[] {
  const current = groupKeys(currentGroups);
  return [
    ...groups.protectedGroups.filter((group) => !current.has(groupKey(group.name))).map((group) => skip(protectedReason(group.name))),
    ...groups.refused.map((refused) => skip(refused.reason)),
  ];
}

function addMember(group: string, user: UserRef, reason: string): PlanAction {
  return { type: 'addMember', group, user, reason };
}

function removeMember(group: string, accountId: string, reason: string): PlanAction {
  return { type: 'removeMember', group, accountId, reason };
}

function releaseMember(group: string, accountId: string, reason: string): PlanAction {
  return { type: 'releaseMember', group, accountId, reason: `${reason}; another connection still puts the user in it` };
}

function deleteGroup(group: string): PlanAction {
  const reason = 'this connection created it, no IdP group maps to it any more, and it has no members left';
  return { type: 'deleteGroup', group, reason };
}

function skip(reason: string): PlanAction {
  return { type: 'skip', reason };
}

function protectedReason(group: string): string {
  return `'${group}' is a protected group; the app never changes its members`;
}

function missingGroupReason(group: string, reason: string): string {
  return `'${group}' does not exist, and this connection may not create it (${reason})`;
}

function createGroupWithMembers(group: string, desired: GroupDesired): PlanAction[] {
  const reason = membershipReason(desired.sources);
  if (!desired.creatable) return [skip(missingGroupReason(group, reason))];
  const members = unique(desired.members).map((accountId) => addMember(group, { accountId }, reason));
  return [{ type: 'createGroup', group, reason }, ...members];
}

function missingMembers(desired: GroupDesired | undefined, current: GroupCurrent): string[] {
  const present = new Set(current.members);
  return unique(desired?.members ?? []).filter((member) => !present.has(member));
}

/** Members no IdP group asserts: those to remove, and those whose removal other connections' claims hold back. */
function unassertedMembers(
  group: string,
  desired: GroupDesired | undefined,
  current: GroupCurrent,
  options: ProvisioningOptions,
): { removals: string[]; releases: string[] } {
  const asserted = new Set(desired?.members);
  const added = new Set(current.addedByThis);
  const others = new Set(current.ownedByOthers);
  const unasserted = unique(current.members).filter((member) => !asserted.has(member));
  const mayRemove = (member: string, ownedByOthers: boolean) =>
    mayRemoveMembership(options, group, { addedByThis: added.has(member), ownedByOthers }, 'unasserted');
  return {
    removals: unasserted.filter((member) => mayRemove(member, others.has(member))),
    releases: unasserted.filter((member) => others.has(member) && added.has(member) && mayRemove(member, false)),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
