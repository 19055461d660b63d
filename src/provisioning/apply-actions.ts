import { TargetError } from '../atlassian/target';
import type { ActivityEntry } from '../records/activity-log';
import { recordCreationIntent, registerLink } from './account-registry';
import { isRemoval, mayRemoveNow } from './removal-safety';
import { recordAddedOp, recordGroupCreated, releaseOp } from './membership-ledger';
import type { PlanAction, UserRef } from './plan';
import { grantable } from './product-access';
import { activity, ensureGroup, findGroup, type ProvisioningDeps } from './provisioning-deps';

export interface ApplyOutcome {
  /** The account the actions worked on (set by createUser when there was none). */
  accountId?: string;
  /** Custom attributes written, by name. */
  written: Record<string, string>;
  /** The kinds of action that were applied. */
  applied: PlanAction['type'][];
  /** Permanent failures, worded for an admin. Retryable ones are thrown instead, to retry the whole job. */
  failures: string[];
  /** Removals held back by the safety net (removal-safety.ts), by label. */
  held: string[];
  /** createUser found the account existing (a conflict): it was linked, not created. */
  foundExisting?: boolean;
}

/**
 * Applies a plan in order, recording every action in the activity log. A permanent failure of one action is
 * recorded and the rest still run; a rate limit or outage stops the job so that the queue retries it (the
 * plan is recomputed then, so what was already done is not done twice).
 */
export async function applyActions(
  env: ProvisioningDeps,
  subject: ActivityEntry['subject'],
  actions: PlanAction[],
  accountId?: string,
): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { accountId, written: {}, applied: [], failures: [], held: [] };
  for (const action of actions) {
    const label = describeAction(action);
    if (action.type === 'skip') {
      if (!env.dryRun || env.recordPlan) await activity(env, subject, label, 'skipped', action.reason);
      continue;
    }
    if (env.dryRun) {
      if (env.recordPlan) await activity(env, subject, label, 'planned', action.reason);
      continue;
    }
    if (action.type === 'addMember' && action.onlyIfCreated && outcome.foundExisting) continue;
    if (isRemoval(action) && !(await mayRemoveNow(env, subject, action, label))) {
      outcome.held.push(label);
      continue;
    }
    try {
      await apply(env, subject, action, outcome);
      outcome.applied.push(action.type);
      await activity(env, subject, label, 'applied', action.reason);
    } catch (error) {
      if (error instanceof TargetError && error.retryable) throw error;
      const message = error instanceof Error ? error.message : String(error);
      outcome.failures.push(`${label}: ${message}`);
      await activity(env, subject, label, 'failed', message);
    }
  }
  return outcome;
}

async function apply(env: ProvisioningDeps, subject: ActivityEntry['subject'], action: PlanAction, outcome: ApplyOutcome): Promise<void> {
  const { target } = env;
  const account = (ref: UserRef) => {
    const id = 'accountId' in ref ? ref.accountId : outcome.accountId;
    if (!id) throw new Error('the account was not created, so this step could not run');
    return id;
  };
  switch (action.type) {
    case 'createUser': {
      // Registered at once: a job retried after a later step failed finds the account as this connection's own.
      const grants = grantable(action.products);
      await recordCreationIntent(env.platform.store, action.email, { connectionId: env.connectionId, userId: subject.id, grants });
      const { accountId, existed } = await createOrFind(env, action.email, action.displayName);
      outcome.accountId = accountId;
      outcome.foundExisting = existed;
      await registerLink(env.platform.store, accountId, { connectionId: env.connectionId, userId: subject.id, created: !existed, grants });
      return;
    }
    case 'linkAccount':
      // The directory API manages only the accounts in its directory: creating one that exists links it there.
      if (!action.registryOnly) await createOrFind(env, action.email, action.displayName);
      await registerLink(env.platform.store, action.accountId, { connectionId: env.connectionId, userId: subject.id, created: false });
      return;
    case 'updateProfile':
      return target.updateProfile({ accountId: action.accountId }, action.changes);
    case 'suspend':
      return target.suspendUser({ accountId: action.accountId });
    case 'restore':
      return target.restoreUser({ accountId: action.accountId });
    case 'removeProductAccess':
      return target.removeProductAccess({ accountId: action.accountId });
    case 'createGroup': {
      await ensureGroup(env, action.group);
      await recordGroupCreated(env.platform.store, action.group, env.connectionId);
      return;
    }
    case 'deleteGroup': {
      const group = await findGroup(env, action.group);
      if (group) await target.deleteGroup(group.groupId);
      return;
    }
    case 'addMember': {
      const accountId = account(action.user);
      const group = await ensureGroup(env, action.group);
      await target.addMember(group.groupId, { accountId });
      await env.platform.store.transact([recordAddedOp(accountId, group.name, env.connectionId, new Date(env.platform.clock.now()).toISOString())]);
      return;
    }
    case 'removeMember': {
      const group = await findGroup(env, action.group);
      if (group) await target.removeMember(group.groupId, { accountId: action.accountId });
      await env.platform.store.transact([releaseOp(action.accountId, action.group, env.connectionId)]);
      return;
    }
    case 'releaseMember':
      await env.platform.store.transact([releaseOp(action.accountId, action.group, env.connectionId)]);
      return;
    case 'setProjectLead':
      return target.setProjectLead(action.projectKey, action.leadAccountId);
    case 'setComponentLead':
      return target.setComponentLead(action.componentId, action.leadAccountId);
    case 'setUserProperty':
      await target.setUserProperty(account(action.user), action.key, action.value);
      outcome.written[action.key] = action.value;
      return;
  }
}

/**
 * Creating an account that exists already (a conflict) links to it instead. It is created with no product access
 * (Jira's legacy endpoint reads [] so); finishProductGrants (product-access.ts) then gives the targeted products, whatever the API.
 */
async function createOrFind(env: ProvisioningDeps, email: string, displayName: string): Promise<{ accountId: string; existed: boolean }> {
  try {
    return { accountId: (await env.target.createUser({ email, displayName, products: [] })).accountId, existed: false };
  } catch (error) {
    if (!(error instanceof TargetError) || error.kind !== 'conflict') throw error;
    const existing = await env.target.findUserByEmail(email);
    if (!existing) throw error;
    return { accountId: existing.accountId, existed: true };
  }
}

/** What an action does, in the words of the activity log and the dry run. */
export function describeAction(action: PlanAction): string {
  switch (action.type) {
    case 'createUser':
      return 'create user';
    case 'linkAccount':
      return 'link';
    case 'updateProfile':
      return `update profile (${Object.keys(action.changes).join(', ')})`;
    case 'suspend':
      return 'suspend user';
    case 'restore':
      return 'restore user';
    case 'removeProductAccess':
      return `remove product access (${action.products.join(', ')})`;
    case 'createGroup':
      return `create group ${action.group}`;
    case 'deleteGroup':
      return `delete group ${action.group}`;
    case 'addMember':
      return `add to group ${action.group}`;
    case 'removeMember':
      return action.member ? `remove ${action.member} from group ${action.group}` : `remove from group ${action.group}`;
    case 'releaseMember':
      return action.member ? `release ${action.member}'s membership of ${action.group}` : `release membership of ${action.group}`;
    case 'setProjectLead':
      return `make ${action.leadAccountId} lead of project ${action.projectKey}`;
    case 'setComponentLead':
      return `make ${action.leadAccountId} lead of component ${action.componentId}`;
    case 'setUserProperty':
      return `set attribute ${action.key}`;
    case 'skip':
      return 'skip';
  }
}
