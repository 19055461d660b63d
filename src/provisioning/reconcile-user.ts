import { TargetError, type AtlassianUser } from '../atlassian/target';
import { getConnection } from '../connections/connection-repository';
import { directoryContext } from '../directory/directory-context';
import { getGroupsById } from '../directory/groups';
import { listUserGroups } from '../directory/memberships';
import type { UserRecord } from '../directory/model';
import { getUser } from '../directory/users';
import { applyActions, type ApplyOutcome } from './apply-actions';
import { finishProductGrants, grantable } from './product-access';
import type { IdpUser } from './attribute-path';
import { desiredUser, type DesiredUser } from './attribute-mapping';
import { desiredGroups, type IdpGroupRef } from './group-mapping';
import { ledgerOf } from './membership-ledger';
import { targetProducts } from './options';
import { desiredAccountState, entitlement, primaryConnection, type ActiveAssertion, type ConnectionClaim } from './account-policy';
import { creationIntent, getRegistration, registerLink, type AccountRegistration } from './account-registry';
import { loadProvisioningOptions } from './options-store';
import { planUser, type CurrentAccount, type PlanAction, type UserDesired } from './plan';
import { protectedAccounts } from './protected-accounts';
import { findGroup, activity, siteMembers, type ProvisioningDeps } from './provisioning-deps';
import { getUserSyncState, setUserSyncState, type UserSyncState } from './sync-state';

export interface UserReconcileResult {
  actions: PlanAction[];
  /** The plan disables the user (counted for the safety threshold). */
  disablesUser: boolean;
  failures: string[];
}

/**
 * Makes the Atlassian account of one directory user match what the IdP asserts, under the options. Level-triggered:
 * it reads the directory and the site as they are now, so running it twice, or after a later change, is safe.
 * A user deleted from the directory is disabled (if the app ever linked an account to it).
 */
export async function reconcileUser(env: ProvisioningDeps, userId: string): Promise<UserReconcileResult> {
  const subject = { kind: 'user', id: userId };
  const [record, state] = await Promise.all([getUser(env.ctx, userId), getUserSyncState(env.platform.store, env.connectionId, userId)]);
  const desired = record ? await desiredFromRecord(env, record) : await desiredForDeleted(env, state);
  if (!desired) return { actions: [], disablesUser: false, failures: [] };
  if ('refusal' in desired) return refuse(env, { ...subject, label: record?.userName }, state, 'map attributes', desired.refusal, 'failed');
  const label = { ...subject, label: desired.user.email };
  const account = await findAccount(env, state, desired.user.email);
  const registration = account ? await registrationOf(env, account.accountId, desired.user.email, userId) : undefined;
  if (account && registration) {
    const refusal = await ownershipRefusal(env, registration, userId, account.email ?? desired.user.email);
    if (refusal) return refuse(env, label, state, 'manage account', refusal, 'skipped');
  }
  if (account && registration?.pendingGrants && !env.dryRun) await finishProductGrants(env, label, account.accountId, registration.pendingGrants);
  const policy = registration ? await policyFor(env, registration, userId, assertionOf(record)) : {};
  const staysActive = policy.state ? policy.state.state !== 'inactive' : desired.user.active !== false;
  const current = account ? await currentAccount(env, account, state, staysActive) : undefined;
  const wanted = desiredGroups(env.options, desired.idpGroups, !current || policy.createdByThis === true).groups.map((group) => group.name);
  const existingGroups = await existing(env, [...wanted, ...(current?.memberships.current ?? [])]);
  const protectedAccount = current ? (await protectedAccounts(env)).has(current.accountId) : false;
  const unlinked = registration !== undefined && registration.links[env.connectionId] !== userId;
  const plan = planUser(
    { user: desired.user, idpGroups: desired.idpGroups, ...policy },
    { account: current, existingGroups, unlinked, protectedAccount },
    env.options,
  );
  const outcome = await applyActions(env, label, plan.actions, current?.accountId);
  const created = outcome.applied.includes('createUser') && !outcome.foundExisting && outcome.accountId;
  const grantFailure = created && (await finishProductGrants(env, label, created, grantable(targetProducts(env.options))));
  if (grantFailure) outcome.failures.push(grantFailure);
  const accountId = outcome.accountId ?? state?.accountId;
  if (!env.dryRun) {
    // Only a suspension or product removal that went through counts: a refused one is planned again next time.
    const disabledNow = outcome.applied.some((type) => type === 'suspend' || type === 'removeProductAccess');
    const restoredNow = outcome.applied.includes('restore');
    await saveState(env, userId, {
      ...baseState(state),
      ...statusOf(plan.actions, outcome, env.dryRun),
      accountId,
      customAttributes: { ...(state?.customAttributes ?? {}), ...outcome.written },
      disabled: !restoredNow && ((state?.disabled ?? false) || disabledNow),
    });
  } else if (env.recordPlan) {
    await saveState(env, userId, { ...baseState(state), ...statusOf(plan.actions, outcome, true) });
  }
  return { actions: plan.actions, disablesUser: plan.disablesUser, failures: outcome.failures };
}

/** What the sync state says after a plan: the first reason the site still differs from the desired state. */
function statusOf(
  actions: PlanAction[],
  outcome: Pick<ApplyOutcome, 'failures' | 'held'>,
  dryRun: boolean,
): Pick<UserSyncState, 'status' | 'lastError'> {
  const { failures, held } = outcome;
  if (failures.length > 0) return { status: 'failed', lastError: failures[0] };
  if (held.length > 0) return { status: 'held', lastError: `waiting for an admin to confirm: ${held.join(', ')}` };
  const changes = actions.filter((action) => action.type !== 'skip');
  if (dryRun && changes.length > 0) return { status: 'planned', lastError: `${changes.length} change(s) planned by the dry run` };
  const skipped = actions.find((action) => action.type === 'skip');
  return skipped ? { status: 'skipped', lastError: skipped.reason } : { status: 'synced', lastError: undefined };
}

async function refuse(
  env: ProvisioningDeps,
  subject: { kind: string; id: string; label?: string },
  state: UserSyncState | undefined,
  action: string,
  reason: string,
  status: 'failed' | 'skipped',
): Promise<UserReconcileResult> {
  if (!env.dryRun || env.recordPlan) {
    await activity(env, subject, action, 'refused', reason);
    await saveState(env, subject.id, { ...baseState(state), status, lastError: reason });
  }
  return status === 'failed'
    ? { actions: [], disablesUser: false, failures: [reason] }
    : { actions: [{ type: 'skip', reason }], disablesUser: false, failures: [] };
}

/** The account's registration, completed when this job's own earlier creation of it was interrupted. */
async function registrationOf(env: ProvisioningDeps, accountId: string, email: string, userId: string): Promise<AccountRegistration> {
  const registration = await getRegistration(env.platform.store, accountId);
  if (registration.createdBy || Object.keys(registration.links).length > 0) return registration;
  const intent = await creationIntent(env.platform.store, email);
  if (intent?.connectionId !== env.connectionId || intent.userId !== userId || env.dryRun) return registration;
  await registerLink(env.platform.store, accountId, { connectionId: env.connectionId, userId, created: true, grants: intent.grants });
  return getRegistration(env.platform.store, accountId);
}

/** Why this connection may not manage the account, or undefined when it may. */
async function ownershipRefusal(
  env: ProvisioningDeps,
  registration: AccountRegistration,
  userId: string,
  email: string,
): Promise<string | undefined> {
  const allowed = entitlement(registration, env.connectionId, email, env.options.ownership.linkDomains);
  if (!allowed.entitled) return allowed.reason;
  const linkedUser = registration.links[env.connectionId];
  if (linkedUser === undefined || linkedUser === userId) return undefined;
  const other = await getUser(env.ctx, linkedUser);
  if (!other) return undefined;
  return `the Atlassian account ${email} is already linked to this connection's user '${other.userName}'; one IdP user steers one account`;
}

/** What every connection entitled to the account says about it (account-policy.ts), and whose profile it follows. */
async function policyFor(
  env: ProvisioningDeps,
  registration: AccountRegistration,
  userId: string,
  own: ActiveAssertion,
): Promise<Pick<UserDesired, 'state' | 'createdByThis' | 'profileFollowsOther'>> {
  const claims: ConnectionClaim[] = [{ connectionId: env.connectionId, assertion: own, policy: env.options.ownership.deactivateWhen }];
  for (const [connectionId, otherUserId] of Object.entries(registration.links)) {
    if (connectionId === env.connectionId) continue;
    const claim = await claimOf(env, registration, connectionId, otherUserId);
    if (claim) claims.push(claim);
  }
  const links = { ...registration.links, [env.connectionId]: userId };
  return {
    state: desiredAccountState(claims),
    createdByThis: registration.createdBy === env.connectionId,
    profileFollowsOther: (primaryConnection({ ...registration, links }) ?? env.connectionId) !== env.connectionId,
  };
}

/** Another connection's say on the account: none when it is disabled, gone, or not entitled to the account any more. */
async function claimOf(
  env: ProvisioningDeps,
  registration: AccountRegistration,
  connectionId: string,
  userId: string,
): Promise<ConnectionClaim | undefined> {
  const connection = await getConnection(env.platform.store, connectionId);
  if (!connection?.enabled) return undefined;
  const options = await loadProvisioningOptions(env.platform.store, connectionId);
  const record = await getUser(directoryContext(env.platform, connectionId, 'scim'), userId);
  const email = record ? desiredUser(toIdpUser(record), options) : undefined;
  const address = email?.ok ? email.user.email : ((await env.target.getUser(registration.accountId).catch(() => undefined))?.email ?? '');
  if (!entitlement(registration, connectionId, address, options.ownership.linkDomains).entitled) return undefined;
  return { connectionId, assertion: assertionOf(record), policy: options.ownership.deactivateWhen };
}

/** A missing record is a deleted user; an unassigned `active` asserts nothing. */
function assertionOf(record: UserRecord | undefined): ActiveAssertion {
  if (!record) return 'deleted';
  return record.active === undefined ? 'none' : record.active ? 'active' : 'inactive';
}

type Desired = { user: DesiredUser; idpGroups?: IdpGroupRef[] } | { refusal: string };

async function desiredFromRecord(env: ProvisioningDeps, record: UserRecord): Promise<Desired> {
  const mapped = desiredUser(toIdpUser(record), env.options);
  if (!mapped.ok) return { refusal: mapped.refusal.message };
  return { user: mapped.user, idpGroups: await idpGroupsOf(env, record.id) };
}

/** The IdP deleted the user: disable the linked account, if any, as if the IdP had set active to false. */
async function desiredForDeleted(env: ProvisioningDeps, state: UserSyncState | undefined): Promise<Desired | undefined> {
  if (!state?.accountId) return undefined;
  const account = await getAccount(env, state.accountId);
  if (!account) return undefined;
  const email = account.email ?? '';
  return { user: { email, displayName: account.displayName, active: false, customAttributes: state.customAttributes } };
}

/** The directory user in the shape attribute mapping reads: the SCIM resource, plus unknown attributes in `extra`. */
export function toIdpUser(record: UserRecord): IdpUser {
  return {
    ...record.attributes,
    id: record.id,
    userName: record.userName,
    externalId: record.externalId,
    active: record.active,
    extra: record.extra,
  };
}

async function idpGroupsOf(env: ProvisioningDeps, userId: string): Promise<IdpGroupRef[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUserGroups(env.ctx, userId, { cursor });
    ids.push(...page.members.map((m) => m.groupId));
    cursor = page.cursor;
  } while (cursor);
  const groups = await getGroupsById(env.ctx, ids);
  return groups.map((group) => ({ id: group.id, name: group.displayName }));
}

/** The linked account, else the account with the mapped email. */
async function findAccount(env: ProvisioningDeps, state: UserSyncState | undefined, email: string): Promise<AtlassianUser | undefined> {
  const linked = state?.accountId ? await getAccount(env, state.accountId) : undefined;
  return linked ?? (await env.target.findUserByEmail(email));
}

async function getAccount(env: ProvisioningDeps, accountId: string): Promise<AtlassianUser | undefined> {
  try {
    return await env.target.getUser(accountId);
  } catch (error) {
    if (error instanceof TargetError && error.kind === 'notFound') return undefined;
    throw error;
  }
}

async function currentAccount(
  env: ProvisioningDeps,
  account: AtlassianUser,
  state: UserSyncState | undefined,
  staysActive: boolean,
): Promise<CurrentAccount> {
  const ledger = await ledgerOf(env.platform.store, account.accountId);
  // The drift check believes the site; otherwise what the app applied stands in for what some APIs cannot read back.
  const disabled = !env.readSite && (state?.disabled ?? false);
  const leads = staysActive ? { ledProjects: [], ledComponents: [] } : await leadsOf(env, account.accountId);
  const addedByThis = ledger.filter((entry) => entry.connectionId === env.connectionId).map((entry) => entry.group);
  const removedByHand = env.readSite ? await missingOnSite(env, account.accountId, addedByThis) : new Set<string>();
  return {
    accountId: account.accountId,
    email: account.email ?? '',
    displayName: account.displayName,
    suspended: !account.active || (disabled && env.options.disableAction === 'suspend'),
    products: disabled && env.options.disableAction === 'removeProductAccess' ? [] : targetProducts(env.options),
    customAttributes: state?.customAttributes ?? {},
    memberships: {
      current: unique(ledger.map((entry) => entry.group)).filter((group) => !removedByHand.has(group.toLowerCase())),
      addedByThis,
      ownedByOthers: ledger.filter((entry) => entry.connectionId !== env.connectionId).map((entry) => entry.group),
    },
    ...leads,
  };
}

/** The memberships this connection added that the site no longer has (removed by hand), by lower-cased group name. */
async function missingOnSite(env: ProvisioningDeps, accountId: string, groups: string[]): Promise<Set<string>> {
  const missing = new Set<string>();
  for (const name of groups) {
    const members = await siteMembers(env, name);
    if (members && !members.has(accountId)) missing.add(name.toLowerCase());
  }
  return missing;
}

async function leadsOf(env: ProvisioningDeps, accountId: string) {
  const [projects, components] = await Promise.all([env.target.listProjectsLedBy(accountId), env.target.listComponentsLedBy(accountId)]);
  return { ledProjects: projects.map((p) => p.key), ledComponents: components.map((c) => c.componentId) };
}

async function existing(env: ProvisioningDeps, names: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of unique(names)) if (await findGroup(env, name)) found.push(name);
  return found;
}

function unique(names: string[]): string[] {
  return [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
}

function baseState(state: UserSyncState | undefined): UserSyncState {
  return { status: 'pending', at: '', customAttributes: {}, disabled: false, ...state };
}

async function saveState(env: ProvisioningDeps, userId: string, state: UserSyncState): Promise<void> {
  await setUserSyncState(env.platform.store, env.connectionId, userId, { ...state, at: new Date(env.platform.clock.now()).toISOString() });
}
