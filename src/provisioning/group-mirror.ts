// Manual mapping with keepExistingMembers off: a mapped Atlassian group holds exactly the members of the IdP groups
// mapped to it. The users' own jobs add what the IdP asserts and remove what they added; members nobody provisioned
// (added by hand, or there before the mapping) are only visible from the group's side, so the group job removes them.

import { eachPage } from '../atlassian/target';
import { getGroup, getGroupByName } from '../directory/groups';
import { listGroupMembers } from '../directory/memberships';
import type { ActivityEntry } from '../records/activity-log';
import { applyActions } from './apply-actions';
import { mapIdpGroups, type IdpGroupRef } from './group-mapping';
import { groupKey } from './group-names';
import { ledgerOf } from './membership-ledger';
import { planGroupMembers, type PlanAction } from './plan';
import { protectedAccounts } from './protected-accounts';
import { findGroup, type ProvisioningDeps } from './provisioning-deps';
import { linkedAccountIds } from './sync-state';

/** A mapping names its IdP group by id or by name; only an id-shaped value is tried as an id (names may not fit a key). */
const ID_SHAPE = /^[A-Za-z0-9._-]{1,200}$/;

export async function mirrorGroup(env: ProvisioningDeps, subject: ActivityEntry['subject'], name: string): Promise<void> {
  const group = await findGroup(env, name);
  if (!group) return;
  const sources = await idpGroupsMappedTo(env, name);
  const asserted = new Set(await linkedMembers(env, sources));
  const members: string[] = [];
  const labels = new Map<string, string>();
  for await (const page of eachPage((cursor) => env.target.listGroupMembers(group.groupId, cursor))) {
    members.push(...page.map((member) => member.accountId));
    for (const member of page) labels.set(member.accountId, member.email ?? member.displayName ?? member.accountId);
  }
  const ownership = await ownershipOf(
    env,
    name,
    members.filter((member) => !asserted.has(member)),
  );
  const desired = { members: [...asserted], sources, creatable: false };
  const plan = planGroupMembers(name, desired, { members, ...ownership, createdByThis: false }, env.options);
  const protectedSet = await protectedAccounts(env);
  // Adding is left to the users' jobs, which know whether each user is active. Every entry names the member.
  const removals = plan.flatMap((action): PlanAction[] => {
    if (action.type !== 'removeMember' && action.type !== 'releaseMember') return [];
    const member = labels.get(action.accountId) ?? action.accountId;
    if (action.type === 'removeMember' && protectedSet.has(action.accountId)) {
      const reason = `${member} is a protected account (an org or site admin, or a member of a protected group): the app does not remove it from ${name}`;
      return [{ type: 'skip', reason }];
    }
    return [{ ...action, member }];
  });
  await applyActions(env, subject, removals);
}

async function idpGroupsMappedTo(env: ProvisioningDeps, name: string): Promise<IdpGroupRef[]> {
  const sources: IdpGroupRef[] = [];
  for (const mapping of env.options.manual.mappings) {
    if (!mapping.atlassianGroups.some((target) => groupKey(target) === groupKey(name))) continue;
    const record =
      (await getGroupByName(env.ctx, mapping.idpGroup)) ?? (ID_SHAPE.test(mapping.idpGroup) ? await getGroup(env.ctx, mapping.idpGroup) : undefined);
    const ref = record && { id: record.id, name: record.displayName };
    if (ref && mapIdpGroups(env.options, [ref]).mapped.some((mapped) => groupKey(mapped.name) === groupKey(name))) sources.push(ref);
  }
  return sources;
}

async function linkedMembers(env: ProvisioningDeps, sources: IdpGroupRef[]): Promise<string[]> {
  const accountIds: string[] = [];
  for (const source of sources) {
    let cursor: string | undefined;
    do {
      const page = await listGroupMembers(env.ctx, source.id, { cursor });
      accountIds.push(
        ...(await linkedAccountIds(
          env.platform.store,
          env.connectionId,
          page.members.map((m) => m.userId),
        )),
      );
      cursor = page.cursor;
    } while (cursor);
  }
  return accountIds;
}

async function ownershipOf(env: ProvisioningDeps, name: string, accountIds: string[]): Promise<{ addedByThis: string[]; ownedByOthers: string[] }> {
  const addedByThis: string[] = [];
  const ownedByOthers: string[] = [];
  for (const accountId of accountIds) {
    const claims = (await ledgerOf(env.platform.store, accountId)).filter((entry) => groupKey(entry.group) === groupKey(name));
    if (claims.some((entry) => entry.connectionId === env.connectionId)) addedByThis.push(accountId);
    if (claims.some((entry) => entry.connectionId !== env.connectionId)) ownedByOthers.push(accountId);
  }
  return { addedByThis, ownedByOthers };
}
