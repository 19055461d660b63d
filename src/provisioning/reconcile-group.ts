import { z } from 'zod';
import { getGroup } from '../directory/groups';
import { applyActions } from './apply-actions';
import { isProtectedGroup, mapIdpGroups, mayRemoveMembership, mirrorsManualTarget } from './group-mapping';
import { groupKey } from './group-names';
import { mirrorGroup } from './group-mirror';
import { groupCreator, ledgerOf, recordGroupCreated } from './membership-ledger';
import type { PlanAction } from './plan';
import { activity, ensureGroup, findGroup, type ProvisioningDeps } from './provisioning-deps';
import { connectionKeys } from '../storage/keys';

const groupStateSchema = z.object({ names: z.array(z.string()) });
const stateKey = connectionKeys.groupSyncState;

/**
 * Makes the Atlassian groups an IdP group maps to exist (members follow through the users' own jobs; a group that
 * mirrors its IdP groups also loses the members nobody asserts). Returns
 * true when the mapped names changed (a rename), so that the caller re-reconciles the members. A deleted IdP group
 * takes this connection's memberships with it (retireGroup).
 */
export async function reconcileGroup(env: ProvisioningDeps, groupId: string): Promise<boolean> {
  const key = stateKey(env.connectionId, groupId);
  const [record, stateItem] = await Promise.all([getGroup(env.ctx, groupId), env.platform.store.get(key)]);
  const previous = stateItem ? groupStateSchema.parse(stateItem.value).names : undefined;
  const subject = { kind: 'group', id: groupId, label: record?.displayName };
  if (!record) {
    for (const name of previous ?? []) await retireGroup(env, subject, name);
    if (!env.dryRun) await env.platform.store.delete(key);
    return false;
  }
  const { mapped, refused, filtered } = mapIdpGroups(env.options, [{ id: record.id, name: record.displayName }]);
  for (const refusal of refused) await activity(env, subject, 'map group', 'refused', refusal.reason);
  if (filtered.length > 0) await activity(env, subject, 'import group', 'skipped', 'the group import filter leaves this group out');
  for (const group of mapped) {
    if (isProtectedGroup(env.options, group.name)) {
      await activity(env, subject, `map to ${group.name}`, 'skipped', `${group.name} is a protected group; the app never changes it`);
    } else if (!(await findGroup(env, group.name))) {
      await createMapped(env, subject, group.name, group.creatable);
    } else if (mirrorsManualTarget(env.options, group.name)) {
      await mirrorGroup(env, subject, group.name);
    }
  }
  const names = mapped.map((group) => group.name);
  if (!env.dryRun) await env.platform.store.set(key, { names });
  return previous !== undefined && previous.join('\n').toLowerCase() !== names.join('\n').toLowerCase();
}

async function createMapped(env: ProvisioningDeps, subject: { kind: string; id: string }, name: string, creatable: boolean): Promise<void> {
  if (!creatable || !env.options.onTheFly.createMissing) {
    await activity(env, subject, `map to ${name}`, 'skipped', `the Atlassian group ${name} does not exist and this mapping does not create groups`);
    return;
  }
  if (env.dryRun) {
    await activity(env, subject, `create group ${name}`, 'planned', 'mapped on the fly from the IdP group');
    return;
  }
  await ensureGroup(env, name);
  await recordGroupCreated(env.platform.store, name, env.connectionId);
  await activity(env, subject, `create group ${name}`, 'applied', 'mapped on the fly from the IdP group');
}

/**
 * The IdP group is gone: the memberships this connection added to its Atlassian group go with it (other
 * connections' and hand-made ones stay, and "keep existing memberships" keeps them all). The group itself is
 * deleted only with deleteEmptyGroups on, when this connection created it and nothing is left in it.
 */
async function retireGroup(env: ProvisioningDeps, subject: { kind: string; id: string; label?: string }, name: string): Promise<void> {
  const group = await findGroup(env, name);
  if (!group) return;
  const remaining = await releaseOwnMembers(env, subject, name, group.groupId);
  if (!env.options.groupImport.deleteEmptyGroups || (await groupCreator(env.platform.store, name)) !== env.connectionId) return;
  if (remaining > 0) {
    await activity(env, subject, `delete group ${name}`, 'skipped', 'the IdP group was deleted, but the Atlassian group still has members');
    return;
  }
  if (env.dryRun) {
    await activity(env, subject, `delete group ${name}`, 'planned', 'the IdP group was deleted');
    return;
  }
  await env.target.deleteGroup(group.groupId);
  await activity(
    env,
    subject,
    `delete group ${name}`,
    'applied',
    'the IdP group was deleted, this connection created the Atlassian group, and it is empty',
  );
}

/** Removes (or, where other connections hold them too, releases) this connection's members; counts who stays. */
async function releaseOwnMembers(
  env: ProvisioningDeps,
  subject: { kind: string; id: string; label?: string },
  name: string,
  groupId: string,
): Promise<number> {
  const reason = `the IdP group '${subject.label ?? name}' was deleted`;
  let remaining = 0;
  let cursor: string | undefined;
  do {
    const page = await env.target.listGroupMembers(groupId, cursor);
    for (const member of page.items) {
      const claims = (await ledgerOf(env.platform.store, member.accountId)).filter((entry) => groupKey(entry.group) === groupKey(name));
      const ownership = {
        addedByThis: claims.some((entry) => entry.connectionId === env.connectionId),
        ownedByOthers: claims.some((entry) => entry.connectionId !== env.connectionId),
      };
      const removable = mayRemoveMembership(env.options, name, { ...ownership, ownedByOthers: false }, 'unasserted');
      const action: PlanAction | undefined =
        !ownership.addedByThis || !removable
          ? undefined
          : ownership.ownedByOthers
            ? { type: 'releaseMember', group: name, accountId: member.accountId, reason: `${reason}; another connection still puts the user in it` }
            : { type: 'removeMember', group: name, accountId: member.accountId, reason };
      if (action?.type !== 'removeMember') remaining += 1;
      if (action)
        await applyActions(env, { kind: 'user', id: member.accountId, label: member.email ?? member.displayName }, [action], member.accountId);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return remaining;
}
