// Which Atlassian credential can perform which operation, as data: the admin page shows it and the composite
// target routes by it. Cells follow Atlassian's API reference (docs/design.md §4); 'unverified' marks its "?" cells.
import type { TargetOperation } from './target';

export const CREDENTIAL_KINDS = ['directoryKey', 'orgKey', 'siteToken', 'asApp', 'bitbucketToken'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export type Support = 'yes' | 'no' | 'partial' | 'unverified';

export interface Capability {
  support: Support;
  /** What the adapter calls; absent when there is nothing to call. */
  endpoint?: string;
  note?: string;
}

/** Bitbucket workspace groups are a separate namespace from site groups, so they get rows of their own. */
export type CapabilityOperation = TargetOperation | 'bitbucketGroups' | 'bitbucketMembers';

export interface CapabilityRow {
  /** Sentence start for messages: "Creating users needs ...". */
  label: string;
  /** Credentials to try, best first. Group rows share one order so that group ids stay in one id space. */
  preference: readonly CredentialKind[];
  cells: Record<CredentialKind, Capability>;
  /** Said when no credential can do it at all. */
  unavailable?: string;
}

export const CREDENTIAL_LABELS: Record<CredentialKind, string> = {
  directoryKey: 'a directory API key',
  orgKey: 'an org API key',
  siteToken: "a site admin's API token",
  asApp: 'the app itself (asApp)',
  bitbucketToken: 'a Bitbucket API token',
};

const SCIM = '/scim/directory/{directoryId}';
const ORG_DIR = '/admin/v2/orgs/{orgId}/directories/{directoryId}';
const JIRA = '/rest/api/3';

const no = (note?: string): Capability => ({ support: 'no', note });
const NO_SITE_WRITES_AS_APP = no('403: the app user is not a site admin.');
const GROUP_ORDER: readonly CredentialKind[] = ['siteToken', 'orgKey', 'directoryKey', 'asApp'];
const SITE_ORDER: readonly CredentialKind[] = ['siteToken', 'asApp'];
const ACCOUNT_ORDER: readonly CredentialKind[] = ['directoryKey', 'orgKey'];

function siteOnly(label: string, endpoint: string, note: string, asAppNote: string): CapabilityRow {
  return {
    label,
    preference: SITE_ORDER,
    cells: {
      directoryKey: no(),
      orgKey: no(),
      siteToken: { support: 'yes', endpoint, note },
      asApp: { support: 'unverified', endpoint, note: asAppNote },
      bitbucketToken: no(),
    },
  };
}

function lifecycle(label: string, active: boolean): CapabilityRow {
  return {
    label,
    preference: ACCOUNT_ORDER,
    cells: {
      directoryKey: {
        support: 'yes',
        endpoint: `PATCH ${SCIM}/Users/{id} active=${active}`,
        note: 'Account-wide; the SCIM record and its id stay, so the user can be reactivated.',
      },
      orgKey: {
        support: 'yes',
        endpoint: `POST ${ORG_DIR}/users/{accountId}/${active ? 'restore' : 'suspend'}`,
        note: 'Organization access only; roles and group memberships are kept for restore.',
      },
      siteToken: no('Site APIs cannot deactivate accounts: remove product access instead.'),
      asApp: no(),
      bitbucketToken: no(),
    },
  };
}

function bitbucketRow(label: string, endpoint: string): CapabilityRow {
  return {
    label,
    preference: ['bitbucketToken', 'orgKey'],
    cells: {
      directoryKey: no('Only if the workspace was linked to an organization (unverified).'),
      orgKey: { support: 'unverified', note: 'Only for workspaces linked to an organization, as organization groups.' },
      siteToken: no(),
      asApp: no(),
      bitbucketToken: {
        support: 'unverified',
        endpoint,
        note: 'A 1.0 endpoint kept "temporarily"; 2.0 has no group writes. The adapter reports unsupported when it is gone.',
      },
    },
  };
}

function groupRead(label: string, scim: string, org: string, site: string): CapabilityRow {
  return {
    label,
    preference: GROUP_ORDER,
    cells: {
      directoryKey: { support: 'yes', endpoint: scim, note: "This directory's groups only, with SCIM group ids." },
      orgKey: { support: 'yes', endpoint: org },
      siteToken: { support: 'yes', endpoint: site },
      asApp: { support: 'yes', endpoint: site, note: 'Needs Browse users and groups.' },
      bitbucketToken: no(),
    },
  };
}

export const CAPABILITIES: Record<CapabilityOperation, CapabilityRow> = {
  findUserByEmail: {
    label: 'Looking up users by email',
    preference: ['orgKey', 'directoryKey', 'siteToken', 'asApp'],
    cells: {
      directoryKey: {
        support: 'yes',
        endpoint: `GET ${SCIM}/Users?filter=userName eq "{email}"`,
        note: 'Exact; only users provisioned into this directory.',
      },
      orgKey: { support: 'yes', endpoint: `POST ${ORG_DIR}/users/search {emails}`, note: 'Exact.' },
      siteToken: {
        support: 'partial',
        endpoint: `GET ${JIRA}/user/search?query={email}`,
        note: 'Prefix search narrowed to the exact email; misses hidden emails and accounts the search index has not ' + 'caught up with.',
      },
      asApp: {
        support: 'partial',
        endpoint: `GET ${JIRA}/user/search?query={email}`,
        note: 'As for the site token: privacy-limited and eventually consistent.',
      },
      bitbucketToken: no(),
    },
  },
  getUser: {
    label: 'Reading users',
    preference: ['siteToken', 'orgKey', 'asApp', 'directoryKey'],
    cells: {
      directoryKey: {
        support: 'partial',
        endpoint: `GET ${SCIM}/Users (scan for atlassianAccountId)`,
        note: "SCIM cannot filter by accountId: pages through this directory's users.",
      },
      orgKey: { support: 'yes', endpoint: `GET ${ORG_DIR}/users/{accountId}` },
      siteToken: { support: 'yes', endpoint: `GET ${JIRA}/user?accountId={accountId}` },
      asApp: { support: 'yes', endpoint: `GET ${JIRA}/user?accountId={accountId}`, note: 'Needs Browse users and groups.' },
      bitbucketToken: no(),
    },
  },
  createUser: {
    label: 'Creating users',
    preference: ['directoryKey', 'orgKey', 'siteToken'],
    cells: {
      directoryKey: {
        support: 'yes',
        endpoint: `POST ${SCIM}/Users`,
        note: 'Links an existing managed account with that email instead of creating a second one.',
      },
      orgKey: {
        support: 'yes',
        endpoint: 'POST /admin/v2/orgs/{orgId}/users/invite',
        note: 'An invitation; only for organizations with at least one paid subscription.',
      },
      siteToken: {
        support: 'partial',
        endpoint: `POST ${JIRA}/user`,
        note: "Legacy endpoint: the token's user must also be an organization admin.",
      },
      asApp: no('Jira POST /rest/api/3/user does not support Forge apps.'),
      bitbucketToken: no(),
    },
  },
  updateProfile: {
    label: 'Updating user profiles',
    preference: ACCOUNT_ORDER,
    cells: {
      directoryKey: { support: 'yes', endpoint: `PATCH ${SCIM}/Users/{id}` },
      orgKey: {
        support: 'partial',
        endpoint: 'PATCH /users/{accountId}/manage/profile',
        note: 'Managed accounts only (email domain claimed by the organization); scoped keys are reported to get 403.',
      },
      siteToken: no('Jira and Confluence have no profile write API.'),
      asApp: no(),
      bitbucketToken: no(),
    },
  },
  suspendUser: lifecycle('Deactivating users', false),
  restoreUser: lifecycle('Reactivating users', true),
  removeProductAccess: {
    label: 'Removing product access',
    preference: ['orgKey', 'siteToken'],
    cells: {
      directoryKey: no(),
      orgKey: {
        support: 'yes',
        endpoint: `DELETE ${ORG_DIR}/users/{accountId}`,
        note: 'Removes the user from the directory: roles and memberships go; re-invite to give access again.',
      },
      siteToken: {
        support: 'partial',
        endpoint: `DELETE ${JIRA}/user?accountId={accountId}`,
        note: "Removes the user from Jira's user base only; the account stays.",
      },
      asApp: no(),
      bitbucketToken: no(),
    },
  },
  listGroups: groupRead(
    'Listing groups',
    `GET ${SCIM}/Groups`,
    `POST ${ORG_DIR}/groups/search`,
    `GET ${JIRA}/group/bulk (or GET /wiki/rest/api/group)`,
  ),
  findGroupByName: groupRead(
    'Finding groups by name',
    `GET ${SCIM}/Groups?filter=displayName eq "{name}"`,
    `POST ${ORG_DIR}/groups/search {groupNames}`,
    `GET ${JIRA}/group/bulk?groupName={name}`,
  ),
  createGroup: {
    label: 'Creating groups',
    preference: GROUP_ORDER,
    cells: {
      directoryKey: {
        support: 'yes',
        endpoint: `POST ${SCIM}/Groups`,
        note: '409 on a duplicate name; the group is read-only in Atlassian Administration afterwards.',
      },
      orgKey: { support: 'yes', endpoint: `POST ${ORG_DIR}/groups` },
      siteToken: {
        support: 'yes',
        endpoint: `POST ${JIRA}/group (or POST /wiki/rest/api/group)`,
        note: 'Site admin only; Jira answers 400 to a duplicate name.',
      },
      asApp: NO_SITE_WRITES_AS_APP,
      bitbucketToken: no(),
    },
  },
  deleteGroup: {
    label: 'Deleting groups',
    preference: GROUP_ORDER,
    cells: {
      directoryKey: { support: 'yes', endpoint: `DELETE ${SCIM}/Groups/{id}` },
      orgKey: { support: 'yes', endpoint: `DELETE ${ORG_DIR}/groups/{groupId}` },
      siteToken: {
        support: 'yes',
        endpoint: `DELETE ${JIRA}/group?groupId={groupId} (or DELETE /wiki/rest/api/group/by-id)`,
        note: 'Site admin only.',
      },
      asApp: NO_SITE_WRITES_AS_APP,
      bitbucketToken: no(),
    },
  },
  renameGroup: {
    label: 'Renaming groups',
    preference: GROUP_ORDER,
    cells: {
      directoryKey: no('SCIM rejects displayName changes.'),
      orgKey: { support: 'unverified', note: 'No rename endpoint is documented.' },
      siteToken: { support: 'unverified', note: 'No rename endpoint is documented in Jira or Confluence REST.' },
      asApp: no(),
      bitbucketToken: no(),
    },
    unavailable: 'Create the new group, move the members and delete the old one instead.',
  },
  listGroupMembers: {
    label: 'Listing group members',
    preference: GROUP_ORDER,
    cells: {
      directoryKey: {
        support: 'yes',
        endpoint: `GET ${SCIM}/Groups/{id}`,
        note: "Members are SCIM user ids, mapped to accountIds through the directory's users.",
      },
      orgKey: { support: 'yes', endpoint: `POST ${ORG_DIR}/users/search {groupIds}` },
      siteToken: {
        support: 'yes',
        endpoint: `GET ${JIRA}/group/member?groupId={groupId}`,
        note: 'Needs Administer Jira; 50 per page.',
      },
      asApp: {
        support: 'unverified',
        endpoint: `GET ${JIRA}/group/member?groupId={groupId}`,
        note: 'Needs Administer Jira, which the app user normally lacks.',
      },
      bitbucketToken: no(),
    },
  },
  addMember: {
    label: 'Adding group members',
    preference: GROUP_ORDER,
    cells: {
      directoryKey: { support: 'yes', endpoint: `PATCH ${SCIM}/Groups/{id} add members` },
      orgKey: {
        support: 'partial',
        endpoint: `POST ${ORG_DIR}/groups/{groupId}/memberships`,
        note: 'Not for groups synced from an identity provider; the user must be in the same directory.',
      },
      siteToken: {
        support: 'yes',
        endpoint: `POST ${JIRA}/group/user?groupId={groupId} (or POST /wiki/rest/api/group/userByGroupId)`,
        note: 'Site admin only.',
      },
      asApp: NO_SITE_WRITES_AS_APP,
      bitbucketToken: no(),
    },
  },
  removeMember: {
    label: 'Removing group members',
    preference: GROUP_ORDER,
    cells: {
      directoryKey: { support: 'yes', endpoint: `PATCH ${SCIM}/Groups/{id} remove members` },
      orgKey: {
        support: 'partial',
        endpoint: `DELETE ${ORG_DIR}/groups/{groupId}/memberships/{accountId}`,
        note: 'Not for groups synced from an identity provider.',
      },
      siteToken: {
        support: 'yes',
        endpoint: `DELETE ${JIRA}/group/user?groupId={groupId}&accountId={accountId} (or DELETE /wiki/rest/api/group/userByGroupId)`,
        note: 'Site admin only.',
      },
      asApp: NO_SITE_WRITES_AS_APP,
      bitbucketToken: no(),
    },
  },
  setProjectLead: siteOnly(
    'Changing project leads',
    `PUT ${JIRA}/project/{projectIdOrKey} {leadAccountId}`,
    'Needs Administer Projects for the project.',
    'Needs manage:jira-project and project admin rights for the app user.',
  ),
  setComponentLead: siteOnly(
    'Changing component leads',
    `PUT ${JIRA}/component/{id} {leadAccountId}`,
    "Needs Administer Projects for the component's project.",
    'Needs manage:jira-project and project admin rights for the app user.',
  ),
  listProjectsLedBy: siteOnly(
    'Listing projects a user leads',
    `GET ${JIRA}/project/search?expand=lead`,
    'No lead filter upstream: filtered here; only projects the credential can see.',
    'Only projects the app user can browse.',
  ),
  listComponentsLedBy: siteOnly(
    'Listing components a user leads',
    `GET ${JIRA}/project/search + GET ${JIRA}/project/{key}/components`,
    'No lead filter upstream: filtered here; only projects the credential can see.',
    'Only projects the app user can browse.',
  ),
  setUserProperty: siteOnly(
    'Writing user properties (custom attributes)',
    `PUT ${JIRA}/user/properties/{propertyKey}?accountId={accountId}`,
    "Needs Administer Jira to write other users' properties.",
    "Scope write:jira-work; other users' properties need Administer Jira.",
  ),
  bitbucketGroups: bitbucketRow('Managing Bitbucket workspace groups', '/1.0/groups/{workspace}'),
  bitbucketMembers: bitbucketRow(
    'Managing Bitbucket workspace group members',
    'PUT|DELETE /1.0/groups/{workspace}/{group_slug}/members/{account_id}',
  ),
};

export type OperationRoute = { ok: true; credential: CredentialKind; capability: Capability } | { ok: false; message: string };

export function isRoutable(capability: Capability): boolean {
  return capability.support !== 'no' && capability.endpoint !== undefined;
}

/** The credential that performs `operation`, or a refusal an admin can act on. */
export function routeOperation(operation: CapabilityOperation, available: Iterable<CredentialKind>): OperationRoute {
  const row = CAPABILITIES[operation];
  const have = new Set(available);
  const credential = row.preference.find((kind) => have.has(kind) && isRoutable(row.cells[kind]));
  if (credential) return { ok: true, credential, capability: row.cells[credential] };
  return { ok: false, message: refusal(row) };
}

function refusal(row: CapabilityRow): string {
  const able = (wanted: Support) =>
    row.preference.filter((kind) => kind !== 'asApp' && row.cells[kind].support === wanted && isRoutable(row.cells[kind]));
  const candidates = [able('yes'), able('partial'), able('unverified')].find((kinds) => kinds.length > 0);
  if (!candidates) return `${row.label} is not possible through Atlassian's APIs. ${row.unavailable ?? ''}`.trim();
  const labels = candidates.map((kind) => CREDENTIAL_LABELS[kind]);
  const needs = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}` : labels[0];
  return `${row.label} needs ${needs}; add one under Atlassian credentials.`;
}
