// The Organizations REST API (admin/v2) as reference §2 describes it: directory-scoped users and groups, cursor
// paging where the cursor replaces every other search parameter, `{errors: [...]}` bodies.
import { z } from 'zod';
import type { HandlerContext, SandboxApi } from '../api';
import { ApiError, empty, json, readJson, type Route } from '../http';
import { cursorPage, decodeCursor } from '../paging';
import type { Account, Group } from '../state';
import { adminErrorResponse, authenticateOrgKey } from './admin-family';

const LIMIT_CAP = 100;
const ORG = '/admin/v2/orgs/:orgId';
const DIRECTORY = `${ORG}/directories/:directoryId`;
const ALL_DIRECTORIES = '-';

type Context = HandlerContext;

const userSearch = z.object({
  cursor: z.string().optional(),
  limit: z.number().int().positive().optional(),
  emails: z.array(z.string()).optional(),
  searchTerm: z.string().optional(),
  accountIds: z.array(z.string()).optional(),
  groupIds: z.array(z.string()).optional(),
});
type UserQuery = Omit<z.infer<typeof userSearch>, 'cursor'>;

const groupSearch = z.object({
  cursor: z.string().optional(),
  limit: z.number().int().positive().optional(),
  groupNames: z.array(z.string()).optional(),
  groupIds: z.array(z.string()).optional(),
  searchTerm: z.string().optional(),
});
type GroupQuery = Omit<z.infer<typeof groupSearch>, 'cursor'>;

const routes: Route<Context>[] = [
  { method: 'POST', pattern: `${DIRECTORY}/users/search`, handle: searchUsers },
  { method: 'GET', pattern: `${DIRECTORY}/users/:accountId`, handle: (c) => json(200, { data: userBody(c, requireUser(c)) }) },
  { method: 'POST', pattern: `${DIRECTORY}/users/:accountId/suspend`, handle: (c) => setSuspended(c, true) },
  { method: 'POST', pattern: `${DIRECTORY}/users/:accountId/restore`, handle: (c) => setSuspended(c, false) },
  { method: 'DELETE', pattern: `${DIRECTORY}/users/:accountId`, handle: removeFromDirectory },
  { method: 'POST', pattern: `${ORG}/users/invite`, handle: invite },
  { method: 'POST', pattern: `${DIRECTORY}/groups/search`, handle: searchGroups },
  { method: 'GET', pattern: `${DIRECTORY}/groups/:groupId`, handle: (c) => json(200, { data: groupBody(c, requireGroup(c)) }) },
  { method: 'POST', pattern: `${DIRECTORY}/groups`, handle: createGroup },
  { method: 'DELETE', pattern: `${DIRECTORY}/groups/:groupId`, handle: deleteGroup },
  { method: 'POST', pattern: `${DIRECTORY}/groups/:groupId/memberships`, handle: addMembership },
  { method: 'DELETE', pattern: `${DIRECTORY}/groups/:groupId/memberships/:accountId`, handle: removeMembership },
];

export const organizationsApi: SandboxApi = {
  name: 'organizations',
  host: 'api',
  prefix: '/admin/',
  authenticate: authenticateOrgKey,
  routes,
  errorResponse: adminErrorResponse,
  rateLimitReason: 'admin-api-rate-limit',
};

function searchUsers(context: Context) {
  const body = readJson(context.request, userSearch, 'ADMIN-UAM-400-1');
  const { query, offset } = resume<UserQuery>(body);
  if (query.emails && query.searchTerm !== undefined) {
    throw new ApiError(400, 'searchTerm and emails cannot be used together.', 'ADMIN-UAM-400-1');
  }
  const emails = query.emails?.map((e) => e.toLowerCase());
  const term = query.searchTerm?.toLowerCase();
  const users = usersIn(context)
    .filter((a) => !emails || emails.includes(a.email.toLowerCase()))
    .filter((a) => term === undefined || `${a.displayName} ${a.email}`.toLowerCase().includes(term))
    .filter((a) => !query.accountIds || query.accountIds.includes(a.accountId))
    .filter((a) => !query.groupIds || query.groupIds.some((id) => context.state.groups.get(id)?.members.has(a.accountId)))
    .map((a) => userBody(context, a));
  return json(200, cursorPage(users, query, offset, limitOf(query)));
}

function setSuspended(context: Context, suspended: boolean) {
  requireUser(context).suspended = suspended;
  return empty(204);
}

/** Leaves the local directory: roles and memberships go, and so does product access. */
function removeFromDirectory(context: Context) {
  const account = requireUser(context);
  if (context.params.directoryId === context.state.org.scimDirectoryId) {
    throw new ApiError(403, 'Users synced from an identity provider are removed there.', 'ADMIN-UAM-403-1');
  }
  Object.assign(account, { inDirectory: false, suspended: false });
  for (const group of context.state.groupsOf(account.accountId)) {
    if (group.directoryId === context.state.org.localDirectoryId) group.members.delete(account.accountId);
  }
  return empty(204);
}

function invite(context: Context) {
  requireOrg(context);
  const { state } = context;
  const body = readJson(
    context.request,
    z.object({
      emails: z.array(z.email()).min(1),
      additionalGroups: z.array(z.string()).optional(),
      sendNotification: z.boolean().optional(),
      notificationText: z.string().optional(),
    }),
    'ADMIN-UAM-400-1',
  );
  const groups = (body.additionalGroups ?? []).map((id) => {
    const group = state.groups.get(id);
    if (!group) throw new ApiError(404, `Group ${id} not found.`, 'ADMIN-UAM-404-3');
    return group;
  });
  const invited = body.emails.map((address) => {
    const account = state.accountByEmail(address) ?? state.createAccount({ email: address, displayName: address.split('@')[0] });
    account.inDirectory = true;
    groups.forEach((g) => g.members.add(account.accountId));
    return { id: account.accountId, email: account.email, results: [] };
  });
  return json(200, { data: invited });
}

function searchGroups(context: Context) {
  const body = readJson(context.request, groupSearch, 'ADMIN-UAM-400-1');
  const { query, offset } = resume<GroupQuery>(body);
  const names = query.groupNames?.map((n) => n.toLowerCase());
  const term = query.searchTerm?.toLowerCase();
  const groups = groupsIn(context)
    .filter((g) => !names || names.includes(g.name.toLowerCase()))
    .filter((g) => !query.groupIds || query.groupIds.includes(g.groupId))
    .filter((g) => term === undefined || g.name.toLowerCase().includes(term))
    .map((g) => groupBody(context, g));
  return json(200, cursorPage(groups, query, offset, limitOf(query)));
}

/** Answers without a body (the published client types it void). */
function createGroup(context: Context) {
  const { state } = context;
  const wanted = directories(context);
  if (wanted.length !== 1) throw new ApiError(400, 'Name one directory to create the group in.', 'ADMIN-UAM-400-1');
  const [directoryId] = wanted;
  if (directoryId === state.org.scimDirectoryId) {
    const message = 'Groups of an identity-provider directory are created through the identity provider.';
    throw new ApiError(403, message, 'ADMIN-UAM-403-1');
  }
  const body = z.object({ name: z.string().min(1), description: z.string().optional() });
  const { name } = readJson(context.request, body, 'ADMIN-UAM-400-1');
  if (state.groupByName(name)) throw new ApiError(409, `A group named '${name}' already exists.`, 'ADMIN-UAM-409-2');
  state.createGroup(name, directoryId);
  return empty(201);
}

function deleteGroup(context: Context) {
  context.state.deleteGroup(requireGroup(context));
  return empty(204);
}

/** Refused for groups synced from an identity provider and for users outside the group's directory. */
function addMembership(context: Context) {
  const group = requireWritableGroup(context);
  const { accountId } = readJson(context.request, z.object({ accountId: z.string().min(1) }), 'ADMIN-UAM-400-1');
  const account = context.state.accounts.get(accountId);
  if (!account) throw new ApiError(404, `User ${accountId} not found.`, 'ADMIN-UAM-404-1');
  if (!account.inDirectory) throw new ApiError(400, 'The user must be in the same directory as the group.', 'ADMIN-UAM-400-1');
  group.members.add(account.accountId);
  return empty(204);
}

function removeMembership(context: Context) {
  requireWritableGroup(context).members.delete(context.params.accountId);
  return empty(204);
}

function resume<Q extends { limit?: number }>(body: Q & { cursor?: string }): { query: Q; offset: number } {
  if (body.cursor !== undefined) return decodeCursor<Q>(body.cursor);
  const { cursor: _cursor, ...query } = body;
  return { query: query as Q, offset: 0 };
}

function limitOf(query: { limit?: number }): number {
  return Math.min(query.limit ?? 50, LIMIT_CAP);
}

function requireOrg(context: Context): void {
  if (context.params.orgId !== context.state.org.orgId) {
    throw new ApiError(404, `Organization ${context.params.orgId} not found.`, 'ADMIN-UAM-404-2');
  }
}

/** The directories a path's `{directoryId}` stands for ('-' = all). */
function directories(context: Context): string[] {
  requireOrg(context);
  const { localDirectoryId, scimDirectoryId } = context.state.org;
  const directoryId = context.params.directoryId;
  if (directoryId === ALL_DIRECTORIES) return [localDirectoryId, scimDirectoryId];
  if (directoryId === localDirectoryId || directoryId === scimDirectoryId) return [directoryId];
  throw new ApiError(404, `Directory ${directoryId} not found.`, 'ADMIN-UAM-404-1');
}

function usersIn(context: Context): Account[] {
  const wanted = directories(context);
  const { localDirectoryId, scimDirectoryId } = context.state.org;
  return [...context.state.accounts.values()]
    .filter((a) => a.accountType === 'atlassian')
    .filter(
      (a) =>
        (wanted.includes(localDirectoryId) && a.inDirectory) ||
        (wanted.includes(scimDirectoryId) && context.state.scimRecordOf(a.accountId) !== undefined),
    )
    .sort((a, b) => a.email.localeCompare(b.email));
}

function groupsIn(context: Context): Group[] {
  const wanted = directories(context);
  return context.state.sortedGroups().filter((g) => wanted.includes(g.directoryId));
}

function requireUser(context: Context): Account {
  const account = usersIn(context).find((a) => a.accountId === context.params.accountId);
  if (!account) throw new ApiError(404, `User ${context.params.accountId} not found in this directory.`, 'ADMIN-UAM-404-1');
  return account;
}

function requireGroup(context: Context): Group {
  const group = groupsIn(context).find((g) => g.groupId === context.params.groupId);
  if (!group) throw new ApiError(404, `Group ${context.params.groupId} not found.`, 'ADMIN-UAM-404-3');
  return group;
}

function requireWritableGroup(context: Context): Group {
  const group = requireGroup(context);
  if (group.directoryId === context.state.org.scimDirectoryId) {
    throw new ApiError(
      403,
      "You can't change the members of a group synced from an identity provider. Manage this group in your identity provider instead.",
      'ADMIN-UAM-403-1',
    );
  }
  return group;
}

function userBody(context: Context, account: Account) {
  const synced = context.state.scimRecordOf(account.accountId) !== undefined;
  return {
    accountId: account.accountId,
    accountType: account.accountType,
    accountStatus: account.active ? 'active' : 'inactive',
    membershipStatus: account.suspended ? 'suspended' : account.inDirectory || synced ? 'active' : 'no_membership',
    name: account.displayName,
    ...(account.nickname !== undefined ? { nickname: account.nickname } : {}),
    email: account.email,
    emailVerified: true,
    claimStatus: context.state.isManaged(account) ? 'managed' : 'unmanaged',
    managementSource: synced ? 'synced' : 'invited',
    jobTitle: account.title,
    department: account.department ?? null,
    organization: account.organization ?? null,
    timeZone: account.timeZone,
  };
}

function groupBody(context: Context, group: Group) {
  const synced = group.directoryId === context.state.org.scimDirectoryId;
  return {
    id: group.groupId,
    name: group.name,
    description: '',
    directoryId: group.directoryId,
    externalSynced: synced,
    managedBy: synced ? 'external' : 'admins',
  };
}
