import type { SandboxSnapshot } from '../../src/fakes/atlassian-site/state';
import type { LoadClient } from './load-client';
import type { Model } from './workload';

export interface Discrepancies {
  /** Accepted changes (2xx) that the final state does not show. */
  lost: number;
  /** Things that exist more than once: users, accounts, groups, memberships. */
  duplicated: number;
  /** Things the final state shows that no accepted request asked for. */
  unexpected: number;
}

const none = (): Discrepancies => ({ lost: 0, duplicated: 0, unexpected: 0 });
const PAGE = 100;

function compareSets(expected: Set<string>, actual: string[], into: Discrepancies): void {
  const seen = new Set(actual);
  into.duplicated += actual.length - seen.size;
  for (const value of expected) if (!seen.has(value)) into.lost += 1;
  for (const value of seen) if (!expected.has(value)) into.unexpected += 1;
}

/** Every resource of a listing, page by page. */
async function listAll<T>(client: LoadClient, resource: '/Users' | '/Groups'): Promise<T[]> {
  const listed: T[] = [];
  for (let startIndex = 1; ; startIndex += PAGE) {
    const page = await client.send('GET', `${resource}?startIndex=${startIndex}&count=${PAGE}`);
    if (page.status !== 200) throw new Error(`GET ${resource} answered ${page.status} at startIndex ${startIndex}`);
    listed.push(...page.body.Resources);
    if (page.body.Resources.length < PAGE || listed.length >= page.body.totalResults) return listed;
  }
}

/**
 * The directory as SCIM GETs show it, against the model, both ways: every user and group the directory lists
 * is either in the model (accepted by a 2xx) or unexpected, e.g. a POST that answered 5xx but was applied.
 */
export async function verifyDirectory(client: LoadClient, model: Model): Promise<Discrepancies> {
  const found = none();
  const listed = await listAll<{ id: string; userName: string; displayName?: string; title?: string; active?: boolean }>(client, '/Users');
  const live = new Set([...model.users].filter(([, user]) => !user.deleted).map(([id]) => id));
  compareSets(
    live,
    listed.map((user) => user.id),
    found,
  );
  const userNames = listed.map((user) => user.userName.toLowerCase());
  found.duplicated += userNames.length - new Set(userNames).size;
  for (const user of listed) {
    const expected = model.users.get(user.id);
    if (!expected || expected.deleted) continue;
    if (user.displayName !== expected.displayName) found.lost += 1;
    if (user.title !== expected.title) found.lost += 1;
    if ((user.active ?? true) !== expected.active) found.lost += 1;
  }

  const groups = await listAll<{ id: string; displayName: string }>(client, '/Groups');
  const groupIds = groups.map((group) => group.id);
  found.duplicated += groupIds.length - new Set(groupIds).size;
  const names = groups.map((group) => group.displayName.toLowerCase());
  found.duplicated += names.length - new Set(names).size;
  const listedIds = new Set(groupIds);
  for (const [groupId, group] of model.groups) if (!listedIds.has(groupId)) found.lost += 1 + group.members.size;
  for (const groupId of listedIds) {
    const expected = model.groups.get(groupId);
    const answer = await client.send('GET', `/Groups/${groupId}`);
    if (answer.status !== 200) {
      // Listed but not readable: the model's members (if any) are as good as lost.
      if (expected) found.lost += 1 + expected.members.size;
      else found.unexpected += 1;
      continue;
    }
    const members: string[] = (answer.body.members ?? []).map((member: { value: string }) => member.value);
    if (!expected) {
      found.unexpected += 1 + members.length;
      continue;
    }
    if (answer.body.displayName !== expected.displayName) found.lost += 1;
    compareSets(expected.members, members, found);
  }
  return found;
}

/**
 * The sandbox Atlassian site, once the provisioning queue has drained, against the model, both ways. `baseline`
 * is the site before the workload (the local world's seeded accounts and groups): those must be left as they
 * were, and every other account or group must be one the model asked for.
 */
export function verifySite(snapshot: SandboxSnapshot, model: Model, baseline: SandboxSnapshot): Discrepancies {
  const found = none();
  const modelEmails = new Set([...model.users.values()].map((user) => user.userName.toLowerCase()));
  const seededAccounts = new Map(baseline.users.map((account) => [account.accountId, account]));
  const accounts = new Map<string, SandboxSnapshot['users']>();
  for (const account of snapshot.users) {
    const email = account.email.toLowerCase();
    const seeded = seededAccounts.get(account.accountId);
    if (seeded) {
      if (seeded.email.toLowerCase() !== email || seeded.active !== account.active || seeded.suspended !== account.suspended) found.unexpected += 1;
      continue;
    }
    if (!modelEmails.has(email)) found.unexpected += 1;
    accounts.set(email, [...(accounts.get(email) ?? []), account]);
  }
  const present = new Set(snapshot.users.map((account) => account.accountId));
  for (const accountId of seededAccounts.keys()) if (!present.has(accountId)) found.unexpected += 1;

  for (const user of model.users.values()) {
    const matching = accounts.get(user.userName.toLowerCase()) ?? [];
    found.duplicated += Math.max(0, matching.length - 1);
    const account = matching[0];
    const wanted = user.active && !user.deleted;
    // A user deactivated or deleted before its first job ran is never created, which is as good as disabled.
    const enabled = account !== undefined && account.active && !account.suspended;
    if (enabled !== wanted) found.lost += 1;
  }

  const emailOf = new Map(snapshot.users.map((account) => [account.accountId, account.email.toLowerCase()]));
  const seededGroups = new Map(baseline.groups.map((group) => [group.groupId, group]));
  const modelNames = new Set([...model.groups.values()].map((group) => group.displayName.toLowerCase()));
  for (const group of snapshot.groups) {
    const seeded = seededGroups.get(group.groupId);
    if (seeded) {
      // Seeded groups keep their members: a member gained or lost is a change no request asked for.
      const before = new Set(seeded.members);
      const after = new Set(group.members);
      for (const member of after) if (!before.has(member)) found.unexpected += 1;
      for (const member of before) if (!after.has(member)) found.unexpected += 1;
      if (seeded.name !== group.name) found.unexpected += 1;
    } else if (!modelNames.has(group.name.toLowerCase())) {
      found.unexpected += 1 + group.members.length;
    }
  }
  const groupsNow = new Set(snapshot.groups.map((group) => group.groupId));
  for (const groupId of seededGroups.keys()) if (!groupsNow.has(groupId)) found.unexpected += 1;

  for (const group of model.groups.values()) {
    const matching = snapshot.groups.filter(
      (candidate) => !seededGroups.has(candidate.groupId) && candidate.name.toLowerCase() === group.displayName.toLowerCase(),
    );
    found.duplicated += Math.max(0, matching.length - 1);
    const site = matching[0];
    if (!site) {
      found.lost += 1 + group.members.size;
      continue;
    }
    const expected = new Set([...group.members].map((id) => model.users.get(id)!.userName.toLowerCase()));
    compareSets(
      expected,
      site.members.map((accountId) => emailOf.get(accountId) ?? accountId),
      found,
    );
  }
  return found;
}
