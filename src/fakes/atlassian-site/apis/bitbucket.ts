// Bitbucket Cloud's surviving 1.0 groups endpoint (reference §5): workspace groups, members by account id, Basic
// auth. Whether it still answers is UNVERIFIED, so it can be switched to 404/410.
import type { HandlerContext, SandboxApi } from '../api';
import { basicCredentials } from '../api';
import { ApiError, empty, json, type Route } from '../http';
import type { Account, WorkspaceGroup } from '../state';

type Context = HandlerContext;

const GROUPS = '/1.0/groups/:workspace';

const endpoints: Route<Context>[] = [
  {
    method: 'GET',
    pattern: GROUPS,
    handle: (c) =>
      json(
        200,
        [...workspace(c).values()].map((g) => groupBody(c, g)),
      ),
  },
  { method: 'POST', pattern: GROUPS, handle: createGroup },
  { method: 'DELETE', pattern: `${GROUPS}/:slug`, handle: deleteGroup },
  { method: 'GET', pattern: `${GROUPS}/:slug/members`, handle: (c) => json(200, members(c, requireGroup(c))) },
  { method: 'PUT', pattern: `${GROUPS}/:slug/members/:accountId`, handle: addMember },
  { method: 'DELETE', pattern: `${GROUPS}/:slug/members/:accountId`, handle: removeMember },
];

/** Every endpoint first checks whether the 1.0 groups API is still there. */
const routes = endpoints.map((route): Route<Context> => ({
  ...route,
  handle: (context) => {
    endpointGone(context);
    return route.handle(context);
  },
}));

export const bitbucketApi: SandboxApi = {
  name: 'bitbucket',
  host: 'bitbucket',
  prefix: '/1.0/',
  authenticate: (request, state) => {
    const basic = basicCredentials(request);
    const accountId = basic && state.bitbucketTokens.get(`${basic.user}:${basic.secret}`);
    const account = accountId === undefined ? undefined : state.accounts.get(accountId);
    return account && { kind: 'account', account };
  },
  routes,
  errorResponse: (error) => json(error.status, { type: 'error', error: { message: error.message } }),
  rateLimitReason: 'bitbucket-rate-limit',
};

function endpointGone(context: Context): void {
  const setting = context.config.behaviour.bitbucketGroupsEndpoint;
  if (setting !== 'available') throw new ApiError(setting, 'Resource removed');
}

/** Form-encoded `name=...`, as the 1.0 API took it. */
function createGroup(context: Context) {
  const name = new URLSearchParams(context.request.body).get('name')?.trim();
  if (!name) throw new ApiError(400, 'A group name is required.');
  const groups = workspace(context);
  if ([...groups.values()].some((g) => g.name.toLowerCase() === name.toLowerCase())) {
    throw new ApiError(400, `A group named '${name}' already exists.`);
  }
  const group: WorkspaceGroup = { slug: slugOf(name, groups), name, permission: null, members: new Set() };
  groups.set(group.slug, group);
  return json(200, groupBody(context, group));
}

function deleteGroup(context: Context) {
  workspace(context).delete(requireGroup(context).slug);
  return empty(204);
}

/** 409 when the user already is a member. */
function addMember(context: Context) {
  const group = requireGroup(context);
  const account = requireAccount(context);
  if (group.members.has(account.accountId)) throw new ApiError(409, 'The user is already a member of this group.');
  group.members.add(account.accountId);
  return json(200, memberBody(account));
}

function removeMember(context: Context) {
  requireGroup(context).members.delete(requireAccount(context).accountId);
  return empty(204);
}

function workspace(context: Context): Map<string, WorkspaceGroup> {
  const groups = context.state.workspaces.get(context.params.workspace);
  if (!groups) throw new ApiError(404, `Workspace ${context.params.workspace} not found.`);
  return groups;
}

function requireGroup(context: Context): WorkspaceGroup {
  const group = workspace(context).get(context.params.slug);
  if (!group) throw new ApiError(404, `Group ${context.params.slug} not found.`);
  return group;
}

function requireAccount(context: Context): Account {
  const account = context.state.accounts.get(context.params.accountId);
  if (!account) throw new ApiError(404, `User ${context.params.accountId} not found.`);
  return account;
}

function slugOf(name: string, groups: Map<string, WorkspaceGroup>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'group';
  let slug = base;
  for (let n = 2; groups.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

function members(context: Context, group: WorkspaceGroup) {
  return [...group.members].flatMap((id) => {
    const account = context.state.accounts.get(id);
    return account ? [memberBody(account)] : [];
  });
}

function memberBody(account: Account) {
  return { type: 'user', account_id: account.accountId, display_name: account.displayName, nickname: account.displayName };
}

function groupBody(context: Context, group: WorkspaceGroup) {
  return {
    name: group.name,
    slug: group.slug,
    permission: group.permission,
    auto_add: false,
    email_forwarding_disabled: false,
    members: members(context, group),
    owner: { type: 'team', username: context.params.workspace },
  };
}
