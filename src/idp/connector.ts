// The port every REST-pull identity provider implements. The sync layer drives it one page per call and
// keeps the cursor between calls (in a queue event or the store), so cursors are plain JSON.

export interface IdpEmail {
  value: string;
  /** `work`, `home`, `recovery`, ... as the IdP names it. */
  type?: string;
  primary: boolean;
}

/** Values of the IdP's attributes by path (`title`, `name.middleName`, `urn:...:User:department`), for attribute mapping. */
export type IdpAttributeValue = string | number | boolean | string[];
export type IdpAttributes = Record<string, IdpAttributeValue>;

export interface IdpUser {
  /** The IdP's stable id (for miniOrange, which exposes none, the username). */
  id: string;
  userName: string;
  /** Primary email first. */
  emails: IdpEmail[];
  displayName?: string;
  givenName?: string;
  familyName?: string;
  active: boolean;
  /**
   * Ids of the groups the user is a direct member of; when the connection names a group-membership attribute,
   * that attribute's values instead (as the IdP stores them).
   */
  groups: string[];
  attributes: IdpAttributes;
  /** ISO timestamp of the IdP's last change, when it reports one. */
  lastModified?: string;
}

export interface IdpGroup {
  id: string;
  displayName: string;
  lastModified?: string;
}

/** Any JSON value: what a cursor must be so that it survives a queue event or a store write. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type IdpCursor = { [key: string]: JsonValue };

/**
 * Where a delta listing starts: the newest `lastModified` delivered so far, and the `id|lastModified` pairs
 * delivered within the skew window below it (so that re-reading the window does not deliver them again).
 */
export interface DeltaMark {
  lastModified: string;
  seen: string[];
}

export interface IdpPage<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last page. */
  next?: IdpCursor;
  /** On the last page of a user or group listing: pass as `since` to list only what changed after it. */
  mark?: DeltaMark;
}

export interface ListOptions {
  /** Only what changed since this mark. Read on the first call; the cursor carries it after that. */
  since?: DeltaMark;
}

export interface IdpCapabilities {
  listUsers: boolean;
  listGroups: boolean;
  /** Listings accept `since`. */
  delta: boolean;
  lookup: boolean;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** For the admin: what worked or what to fix. No personal data. */
  detail: string;
}

/** The listing methods are absent when `capabilities` says the IdP cannot list (miniOrange). */
export interface IdpConnector {
  readonly capabilities: IdpCapabilities;
  testConnection(): Promise<ConnectionTestResult>;
  /** The user whose userName or email matches (case-insensitively), with groups; undefined when there is none. */
  lookupUser(usernameOrEmail: string): Promise<IdpUser | undefined>;
  /** One page of users; undefined cursor starts a listing. Items may repeat across pages: upsert by id. */
  listUsersPage?(cursor: IdpCursor | undefined, options?: ListOptions): Promise<IdpPage<IdpUser>>;
  listGroupsPage?(cursor: IdpCursor | undefined, options?: ListOptions): Promise<IdpPage<IdpGroup>>;
  /** One page of a group's member user ids. */
  listGroupMembersPage?(groupId: string, cursor: IdpCursor | undefined): Promise<IdpPage<string>>;
  /**
   * Of these user or group ids, those the listings would still deliver: the IdP has them (whether or not they
   * pass the connector's checks) and, when the connection names an app, they are granted it. Offset listings
   * can skip records while the directory changes, so what a listing did not deliver is checked here before it
   * is removed. Any number of ids; the connector batches them.
   */
  listedOf?(kind: 'user' | 'group', ids: string[]): Promise<Set<string>>;
}
