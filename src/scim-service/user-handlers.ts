import type { DirectoryContext } from '../directory/directory-context';
import { listUserGroups } from '../directory/memberships';
import { userRecordSchema, type UserRecord } from '../directory/model';
import {
  createUser,
  createUserReads,
  deleteUser,
  findUserIdsByEmail,
  findUserIdsByExternalId,
  getUser,
  getUserByUserName,
  getUsers,
  updateUser,
  userNotFound,
  type UserInput,
} from '../directory/users';
import { getGroupsById } from '../directory/groups';
import type { WebTriggerRequest } from '../platform/webtrigger';
import { isObject, type JsonObject } from '../scim/json';
import { parsePatchRequest } from '../scim/patch/operation';
import { applyPatch } from '../scim/patch/apply';
import { compileProjection } from '../scim/projection';
import { normaliseResource } from '../scim/schemas/normalise';
import { USER_RESOURCE_TYPE } from '../scim/schemas/resource-types';
import type { ScimUser } from '../scim/schemas/user';
import { listResources, plainListReads, type ListSpec } from './list-handler';
import { projectionParameters } from './projection-parameters';
import { ifMatchVersion, matchesIfNoneMatch } from './preconditions';
import { readJsonBody } from './request-body';
import { userResource } from './representation';
import { methodNotAllowed, peekJson, type ScimOperationDeps, type ScimOperation } from './scim-operation';
import { etagOf, noContent, scimJson } from './responses';
import type { ScimRoute } from './route';

export const userList: ListSpec<UserRecord> = {
  kind: 'user',
  type: USER_RESOURCE_TYPE,
  nameAttribute: 'userName',
  parse: (value) => userRecordSchema.parse(value),
  toResource: (record, baseUrl) => userResource(record, baseUrl),
  async lookup(ctx, { attribute, value }) {
    switch (attribute) {
      case 'userName':
        return present(await getUserByUserName(ctx, value));
      case 'id':
        return present(await getUser(ctx, value));
      case 'externalId':
        return getUsers(ctx, await findUserIdsByExternalId(ctx, value));
      case 'email':
        return getUsers(ctx, await findUserIdsByEmail(ctx, value));
      default:
        return undefined;
    }
  },
};

export function userOperation(route: ScimRoute, method: string, request: WebTriggerRequest, ctx: DirectoryContext): ScimOperation {
  const id = route.id;
  if (id === undefined) {
    if (method === 'GET')
      return { reads: plainListReads(ctx, userList, request), writes: false, run: (env) => listResources(env.ctx, userList, request, env.baseUrl) };
    if (method === 'POST') return createOperation(request, ctx);
    return methodNotAllowed(method, 'GET or POST on /Users');
  }
  const reads = [ctx.keys.user(id)];
  switch (method) {
    case 'GET':
      return { reads, writes: false, run: (env) => getOne(env, id, request) };
    case 'PUT':
      return { reads, writes: true, run: (env) => replace(env, id, request) };
    case 'PATCH':
      return { reads, writes: true, run: (env) => patch(env, id, request) };
    case 'DELETE':
      return { reads, writes: true, run: (env) => remove(env, id) };
    default:
      return methodNotAllowed(method, 'GET, PUT, PATCH or DELETE on /Users/{id}');
  }
}

function createOperation(request: WebTriggerRequest, ctx: DirectoryContext): ScimOperation {
  const newId = ctx.random.id();
  const body = peekJson(request);
  const userName = isObject(body) && typeof body.userName === 'string' ? body.userName : undefined;
  return {
    reads: userName ? createUserReads(ctx, userName, newId) : [],
    writes: true,
    async run(env) {
      const input = userInput(readJsonBody(request));
      const record = await createUser(env.ctx, input, { id: newId, audit: env.audit(201) });
      return userResponse(env, record, request, 201);
    },
  };
}

async function getOne(env: ScimOperationDeps, id: string, request: WebTriggerRequest) {
  const record = await getUser(env.ctx, id);
  if (!record) throw userNotFound(id);
  if (matchesIfNoneMatch(request, etagOf(record.version))) return { statusCode: 304, headers: { ETag: [etagOf(record.version)] } };
  return userResponse(env, record, request, 200, true);
}

async function replace(env: ScimOperationDeps, id: string, request: WebTriggerRequest) {
  const input = userInput(readJsonBody(request));
  // PUT replaces the whole resource, the attributes outside our schemas included.
  const record = await updateUser(env.ctx, id, () => input, {
    ifVersion: ifMatchVersion(request),
    audit: env.audit(200),
  });
  return userResponse(env, record, request, 200);
}

async function patch(env: ScimOperationDeps, id: string, request: WebTriggerRequest) {
  const operations = parsePatchRequest(readJsonBody(request));
  const record = await updateUser(
    env.ctx,
    id,
    (current) => {
      const result = applyPatch<ScimUser>(currentResource(current), operations, USER_RESOURCE_TYPE);
      return toInput(result.value, { ...current.extra, ...result.extras });
    },
    { ifVersion: ifMatchVersion(request), audit: env.audit(200) },
  );
  return userResponse(env, record, request, 200);
}

async function remove(env: ScimOperationDeps, id: string) {
  await deleteUser(env.ctx, id, env.audit(204));
  return noContent();
}

/** Users are rarely in more groups; the cap keeps a single GET bounded. */
const MAX_USER_GROUPS = 1000;

/**
 * Read-only `groups` costs a query, so it is loaded for GET /Users/{id} only: lists and write answers leave
 * it out (a client that needs it reads the user, or the groups).
 */
async function userResponse(env: ScimOperationDeps, record: UserRecord, request: WebTriggerRequest, status: number, withGroups = false) {
  const projection = compileProjection(projectionParameters(request), USER_RESOURCE_TYPE);
  const groups = withGroups && projection.includes('groups') ? await groupsOf(env.ctx, record.id) : undefined;
  const resource = projection.apply(userResource(record, env.baseUrl, groups));
  const headers: Record<string, string> = { ETag: etagOf(record.version) };
  if (status === 201) headers.Location = `${env.baseUrl}/Users/${record.id}`;
  return scimJson(status, resource, headers);
}

/** Groups read in pages; past MAX_USER_GROUPS a user's `groups` lists the first ones only. */
async function groupsOf(ctx: DirectoryContext, userId: string) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUserGroups(ctx, userId, { cursor });
    ids.push(...page.members.map((m) => m.groupId));
    cursor = page.cursor;
  } while (cursor && ids.length < MAX_USER_GROUPS);
  if (ids.length === 0) return [];
  const groups = await getGroupsById(ctx, ids);
  return groups.map((g) => ({ id: g.id, displayName: g.displayName }));
}

function userInput(body: unknown): UserInput {
  const { value, extras } = normaliseResource<ScimUser>(body, USER_RESOURCE_TYPE);
  return toInput(value, extras);
}

/** userName, externalId and active live on the record itself; attributes hold the rest of the resource. */
function toInput(user: ScimUser, extra: JsonObject): UserInput {
  const { userName, externalId, active, ...attributes } = user;
  return {
    userName,
    externalId,
    ...(active !== undefined ? { active } : {}),
    emails: (user.emails ?? []).map((email) => email.value).filter((value): value is string => typeof value === 'string'),
    attributes: attributes as JsonObject,
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

function currentResource(record: UserRecord): JsonObject {
  const externalId = record.externalId === undefined ? {} : { externalId: record.externalId };
  const active = record.active === undefined ? {} : { active: record.active };
  return { ...record.attributes, id: record.id, userName: record.userName, ...active, ...externalId };
}

function present(record: UserRecord | undefined): UserRecord[] {
  return record ? [record] : [];
}
