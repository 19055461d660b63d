// How what an IdP lists becomes directory input. Directory ids are a hash of the IdP id, so a page delivered
// twice upserts the same records; the IdP id is kept as externalId. User attributes take the shape of a SCIM
// User (name.givenName, emails[...], extension attributes under their schema URN), which is what attribute
// mapping reads, whatever the IdP.
import { createHash } from 'node:crypto';
import type { GroupInput } from '../directory/groups';
import { userRecordSchema, type UserRecord } from '../directory/model';
import type { UserInput } from '../directory/users';
import type { IdpAttributes, IdpGroup, IdpUser } from '../idp/connector';

/** Fields the record holds itself (or that are memberships), never copied into attributes. */
const NOT_ATTRIBUTES = new Set(['id', 'username', 'externalid', 'active', 'emails', 'groups']);

export function directoryIdOf(idpId: string): string {
  return createHash('sha256').update(idpId, 'utf8').digest('hex').slice(0, 24);
}

export function toUserInput(user: IdpUser): UserInput {
  const attributes = unflatten(user.attributes);
  const name = {
    ...(isRecord(attributes.name) ? attributes.name : {}),
    ...(user.givenName ? { givenName: user.givenName } : {}),
    ...(user.familyName ? { familyName: user.familyName } : {}),
  };
  return {
    userName: user.userName,
    externalId: user.id,
    active: user.active,
    emails: [...new Set(user.emails.map((email) => email.value.toLowerCase()))],
    attributes: canonical({
      ...attributes,
      ...(user.displayName ? { displayName: user.displayName } : {}),
      ...(Object.keys(name).length > 0 ? { name } : {}),
      ...(user.emails.length > 0
        ? { emails: user.emails.map((email) => ({ value: email.value, ...(email.type ? { type: email.type } : {}), primary: email.primary })) }
        : {}),
    }),
  };
}

export function toGroupInput(group: IdpGroup): GroupInput {
  return { displayName: group.displayName, externalId: group.id, attributes: { displayName: group.displayName, externalId: group.id } };
}

/** Whether updateUser would find nothing to change (it compares the same way), so the write can be skipped. */
export function userUnchanged(current: UserRecord, input: UserInput): boolean {
  const next = userRecordSchema.parse({ ...current, ...input, externalId: input.externalId, extra: input.extra });
  return JSON.stringify(next) === JSON.stringify(current);
}

/** The fields a change of the record touches, for previews: the same names change records use. */
export function changedUserFields(current: UserRecord, input: UserInput): string[] {
  const fields: string[] = [];
  if (current.userName !== input.userName) fields.push('userName');
  if (current.active !== input.active) fields.push('active');
  if (current.externalId !== input.externalId) fields.push('externalId');
  if (JSON.stringify(current.emails) !== JSON.stringify(input.emails)) fields.push('emails');
  if (JSON.stringify(current.attributes) !== JSON.stringify(input.attributes)) fields.push('attributes');
  return fields;
}

/** `name.givenName` → { name: { givenName } }; `urn:…:User:manager.value` → { 'urn:…:User': { manager: { value } } }. */
function unflatten(bag: IdpAttributes): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(bag)) {
    const cut = path.startsWith('urn:') ? path.lastIndexOf(':') : -1;
    const segments = cut > 0 ? [path.slice(0, cut), ...path.slice(cut + 1).split('.')] : path.split('.');
    if (NOT_ATTRIBUTES.has(segments[0]!.toLowerCase())) continue;
    setPath(root, segments, value);
  }
  return root;
}

function setPath(root: Record<string, unknown>, segments: string[], value: unknown): void {
  let container = root;
  for (const segment of segments.slice(0, -1)) {
    const next = container[segment] ?? {};
    // A scalar already there (an IdP sending both `a` and `a.b`) keeps its place; the deeper value is dropped.
    if (!isRecord(next)) return;
    container[segment] = next;
    container = next;
  }
  container[segments[segments.length - 1]!] = value;
}

/** Keys sorted at every level: an IdP that reorders attributes does not make an unchanged user look changed. */
function canonical(value: Record<string, unknown>): Record<string, unknown> {
  const sort = (inner: unknown): unknown => {
    if (Array.isArray(inner)) return inner.map(sort);
    if (!isRecord(inner)) return inner;
    return Object.fromEntries(
      Object.keys(inner)
        .sort()
        .map((key) => [key, sort(inner[key])]),
    );
  };
  return sort(value) as Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
