import { attributeBag } from '../attribute-bag';
import type { IdpAttributes, IdpEmail, IdpGroup, IdpUser } from '../connector';
import type { IdcsGroup, IdcsUser } from './schemas';

const NOT_ATTRIBUTES = new Set(['schemas', 'meta', 'groups', 'idcsCreatedBy', 'idcsLastModifiedBy']);

/** Distinct addresses, primary first: IDCS keeps a `recovery` copy of the primary work email. */
function emailsOf(user: IdcsUser): IdpEmail[] {
  const sorted = [...(user.emails ?? [])].sort((a, b) => Number(b.primary ?? false) - Number(a.primary ?? false));
  const seen = new Set<string>();
  return sorted.flatMap((email) => {
    const key = email.value.toLowerCase();
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ value: email.value, ...(email.type ? { type: email.type } : {}), primary: email.primary ?? false }];
  });
}

/** The values at an attribute path (matched case-insensitively, as SCIM does), as strings. */
function valuesAt(attributes: IdpAttributes, path: string): string[] {
  const key = Object.keys(attributes).find((k) => k.toLowerCase() === path.toLowerCase());
  const value = key === undefined ? undefined : attributes[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}

export function toIdpUser(user: IdcsUser, groupMembershipAttribute: string | undefined): IdpUser {
  const attributes = attributeBag(user, NOT_ATTRIBUTES);
  // `indirect` entries are computed (dynamic) memberships; the direct ones mirror the groups' member lists.
  const groups = groupMembershipAttribute
    ? valuesAt(attributes, groupMembershipAttribute)
    : (user.groups ?? []).filter((g) => (g.type ?? 'direct') === 'direct').map((g) => g.value);
  return {
    id: user.id,
    userName: user.userName,
    emails: emailsOf(user),
    ...(user.displayName ? { displayName: user.displayName } : {}),
    ...(user.name?.givenName ? { givenName: user.name.givenName } : {}),
    ...(user.name?.familyName ? { familyName: user.name.familyName } : {}),
    active: user.active ?? true,
    groups,
    attributes,
    ...(user.meta?.lastModified ? { lastModified: user.meta.lastModified } : {}),
  };
}

export function toIdpGroup(group: IdcsGroup): IdpGroup {
  return {
    id: group.id,
    displayName: group.displayName,
    ...(group.meta?.lastModified ? { lastModified: group.meta.lastModified } : {}),
  };
}
