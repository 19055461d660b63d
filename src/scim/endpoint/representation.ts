import type { GroupRecord, MembershipRecord, UserRecord } from '../../directory/records';
import { GROUP_SCHEMA_ID } from '../schemas/group';
import { ENTERPRISE_USER_SCHEMA_ID } from '../schemas/enterprise-user';
import { USER_SCHEMA_ID } from '../schemas/user';
import { etagOf } from './responses';

/** Groups above this many members are represented without `members` (page them with GET /Groups/{id}?...). */
export const MAX_INLINE_MEMBERS = 1000;

export interface GroupRef {
  id: string;
  displayName?: string;
}

export function userResource(record: UserRecord, baseUrl: string, groups?: GroupRef[]): Record<string, unknown> {
  const { [ENTERPRISE_USER_SCHEMA_ID]: enterprise, ...core } = record.attributes;
  return {
    schemas: enterprise ? [USER_SCHEMA_ID, ENTERPRISE_USER_SCHEMA_ID] : [USER_SCHEMA_ID],
    id: record.id,
    ...core,
    userName: record.userName,
    ...(record.externalId !== undefined ? { externalId: record.externalId } : {}),
    active: record.active,
    ...(enterprise ? { [ENTERPRISE_USER_SCHEMA_ID]: enterprise } : {}),
    ...(groups && groups.length > 0
      ? { groups: groups.map((g) => ({ value: g.id, ...(g.displayName ? { display: g.displayName } : {}), $ref: `${baseUrl}/Groups/${g.id}`, type: 'direct' })) }
      : {}),
    meta: meta('User', record, `${baseUrl}/Users/${record.id}`),
  };
}

export function groupResource(record: GroupRecord, baseUrl: string, members?: MembershipRecord[]): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA_ID],
    id: record.id,
    ...record.attributes,
    displayName: record.displayName,
    ...(record.externalId !== undefined ? { externalId: record.externalId } : {}),
    ...(members
      ? { members: members.map((m) => ({ value: m.userId, ...(m.display ? { display: m.display } : {}), $ref: `${baseUrl}/Users/${m.userId}`, type: 'User' })) }
      : {}),
    meta: meta('Group', record, `${baseUrl}/Groups/${record.id}`),
  };
}

function meta(resourceType: string, record: { created: string; lastModified: string; version: number }, location: string) {
  return { resourceType, created: record.created, lastModified: record.lastModified, location, version: etagOf(record.version) };
}
