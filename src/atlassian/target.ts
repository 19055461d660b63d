// The port the provisioning engine uses to change an Atlassian organization/site. Users are always named by
// accountId; group ids belong to the adapter that listed or created them (site groupIds for the site and
// organizations APIs, SCIM group ids for the directory API), so a composite keeps every group operation on
// one adapter (see capabilities.ts).

/** An account on the Atlassian side. `email` is absent when the profile hides it. */
export interface AtlassianUser {
  accountId: string;
  email?: string;
  displayName: string;
  active: boolean;
}

/**
 * A user to act on. The email is optional: the directory (SCIM) adapter needs the account's SCIM id, and with
 * the email it finds that with one filtered read instead of scanning the directory.
 */
export interface UserRef {
  accountId: string;
  email?: string;
}

export interface NewUser {
  email: string;
  displayName: string;
  givenName?: string;
  familyName?: string;
  /** Jira product keys for the legacy site endpoint (jira-software, jira-core, ...); [] = no product access. */
  products?: string[];
}

export interface ProfileChanges {
  displayName?: string;
  givenName?: string;
  familyName?: string;
  nickname?: string;
  title?: string;
  department?: string;
  organization?: string;
  timeZone?: string;
  locale?: string;
}

export interface AtlassianGroup {
  groupId: string;
  name: string;
}

export interface GroupMember {
  accountId: string;
  displayName?: string;
  email?: string;
}

export interface LedProject {
  projectId: string;
  key: string;
  name: string;
}

export interface LedComponent {
  componentId: string;
  name: string;
  projectKey: string;
}

/** One page of a listing; pass `nextCursor` back to get the next one. Cursors are opaque and survive a queue hop. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface AtlassianTarget {
  /** Exact (case-insensitive) email match; undefined when no visible account has it. */
  findUserByEmail(email: string): Promise<AtlassianUser | undefined>;
  /** Throws TargetError notFound for an unknown accountId. */
  getUser(accountId: string): Promise<AtlassianUser>;
  /**
   * Creates or invites the account (the directory API links an existing account with that email). conflict when the
   * API reports it exists; an organization invitation of an existing account returns that account.
   */
  createUser(user: NewUser): Promise<AtlassianUser>;
  updateProfile(user: UserRef, changes: ProfileChanges): Promise<void>;
  suspendUser(user: UserRef): Promise<void>;
  restoreUser(user: UserRef): Promise<void>;
  removeProductAccess(user: UserRef): Promise<void>;

  listGroups(cursor?: string): Promise<Page<AtlassianGroup>>;
  /** Case-insensitive, like Atlassian group names. */
  findGroupByName(name: string): Promise<AtlassianGroup | undefined>;
  /** conflict when the name is taken. */
  createGroup(name: string): Promise<AtlassianGroup>;
  deleteGroup(groupId: string): Promise<void>;
  /** No documented Atlassian API renames groups: the composite answers unsupported; create, move members, delete. */
  renameGroup(groupId: string, newName: string): Promise<AtlassianGroup>;
  listGroupMembers(groupId: string, cursor?: string): Promise<Page<GroupMember>>;
  /** Idempotent: adding a member again succeeds. */
  addMember(groupId: string, user: UserRef): Promise<void>;
  /** Idempotent: removing a non-member succeeds. */
  removeMember(groupId: string, user: UserRef): Promise<void>;

  setProjectLead(projectIdOrKey: string, accountId: string): Promise<void>;
  /** null removes the lead. */
  setComponentLead(componentId: string, accountId: string | null): Promise<void>;
  listProjectsLedBy(accountId: string): Promise<LedProject[]>;
  listComponentsLedBy(accountId: string): Promise<LedComponent[]>;
  setUserProperty(accountId: string, key: string, value: unknown): Promise<void>;
}

export type TargetOperation = keyof AtlassianTarget;

/** What every group API offers (site, organizations, SCIM, Bitbucket workspaces). */
export type GroupOperations = Pick<
  AtlassianTarget,
  'listGroups' | 'findGroupByName' | 'createGroup' | 'deleteGroup' | 'listGroupMembers' | 'addMember' | 'removeMember'
>;

export type TargetErrorKind = 'notFound' | 'conflict' | 'forbidden' | 'unauthorized' | 'rateLimited' | 'transient' | 'invalid' | 'unsupported';

export interface TargetErrorDetails {
  /** The upstream HTTP status, when there was a response. */
  status?: number;
  /** From Retry-After, for rateLimited (and 503s that carry it). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** What went wrong on the Atlassian side, worded for an admin. The engine retries rateLimited and transient. */
export class TargetError extends Error {
  readonly status?: number;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: TargetErrorKind,
    message: string,
    details: TargetErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'TargetError';
    this.status = details.status;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  get retryable(): boolean {
    return this.kind === 'rateLimited' || this.kind === 'transient';
  }
}

/** Walks a cursor-paged listing page by page, e.g. `for await (const groups of eachPage((c) => target.listGroups(c)))`. */
export async function* eachPage<T>(list: (cursor?: string) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}
