// Atlassian's user provisioning (SCIM 2.0) API for one identity-provider directory, as reference §1 describes it:
// only `eq` filters on userName/externalId (users) and displayName (groups), 1-based paging capped at 100,
// 409 on duplicates, no group renames, members named by SCIM user ids.
import { z } from 'zod';
import { bearerToken, type HandlerContext, type SandboxApi } from '../api';
import { ApiError, empty, intParam, json, readJson, type Route } from '../http';
import { scimList } from '../paging';
import type { Account, Group, ScimRecord } from '../state';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ACCOUNT_EXTENSION = 'urn:scim:schemas:extension:atlassian-external:1.0';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PAGE_CAP = 100;
const BASE = '/scim/directory/:directoryId';

type Context = HandlerContext;

const name = z.object({ givenName: z.string().optional(), familyName: z.string().optional(), formatted: z.string().optional() });
const email = z.object({ value: z.email(), type: z.string().optional(), primary: z.boolean().optional() });
const userInput = z.object({
  userName: z.string().min(1),
  externalId: z.string().optional(),
  displayName: z.string().optional(),
  nickName: z.string().optional(),
  title: z.string().optional(),
  department: z.string().optional(),
  organization: z.string().optional(),
  timezone: z.string().optional(),
  preferredLanguage: z.string().optional(),
  active: z.boolean().optional(),
  name: name.optional(),
  emails: z.array(email).optional(),
  [ENTERPRISE]: z.object({ department: z.string().optional(), organization: z.string().optional() }).optional(),
});
const memberRefs = z.array(z.object({ value: z.string() }));
const groupInput = z.object({
  displayName: z.string().min(1),
  externalId: z.string().optional(),
  members: memberRefs.optional(),
});
const patchOperation = z.object({
  op: z.string().transform((op) => op.toLowerCase()),
  path: z.string().optional(),
  value: z.unknown().optional(),
});
const patchInput = z.object({ Operations: z.array(patchOperation).min(1) });
type PatchOperation = z.infer<typeof patchOperation>;

const routes: Route<Context>[] = [
  { method: 'GET', pattern: `${BASE}/Users`, handle: listUsers },
  { method: 'POST', pattern: `${BASE}/Users`, handle: createUser },
  { method: 'GET', pattern: `${BASE}/Users/:id`, handle: (c) => scimJson(200, userResource(c, requireRecord(c))) },
  { method: 'PUT', pattern: `${BASE}/Users/:id`, handle: replaceUser },
  { method: 'PATCH', pattern: `${BASE}/Users/:id`, handle: patchUser },
  { method: 'DELETE', pattern: `${BASE}/Users/:id`, handle: deleteUser },
  { method: 'GET', pattern: `${BASE}/Groups`, handle: listGroups },
  { method: 'POST', pattern: `${BASE}/Groups`, handle: createGroup },
  { method: 'GET', pattern: `${BASE}/Groups/:id`, handle: (c) => scimJson(200, groupResource(c, requireGroup(c))) },
  { method: 'PUT', pattern: `${BASE}/Groups/:id`, handle: replaceGroup },
  { method: 'PATCH', pattern: `${BASE}/Groups/:id`, handle: patchGroup },
  { method: 'DELETE', pattern: `${BASE}/Groups/:id`, handle: deleteGroup },
];

export const scimApi: SandboxApi = {
  name: 'scim',
  host: 'api',
  prefix: '/scim/directory/',
  authenticate: (request, state, config) => {
    const directoryId = request.path.split('/')[3];
    const valid = bearerToken(request) === config.directoryKey && directoryId === state.org.scimDirectoryId;
    return valid ? { kind: 'directoryKey' } : undefined;
  },
  routes,
  errorResponse: (error) =>
    scimJson(error.status, {
      schemas: [ERROR],
      status: String(error.status),
      ...(error.code ? { scimType: error.code } : {}),
      detail: error.message,
    }),
  rateLimitReason: 'scim-rate-limit',
};

function listUsers(context: Context) {
  const filter = parseFilter(context, ['userName', 'externalId']);
  const matches = (r: ScimRecord, { attribute, value }: { attribute: string; value: string }) =>
    attribute === 'username' ? r.userName.toLowerCase() === value.toLowerCase() : r.externalId === value;
  const records = [...context.state.scimRecords.values()].filter((r) => !filter || matches(r, filter));
  return scimJson(
    200,
    list(context, records, (r) => userResource(context, r)),
  );
}

/** Links an existing account with that email instead of creating a second one. */
function createUser(context: Context) {
  const { state, config } = context;
  const input = readJson(context.request, userInput, 'invalidSyntax');
  ensureUniqueUser(context, input.userName, input.externalId);
  const address = primaryEmail(input);
  let account = state.accountByEmail(address);
  if (account && state.scimRecordOf(account.accountId)) {
    throw new ApiError(409, 'A user with this email is already provisioned in this directory.', 'uniqueness');
  }
  if (!account) {
    const domain = address.split('@')[1]?.toLowerCase() ?? '';
    if (config.behaviour.scimUnclaimedDomain === 'reject' && !state.org.claimedDomains.includes(domain)) {
      throw new ApiError(400, `Accounts can only be created for verified domains; ${domain} is not one.`, 'invalidValue');
    }
    // Synced accounts get no default access: app access comes from the groups they are put in.
    account = state.createAccount({ email: address, displayName: input.displayName ?? input.userName, products: [] });
  }
  const record = state.createScimRecord(account.accountId, input.userName, input.externalId);
  applyUserInput(account, input);
  return scimJson(201, userResource(context, record), { location: location(context, 'Users', record.id) });
}

/** Full replace: attributes left out are cleared. */
function replaceUser(context: Context) {
  const record = requireRecord(context);
  const input = readJson(context.request, userInput, 'invalidSyntax');
  ensureUniqueUser(context, input.userName, input.externalId, record);
  const account = accountOf(context, record);
  record.userName = input.userName;
  record.externalId = input.externalId;
  Object.assign(account, { givenName: undefined, familyName: undefined, nickname: undefined, title: undefined });
  Object.assign(account, { department: undefined, organization: undefined });
  applyUserInput(account, input);
  changeEmail(context, account, primaryEmail(input));
  return touched(context, record);
}

function patchUser(context: Context) {
  const record = requireRecord(context);
  const account = accountOf(context, record);
  for (const operation of readJson(context.request, patchInput, 'invalidSyntax').Operations) {
    if (operation.path === undefined) {
      for (const [path, value] of Object.entries(objectValue(operation))) setUserAttribute(context, record, account, path, value);
    } else {
      setUserAttribute(context, record, account, operation.path, operation.op === 'remove' ? undefined : operation.value);
    }
  }
  return touched(context, record);
}

/** Drops the record for good, deactivates a managed account and takes it out of this directory's groups. */
function deleteUser(context: Context) {
  const { state } = context;
  const record = requireRecord(context);
  const account = accountOf(context, record);
  state.deleteScimRecord(record);
  if (state.isManaged(account)) account.active = false;
  for (const group of directoryGroups(context)) group.members.delete(account.accountId);
  return empty(204);
}

function listGroups(context: Context) {
  const filter = parseFilter(context, ['displayName']);
  const groups = directoryGroups(context).filter((g) => !filter || g.name.toLowerCase() === filter.value.toLowerCase());
  return scimJson(
    200,
    list(context, groups, (g) => groupResource(context, g)),
  );
}

function createGroup(context: Context) {
  const { state } = context;
  const input = readJson(context.request, groupInput, 'invalidSyntax');
  if (state.groupByName(input.displayName)) {
    throw new ApiError(409, `A group named '${input.displayName}' already exists.`, 'uniqueness');
  }
  const members = memberAccounts(context, input.members ?? []);
  const group = state.createGroup(input.displayName, state.org.scimDirectoryId, { externalId: input.externalId });
  members.forEach((accountId) => group.members.add(accountId));
  return scimJson(201, groupResource(context, group), { location: location(context, 'Groups', group.scimId ?? '') });
}

/** Replaces the members; the name cannot change. */
function replaceGroup(context: Context) {
  const group = requireGroup(context);
  const input = readJson(context.request, groupInput, 'invalidSyntax');
  ensureSameName(group, input.displayName);
  group.externalId = input.externalId;
  setMembers(group, memberAccounts(context, input.members ?? []));
  group.lastModified = context.state.timestamp();
  return scimJson(200, groupResource(context, group));
}

function patchGroup(context: Context) {
  const group = requireGroup(context);
  for (const operation of readJson(context.request, patchInput, 'invalidSyntax').Operations) {
    applyGroupOperation(context, group, operation);
  }
  group.lastModified = context.state.timestamp();
  return scimJson(200, groupResource(context, group));
}

function deleteGroup(context: Context) {
  context.state.deleteGroup(requireGroup(context));
  return empty(204);
}

function applyGroupOperation(context: Context, group: Group, operation: PatchOperation): void {
  const path = operation.path?.trim();
  if (path === undefined) {
    const value = objectValue(operation);
    if (value.displayName !== undefined) ensureSameName(group, String(value.displayName));
    if (value.members !== undefined) setMembers(group, memberAccounts(context, parseMembers(value.members)));
    return;
  }
  const single = /^members\[value eq "([^"]+)"\]$/i.exec(path);
  if (single && operation.op === 'remove') {
    memberAccounts(context, [{ value: single[1] }]).forEach((accountId) => group.members.delete(accountId));
  } else if (path.toLowerCase() === 'members') {
    const accounts = operation.value === undefined ? [] : memberAccounts(context, parseMembers(operation.value));
    if (operation.op === 'add') accounts.forEach((accountId) => group.members.add(accountId));
    else if (operation.op === 'replace') setMembers(group, accounts);
    else if (operation.value === undefined) group.members.clear();
    else accounts.forEach((accountId) => group.members.delete(accountId));
  } else if (path.toLowerCase() === 'displayname') {
    ensureSameName(group, String(operation.value));
  } else if (path.toLowerCase() === 'externalid') {
    group.externalId = operation.op === 'remove' ? undefined : String(operation.value);
  } else {
    throw new ApiError(400, `Unsupported path '${path}'.`, 'invalidPath');
  }
}

function setUserAttribute(context: Context, record: ScimRecord, account: Account, path: string, value: unknown): void {
  const key = path.startsWith(`${ENTERPRISE}:`) ? path.slice(ENTERPRISE.length + 1).toLowerCase() : path.toLowerCase();
  const text = () => optionalString(path, value);
  switch (key) {
    case 'active':
      if (typeof value !== 'boolean') throw new ApiError(400, 'active must be a boolean.', 'invalidValue');
      account.active = value;
      return;
    case 'username':
      if (typeof value !== 'string' || value === '') throw new ApiError(400, 'userName is required.', 'mutability');
      ensureUniqueUser(context, value, record.externalId, record);
      record.userName = value;
      return;
    case 'externalid':
      record.externalId = text();
      return;
    case 'displayname':
      account.displayName = text() ?? record.userName;
      return;
    case 'nickname':
      account.nickname = text();
      return;
    case 'title':
      account.title = text();
      return;
    case 'department':
      account.department = text();
      return;
    case 'organization':
      account.organization = text();
      return;
    case 'timezone':
      account.timeZone = text() ?? 'Etc/UTC';
      return;
    case 'preferredlanguage':
      account.locale = text() ?? 'en_US';
      return;
    case 'name.givenname':
      account.givenName = text();
      return;
    case 'name.familyname':
      account.familyName = text();
      return;
    case 'name.formatted':
      return;
    case 'name':
    case ENTERPRISE.toLowerCase():
      for (const [part, partValue] of Object.entries(objectValue({ value }))) {
        setUserAttribute(context, record, account, key === 'name' ? `name.${part}` : part, partValue);
      }
      return;
    case 'emails':
    case 'emails[type eq "work"].value': {
      const parsed = z.union([z.email(), z.array(email)]).safeParse(value);
      if (!parsed.success) throw new ApiError(400, 'emails must hold valid email addresses.', 'invalidValue');
      const data = parsed.data;
      changeEmail(context, account, typeof data === 'string' ? data : primaryEmail({ emails: data, userName: record.userName }));
      return;
    }
    default:
      throw new ApiError(400, `Unsupported path '${path}'.`, 'invalidPath');
  }
}

function applyUserInput(account: Account, input: z.infer<typeof userInput>): void {
  const enterprise = input[ENTERPRISE];
  Object.assign(account, {
    displayName: input.displayName ?? input.name?.formatted ?? account.displayName,
    ...defined({
      givenName: input.name?.givenName,
      familyName: input.name?.familyName,
      nickname: input.nickName,
      title: input.title,
      department: input.department ?? enterprise?.department,
      organization: input.organization ?? enterprise?.organization,
      timeZone: input.timezone,
      locale: input.preferredLanguage,
      active: input.active,
    }),
  });
}

function changeEmail(context: Context, account: Account, address: string): void {
  const holder = context.state.accountByEmail(address);
  if (holder && holder !== account) throw new ApiError(409, 'Another account already uses this email.', 'uniqueness');
  context.state.changeEmail(account, address);
}

function ensureUniqueUser(context: Context, userName: string, externalId: string | undefined, self?: ScimRecord): void {
  for (const record of context.state.scimRecords.values()) {
    if (record === self) continue;
    const sameName = record.userName.toLowerCase() === userName.toLowerCase();
    if (sameName || (externalId !== undefined && record.externalId === externalId)) {
      throw new ApiError(409, 'A user with this userName or externalId already exists in this directory.', 'uniqueness');
    }
  }
}

function ensureSameName(group: Group, displayName: string): void {
  if (displayName !== group.name) {
    throw new ApiError(400, 'Groups cannot be renamed: create a new group, move the members, delete the old one.', 'mutability');
  }
}

/** SCIM user ids to accountIds; an id that is not a user of this directory is a 400. */
function memberAccounts(context: Context, refs: { value: string }[]): string[] {
  return refs.map((ref) => {
    const record = context.state.scimRecords.get(ref.value);
    if (!record) throw new ApiError(400, `No user with id ${ref.value} in this directory.`, 'invalidValue');
    return record.accountId;
  });
}

function parseMembers(value: unknown): { value: string }[] {
  const parsed = memberRefs.safeParse(value);
  if (!parsed.success) throw new ApiError(400, 'members must be a list of {value}.', 'invalidValue');
  return parsed.data;
}

function setMembers(group: Group, accountIds: string[]): void {
  group.members.clear();
  accountIds.forEach((accountId) => group.members.add(accountId));
}

function parseFilter(context: Context, attributes: string[]): { attribute: string; value: string } | undefined {
  const filter = context.request.query.get('filter');
  if (filter === null) return undefined;
  const match = /^\s*(\w+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  const attribute = match?.[1].toLowerCase();
  if (!match || !attributes.some((a) => a.toLowerCase() === attribute)) {
    throw new ApiError(400, `Only a single eq filter on ${attributes.join(' or ')} is supported.`, 'invalidFilter');
  }
  return { attribute: attribute ?? '', value: match[2].replace(/\\(.)/g, '$1') };
}

function list<T, R>(context: Context, items: T[], render: (item: T) => R) {
  const startIndex = Math.max(1, intParam(context.request, 'startIndex', 1));
  const count = Math.min(intParam(context.request, 'count', PAGE_CAP), PAGE_CAP);
  return scimList(items, startIndex, count, render);
}

function directoryGroups(context: Context): Group[] {
  return [...context.state.groups.values()].filter((g) => g.scimId !== undefined);
}

function requireRecord(context: Context): ScimRecord {
  const record = context.state.scimRecords.get(context.params.id);
  if (!record) throw new ApiError(404, `User ${context.params.id} not found.`);
  return record;
}

function requireGroup(context: Context): Group {
  const group = context.state.groupByScimId(context.params.id);
  if (!group) throw new ApiError(404, `Group ${context.params.id} not found.`);
  return group;
}

function accountOf(context: Context, record: ScimRecord): Account {
  const account = context.state.accounts.get(record.accountId);
  if (!account) throw new Error(`Sandbox: SCIM record ${record.id} has no account`);
  return account;
}

function touched(context: Context, record: ScimRecord) {
  record.lastModified = context.state.timestamp();
  return scimJson(200, userResource(context, record));
}

function primaryEmail(input: { emails?: { value: string; primary?: boolean }[]; userName: string }): string {
  return input.emails?.find((e) => e.primary)?.value ?? input.emails?.[0]?.value ?? input.userName;
}

function objectValue(operation: { value?: unknown }): Record<string, unknown> {
  const value = operation.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'A value object is required when no path is given.', 'invalidValue');
  }
  return value as Record<string, unknown>;
}

function optionalString(path: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ApiError(400, `${path} must be a string.`, 'invalidValue');
  return value;
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function scimJson(status: number, body: unknown, headers: Record<string, string> = {}) {
  return json(status, body, { 'content-type': 'application/scim+json', ...headers });
}

function location(context: Context, resource: 'Users' | 'Groups', id: string): string {
  return `${context.config.apiUrl}/scim/directory/${context.state.org.scimDirectoryId}/${resource}/${id}`;
}

function userResource(context: Context, record: ScimRecord) {
  const account = accountOf(context, record);
  const groups = directoryGroups(context).filter((g) => g.members.has(account.accountId));
  return {
    schemas: [ACCOUNT_EXTENSION, CORE_USER, ENTERPRISE],
    id: record.id,
    userName: record.userName,
    ...(record.externalId !== undefined ? { externalId: record.externalId } : {}),
    emails: [{ value: account.email, type: 'work', primary: true }],
    name: defined({ givenName: account.givenName, familyName: account.familyName, formatted: account.displayName }),
    displayName: account.displayName,
    ...defined({ nickName: account.nickname, title: account.title, department: account.department }),
    ...defined({ organization: account.organization }),
    timezone: account.timeZone,
    preferredLanguage: account.locale,
    active: account.active,
    groups: groups.map((g) => ({
      value: g.scimId,
      display: g.name,
      type: 'direct',
      $ref: location(context, 'Groups', g.scimId ?? ''),
    })),
    [ACCOUNT_EXTENSION]: { atlassianAccountId: account.accountId },
    meta: {
      resourceType: 'User',
      location: location(context, 'Users', record.id),
      created: record.created,
      lastModified: record.lastModified,
    },
  };
}

function groupResource(context: Context, group: Group) {
  const members = [...group.members].flatMap((accountId) => {
    const record = context.state.scimRecordOf(accountId);
    const account = context.state.accounts.get(accountId);
    if (!record || !account) return [];
    return [{ type: 'User', value: record.id, display: account.displayName, $ref: location(context, 'Users', record.id) }];
  });
  const id = group.scimId ?? '';
  return {
    schemas: [CORE_GROUP],
    id,
    displayName: group.name,
    ...(group.externalId !== undefined ? { externalId: group.externalId } : {}),
    members,
    meta: {
      resourceType: 'Group',
      location: location(context, 'Groups', id),
      created: group.created,
      lastModified: group.lastModified,
    },
  };
}
