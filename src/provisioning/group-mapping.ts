// Which Atlassian groups a connection puts a user in, and which memberships it may take away.
//
// Mapping (the Data Center app's Group Sync Settings). An IdP group is imported when group import is on, some include pattern
// matches its name (or there are none) and no exclude pattern does. It then maps
//   on the fly: to the Atlassian group of the same name, after the optional rename regex; created when missing
//               if createMissing is on;
//   manually:   to the Atlassian groups of the mapping whose idpGroup is the group's id or name (never created);
//               a group without a mapping is dropped, or mapped on the fly when importUnmapped is on.
// Default groups: allUsers always, newUsers when the app creates the account. Protected groups are never added to,
// removed from, created or deleted, whatever maps to them.
//
// Ownership. The worker records each membership this connection adds (addedByThis); a membership another
// connection added (ownedByOthers) is never removed by this one. A connection that wants a membership another one
// holds adds it too (a no-op on the site that records its claim), and one that stops wanting a membership others
// still hold only drops its claim (release): a membership stays while any connection wants it.
// A membership the IdP no longer asserts goes as follows:
//   on the fly, keepUnassertedMembers = true    nothing is removed
//   on the fly, keepUnassertedMembers = false   memberships this connection added
//   manual, keepExistingMembers = true          memberships this connection added
//   manual, keepExistingMembers = false         those, and memberships nobody added in groups a manual mapping
//                                               targets: those groups hold exactly their IdP groups' members
// Default groups are not removed for being unasserted (no IdP asserts them), and with group import off the
// connection stops removing anything. Disabling a user with disableAction 'removeFromManagedGroups' releases the
// memberships the same rules allow, with the keep options, default groups and group import not considered.

import { groupKey, groupKeys, matchesGroupPattern, uniqueGroupNames } from './group-names';
import { BUILT_IN_PROTECTED_GROUPS, type ProvisioningOptions } from './options';
import { applyRegexReplacement, MAX_INPUT_LENGTH, requireSafeRegex } from './safe-regex';

export interface IdpGroupRef {
  id: string;
  name: string;
}

export interface MappedGroup {
  /** The Atlassian group. */
  name: string;
  /** The user's (or directory's) IdP groups that map to it. */
  sources: IdpGroupRef[];
  /** The connection may create it when it is missing. */
  creatable: boolean;
}

export interface DesiredGroup {
  name: string;
  reason: string;
  creatable: boolean;
}

/** An IdP group that could not be mapped. */
export interface RefusedGroup {
  /** Its name, or its id when the name is too long to use. */
  idpGroup: string;
  reason: string;
}

export interface UserGroups {
  groups: DesiredGroup[];
  /** Wanted, but protected: the app leaves them alone. */
  protectedGroups: DesiredGroup[];
  refused: RefusedGroup[];
}

export interface Memberships {
  /** The Atlassian groups the user is in. */
  current: string[];
  /** Those this connection added. */
  addedByThis: string[];
  /** Those other connections added. */
  ownedByOthers: string[];
}

export interface MembershipChanges {
  add: string[];
  remove: string[];
  /** This connection's claims to drop, on memberships that other connections still hold. */
  release: string[];
}

export interface MembershipOwnership {
  addedByThis: boolean;
  ownedByOthers: boolean;
}

export type RemovalCause = 'unasserted' | 'userDisabled';

export type GroupOptions = Pick<
  ProvisioningOptions,
  'groupImport' | 'groupMappingMode' | 'onTheFly' | 'manual' | 'defaultGroups' | 'protectedGroups'
>;

type Targets = { names: string[]; creatable: boolean } | { refusal: string };

export const NEW_USERS_REASON = 'default group for new users';

/** The Atlassian groups the given IdP groups map to, each once, protected ones included. */
export function mapIdpGroups(
  options: GroupOptions,
  idpGroups: IdpGroupRef[],
): { mapped: MappedGroup[]; refused: RefusedGroup[]; filtered: IdpGroupRef[] } {
  const mapped = new Map<string, MappedGroup>();
  const refused: RefusedGroup[] = [];
  const filtered: IdpGroupRef[] = [];
  if (!options.groupImport.enabled) return { mapped: [], refused, filtered };
  for (const idpGroup of idpGroups) {
    if (idpGroup.name.length > MAX_INPUT_LENGTH) {
      const reason = `IdP group ${idpGroup.id} has a name longer than ${MAX_INPUT_LENGTH} characters.`;
      refused.push({ idpGroup: idpGroup.id, reason });
      continue;
    }
    if (!passesFilter(options.groupImport.filter, idpGroup.name)) {
      filtered.push(idpGroup);
      continue;
    }
    const targets = targetsOf(options, idpGroup);
    if ('refusal' in targets) {
      refused.push({ idpGroup: idpGroup.name, reason: targets.refusal });
      continue;
    }
    for (const name of targets.names) {
      const existing = mapped.get(groupKey(name));
      if (existing) {
        existing.sources.push(idpGroup);
        existing.creatable ||= targets.creatable;
      } else {
        mapped.set(groupKey(name), { name: name.trim(), sources: [idpGroup], creatable: targets.creatable });
      }
    }
  }
  return { mapped: [...mapped.values()], refused, filtered };
}

/**
 * The groups a user should be in. idpGroups undefined means the IdP did not say (SCIM pushes memberships on
 * Group resources), which leaves only the default groups.
 */
export function desiredGroups(options: GroupOptions, idpGroups: IdpGroupRef[] | undefined, isNewUser: boolean): UserGroups {
  const { mapped, refused } = mapIdpGroups(options, idpGroups ?? []);
  const defaults = (names: string[], reason: string) => names.map((name) => ({ name, reason, creatable: false }));
  const candidates: DesiredGroup[] = [
    ...mapped.map((group) => ({ name: group.name, reason: membershipReason(group.sources), creatable: group.creatable })),
    ...defaults(options.defaultGroups.allUsers, 'default group for all users'),
    ...defaults(isNewUser ? options.defaultGroups.newUsers : [], NEW_USERS_REASON),
  ];
  const unique = new Map<string, DesiredGroup>();
  for (const candidate of candidates) {
    const existing = unique.get(groupKey(candidate.name));
    if (existing) existing.creatable ||= candidate.creatable;
    else unique.set(groupKey(candidate.name), { ...candidate });
  }
  const all = [...unique.values()];
  return {
    groups: all.filter((group) => !isProtectedGroup(options, group.name)),
    protectedGroups: all.filter((group) => isProtectedGroup(options, group.name)),
    refused,
  };
}

/** The built-in protected groups count even if the options were built without parsing. */
export function isProtectedGroup(options: Pick<ProvisioningOptions, 'protectedGroups'>, name: string): boolean {
  return [...BUILT_IN_PROTECTED_GROUPS, ...options.protectedGroups].some((pattern) => matchesGroupPattern(pattern, name));
}

/** What to add and remove so that the user's groups match desired, within what this connection may change. */
export function membershipChanges(options: GroupOptions, desired: string[], memberships: Memberships): MembershipChanges {
  const current = groupKeys(memberships.current);
  const claimed = groupKeys(memberships.addedByThis);
  const others = groupKeys(memberships.ownedByOthers);
  const wanted = groupKeys(desired);
  const missing = (key: string) => !current.has(key) || (others.has(key) && !claimed.has(key));
  const unwanted = (name: string) => !wanted.has(groupKey(name));
  return {
    add: uniqueGroupNames(desired).filter((name) => missing(groupKey(name)) && !isProtectedGroup(options, name)),
    remove: removable(options, memberships, 'unasserted').filter(unwanted),
    release: releasable(options, memberships, 'unasserted').filter(unwanted),
  };
}

/** What to take away from a user the IdP reports inactive (disableAction 'removeFromManagedGroups'). */
export function releasedMemberships(options: GroupOptions, memberships: Memberships): Omit<MembershipChanges, 'add'> {
  return { remove: removable(options, memberships, 'userDisabled'), release: releasable(options, memberships, 'userDisabled') };
}

/** The ownership rules in the header, for one membership the IdP does not assert. */
export function mayRemoveMembership(options: GroupOptions, group: string, ownership: MembershipOwnership, cause: RemovalCause): boolean {
  if (isProtectedGroup(options, group) || ownership.ownedByOthers) return false;
  const kept = !options.groupImport.enabled || keepsUnassertedMembers(options) || isDefaultGroup(options, group);
  if (cause === 'unasserted' && kept) return false;
  return ownership.addedByThis || mirrorsManualTarget(options, group);
}

/** "member of IdP group 'a'" / "member of IdP groups 'a', 'b'". */
export function membershipReason(sources: IdpGroupRef[]): string {
  const names = sources.map((source) => `'${source.name}'`).join(', ');
  return `member of IdP group${sources.length === 1 ? '' : 's'} ${names}`;
}

function removable(options: GroupOptions, memberships: Memberships, cause: RemovalCause): string[] {
  const added = groupKeys(memberships.addedByThis);
  const others = groupKeys(memberships.ownedByOthers);
  return uniqueGroupNames(memberships.current).filter((name) => {
    const key = groupKey(name);
    return mayRemoveMembership(options, name, { addedByThis: added.has(key), ownedByOthers: others.has(key) }, cause);
  });
}

/** Memberships this connection added and would remove, were other connections not holding them too. */
function releasable(options: GroupOptions, memberships: Memberships, cause: RemovalCause): string[] {
  const others = groupKeys(memberships.ownedByOthers);
  return uniqueGroupNames(memberships.addedByThis).filter(
    (name) => others.has(groupKey(name)) && mayRemoveMembership(options, name, { addedByThis: true, ownedByOthers: false }, cause),
  );
}

function passesFilter(filter: GroupOptions['groupImport']['filter'], name: string): boolean {
  const matchesAny = (patterns: string[]) => patterns.some((pattern) => requireSafeRegex(pattern).exec(name).outcome === 'match');
  return (filter.include.length === 0 || matchesAny(filter.include)) && !matchesAny(filter.exclude);
}

function targetsOf(options: GroupOptions, idpGroup: IdpGroupRef): Targets {
  if (options.groupMappingMode === 'manual') {
    const mapping = options.manual.mappings.find(
      (candidate) => candidate.idpGroup === idpGroup.id || groupKey(candidate.idpGroup) === groupKey(idpGroup.name),
    );
    if (mapping) return { names: mapping.atlassianGroups, creatable: false };
    if (!options.manual.importUnmapped) return { names: [], creatable: false };
  }
  return onTheFlyTarget(options.onTheFly, idpGroup);
}

function onTheFlyTarget(onTheFly: GroupOptions['onTheFly'], idpGroup: IdpGroupRef): Targets {
  if (!onTheFly.nameRegex) return { names: [idpGroup.name], creatable: onTheFly.createMissing };
  const renamed = applyRegexReplacement(onTheFly.nameRegex, idpGroup.name);
  const subject = `IdP group '${idpGroup.name}'`;
  if (renamed.outcome === 'error') return { refusal: `${subject}: the group name regex failed: ${renamed.message}` };
  if (renamed.result.trim() === '') return { refusal: `${subject}: the group name regex leaves an empty name.` };
  return { names: [renamed.result], creatable: onTheFly.createMissing };
}

function keepsUnassertedMembers(options: GroupOptions): boolean {
  return options.groupMappingMode === 'onTheFly' && options.onTheFly.keepUnassertedMembers;
}

function isDefaultGroup(options: GroupOptions, group: string): boolean {
  const key = groupKey(group);
  return [...options.defaultGroups.newUsers, ...options.defaultGroups.allUsers].some((name) => groupKey(name) === key);
}

/** Manual mode with keepExistingMembers off, for a group a mapping targets: it holds exactly its IdP groups' members. */
export function mirrorsManualTarget(options: GroupOptions, group: string): boolean {
  if (options.groupMappingMode !== 'manual' || options.manual.keepExistingMembers) return false;
  const key = groupKey(group);
  return options.manual.mappings.some((mapping) => mapping.atlassianGroups.some((name) => groupKey(name) === key));
}
