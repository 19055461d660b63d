// Jira Cloud platform REST v3 as reference §3 describes it: groups, users, user search, user properties,
// project and component leads.
import { z } from 'zod';
import type { HandlerContext, SandboxApi } from '../api';
import { ApiError, empty, intParam, json, readJson, requiredParam, type Route } from '../http';
import { pageBean } from '../paging';
import type { Account, Component, Group, Project } from '../state';
import { authenticateSite, requireJiraAdmin, requireSiteAdmin, siteCaller } from './site-auth';

const PAGE_CAP = 50;
const USER_SEARCH_CAP = 1000;
const PROPERTY_VALUE_CAP = 32_768;
const JIRA_PRODUCTS = ['jira-core', 'jira-servicedesk', 'jira-product-discovery', 'jira-software'] as const;

type Context = HandlerContext;

const routes: Route<Context>[] = [
  { method: 'GET', pattern: '/rest/api/3/mypermissions', handle: myPermissions },
  { method: 'GET', pattern: '/rest/api/3/group/bulk', handle: listGroups },
  { method: 'POST', pattern: '/rest/api/3/group', handle: createGroup },
  { method: 'DELETE', pattern: '/rest/api/3/group', handle: deleteGroup },
  { method: 'GET', pattern: '/rest/api/3/group/member', handle: listMembers },
  { method: 'POST', pattern: '/rest/api/3/group/user', handle: addMember },
  { method: 'DELETE', pattern: '/rest/api/3/group/user', handle: removeMember },
  { method: 'GET', pattern: '/rest/api/3/user', handle: getUser },
  { method: 'POST', pattern: '/rest/api/3/user', handle: createUser },
  { method: 'DELETE', pattern: '/rest/api/3/user', handle: removeUser },
  { method: 'GET', pattern: '/rest/api/3/user/groups', handle: userGroups },
  { method: 'GET', pattern: '/rest/api/3/user/search', handle: searchUsers },
  { method: 'GET', pattern: '/rest/api/3/user/properties/:key', handle: getProperty },
  { method: 'PUT', pattern: '/rest/api/3/user/properties/:key', handle: setProperty },
  { method: 'GET', pattern: '/rest/api/3/project/search', handle: searchProjects },
  { method: 'PUT', pattern: '/rest/api/3/project/:projectIdOrKey', handle: updateProject },
  { method: 'GET', pattern: '/rest/api/3/project/:projectIdOrKey/components', handle: projectComponents },
  { method: 'GET', pattern: '/rest/api/3/project/:projectIdOrKey/component', handle: projectComponentPage },
  { method: 'GET', pattern: '/rest/api/3/component/:id', handle: getComponent },
  { method: 'PUT', pattern: '/rest/api/3/component/:id', handle: updateComponent },
];

export const jiraApi: SandboxApi = {
  name: 'jira',
  host: 'site',
  prefix: '/rest/api/3/',
  authenticate: authenticateSite,
  routes,
  errorResponse: (error) =>
    json(error.status, {
      errorMessages: error.code ? [] : [error.message],
      errors: error.code ? { [error.code]: error.message } : {},
    }),
  rateLimitReason: 'jira-burst-based',
};

function listGroups(context: Context) {
  const { request, state } = context;
  const ids = request.query.getAll('groupId');
  const names = request.query.getAll('groupName').map((n) => n.toLowerCase());
  const filtered = ids.length + names.length > 0;
  const groups = state
    .sortedGroups()
    .filter((g) => !filtered || ids.includes(g.groupId) || names.includes(g.name.toLowerCase()))
    .map((g) => ({ groupId: g.groupId, name: g.name }));
  return json(200, page(context, groups));
}

/** Only the global Administer Jira permission is modelled; Jira requires the `permissions` list. */
function myPermissions(context: Context) {
  const keys = requiredParam(context.request, 'permissions').split(',');
  const unknown = keys.find((key) => key !== 'ADMINISTER');
  if (unknown) throw new ApiError(400, `The sandbox models only ADMINISTER, not ${unknown}.`);
  const havePermission = context.state.isJiraAdmin(siteCaller(context).accountId);
  const administer = { id: '0', key: 'ADMINISTER', name: 'Administer Jira', type: 'GLOBAL', havePermission };
  return json(200, { permissions: { ADMINISTER: administer } });
}

function createGroup(context: Context) {
  requireSiteAdmin(context);
  const { name } = readJson(context.request, z.object({ name: z.string().min(1).max(255) }));
  if (context.state.groupByName(name)) throw new ApiError(400, `A group with name '${name}' already exists.`);
  return json(201, groupBody(context, context.state.createGroup(name)));
}

function deleteGroup(context: Context) {
  requireSiteAdmin(context);
  context.state.deleteGroup(requireGroup(context));
  return empty(200);
}

function listMembers(context: Context) {
  requireJiraAdmin(context);
  const group = requireGroup(context);
  const includeInactive = context.request.query.get('includeInactiveUsers') === 'true';
  const members = context.state
    .membersOf(group)
    .filter((a) => includeInactive || isActive(a))
    .map((a) => userBody(context, a));
  return json(200, page(context, members));
}

function addMember(context: Context) {
  requireSiteAdmin(context);
  const group = requireGroup(context);
  const { accountId } = readJson(context.request, z.object({ accountId: z.string().min(1) }));
  const account = requireAccount(context, accountId);
  if (group.members.has(account.accountId) && context.config.behaviour.jiraAddExistingMember === 400) {
    throw new ApiError(400, `Cannot add user. User is already a member of '${group.name}'`);
  }
  group.members.add(account.accountId);
  return json(201, groupBody(context, group));
}

function removeMember(context: Context) {
  requireSiteAdmin(context);
  const group = requireGroup(context);
  const account = requireAccount(context, requiredParam(context.request, 'accountId'));
  if (!group.members.has(account.accountId) && context.config.behaviour.jiraRemoveNonMember === 400) {
    throw new ApiError(400, `Cannot remove user. User is not a member of '${group.name}'`);
  }
  group.members.delete(account.accountId);
  return empty(200);
}

function getUser(context: Context) {
  return json(200, userBody(context, requireAccount(context, requiredParam(context.request, 'accountId'))));
}

/** Legacy: Administer Jira plus organization admin; not for Forge apps. */
function createUser(context: Context) {
  const caller = siteCaller(context);
  if (context.caller.kind === 'app') throw new ApiError(403, 'This API does not support Forge apps.');
  requireJiraAdmin(context);
  if (!context.state.isOrgAdmin(caller.accountId)) {
    throw new ApiError(403, 'You must be an organization admin to create users.');
  }
  const body = readJson(context.request, z.object({ emailAddress: z.email(), products: z.array(z.enum(JIRA_PRODUCTS)) }));
  const existing = context.state.accountByEmail(body.emailAddress);
  if (existing) {
    if (!context.state.hasAccess(existing.accountId, 'jira') && body.products.length === 0) {
      throw new ApiError(400, 'The user already exists and has no product access; request at least one product.');
    }
    if (body.products.length > 0) context.state.grantAccess(existing.accountId, 'jira');
    return json(201, userBody(context, existing));
  }
  const account = context.state.createAccount({
    email: body.emailAddress,
    displayName: body.emailAddress.split('@')[0],
    products: body.products.length > 0 ? ['jira'] : [],
  });
  return json(201, userBody(context, account));
}

function removeUser(context: Context) {
  requireSiteAdmin(context);
  context.state.revokeAccess(requireAccount(context, requiredParam(context.request, 'accountId')).accountId, 'jira');
  return empty(204);
}

function userGroups(context: Context) {
  const account = requireAccount(context, requiredParam(context.request, 'accountId'));
  const groups = context.state.groupsOf(account.accountId);
  return json(
    200,
    groups.map((g) => ({ name: g.name, groupId: g.groupId, self: groupSelf(context, g) })),
  );
}

/**
 * Active users only, prefix match on display name (or any of its words) and visible email, filtered before the
 * page window and only to the 1000th match. New accounts appear once the search index catches up.
 */
function searchUsers(context: Context) {
  const { request, state, config } = context;
  const query = request.query.get('query')?.toLowerCase();
  const accountId = request.query.get('accountId');
  const property = request.query.get('property');
  if (query === undefined && !accountId && !property) {
    throw new ApiError(400, 'One of query, accountId or property must be specified.');
  }
  if (query !== undefined && accountId) throw new ApiError(400, 'query and accountId cannot be used together.');
  const indexedBefore = state.now() - config.searchIndexDelayMs;
  const matches = [...state.accounts.values()]
    .filter((a) => isActive(a) && a.createdAt <= indexedBefore)
    .filter((a) => query === undefined || matchesPrefix(a, query))
    .filter((a) => !accountId || a.accountId === accountId)
    .filter((a) => !property || matchesProperty(a, property))
    .slice(0, USER_SEARCH_CAP);
  const startAt = intParam(request, 'startAt', 0);
  const maxResults = Math.min(intParam(request, 'maxResults', 50), USER_SEARCH_CAP);
  return json(
    200,
    matches.slice(startAt, startAt + maxResults).map((a) => userBody(context, a)),
  );
}

function getProperty(context: Context) {
  const account = requireAccount(context, requiredParam(context.request, 'accountId'));
  const key = context.params.key;
  if (!account.properties.has(key)) throw new ApiError(404, `The property '${key}' does not exist.`);
  return json(200, { key, value: account.properties.get(key) });
}

/** Own properties, or anyone's with Administer Jira. 201 when created, 200 when replaced. */
function setProperty(context: Context) {
  const account = requireAccount(context, requiredParam(context.request, 'accountId'));
  if (account.accountId !== siteCaller(context).accountId) requireJiraAdmin(context);
  const key = context.params.key;
  if (key.length > 255) throw new ApiError(400, 'The property key cannot be longer than 255 characters.');
  if (context.request.body.length > PROPERTY_VALUE_CAP) throw new ApiError(400, 'The property value is too large.');
  const value = readJson(context.request, z.unknown());
  const existed = account.properties.has(key);
  account.properties.set(key, value);
  return empty(existed ? 200 : 201);
}

function searchProjects(context: Context) {
  const expandLead = (context.request.query.get('expand') ?? '').split(',').includes('lead');
  const projects = context.state.projects.map((p) => projectBody(context, p, expandLead));
  return json(200, page(context, projects));
}

/** Administer Projects; `lead` (the dead username form) and `leadAccountId` exclude each other. */
function updateProject(context: Context) {
  requireJiraAdmin(context);
  const project = requireProject(context);
  const body = readJson(
    context.request,
    z.object({ leadAccountId: z.string().optional(), lead: z.string().optional(), name: z.string().min(1).optional() }),
  );
  if (body.lead !== undefined && body.leadAccountId !== undefined) {
    throw new ApiError(400, 'lead and leadAccountId cannot both be set.', 'leadAccountId');
  }
  if (body.lead !== undefined) throw new ApiError(400, 'The lead parameter is no longer supported; use leadAccountId.', 'lead');
  if (body.leadAccountId !== undefined) {
    const lead = context.state.accounts.get(body.leadAccountId);
    if (!lead || !isActive(lead)) {
      throw new ApiError(400, 'The user you specified as project lead does not exist.', 'projectLead');
    }
    project.leadAccountId = lead.accountId;
  }
  if (body.name !== undefined) project.name = body.name;
  return json(200, projectBody(context, project, true));
}

function projectComponents(context: Context) {
  return json(
    200,
    requireProject(context).components.map((c) => componentBody(context, c)),
  );
}

function projectComponentPage(context: Context) {
  return json(
    200,
    page(
      context,
      requireProject(context).components.map((c) => componentBody(context, c)),
    ),
  );
}

function getComponent(context: Context) {
  return json(200, componentBody(context, requireComponent(context)));
}

/** Fields sent overwrite; an empty leadAccountId removes the lead. */
function updateComponent(context: Context) {
  requireJiraAdmin(context);
  const component = requireComponent(context);
  const body = readJson(context.request, z.object({ leadAccountId: z.string().optional(), name: z.string().max(255).optional() }));
  if (body.leadAccountId === '') component.leadAccountId = undefined;
  else if (body.leadAccountId !== undefined) {
    const lead = context.state.accounts.get(body.leadAccountId);
    if (!lead || !isActive(lead)) throw new ApiError(400, `The user ${body.leadAccountId} does not exist.`, 'leadAccountId');
    component.leadAccountId = lead.accountId;
  }
  if (body.name !== undefined) component.name = body.name;
  return json(200, componentBody(context, component));
}

function page<T>(context: Context, items: readonly T[]) {
  const { request, config } = context;
  const startAt = intParam(request, 'startAt', 0);
  const maxResults = Math.min(intParam(request, 'maxResults', PAGE_CAP), PAGE_CAP);
  return pageBean(config.siteUrl, request, items, startAt, maxResults);
}

function requireGroup(context: Context): Group {
  const { request, state } = context;
  const groupId = request.query.get('groupId');
  const groupName = request.query.get('groupname') ?? request.query.get('groupName');
  if (!groupId && !groupName) throw new ApiError(400, 'Either groupId or groupname must be specified.');
  const group = groupId ? state.groups.get(groupId) : state.groupByName(groupName ?? '');
  if (!group) throw new ApiError(404, 'Specified group does not exist.');
  return group;
}

function requireAccount(context: Context, accountId: string): Account {
  const account = context.state.accounts.get(accountId);
  if (!account) throw new ApiError(404, 'Specified user does not exist or you do not have required permissions');
  return account;
}

function requireProject(context: Context): Project {
  const project = context.state.project(context.params.projectIdOrKey);
  if (!project) throw new ApiError(404, `No project could be found with key '${context.params.projectIdOrKey}'.`);
  return project;
}

function requireComponent(context: Context): Component {
  const component = context.state.component(context.params.id);
  if (!component) throw new ApiError(404, `The component with id ${context.params.id} does not exist.`);
  return component;
}

function isActive(account: Account): boolean {
  return account.active && !account.suspended;
}

function matchesPrefix(account: Account, query: string): boolean {
  const name = account.displayName.toLowerCase();
  return (
    name.startsWith(query) ||
    name.split(/\s+/).some((word) => word.startsWith(query)) ||
    (account.emailVisible && account.email.toLowerCase().startsWith(query))
  );
}

/** `key.path=value` against the account's entity properties. */
function matchesProperty(account: Account, property: string): boolean {
  const equals = property.lastIndexOf('=');
  if (equals < 0) throw new ApiError(400, 'The property parameter must look like key.path=value.');
  const [key, ...path] = property.slice(0, equals).split('.');
  let value: unknown = account.properties.get(key);
  for (const segment of path) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value !== undefined && String(value) === property.slice(equals + 1);
}

function userBody(context: Context, account: Account) {
  return {
    self: `${context.config.siteUrl}/rest/api/3/user?accountId=${account.accountId}`,
    accountId: account.accountId,
    accountType: account.accountType,
    ...(account.emailVisible ? { emailAddress: account.email } : {}),
    avatarUrls: { '48x48': `${context.config.siteUrl}/avatar/${account.accountId}` },
    displayName: account.displayName,
    active: isActive(account),
    timeZone: account.timeZone,
    locale: account.locale,
  };
}

function groupSelf(context: Context, group: Group): string {
  return `${context.config.siteUrl}/rest/api/3/group?groupId=${group.groupId}`;
}

function groupBody(context: Context, group: Group) {
  return {
    name: group.name,
    groupId: group.groupId,
    self: groupSelf(context, group),
    users: { size: group.members.size, items: [], 'max-results': 50, 'start-index': 0, 'end-index': 0 },
    expand: 'users',
  };
}

function projectBody(context: Context, project: Project, withLead: boolean) {
  const lead = context.state.accounts.get(project.leadAccountId);
  return {
    self: `${context.config.siteUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    style: 'classic',
    ...(withLead && lead ? { lead: userBody(context, lead) } : {}),
  };
}

function componentBody(context: Context, component: Component) {
  const lead = component.leadAccountId === undefined ? undefined : context.state.accounts.get(component.leadAccountId);
  return {
    self: `${context.config.siteUrl}/rest/api/3/component/${component.id}`,
    id: component.id,
    name: component.name,
    ...(lead ? { lead: userBody(context, lead), leadAccountId: lead.accountId } : {}),
    assigneeType: component.assigneeType,
    isAssigneeTypeValid: component.assigneeType !== 'COMPONENT_LEAD' || lead !== undefined,
    project: component.projectKey,
    projectId: Number(component.projectId),
  };
}
