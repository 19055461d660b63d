// "Test user lookup": the Cloud stand-in for the Data Center app's LDAP "Test Sync". Looks one user up in the IdP and
// shows what the sync would store and change in the directory, without writing anything.
import { directoryContext } from '../directory/directory-context';
import type { UserRecord } from '../directory/model';
import { getUser } from '../directory/users';
import type { Platform } from '../platform/ports';
import { changedUserFields, directoryIdOf, toUserInput } from './directory-mapping';
import { lookUpIdpUser } from './idp-lookup';
import { notesFor } from './platform-notes';
import type { Refusal } from './refusal';
import { userMembershipDelta, type UserGroupView } from './user-memberships';

export interface LookedUpUser {
  /** The IdP's id. */
  id: string;
  userName: string;
  displayName?: string;
  active: boolean;
  emails: string[];
  /** The attributes as the directory would store them: what attribute mapping reads. */
  attributes: Record<string, unknown>;
  groups: UserGroupView[];
}

export type PlannedChange =
  | { action: 'createUser'; description: string }
  | { action: 'updateUser'; fields: string[]; description: string }
  | { action: 'addToGroup' | 'removeFromGroup'; groupId: string; description: string };

export type UserLookupResult =
  | Refusal
  | { ok: true; found: false; message: string; notes: string[] }
  | { ok: true; found: true; idpUser: LookedUpUser; directoryRecord?: UserRecord; plannedChanges: PlannedChange[]; notes: string[] };

export async function testUserLookup(platform: Platform, connectionId: string, username: unknown): Promise<UserLookupResult> {
  const lookup = await lookUpIdpUser(platform, connectionId, username);
  if (!lookup.ok) return lookup;
  const { setup, user } = lookup;
  const notes = notesFor(setup.config.provider);
  if (!user) return { ok: true, found: false, message: 'The IdP has no user with this username or email address.', notes };

  const ctx = directoryContext(platform, connectionId, 'pull');
  const input = toUserInput(user);
  const id = directoryIdOf(user.id);
  const record = await getUser(ctx, id);
  const memberships = await userMembershipDelta(ctx, setup.config, user, id, record !== undefined);
  const plannedChanges: PlannedChange[] = [
    ...userChange(record, input),
    ...(memberships.add ?? []).map((group): PlannedChange => ({
      action: 'addToGroup',
      groupId: group.id,
      description: `Add to group ${group.displayName}.`,
    })),
    ...(memberships.remove ?? []).map((group): PlannedChange => ({
      action: 'removeFromGroup',
      groupId: group.id,
      description: `Remove from group ${group.displayName}.`,
    })),
  ];
  return {
    ok: true,
    found: true,
    idpUser: {
      id: user.id,
      userName: user.userName,
      ...(user.displayName ? { displayName: user.displayName } : {}),
      active: user.active,
      emails: input.emails,
      attributes: input.attributes,
      groups: memberships.groups,
    },
    ...(record ? { directoryRecord: record } : {}),
    plannedChanges,
    notes,
  };
}

function userChange(record: UserRecord | undefined, input: ReturnType<typeof toUserInput>): PlannedChange[] {
  if (!record) return [{ action: 'createUser', description: 'Create the user in the directory.' }];
  const fields = changedUserFields(record, input);
  if (fields.length === 0) return [];
  return [{ action: 'updateUser', fields, description: `Update ${fields.join(', ')}.` }];
}
