// The User resource: a POST/PUT body to writable data, and stored data back to the resource clients read.

import { locationOf } from '../location';
import { ENTERPRISE_USER_SCHEMA_ID } from '../schemas/enterprise-user';
import { USER_RESOURCE_TYPE } from '../schemas/resource-types';
import { USER_SCHEMA_ID, type ScimUser } from '../schemas/user';
import { metaOf, type ResourceMeta, type StoredResource } from './meta';

export interface UserGroup {
  value: string;
  display?: string;
}

export interface StoredUser extends StoredResource<ScimUser> {
  /** The groups to list on the user (read-only for clients); left out when not given. */
  groups?: UserGroup[];
}

export type UserResource = ScimUser & {
  schemas: string[];
  id: string;
  groups?: (UserGroup & { $ref: string; type: 'direct' })[];
  meta: ResourceMeta;
};

export function toUserResource(stored: StoredUser, baseUrl: string): UserResource {
  const { data } = stored;
  return {
    schemas: data[ENTERPRISE_USER_SCHEMA_ID] ? [USER_SCHEMA_ID, ENTERPRISE_USER_SCHEMA_ID] : [USER_SCHEMA_ID],
    id: stored.id,
    ...data,
    ...(stored.groups
      ? {
          groups: stored.groups.map((group) => ({
            ...group,
            $ref: locationOf(baseUrl, 'Groups', encodeURIComponent(group.value)),
            type: 'direct' as const,
          })),
        }
      : {}),
    meta: metaOf(USER_RESOURCE_TYPE, stored, baseUrl),
  };
}
