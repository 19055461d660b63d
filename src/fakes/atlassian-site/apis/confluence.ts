// Confluence Cloud REST v1 groups and users (reference §4): the same groups Jira sees, offset paging with a
// 200 cap, site admin for writes.
import { z } from 'zod';
import type { HandlerContext, SandboxApi } from '../api';
import { ApiError, empty, intParam, json, readJson, requiredParam, type Route } from '../http';
import { confluencePage } from '../paging';
import type { Account, Group } from '../state';
import { authenticateSite, requireSiteAdmin } from './site-auth';

const LIMIT_CAP = 200;

type Context = HandlerContext;

const routes: Route<Context>[] = [
  { method: 'GET', pattern: '/wiki/rest/api/group', handle: listGroups },
  { method: 'POST', pattern: '/wiki/rest/api/group', handle: createGroup },
  { method: 'GET', pattern: '/wiki/rest/api/group/by-id', handle: getGroup },
  { method: 'DELETE', pattern: '/wiki/rest/api/group/by-id', handle: deleteGroup },
  { method: 'GET', pattern: '/wiki/rest/api/group/:groupId/membersByGroupId', handle: listMembers },
  { method: 'POST', pattern: '/wiki/rest/api/group/userByGroupId', handle: addMember },
  { method: 'DELETE', pattern: '/wiki/rest/api/group/userByGroupId', handle: removeMember },
  { method: 'GET', pattern: '/wiki/rest/api/user', handle: getUser },
  { method: 'GET', pattern: '/wiki/rest/api/user/memberof', handle: memberOf },
];

export const confluenceApi: SandboxApi = {
  name: 'confluence',
  host: 'site',
  prefix: '/wiki/rest/api/',
  authenticate: authenticateSite,
  routes,
  errorResponse: (error) =>
    json(error.status, {
      statusCode: error.status,
      data: { authorized: error.status !== 401 && error.status !== 403, valid: true, errors: [], successful: false },
      message: error.message,
    }),
  rateLimitReason: 'confluence-burst-based',
};

function listGroups(context: Context) {
  const groups = context.state.sortedGroups().map((g) => groupBody(context, g));
  return json(200, page(context, groups, Math.min(intParam(context.request, 'limit', LIMIT_CAP), LIMIT_CAP)));
}

function createGroup(context: Context) {
  requireSiteAdmin(context);
  const { name } = readJson(context.request, z.object({ name: z.string().min(1).max(255) }));
  if (context.state.groupByName(name)) {
    throw new ApiError(context.config.behaviour.confluenceDuplicateGroup, `A group with name '${name}' already exists.`);
  }
  return json(201, groupBody(context, context.state.createGroup(name)));
}

function getGroup(context: Context) {
  return json(200, groupBody(context, requireGroup(context, requiredParam(context.request, 'id'))));
}

function deleteGroup(context: Context) {
  requireSiteAdmin(context);
  context.state.deleteGroup(requireGroup(context, requiredParam(context.request, 'id')));
  return empty(204);
}

function listMembers(context: Context) {
  const limit = intParam(context.request, 'limit', LIMIT_CAP);
  if (limit > LIMIT_CAP) throw new ApiError(400, `The limit cannot be more than ${LIMIT_CAP}.`);
  const group = requireGroup(context, context.params.groupId);
  const members = context.state.membersOf(group).map((a) => userBody(context, a));
  return json(200, page(context, members, limit));
}

/** 201 also when the user already is a member (UNVERIFIED). */
function addMember(context: Context) {
  requireSiteAdmin(context);
  const group = requireGroup(context, requiredParam(context.request, 'groupId'));
  const { accountId } = readJson(context.request, z.object({ accountId: z.string().min(1) }));
  group.members.add(requireAccount(context, accountId).accountId);
  return empty(201);
}

/** 204 also when the user was not a member. */
function removeMember(context: Context) {
  requireSiteAdmin(context);
  const group = requireGroup(context, requiredParam(context.request, 'groupId'));
  group.members.delete(requireAccount(context, requiredParam(context.request, 'accountId')).accountId);
  return empty(204);
}

function getUser(context: Context) {
  return json(200, userBody(context, requireAccount(context, requiredParam(context.request, 'accountId'))));
}

function memberOf(context: Context) {
  const account = requireAccount(context, requiredParam(context.request, 'accountId'));
  const groups = context.state.groupsOf(account.accountId).map((g) => groupBody(context, g));
  return json(200, page(context, groups, Math.min(intParam(context.request, 'limit', LIMIT_CAP), LIMIT_CAP)));
}

function page<T>(context: Context, items: readonly T[], limit: number) {
  return confluencePage(context.config.siteUrl, context.request, items, intParam(context.request, 'start', 0), limit);
}

function requireGroup(context: Context, groupId: string): Group {
  const group = context.state.groups.get(groupId);
  if (!group) throw new ApiError(404, `Group with id ${groupId} not found.`);
  return group;
}

function requireAccount(context: Context, accountId: string): Account {
  const account = context.state.accounts.get(accountId);
  if (!account) throw new ApiError(404, `No user found with accountId: ${accountId}`);
  return account;
}

function groupBody(context: Context, group: Group) {
  const self = `${context.config.siteUrl}/wiki/rest/api/group/by-id?id=${group.groupId}`;
  return { type: 'group', name: group.name, id: group.groupId, _links: { self } };
}

function userBody(context: Context, account: Account) {
  return {
    type: 'known',
    accountId: account.accountId,
    accountType: account.accountType,
    email: account.emailVisible ? account.email : '',
    publicName: account.displayName,
    displayName: account.displayName,
    timeZone: account.timeZone,
    isExternalCollaborator: false,
    _links: { self: `${context.config.siteUrl}/wiki/rest/api/user?accountId=${account.accountId}` },
  };
}
