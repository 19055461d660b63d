import type { DirectoryContext } from '../directory/directory-context';
import {
  changeGroup,
  changeGroupReads,
  createGroup,
  createGroupReads,
  deleteGroup,
  findGroupIdsByExternalId,
  getGroup,
  getGroupByName,
  getGroupsById,
  groupNotFound,
  type GroupChange,
  type GroupInput,
} from '../directory/groups';
import { listGroupMembers, type MemberRef } from '../directory/memberships';
import { groupRecordSchema, type GroupRecord, type MembershipRecord } from '../directory/model';
import type { WebTriggerRequest } from '../platform/webtrigger';
import { SCIMError } from '../scim/error';
import { isObject } from '../scim/json';
import { planGroupPatch, type GroupPatchPlan } from '../scim/patch/group-plan';
import { parsePatchRequest } from '../scim/patch/operation';
import { compileProjection } from '../scim/projection';
import type { ScimGroup } from '../scim/schemas/group';
import { normaliseResource } from '../scim/schemas/normalise';
import { GROUP_RESOURCE_TYPE } from '../scim/schemas/resource-types';
import { listResources, plainListReads, type ListSpec } from './list-handler';
import { ifMatchVersion, matchesIfNoneMatch } from './preconditions';
import { projectionParameters } from './projection-parameters';
import { MAX_INLINE_MEMBERS, groupResource } from './representation';
import { readJsonBody } from './request-body';
import { methodNotAllowed, peekJson, type ScimOperationDeps, type ScimOperation } from './scim-operation';
import { etagOf, noContent, scimJson } from './responses';
import type { ScimRoute } from './route';

/**
 * Write answers carry members only for groups up to this size, so that a PATCH costs the same on any group:
 * one query page (100) is enough to see whether a group has more.
 */
export const MAX_MEMBERS_IN_WRITE_RESPONSE = 99;

/**
 * Members one request may add, remove or replace: each costs about half a store call and one queue event, so that
 * one request stays within a connection's budget for a minute. IdPs send far fewer per PATCH.
 */
export const MAX_MEMBERS_PER_REQUEST = 1_000;

function limitMembers(count: number): void {
  if (count > MAX_MEMBERS_PER_REQUEST) {
    throw new SCIMError(
      400,
      'invalidValue',
      `A request may add, remove or replace at most ${MAX_MEMBERS_PER_REQUEST} members (this one has ${count}); send the rest in further PATCH requests.`,
    );
  }
}

export const groupList: ListSpec<GroupRecord> = {
  kind: 'group',
  type: GROUP_RESOURCE_TYPE,
  nameAttribute: 'displayName',
  parse: (value) => groupRecordSchema.parse(value),
  toResource: (record, baseUrl) => groupResource(record, baseUrl),
  async lookup(ctx, { attribute, value }) {
    switch (attribute) {
      case 'displayName': {
        const group = await getGroupByName(ctx, value);
        return group ? [group] : [];
      }
      case 'id': {
        const group = await getGroup(ctx, value);
        return group ? [group] : [];
      }
      case 'externalId':
        return getGroupsById(ctx, await findGroupIdsByExternalId(ctx, value));
      default:
        return undefined;
    }
  },
};

export function groupOperation(route: ScimRoute, method: string, request: WebTriggerRequest, ctx: DirectoryContext): ScimOperation {
  const id = route.id;
  if (id === undefined) {
    if (method === 'GET')
      return { reads: plainListReads(ctx, groupList, request), writes: false, run: (env) => listResources(env.ctx, groupList, request, env.baseUrl) };
    if (method === 'POST') return createOperation(request, ctx);
    return methodNotAllowed(method, 'GET or POST on /Groups');
  }
  switch (method) {
    case 'GET':
      return { reads: [ctx.keys.group(id)], writes: false, run: (env) => getOne(env, id, request) };
    case 'PUT':
      return { reads: [ctx.keys.group(id)], writes: true, run: (env) => replace(env, id, request) };
    case 'PATCH':
      return patchOperation(id, request, ctx);
    case 'DELETE':
      return { reads: [ctx.keys.group(id)], writes: true, run: (env) => remove(env, id) };
    default:
      return methodNotAllowed(method, 'GET, PUT, PATCH or DELETE on /Groups/{id}');
  }
}

function createOperation(request: WebTriggerRequest, ctx: DirectoryContext): ScimOperation {
  const newId = ctx.random.id();
  const body = peekJson(request);
  const displayName = isObject(body) && typeof body.displayName === 'string' ? body.displayName : undefined;
  return {
    reads: displayName ? createGroupReads(ctx, displayName, newId) : [],
    writes: true,
    async run(env) {
      const group = normaliseGroup(readJsonBody(request));
      limitMembers(group.members?.length ?? 0);
      const record = await createGroup(env.ctx, groupInput(group), memberRefs(group), { id: newId, audit: env.audit(201) });
      return groupResponse(env, record, request, 201, MAX_MEMBERS_IN_WRITE_RESPONSE);
    },
  };
}

function patchOperation(id: string, request: WebTriggerRequest, ctx: DirectoryContext): ScimOperation {
  const plan = tryPlan(request, id);
  const touched = plan ? [...plan.addMembers, ...plan.removeMembers] : [];
  return {
    reads: changeGroupReads(ctx, id, touched),
    writes: true,
    async run(env) {
      const checked = planGroupPatch(parsePatchRequest(readJsonBody(request)), id);
      limitMembers(checked.addMembers.length + checked.removeMembers.length + (checked.replaceMembers?.length ?? 0));
      const record = await changeGroup(env.ctx, id, groupChange(checked), { ifVersion: ifMatchVersion(request), audit: env.audit(200) });
      return groupResponse(env, record, request, 200, MAX_MEMBERS_IN_WRITE_RESPONSE);
    },
  };
}

async function getOne(env: ScimOperationDeps, id: string, request: WebTriggerRequest) {
  const record = await getGroup(env.ctx, id);
  if (!record) throw groupNotFound(id);
  if (matchesIfNoneMatch(request, etagOf(record.version))) return { statusCode: 304, headers: { ETag: [etagOf(record.version)] } };
  return groupResponse(env, record, request, 200, MAX_INLINE_MEMBERS);
}

async function replace(env: ScimOperationDeps, id: string, request: WebTriggerRequest) {
  const group = normaliseGroup(readJsonBody(request));
  limitMembers(group.members?.length ?? 0);
  const record = await changeGroup(
    env.ctx,
    id,
    { group: () => groupInput(group), replaceMembers: memberRefs(group) },
    {
      ifVersion: ifMatchVersion(request),
      audit: env.audit(200),
    },
  );
  return groupResponse(env, record, request, 200, MAX_MEMBERS_IN_WRITE_RESPONSE);
}

async function remove(env: ScimOperationDeps, id: string) {
  await deleteGroup(env.ctx, id, env.audit(204));
  return noContent();
}

async function groupResponse(env: ScimOperationDeps, record: GroupRecord, request: WebTriggerRequest, status: number, memberLimit: number) {
  const projection = compileProjection(projectionParameters(request), GROUP_RESOURCE_TYPE);
  const members = projection.includes('members') ? await inlineMembers(env.ctx, record.id, memberLimit) : undefined;
  const resource = projection.apply(groupResource(record, env.baseUrl, members));
  // Okta's tests read an emptied group's members as [], which projection (like RFC 7643 §2.5) would drop.
  if (members?.length === 0) resource.members = [];
  const headers: Record<string, string> = { ETag: etagOf(record.version) };
  if (status === 201) headers.Location = `${env.baseUrl}/Groups/${record.id}`;
  return scimJson(status, resource, headers);
}

/** All members when there are at most `limit`; undefined (members left out) for a larger group. */
async function inlineMembers(ctx: DirectoryContext, groupId: string, limit: number): Promise<MembershipRecord[] | undefined> {
  const members: MembershipRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await listGroupMembers(ctx, groupId, { cursor, limit: Math.min(100, limit + 1 - members.length) });
    members.push(...page.members);
    cursor = page.cursor;
  } while (cursor && members.length <= limit);
  return members.length > limit ? undefined : members;
}

function normaliseGroup(body: unknown): ScimGroup {
  return normaliseResource<ScimGroup>(body, GROUP_RESOURCE_TYPE).value;
}

function groupInput(group: ScimGroup): GroupInput {
  const { members: _members, ...attributes } = group;
  return { displayName: group.displayName, externalId: group.externalId, attributes };
}

function memberRefs(group: ScimGroup): MemberRef[] {
  return (group.members ?? []).map((member) => ({ userId: member.value, ...(member.display ? { display: member.display } : {}) }));
}

function groupChange(plan: GroupPatchPlan): GroupChange {
  const ref = (userId: string): MemberRef => ({ userId, ...(plan.memberDisplays[userId] ? { display: plan.memberDisplays[userId] } : {}) });
  const renames = plan.displayName !== undefined || plan.externalId !== undefined;
  return {
    group: renames
      ? (current) => {
          const displayName = plan.displayName ?? current.displayName;
          const externalId = plan.externalId === null ? undefined : (plan.externalId ?? current.externalId);
          return { displayName, externalId, attributes: { displayName, ...(externalId !== undefined ? { externalId } : {}) } };
        }
      : undefined,
    addMembers: plan.addMembers.map(ref),
    removeMembers: plan.removeMembers,
    replaceMembers: plan.replaceMembers?.map(ref),
  };
}

function tryPlan(request: WebTriggerRequest, id: string): GroupPatchPlan | undefined {
  try {
    return planGroupPatch(parsePatchRequest(peekJson(request)), id);
  } catch {
    return undefined;
  }
}
