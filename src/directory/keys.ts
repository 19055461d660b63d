import { createHash } from 'node:crypto';

// Store layout of one connection's directory (all under `c:{connectionId}:`):
//   u:{userId}                user record              un:{sortable userName}   copy of the user record
//   ux:{hash}:{userId}        externalId index         ue:{hash}:{userId}       email index
//   g:{groupId}               group record             gn:{sortable name}       copy of the group record
//   gx:{hash}:{groupId}       externalId index
//   gm:{groupId}:{userId}     membership by group      ug:{userId}:{groupId}    membership by user
//   n:u:{shard} n:g:{shard}   sharded counters (totalResults without a scan)
// The copies under un:/gn: make lookups by name one read and give name-ordered listing (sortBy) for free.

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

export function hashKeyPart(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 40);
}

export function shardOf(id: string): string {
  return (createHash('sha256').update(id).digest()[0] % COUNTER_SHARDS).toString(16);
}

export function directoryKeys(connectionId: string) {
  const base = `c:${connectionId}:`;
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
    allCounters: (kind: 'u' | 'g') =>
      Array.from({ length: COUNTER_SHARDS }, (_, i) => `${base}n:${kind}:${i.toString(16)}`),
  };
}

export type DirectoryKeys = ReturnType<typeof directoryKeys>;
