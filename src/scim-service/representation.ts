import type { GroupRecord, MembershipRecord, UserRecord } from '../directory/model';
import { toGroupResource } from '../scim/resources/group';
import { toUserResource } from '../scim/resources/user';
import type { ScimGroup } from '../scim/schemas/group';
import type { ScimUser } from '../scim/schemas/user';
import { etagOf } from './responses';

/** Groups above this many members are represented without `members` by GET /Groups/{id}. */
export const MAX_INLINE_MEMBERS = 1000;

export interface GroupRef {
  id: string;
  displayName?: string;
}

/** A directory user as the SCIM resource clients read (read-only groups only when given). */
export function userResource(record: UserRecord, baseUrl: string, groups?: GroupRef[]): Record<string, unknown> {
  const data = {
    ...record.attributes,
    userName: record.userName,
    ...(record.externalId !== undefined ? { externalId: record.externalId } : {}),
    ...(record.active !== undefined ? { active: record.active } : {}),
  } as ScimUser;
  // Spread into a plain object: projection and filters read resources as generic JSON.
  return {
    ...toUserResource(
      {
        ...stored(record),
        data,
        ...(groups && groups.length > 0
          ? { groups: groups.map((g) => ({ value: g.id, ...(g.displayName ? { display: g.displayName } : {}) })) }
          : {}),
      },
      baseUrl,
    ),
  };
}

/** A directory group as the SCIM resource; members only when given (they are separate records). */
export function groupResource(record: GroupRecord, baseUrl: string, members?: MembershipRecord[]): Record<string, unknown> {
  const data = {
    ...record.attributes,
    displayName: record.displayName,
    ...(record.externalId !== undefined ? { externalId: record.externalId } : {}),
    ...(members ? { members: members.map((m) => ({ value: m.userId, ...(m.display ? { display: m.display } : {}) })) } : {}),
  } as ScimGroup;
  return { ...toGroupResource({ ...stored(record), data }, baseUrl) };
}

function stored(record: UserRecord | GroupRecord) {
  return { id: record.id, created: record.created, lastModified: record.lastModified, version: etagOf(record.version) };
}
