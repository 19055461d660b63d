// The Group resource: a POST/PUT body to writable data (members included; the caller stores them as
// separate records), and stored data back to the resource clients read.

import { locationOf } from '../location';
import { GROUP_SCHEMA_ID, type GroupMember, type ScimGroup } from '../schemas/group';
import { GROUP_RESOURCE_TYPE } from '../schemas/resource-types';
import { metaOf, type ResourceMeta, type StoredResource } from './meta';

export type GroupResource = ScimGroup & {
  schemas: string[];
  id: string;
  meta: ResourceMeta;
};

/** `stored.data.members` are the members to list (leave them out when the response excludes members). */
export function toGroupResource(stored: StoredResource<ScimGroup>, baseUrl: string): GroupResource {
  const { members, ...data } = stored.data;
  return {
    schemas: [GROUP_SCHEMA_ID],
    id: stored.id,
    ...data,
    ...(members ? { members: members.map((member) => withReference(member, baseUrl)) } : {}),
    meta: metaOf(GROUP_RESOURCE_TYPE, stored, baseUrl),
  };
}

function withReference(member: GroupMember, baseUrl: string): GroupMember {
  const type = member.type ?? 'User';
  const endpoint = type === 'Group' ? 'Groups' : 'Users';
  return { ...member, type, $ref: locationOf(baseUrl, endpoint, encodeURIComponent(member.value)) };
}
