import { TargetError, type AtlassianUser } from '../atlassian/target';
import { getGroupsById } from '../directory/groups';
import { listUserGroups } from '../directory/memberships';
import type { UserRecord } from '../directory/records';
import { getUser } from '../directory/users';
import { applyActions } from './apply-actions';
import type { IdpUser } from './attribute-path';
import { desiredUser, type DesiredUser } from './attribute-mapping';
import { desiredGroups, type IdpGroupRef } from './group-mapping';
import { ledgerOf } from './membership-ledger';
import { targetProducts } from './options';
import { planUser, type CurrentAccount, type PlanAction } from './plan';
import { findGroup, activity, type ProvisioningEnv } from './provisioning-env';
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
export async function reconcileUser(env: ProvisioningEnv, userId: string): Promise<UserReconcileResult> {
  const subject = { kind: 'user', id: userId };
  const [record, state] = await Promise.all([getUser(env.ctx, userId), getUserSyncState(env.platform.store, env.connectionId, userId)]);
  const desired = record ? await desiredFromRecord(env, record) : await desiredForDeleted(env, state);
  if (!desired) return { actions: [], disablesUser: false, failures: [] };
  if ('refusal' in desired) {
    if (!env.dryRun) {
      await activity(env, { ...subject, label: record?.userName }, 'map attributes', 'refused', desired.refusal);
      await saveState(env, userId, { ...baseState(state), status: 'failed', lastError: desired.refusal });
    }
    return { actions: [], disablesUser: false, failures: [desired.refusal] };
  }
  const account = await findAccount(env, state, desired.user.email);
  const current = account ? await currentAccount(env, account, state, desired.user.active !== false) : undefined;
  const wanted = desiredGroups(env.options, desired.idpGroups, !current).groups.map((group) => group.name);
  const existingGroups = await existing(env, [...wanted, ...(current?.memberships.current ?? [])]);
  const plan = planUser({ user: desired.user, idpGroups: desired.idpGroups }, { account: current, existingGroups }, env.options);
  const outcome = await applyActions(env, { ...subject, label: desired.user.email }, plan.actions, current?.accountId);
  if (!env.dryRun) {
    // Only a suspension or product removal that went through counts: a refused one is planned again next time.
    const disabledNow = outcome.applied.some((type) => type === 'suspend' || type === 'removeProductAccess');
    await saveState(env, userId, {
      ...baseState(state),
      status: outcome.failures.length > 0 ? 'failed' : 'synced',
      accountId: outcome.accountId ?? state?.accountId,
      lastError: outcome.failures[0],
      customAttributes: { ...(state?.customAttributes ?? {}), ...outcome.written },
      disabled: desired.user.active === false && ((state?.disabled ?? false) || disabledNow),
    });
  }
  return { actions: plan.actions, disablesUser: plan.disablesUser, failures: outcome.failures };
}

type Desired = { user: DesiredUser; idpGroups?: IdpGroupRef[] } | { refusal: string };

async function desiredFromRecord(env: ProvisioningEnv, record: UserRecord): Promise<Desired> {
  const mapped = desiredUser(toIdpUser(record), env.options);
  if (!mapped.ok) return { refusal: mapped.refusal.message };
  return { user: mapped.user, idpGroups: await idpGroupsOf(env, record.id) };
}

/** The IdP deleted the user: disable the linked account, if any, as if the IdP had set active to false. */
async function desiredForDeleted(env: ProvisioningEnv, state: UserSyncState | undefined): Promise<Desired | undefined> {
  if (!state?.accountId) return undefined;
  const account = await getAccount(env, state.accountId);
  if (!account) return undefined;
  const email = account.email ?? '';
  return { user: { email, displayName: account.displayName, active: false, customAttributes: state.customAttributes } };
}

/** The directory user in the shape attribute mapping reads: the SCIM resource, plus unknown attributes in `extra`. */
export function toIdpUser(record: UserRecord): IdpUser {
  return { ...record.attributes, id: record.id, userName: record.userName, externalId: record.externalId, active: record.active, extra: record.extra };
}

async function idpGroupsOf(env: ProvisioningEnv, userId: string): Promise<IdpGroupRef[]> {
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
async function findAccount(env: ProvisioningEnv, state: UserSyncState | undefined, email: string): Promise<AtlassianUser | undefined> {
  const linked = state?.accountId ? await getAccount(env, state.accountId) : undefined;
  return linked ?? (await env.target.findUserByEmail(email));
}

async function getAccount(env: ProvisioningEnv, accountId: string): Promise<AtlassianUser | undefined> {
  try {
    return await env.target.getUser(accountId);
  } catch (error) {
    if (error instanceof TargetError && error.kind === 'notFound') return undefined;
    throw error;
  }
}

async function currentAccount(env: ProvisioningEnv, account: AtlassianUser, state: UserSyncState | undefined, staysActive: boolean): Promise<CurrentAccount> {
  const ledger = await ledgerOf(env.platform.store, account.accountId);
  const disabled = state?.disabled ?? false;
  const leads = staysActive ? { ledProjects: [], ledComponents: [] } : await leadsOf(env, account.accountId);
  return {
    accountId: account.accountId,
    email: account.email ?? '',
    displayName: account.displayName,
    suspended: !account.active || (disabled && env.options.disableAction === 'suspend'),
    products: disabled && env.options.disableAction === 'removeProductAccess' ? [] : targetProducts(env.options),
    customAttributes: state?.customAttributes ?? {},
    memberships: {
      current: unique(ledger.map((entry) => entry.group)),
      addedByThis: ledger.filter((entry) => entry.connectionId === env.connectionId).map((entry) => entry.group),
      ownedByOthers: ledger.filter((entry) => entry.connectionId !== env.connectionId).map((entry) => entry.group),
    },
    ...leads,
  };
}

async function leadsOf(env: ProvisioningEnv, accountId: string) {
  const [projects, components] = await Promise.all([env.target.listProjectsLedBy(accountId), env.target.listComponentsLedBy(accountId)]);
  return { ledProjects: projects.map((p) => p.key), ledComponents: components.map((c) => c.componentId) };
}

async function existing(env: ProvisioningEnv, names: string[]): Promise<string[]> {
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

async function saveState(env: ProvisioningEnv, userId: string, state: UserSyncState): Promise<void> {
  await setUserSyncState(env.platform.store, env.connectionId, userId, { ...state, at: new Date(env.platform.clock.now()).toISOString() });
}
