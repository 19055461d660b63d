import type { SandboxSite } from '../fakes/atlassian-site/sandbox-site';
import type { WebTriggerRequest, WebTriggerResponse } from '../platform/webtrigger';
import type { LocalRoute } from './http-server';

/**
 * GET /sandbox/users, /sandbox/groups (members included) and /sandbox/projects (leads and component leads):
 * the sandbox site's state as JSON arrays, to see what provisioning did.
 */
export function sandboxRoute(sandbox: SandboxSite): LocalRoute {
  return async (request: WebTriggerRequest): Promise<WebTriggerResponse | undefined> => {
    const match = request.path.match(/^\/sandbox\/(users|groups|projects)\/?$/);
    if (!match) return undefined;
    if (request.method !== 'GET') return { statusCode: 405, headers: { Allow: ['GET'] }, body: '' };
    const snapshot = sandbox.snapshot();
    const emails = new Map(snapshot.users.map((user) => [user.accountId, user.email]));
    const body =
      match[1] === 'users'
        ? snapshot.users
        : match[1] === 'groups'
          ? snapshot.groups.map((group) => ({ ...group, memberEmails: group.members.map((id) => emails.get(id) ?? id) }))
          : snapshot.projects;
    return { statusCode: 200, headers: { 'Content-Type': ['application/json; charset=utf-8'] }, body: JSON.stringify(body, null, 2) };
  };
}
