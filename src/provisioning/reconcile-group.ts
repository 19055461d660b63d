import { z } from 'zod';
import { getGroup } from '../directory/groups';
import { isProtectedGroup, mapIdpGroups, mirrorsManualTarget } from './group-mapping';
import { mirrorGroup } from './group-mirror';
import { groupCreator, recordGroupCreated } from './membership-ledger';
import { activity, ensureGroup, findGroup, type ProvisioningEnv } from './provisioning-env';
import { connectionKeys } from '../storage/keys';

const groupStateSchema = z.object({ names: z.array(z.string()) });
const stateKey = connectionKeys.groupSyncState;

/**
 * Makes the Atlassian groups an IdP group maps to exist (members follow through the users' own jobs; a group that
 * mirrors its IdP groups also loses the members nobody asserts). Returns
 * true when the mapped names changed (a rename), so that the caller re-reconciles the members. A deleted IdP group's
 * Atlassian group is deleted only when this connection created it and it has no members left.
 */
export async function reconcileGroup(env: ProvisioningEnv, groupId: string): Promise<boolean> {
  const key = stateKey(env.connectionId, groupId);
  const [record, stateItem] = await Promise.all([getGroup(env.ctx, groupId), env.platform.store.get(key)]);
  const previous = stateItem ? groupStateSchema.parse(stateItem.value).names : undefined;
  const subject = { kind: 'group', id: groupId, label: record?.displayName };
  if (!record) {
    for (const name of previous ?? []) await retireGroup(env, subject, name);
    if (!env.dryRun) await env.platform.store.delete(key);
    return false;
  }
  const { mapped, refused } = mapIdpGroups(env.options, [{ id: record.id, name: record.displayName }]);
  for (const refusal of refused) await activity(env, subject, 'map group', 'refused', refusal.reason);
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

async function createMapped(env: ProvisioningEnv, subject: { kind: string; id: string }, name: string, creatable: boolean): Promise<void> {
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

async function retireGroup(env: ProvisioningEnv, subject: { kind: string; id: string }, name: string): Promise<void> {
  if ((await groupCreator(env.platform.store, name)) !== env.connectionId) return;
  const group = await findGroup(env, name);
  if (!group) return;
  const members = await env.target.listGroupMembers(group.groupId);
  if (members.items.length > 0) {
    await activity(env, subject, `delete group ${name}`, 'skipped', 'the IdP group was deleted, but the Atlassian group still has members');
    return;
  }
  if (env.dryRun) {
    await activity(env, subject, `delete group ${name}`, 'planned', 'the IdP group was deleted');
    return;
  }
  await env.target.deleteGroup(group.groupId);
  await activity(env, subject, `delete group ${name}`, 'applied', 'the IdP group was deleted and this connection created the Atlassian group');
}
