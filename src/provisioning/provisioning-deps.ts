import type { AtlassianGroup, AtlassianTarget } from '../atlassian/target';
import { eachPage, TargetError } from '../atlassian/target';
import type { DirectoryContext } from '../directory/directory-context';
import type { Platform } from '../platform/ports';
import { recordActivity, type ActivityEntry } from '../records/activity-log';
import type { ProvisioningOptions } from './options';

/** Everything one provisioning job works with; built once per job. */
export interface ProvisioningDeps {
  platform: Platform;
  connectionId: string;
  /** The connection's directory, read-only for the worker. */
  ctx: DirectoryContext;
  target: AtlassianTarget;
  options: ProvisioningOptions;
  /** Plan, but change nothing on the Atlassian side. */
  dryRun: boolean;
  /** Whether a dry run writes its plan to the activity log ('planned'); an admin's preview does not. */
  recordPlan: boolean;
  /** Group lookups by lower-cased name, shared by the actions of one job. */
  groups: Map<string, AtlassianGroup | null>;
  /** Read the site for what the app manages (drift check): memberships and suspension as Atlassian has them. */
  readSite?: boolean;
  /** Group members read from the site in this job, by lower-cased group name (readSite). */
  siteMembers?: Map<string, Set<string>>;
  /** The accounts the app never changes, read once per job (protected-accounts.ts). */
  protectedAccounts?: Set<string>;
}

export async function findGroup(env: ProvisioningDeps, name: string): Promise<AtlassianGroup | undefined> {
  const key = name.toLowerCase();
  if (!env.groups.has(key)) env.groups.set(key, (await env.target.findGroupByName(name)) ?? null);
  return env.groups.get(key) ?? undefined;
}

/** The group, created when missing (a conflict means another job created it first). */
export async function ensureGroup(env: ProvisioningDeps, name: string): Promise<AtlassianGroup> {
  const existing = await findGroup(env, name);
  if (existing) return existing;
  try {
    const created = await env.target.createGroup(name);
    env.groups.set(name.toLowerCase(), created);
    return created;
  } catch (error) {
    if (!(error instanceof TargetError) || error.kind !== 'conflict') throw error;
    env.groups.delete(name.toLowerCase());
    const found = await findGroup(env, name);
    if (!found) throw error;
    return found;
  }
}

/** A group's members as the site has them, read once per job; undefined when the group is gone. */
export async function siteMembers(env: ProvisioningDeps, name: string): Promise<Set<string> | undefined> {
  env.siteMembers ??= new Map();
  const key = name.toLowerCase();
  if (!env.siteMembers.has(key)) {
    const group = await findGroup(env, name);
    if (!group) return undefined;
    const members = new Set<string>();
    for await (const page of eachPage((cursor) => env.target.listGroupMembers(group.groupId, cursor))) {
      for (const member of page) members.add(member.accountId);
    }
    env.siteMembers.set(key, members);
  }
  return env.siteMembers.get(key);
}

export function activity(
  env: ProvisioningDeps,
  subject: ActivityEntry['subject'],
  action: string,
  result: ActivityEntry['result'],
  reason?: string,
): Promise<ActivityEntry> {
  return recordActivity(env.platform, {
    connectionId: env.connectionId,
    actor: 'provisioning',
    subject,
    action,
    result,
    ...(reason ? { reason } : {}),
    ...(result === 'failed' ? { retryable: true } : {}),
  });
}
