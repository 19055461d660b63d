import { z } from 'zod';
import { eachPage, TargetError } from '../atlassian/target';
import { connectionKeys } from '../storage/keys';
import { isProtectedGroup } from './group-mapping';
import type { ProvisioningDeps } from './provisioning-deps';

// Protected accounts: the members of protected groups (the built-in admin groups, site-admins and org-admins
// among them, and those the admin adds). The app never suspends, restores, renames or regroups them; it reports
// what it would have done instead. Reading every protected group costs a listing of the site's groups and their
// members, so the set is kept for CACHE_MS per connection (its protected groups are its own option).

const CACHE_MS = 10 * 60_000;
const cacheSchema = z.object({ at: z.number(), accountIds: z.array(z.string()) });
const cacheKey = connectionKeys.protectedAccounts;

export async function protectedAccounts(env: ProvisioningDeps): Promise<Set<string>> {
  if (env.protectedAccounts) return env.protectedAccounts;
  const now = env.platform.clock.now();
  const cached = await env.platform.store.get(cacheKey(env.connectionId));
  const parsed = cached ? cacheSchema.safeParse(cached.value) : undefined;
  let accountIds: string[];
  if (parsed?.success && now - parsed.data.at < CACHE_MS) {
    accountIds = parsed.data.accountIds;
  } else {
    accountIds = await readProtectedMembers(env).catch((error: unknown) => {
      // No credential that can list the site's groups: nothing to protect by membership that the app could change.
      if (error instanceof TargetError && (error.kind === 'unsupported' || error.kind === 'forbidden')) {
        env.platform.log.warn('provisioning.protected_accounts_unreadable', { connectionId: env.connectionId, kind: error.kind });
        return [];
      }
      throw error;
    });
    await env.platform.store.set(cacheKey(env.connectionId), { at: now, accountIds });
  }
  env.protectedAccounts = new Set(accountIds);
  return env.protectedAccounts;
}

/** Forgets the cached set, after the options (and so the protected groups) changed. */
export async function forgetProtectedAccounts(store: ProvisioningDeps['platform']['store'], connectionId: string): Promise<void> {
  await store.delete(cacheKey(connectionId));
}

async function readProtectedMembers(env: ProvisioningDeps): Promise<string[]> {
  const members = new Set<string>();
  for await (const groups of eachPage((cursor) => env.target.listGroups(cursor))) {
    for (const group of groups) {
      if (!isProtectedGroup(env.options, group.name)) continue;
      for await (const page of eachPage((cursor) => env.target.listGroupMembers(group.groupId, cursor))) {
        for (const member of page) members.add(member.accountId);
      }
    }
  }
  return [...members].sort();
}
