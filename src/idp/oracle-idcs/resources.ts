// Reading IDCS resources: validated one by one, searched by id, members paged inside the attribute selector.
import { z } from 'zod';
import type { Logger } from '../../platform/ports';
import type { IdpGroup, IdpUser } from '../connector';
import { IdpError } from '../idp-error';
import type { IdcsAdminApi, IdcsResource } from './admin-api';
import { toIdpGroup, toIdpUser } from './normalise';
import {
  type IdcsGrant,
  type IdcsMember,
  idcsGrantSchema,
  idcsGroupMembersSchema,
  idcsGroupSchema,
  idcsUserSchema,
  listResponseSchema,
} from './schemas';

/** Ids per `id eq .. or ..` search. */
export const ID_SEARCH_BATCH = 100;
/** Largest page IDCS answers. */
const MAX_PAGE = 1000;

const bareResourceSchema = z.looseObject({
  id: z.string().min(1),
  groups: z.array(z.looseObject({ value: z.string() })).optional(),
});

/** A SCIM filter string literal. */
export const literal = (value: string) => JSON.stringify(value);

export interface IdcsResources {
  /** The `attributes` users are read with (added to the default set). */
  readonly userAttributes: string[];
  readUsers(items: unknown[]): IdpUser[];
  readGroups(items: unknown[]): IdpGroup[];
  usersByIds(ids: string[]): Promise<IdpUser[]>;
  groupsByIds(ids: string[]): Promise<IdpGroup[]>;
  /**
   * Which of these ids (at most ID_SEARCH_BATCH) the domain has, read as bare ids so that a record the schema
   * refuses still counts; for users, with the ids of every group they are in (direct or not).
   */
  presentByIds(resource: 'Users' | 'Groups', ids: string[]): Promise<Map<string, string[]>>;
  /** The grantees of these ids (at most ID_SEARCH_BATCH) that have a plain access grant of the app. */
  grantedOf(appId: string, granteeIds: string[]): Promise<Set<string>>;
  /** A page of a group's members; notFound when the group is gone. */
  membersPage(groupId: string, startIndex: number, count: number): Promise<IdcsMember[]>;
  /** A page of the app's grants; a grant the schema refuses stays in place as undefined, so positions hold. */
  appGrantsPage(appId: string, startIndex: number, count: number): Promise<{ grants: (IdcsGrant | undefined)[]; total: number }>;
}

export function createIdcsResources(api: IdcsAdminApi, groupMembershipAttribute: string | undefined, log: Logger): IdcsResources {
  const userAttributes = ['groups', ...(groupMembershipAttribute ? [groupMembershipAttribute] : [])];
  const skipped = (resource: IdcsResource, count: number) => {
    if (count > 0) log.warn('idp.idcs.resources_skipped', { resource, count });
  };

  /** One resource the schema refuses is skipped (and counted), not fatal to the page. */
  function readEach<S, T>(resource: IdcsResource, items: unknown[], schema: z.ZodType<S>, map: (item: S) => T): T[] {
    const out = items.flatMap((item) => {
      const parsed = schema.safeParse(item);
      return parsed.success ? [map(parsed.data)] : [];
    });
    skipped(resource, items.length - out.length);
    return out;
  }
  const readUsers = (items: unknown[]) => readEach('Users', items, idcsUserSchema, (user) => toIdpUser(user, groupMembershipAttribute));
  const readGroups = (items: unknown[]) => readEach('Groups', items, idcsGroupSchema, toIdpGroup);

  async function searchByIds<T>(
    resource: 'Users' | 'Groups',
    ids: string[],
    selection: Record<string, unknown>,
    read: (items: unknown[]) => T[],
  ): Promise<T[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const list = await api.search(
      resource,
      { filter: unique.map((id) => `id eq ${literal(id)}`).join(' or '), startIndex: 1, count: unique.length, ...selection },
      listResponseSchema,
    );
    return read(list.Resources ?? []);
  }

  return {
    userAttributes,
    readUsers,
    readGroups,
    usersByIds: (ids) => searchByIds('Users', ids, { attributeSets: ['default'], attributes: userAttributes }, readUsers),
    groupsByIds: (ids) => searchByIds('Groups', ids, { attributes: ['displayName'] }, readGroups),

    async presentByIds(resource, ids) {
      const unique = [...new Set(ids)];
      const present = new Map<string, string[]>();
      if (unique.length === 0) return present;
      const list = await api.search(
        resource,
        {
          filter: unique.map((id) => `id eq ${literal(id)}`).join(' or '),
          startIndex: 1,
          count: unique.length,
          attributes: resource === 'Users' ? ['id', 'groups'] : ['id'],
        },
        listResponseSchema,
      );
      for (const item of list.Resources ?? []) {
        const parsed = bareResourceSchema.safeParse(item);
        if (parsed.success)
          present.set(
            parsed.data.id,
            (parsed.data.groups ?? []).map((group) => group.value),
          );
      }
      return present;
    },

    async grantedOf(appId, granteeIds) {
      const unique = [...new Set(granteeIds)];
      const granted = new Set<string>();
      if (unique.length === 0) return granted;
      const grantees = unique.map((id) => `grantee.value eq ${literal(id)}`).join(' or ');
      const filter = `app.value eq ${literal(appId)} and (${grantees})`;
      for (let startIndex = 1; ;) {
        const list = await api.search('Grants', { filter, startIndex, count: MAX_PAGE }, listResponseSchema);
        const items = list.Resources ?? [];
        for (const item of items) {
          const grant = idcsGrantSchema.safeParse(item).data;
          if (grant && !grant.entitlement && (grant.grantee.type === 'User' || grant.grantee.type === 'Group')) granted.add(grant.grantee.value);
        }
        startIndex += items.length;
        if (items.length === 0 || startIndex > list.totalResults) return granted;
      }
    },

    async membersPage(groupId, startIndex, count) {
      const group = await api.get(
        'Groups',
        `Groups/${encodeURIComponent(groupId)}`,
        { attributes: `members[startIndex=${startIndex}&count=${count}]` },
        idcsGroupMembersSchema,
      );
      return group.members ?? [];
    },

    async appGrantsPage(appId, startIndex, count) {
      const query = { filter: `app.value eq ${literal(appId)}`, startIndex, count };
      const list = await api.get('Grants', 'Grants', query, listResponseSchema);
      const grants = (list.Resources ?? []).map((item) => idcsGrantSchema.safeParse(item).data);
      skipped('Grants', grants.filter((grant) => !grant).length);
      return { grants, total: list.totalResults };
    },
  };
}

/** A member page of a group that may have been deleted meanwhile (then it has no members). */
export async function membersOrNone(pending: Promise<IdcsMember[]>): Promise<IdcsMember[]> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof IdpError && error.kind === 'notFound') return [];
    throw error;
  }
}
