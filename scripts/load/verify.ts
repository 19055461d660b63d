import type { SandboxSnapshot } from '../../src/atlassian/sandbox/state';
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

function compareSets(expected: Set<string>, actual: string[], into: Discrepancies): void {
  const seen = new Set(actual);
  into.duplicated += actual.length - seen.size;
  for (const value of expected) if (!seen.has(value)) into.lost += 1;
  for (const value of seen) if (!expected.has(value)) into.unexpected += 1;
}

/** The directory as SCIM GETs show it, against the model. */
export async function verifyDirectory(client: LoadClient, model: Model): Promise<Discrepancies> {
  const found = none();
  const listed: { id: string; userName: string; displayName?: string; title?: string; active?: boolean }[] = [];
  for (let startIndex = 1; startIndex < 100_000; startIndex += 100) {
    const page = await client.send('GET', `/Users?startIndex=${startIndex}&count=100`);
    listed.push(...page.body.Resources);
    if (page.body.Resources.length < 100) break;
  }
  const live = new Set([...model.users].filter(([, user]) => !user.deleted).map(([id]) => id));
  compareSets(live, listed.map((user) => user.id), found);
  const userNames = listed.map((user) => user.userName.toLowerCase());
  found.duplicated += userNames.length - new Set(userNames).size;
  for (const user of listed) {
    const expected = model.users.get(user.id);
    if (!expected || expected.deleted) continue;
    if (user.displayName !== expected.displayName) found.lost += 1;
    if (user.title !== expected.title) found.lost += 1;
    if ((user.active ?? true) !== expected.active) found.lost += 1;
  }
  for (const [groupId, group] of model.groups) {
    const answer = await client.send('GET', `/Groups/${groupId}`);
    if (answer.status !== 200) {
      found.lost += 1 + group.members.size;
      continue;
    }
    compareSets(group.members, (answer.body.members ?? []).map((member: { value: string }) => member.value), found);
  }
  return found;
}

/** The sandbox Atlassian site, once the provisioning queue has drained, against the model. */
export function verifySite(snapshot: SandboxSnapshot, model: Model): Discrepancies {
  const found = none();
  const accounts = new Map<string, SandboxSnapshot['users']>();
  for (const account of snapshot.users) accounts.set(account.email.toLowerCase(), [...(accounts.get(account.email.toLowerCase()) ?? []), account]);
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
  for (const group of model.groups.values()) {
    const matching = snapshot.groups.filter((candidate) => candidate.name.toLowerCase() === group.displayName.toLowerCase());
    found.duplicated += Math.max(0, matching.length - 1);
    const site = matching[0];
    if (!site) {
      found.lost += 1 + group.members.size;
      continue;
    }
    const expected = new Set([...group.members].map((id) => model.users.get(id)!.userName.toLowerCase()));
    compareSets(expected, site.members.map((accountId) => emailOf.get(accountId) ?? accountId), found);
  }
  return found;
}
