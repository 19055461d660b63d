import { createHash } from 'node:crypto';

// Every key the app keeps, in one registry, so that "what does a connection store" has one answer.
//
// Store, everything of a connection under `c:{connectionId}:` (deleteConnection removes the prefix):
//   u:{userId}                user record              un:{sortable userName}   copy of the user record
//   ux:{hash}:{userId}        externalId index         ue:{hash}:{userId}       email index
//   g:{groupId}               group record             gn:{sortable name}       copy of the group record
//   gx:{hash}:{groupId}       externalId index
//   gm:{groupId}:{userId}     membership by group      ug:{userId}:{groupId}    membership by user
//   n:u:{shard} n:g:{shard}   sharded counters (totalResults without a scan)
//   pc:{kind}:{order}:{start} remembered list cursors  state                    SCIM read-summary throttle
//   options                   provisioning options     chg:{kind}:{subjectId}   change records (pending jobs)
//   req:{newestFirst}:{n}     SCIM request summaries   sync:user:{id}           a user's sync state
//   sync:group:{id}           a group's Atlassian names
//   protected-accounts        cached protected accounts   reeval                the re-evaluation run (one at a time)
//   hold:{id}                 a removal awaiting an admin budget:{hour}:{hash} removals applied in that hour
//   pull:config               pull configuration       pull:state               watermarks and last runs
//   pull:run:{runId}          one run (newest first)   pull:x:{runId}:{set}:{n} a run's scratch id sets
// The copies under un:/gn: make lookups by name one read and give name-ordered listing (sortBy) for free.
//
// Store, a connection's keys outside that prefix (deleted with it too):
//   conn:{connectionId}       the connection record (listed by `conn:`)
//   act:c:{connectionId}:…    the connection's activity stream
//   lease:pull:{connectionId} its pull run's lease
// Store, shared by all connections (kept when one is deleted):
//   act:all:{newestFirst}:{id}            the activity log of the whole app (entries expire after 30 days)
//   own:{account}:{group}:{connectionId}  which connection added which Atlassian membership
//   grp:{group}                           which connection created an Atlassian group
//   acct:{account}                        which connections created and linked an Atlassian account
//   acct-new:{email}                      an account creation under way (expires after 7 days)
//   lease:{name}  app:default-connection  app:scim-trigger-url  atlassian:config  atlassian:key-dates
//   dlv:{eventId}                         a queue message waiting for a redelivery after a failure (expires after 7 days)
//   pref:{account}                        what the admin page remembers for one administrator
// Secrets: atlassian:{kind} (the Atlassian credentials), conn:{connectionId}:idp-secret (a pull connection's IdP
// credential, deleted with it).

export const COUNTER_SHARDS = 16;

/**
 * Whether `id` can be a user or group id (random ids and pulled ids are lower-case alphanumerics). Ids arrive from
 * URLs, filters and bodies; one that cannot exist is answered as absent instead of reaching a store key.
 */
export function isDirectoryId(id: string): boolean {
  return /^[a-z0-9]{1,64}$/.test(id);
}
const MAX_SORTABLE_BYTES = 200;

/** Hex of the lower-cased UTF-8 bytes: keeps code-point order within the key charset. */
export function sortableKeyPart(value: string): string {
  const bytes = Buffer.from(value.toLowerCase(), 'utf8');
  if (bytes.length <= MAX_SORTABLE_BYTES) return bytes.toString('hex');
  // Very long names lose their order position ('#' sorts first) but stay unique.
  return `#${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * The key prefixes under a name index (un:/gn:) that hold every name starting with `start` (case-insensitive):
 * the sortable part of `start`, and the hashed names too long to keep their order ('#'), which can start with anything.
 */
export function namePrefixRanges(indexPrefix: string, start: string): string[] {
  const bytes = Buffer.from(start.toLowerCase(), 'utf8');
  const long = `${indexPrefix}#`;
  return bytes.length <= MAX_SORTABLE_BYTES ? [`${indexPrefix}${bytes.toString('hex')}`, long] : [long];
}

export function hashKeyPart(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 40);
}

export function shardOf(id: string): string {
  return (createHash('sha256').update(id).digest()[0] % COUNTER_SHARDS).toString(16);
}

/** The prefix under which everything of a connection lives. */
export const connectionScope = (connectionId: string) => `c:${connectionId}:`;

export function directoryKeys(connectionId: string) {
  const base = connectionScope(connectionId);
  return {
    user: (id: string) => `${base}u:${id}`,
    userPrefix: `${base}u:`,
    userName: (userName: string) => `${base}un:${sortableKeyPart(userName)}`,
    userNamePrefix: `${base}un:`,
    userExternalIdPrefix: (externalId: string) => `${base}ux:${hashKeyPart(externalId)}:`,
    userEmailPrefix: (email: string) => `${base}ue:${hashKeyPart(email.toLowerCase())}:`,
    group: (id: string) => `${base}g:${id}`,
    groupPrefix: `${base}g:`,
    groupName: (displayName: string) => `${base}gn:${sortableKeyPart(displayName)}`,
    groupNamePrefix: `${base}gn:`,
    groupExternalIdPrefix: (externalId: string) => `${base}gx:${hashKeyPart(externalId)}:`,
    member: (groupId: string, userId: string) => `${base}gm:${groupId}:${userId}`,
    membersPrefix: (groupId: string) => `${base}gm:${groupId}:`,
    userGroup: (userId: string, groupId: string) => `${base}ug:${userId}:${groupId}`,
    userGroupsPrefix: (userId: string) => `${base}ug:${userId}:`,
    counter: (kind: 'u' | 'g', shard: string) => `${base}n:${kind}:${shard}`,
    allCounters: (kind: 'u' | 'g') => Array.from({ length: COUNTER_SHARDS }, (_, i) => `${base}n:${kind}:${i.toString(16)}`),
  };
}

export type DirectoryKeys = ReturnType<typeof directoryKeys>;

/** A connection's own keys outside its directory. */
export const connectionKeys = {
  record: (connectionId: string) => `conn:${connectionId}`,
  recordPrefix: 'conn:',
  readSummaryState: (connectionId: string) => `${connectionScope(connectionId)}state`,
  options: (connectionId: string) => `${connectionScope(connectionId)}options`,
  changePrefix: (connectionId: string) => `${connectionScope(connectionId)}chg:`,
  requestPrefix: (connectionId: string) => `${connectionScope(connectionId)}req:`,
  userSyncState: (connectionId: string, userId: string) => `${connectionScope(connectionId)}sync:user:${userId}`,
  userSyncStatePrefix: (connectionId: string) => `${connectionScope(connectionId)}sync:user:`,
  groupSyncState: (connectionId: string, groupId: string) => `${connectionScope(connectionId)}sync:group:${groupId}`,
  listCursor: (connectionId: string, kind: string, order: string, startIndex: number) =>
    `${connectionScope(connectionId)}pc:${kind}:${order}:${startIndex}`,
  activityPrefix: (connectionId: string) => `act:c:${connectionId}:`,
  protectedAccounts: (connectionId: string) => `${connectionScope(connectionId)}protected-accounts`,
  reevaluation: (connectionId: string) => `${connectionScope(connectionId)}reeval`,
  hold: (connectionId: string, holdId: string) => `${connectionScope(connectionId)}hold:${holdId}`,
  holdPrefix: (connectionId: string) => `${connectionScope(connectionId)}hold:`,
  removalBudget: (connectionId: string, hour: number, scope: string) => `${connectionScope(connectionId)}budget:${hour}:${hashKeyPart(scope)}`,
};

/** The prefixes under which deleteConnection finds everything of a connection in the store. */
export const connectionOwnedPrefixes = (connectionId: string) => [connectionScope(connectionId), connectionKeys.activityPrefix(connectionId)];

const pullScope = (connectionId: string) => `${connectionScope(connectionId)}pull:`;
const idSetPrefix = (connectionId: string, runId: string) => `${pullScope(connectionId)}x:${runId}:`;

/** A connection's REST pull: its configuration, schedule state, runs and their scratch id sets. */
export const pullKeys = {
  config: (connectionId: string) => `${pullScope(connectionId)}config`,
  state: (connectionId: string) => `${pullScope(connectionId)}state`,
  run: (connectionId: string, runId: string) => `${pullScope(connectionId)}run:${runId}`,
  runPrefix: (connectionId: string) => `${pullScope(connectionId)}run:`,
  idSet: (connectionId: string, runId: string, set: string, index: number) =>
    `${idSetPrefix(connectionId, runId)}${set}:${String(index).padStart(6, '0')}`,
  idSetPrefix: (connectionId: string, runId: string) => idSetPrefix(connectionId, runId),
};

/** The name of a connection's pull-run lease (stored at `leaseKey(pullLeaseName(id))`). */
export const pullLeaseName = (connectionId: string) => `pull:${connectionId}`;

/** Where Secrets keeps the IdP credential (IDCS client secret, miniOrange API key). Never read back to the UI. */
export const pullSecretKey = (connectionId: string) => `conn:${connectionId}:idp-secret`;

/** Keys that no single connection owns. */
export const sharedKeys = {
  activityPrefix: 'act:all:',
  ledgerAccountPrefix: (accountId: string) => `own:${sortableKeyPart(accountId)}:`,
  ledgerEntry: (accountId: string, group: string, connectionId: string) =>
    `own:${sortableKeyPart(accountId)}:${sortableKeyPart(group)}:${connectionId}`,
  groupCreator: (group: string) => `grp:${sortableKeyPart(group)}`,
  accountRegistration: (accountId: string) => `acct:${sortableKeyPart(accountId)}`,
  accountCreationIntent: (email: string) => `acct-new:${sortableKeyPart(email)}`,
  lease: (name: string) => `lease:${name}`,
  defaultConnection: 'app:default-connection',
  atlassianConfig: 'atlassian:config',
  /** When each Atlassian credential was saved and when it expires. */
  atlassianKeyDates: 'atlassian:key-dates',
  /** A queue message whose last delivery failed and asked for a retry (cleared when a redelivery succeeds). */
  failedDeliveryPrefix: 'dlv:',
  failedDelivery: (eventId: string) => `dlv:${sortableKeyPart(eventId)}`,
  /** The SCIM web trigger's URL as the Jira admin page got it: the one set of SCIM URLs both pages show. */
  scimTriggerUrl: 'app:scim-trigger-url',
  pagePreferences: (accountId: string) => `pref:${sortableKeyPart(accountId)}`,
};

/** Where Secrets keeps an Atlassian credential. */
export const atlassianSecretKey = (kind: string) => `atlassian:${kind}`;
