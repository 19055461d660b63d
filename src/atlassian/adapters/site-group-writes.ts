// Group writes as Jira REST v3 and Confluence REST v1 both take them (one group store per site, site admins only):
// the same request shapes on each product's own paths. Each adapter names its paths and says which answers it settles.
import type { ApiCaller, Call } from './api-caller';
import { settledMembership } from './group-outcomes';
import { GROUP_WRITE_HINTS } from './site-family';

/** POST `{name}`. */
export function createGroupCall(path: string, name: string): Call {
  return { method: 'POST', path, json: { name }, action: `create group "${name}"`, hints: GROUP_WRITE_HINTS };
}

/** POST `?groupId=` with `{accountId}` in the body; safe to repeat. */
export function addMemberCall(path: string, groupId: string, accountId: string): Call {
  return {
    method: 'POST',
    path,
    query: { groupId },
    json: { accountId },
    idempotent: true,
    action: `add ${accountId} to group ${groupId}`,
    hints: GROUP_WRITE_HINTS,
  };
}

/** DELETE `?groupId=&accountId=`. */
export function removeMemberCall(path: string, groupId: string, accountId: string): Call {
  return {
    method: 'DELETE',
    path,
    query: { groupId, accountId },
    action: `remove ${accountId} from group ${groupId}`,
    hints: GROUP_WRITE_HINTS,
  };
}

/** Sends a membership write whose 400 may only mean "already so": see settledMembership. */
export async function sendSettled(api: ApiCaller, call: Call, isMember: () => Promise<boolean>, wanted: boolean): Promise<void> {
  try {
    await api.send(call);
  } catch (error) {
    await settledMembership(error, isMember, wanted);
  }
}
