// The fake identity domain's records and how they render as IDCS SCIM resources (full form, before projection).

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const USER_EXTENSION = 'urn:ietf:params:scim:schemas:oracle:idcs:extension:user:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const DYNAMIC_GROUP_EXTENSION = 'urn:ietf:params:scim:schemas:oracle:idcs:extension:dynamic:Group';
export const GRANT_SCHEMA = 'urn:ietf:params:scim:schemas:oracle:idcs:Grant';
export const APP_SCHEMA = 'urn:ietf:params:scim:schemas:oracle:idcs:App';

export interface FakeIdcsUserSeed {
  id: string;
  userName: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  /** Stored as a work primary email plus its recovery copy, as IDCS does. */
  email?: string;
  active?: boolean;
  isFederatedUser?: boolean;
  serviceUser?: boolean;
  /** ISO timestamp; defaults to the clock's time when the user is added. */
  lastModified?: string;
  /** Further attributes merged into the resource: the enterprise extension, a custom schema, `title`, ... */
  extra?: Record<string, unknown>;
}

export interface FakeIdcsGroupSeed {
  id: string;
  displayName: string;
  /** User ids. */
  members?: string[];
  /** Members of a dynamic group show in `User.groups` as `indirect`. */
  dynamic?: boolean;
  lastModified?: string;
}

export type FakeGranteeType = 'User' | 'Group' | 'App' | 'DynamicResourceGroup';

export interface FakeIdcsGrantSeed {
  id?: string;
  appId: string;
  grantee: { type: FakeGranteeType; value: string };
  /** Defaults to ADMINISTRATOR_TO_USER or ADMINISTRATOR_TO_GROUP after the grantee type. */
  grantMechanism?: string;
  /** Present on AppRole grants. */
  entitlement?: { attributeName: string; attributeValue: string };
}

export interface FakeIdcsAppSeed {
  id: string;
  displayName: string;
}

export type UserRecord = Omit<FakeIdcsUserSeed, 'lastModified'> & {
  created: string;
  lastModified: string;
  groupMembershipLastModified?: string;
  version: number;
};

export interface GroupRecord {
  id: string;
  displayName: string;
  dynamic: boolean;
  /** User id → dateAdded. */
  members: Map<string, string>;
  created: string;
  lastModified: string;
  version: number;
}

export type GrantRecord = Required<Pick<FakeIdcsGrantSeed, 'id' | 'appId' | 'grantee' | 'grantMechanism'>> &
  Pick<FakeIdcsGrantSeed, 'entitlement'> & { created: string; lastModified: string };

export type Resource = Record<string, unknown>;

/** Attribute paths (lower-cased) the fake lets filters and sortBy name, per resource type. */
export const KNOWN_PATHS = {
  Users: lowerSet([
    'id',
    'externalId',
    'userName',
    'displayName',
    'name',
    'name.givenName',
    'name.familyName',
    'name.formatted',
    'title',
    'active',
    'emails',
    'emails.value',
    'emails.type',
    'emails.primary',
    'groups',
    'groups.value',
    'meta.created',
    'meta.lastModified',
    `${USER_EXTENSION}:isFederatedUser`,
    `${USER_EXTENSION}:serviceUser`,
    `${USER_EXTENSION}:groupMembershipLastModified`,
  ]),
  Groups: lowerSet([
    'id',
    'externalId',
    'displayName',
    'members',
    'members.value',
    'meta.created',
    'meta.lastModified',
    `${DYNAMIC_GROUP_EXTENSION}:membershipType`,
  ]),
  Grants: lowerSet([
    'id',
    'app.value',
    'grantee.type',
    'grantee.value',
    'grantMechanism',
    'entitlement.attributeName',
    'entitlement.attributeValue',
    'meta.created',
    'meta.lastModified',
  ]),
};

/** Attributes returned only when asked for (`returned: request`), as projection paths. */
export const REQUEST_ONLY = {
  Users: ['groups', `${USER_EXTENSION}:groupMembershipLastModified`],
  Groups: ['members'],
  Grants: [] as string[],
  Apps: ['grants'],
};

function lowerSet(paths: string[]): ReadonlySet<string> {
  return new Set(paths.map((p) => p.toLowerCase()));
}

function meta(base: string, type: string, id: string, created: string, lastModified: string, version = 1) {
  return { resourceType: type, created, lastModified, version: `v${version}`, location: `${base}/admin/v1/${type}s/${id}` };
}

export function renderUser(base: string, user: UserRecord, groups: Iterable<GroupRecord>): Resource {
  const memberships = [...groups].flatMap((group) => {
    const dateAdded = group.members.get(user.id);
    if (dateAdded === undefined) return [];
    return [
      {
        value: group.id,
        display: group.displayName,
        $ref: `${base}/admin/v1/Groups/${group.id}`,
        type: group.dynamic ? 'indirect' : 'direct',
        dateAdded,
      },
    ];
  });
  const extension = {
    isFederatedUser: user.isFederatedUser ?? false,
    ...(user.serviceUser === undefined ? {} : { serviceUser: user.serviceUser }),
    ...(user.groupMembershipLastModified ? { groupMembershipLastModified: user.groupMembershipLastModified } : {}),
  };
  const { [USER_EXTENSION]: extraExtension, ...extra } = user.extra ?? {};
  return {
    schemas: [USER_SCHEMA, USER_EXTENSION, ...Object.keys(extra).filter((key) => key.startsWith('urn:'))],
    id: user.id,
    userName: user.userName,
    ...(user.displayName ? { displayName: user.displayName } : {}),
    name: {
      ...(user.givenName ? { givenName: user.givenName } : {}),
      ...(user.familyName ? { familyName: user.familyName } : {}),
      formatted: [user.givenName, user.familyName].filter(Boolean).join(' '),
    },
    active: user.active ?? true,
    ...(user.email
      ? {
          emails: [
            { value: user.email, type: 'work', primary: true, secondary: false, verified: false },
            { value: user.email, type: 'recovery', primary: false, secondary: false, verified: false },
          ],
        }
      : {}),
    meta: meta(base, 'User', user.id, user.created, user.lastModified, user.version),
    [USER_EXTENSION]: { ...extension, ...(extraExtension as Record<string, unknown> | undefined) },
    ...extra,
    ...(memberships.length ? { groups: memberships } : {}),
  };
}

export function renderGroup(base: string, group: GroupRecord, users: ReadonlyMap<string, UserRecord>): Resource {
  const members = [...group.members].map(([userId, dateAdded]) => ({
    value: userId,
    type: 'User',
    display: users.get(userId)?.displayName,
    $ref: `${base}/admin/v1/Users/${userId}`,
    dateAdded,
  }));
  return {
    schemas: [GROUP_SCHEMA, DYNAMIC_GROUP_EXTENSION],
    id: group.id,
    displayName: group.displayName,
    meta: meta(base, 'Group', group.id, group.created, group.lastModified, group.version),
    [DYNAMIC_GROUP_EXTENSION]: { membershipType: group.dynamic ? 'dynamic' : 'static' },
    ...(members.length ? { members } : {}),
  };
}

export function renderGrant(base: string, grant: GrantRecord, apps: ReadonlyMap<string, FakeIdcsAppSeed>): Resource {
  const granteePath = grant.grantee.type === 'User' ? 'Users' : grant.grantee.type === 'Group' ? 'Groups' : 'Apps';
  return {
    schemas: [GRANT_SCHEMA],
    id: grant.id,
    meta: meta(base, 'Grant', grant.id, grant.created, grant.lastModified),
    grantMechanism: grant.grantMechanism,
    grantee: { ...grant.grantee, $ref: `${base}/admin/v1/${granteePath}/${grant.grantee.value}` },
    app: { value: grant.appId, display: apps.get(grant.appId)?.displayName, $ref: `${base}/admin/v1/Apps/${grant.appId}` },
    ...(grant.entitlement ? { entitlement: grant.entitlement } : {}),
    isFulfilled: true,
  };
}

export function renderApp(base: string, app: FakeIdcsAppSeed, grants: Iterable<GrantRecord>, created: string): Resource {
  return {
    schemas: [APP_SCHEMA],
    id: app.id,
    meta: meta(base, 'App', app.id, created, created),
    name: app.id,
    displayName: app.displayName,
    active: true,
    isOAuthClient: true,
    grants: [...grants]
      .filter((grant) => grant.appId === app.id)
      .map((grant) => ({
        value: grant.id,
        $ref: `${base}/admin/v1/Grants/${grant.id}`,
        granteeId: grant.grantee.value,
        granteeType: grant.grantee.type,
        grantMechanism: grant.grantMechanism,
      })),
  };
}
