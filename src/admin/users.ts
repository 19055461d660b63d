import { z } from 'zod';
import { getConnection } from '../connections/connection-repository';
import { directoryContext, type DirectoryContext } from '../directory/directory-context';
import { getGroupsById } from '../directory/groups';
import { listPage } from '../directory/listing';
import { listUserGroups } from '../directory/memberships';
import { groupRecordSchema, userRecordSchema, type UserRecord } from '../directory/model';
import { getUser } from '../directory/users';
import { desiredUser } from '../provisioning/attribute-mapping';
import { mapIdpGroups } from '../provisioning/group-mapping';
import type { ProvisioningOptions } from '../provisioning/options';
import { loadProvisioningOptions } from '../provisioning/options-store';
import { toIdpUser } from '../provisioning/reconcile-user';
import { getUserSyncState, syncStatuses, type UserSyncState } from '../provisioning/sync-state';
import type { AdminDeps } from './admin-deps';
import { connectionIdSchema, notFound, operation } from './result';

// The users and groups of one connection's directory, by name, with where each user stands on the Atlassian side.
// Filters are applied to the pages read: one call reads at most SCAN_LIMIT records and says where to go on.

const PAGE_SIZE = 25;
const SCAN_LIMIT = 200;

export interface UserRow {
  id: string;
  userName: string;
  displayName?: string;
  emails: string[];
  /** Undefined when the IdP has not said (or removed `active`). */
  active?: boolean;
  /** pending until the provisioning worker has handled the user. */
  status: UserSyncState['status'];
  /** The email the account is found and created by: the mapped attribute, after the username regex. */
  atlassianEmail?: string;
  accountId?: string;
  /** Why the last attempt failed or was skipped. */
  lastError?: string;
  syncedAt?: string;
  customAttributes: Record<string, string>;
}

export interface GroupRow {
  id: string;
  displayName: string;
  externalId?: string;
  lastModified: string;
  /** The Atlassian groups the options map it to (none when filtered out, protected or not mapped). */
  atlassianGroups: string[];
}

export interface DirectoryPage<T> {
  /** Records in the directory (before filtering). */
  total: number;
  items: T[];
  /** Where the next call goes on, when records are left to look at. */
  nextStartIndex?: number;
}

const listPayload = z.object({
  connectionId: connectionIdSchema,
  startIndex: z.number().int().min(1).default(1),
  text: z.string().trim().max(200, 'Use at most 200 characters.').optional(),
});

export const userOperations = {
  listUsers: operation(listPayload.extend({ status: z.enum(syncStatuses).optional() }), async (deps, input): Promise<DirectoryPage<UserRow>> => {
    const ctx = await connectionDirectory(deps, input.connectionId);
    const options = await loadProvisioningOptions(ctx.store, ctx.connectionId);
    const matches = (row: UserRow) =>
      (!input.status || row.status === input.status) &&
      (!input.text || [row.userName, row.displayName, row.atlassianEmail, ...row.emails].some((value) => includes(value, input.text ?? '')));
    return scan(ctx, 'user', input.startIndex, async (value) => matching(await userRow(ctx, userRecordSchema.parse(value), options), matches));
  }),

  getUserDetail: operation(z.object({ connectionId: connectionIdSchema, userId: z.string().min(1).max(200) }), async (deps, input) => {
    const ctx = await connectionDirectory(deps, input.connectionId);
    const record = await getUser(ctx, input.userId);
    if (!record) throw notFound('This user');
    const memberships = await listUserGroups(ctx, record.id);
    const groups = await getGroupsById(
      ctx,
      memberships.members.map((member) => member.groupId),
    );
    const options = await loadProvisioningOptions(ctx.store, ctx.connectionId);
    return {
      user: await userRow(ctx, record, options),
      groups: groups.map((group) => group.displayName),
      moreGroups: memberships.cursor !== undefined,
    };
  }),

  listGroups: operation(listPayload, async (deps, input): Promise<DirectoryPage<GroupRow>> => {
    const ctx = await connectionDirectory(deps, input.connectionId);
    const options = await loadProvisioningOptions(ctx.store, ctx.connectionId);
    return scan(ctx, 'group', input.startIndex, async (value) => {
      const group = groupRecordSchema.parse(value);
      const atlassianGroups = mapIdpGroups(options, [{ id: group.id, name: group.displayName }]).mapped.map((mapped) => mapped.name);
      const row: GroupRow = {
        id: group.id,
        displayName: group.displayName,
        lastModified: group.lastModified,
        atlassianGroups,
        ...(group.externalId ? { externalId: group.externalId } : {}),
      };
      return matching(row, () => !input.text || includes(group.displayName, input.text));
    });
  }),
};

async function connectionDirectory(deps: AdminDeps, connectionId: string): Promise<DirectoryContext> {
  if (!(await getConnection(deps.platform.store, connectionId))) throw notFound('This connection');
  return directoryContext(deps.platform, connectionId, 'admin');
}

/** Reads pages by name from startIndex until a page's worth matched or SCAN_LIMIT records were read. */
async function scan<T>(
  ctx: DirectoryContext,
  kind: 'user' | 'group',
  startIndex: number,
  toRow: (value: unknown) => Promise<T | undefined>,
): Promise<DirectoryPage<T>> {
  const items: T[] = [];
  let index = startIndex;
  let total = 0;
  for (let read = 0; read < SCAN_LIMIT && items.length < PAGE_SIZE;) {
    const page = await listPage(ctx, kind, 'name', index, PAGE_SIZE, (value) => value);
    total = page.total;
    const rows = await Promise.all(page.items.map(toRow));
    items.push(...rows.filter((row): row is Awaited<T> => row !== undefined));
    read += page.items.length;
    index += page.items.length;
    if (page.items.length < PAGE_SIZE) return { total, items };
  }
  return { total, items, ...(index <= total ? { nextStartIndex: index } : {}) };
}

async function userRow(ctx: DirectoryContext, record: UserRecord, options: ProvisioningOptions): Promise<UserRow> {
  const state = await getUserSyncState(ctx.store, ctx.connectionId, record.id);
  const displayName = displayNameOf(record.attributes);
  const mapped = desiredUser(toIdpUser(record), options);
  return {
    id: record.id,
    userName: record.userName,
    ...(displayName ? { displayName } : {}),
    emails: record.emails,
    ...(record.active !== undefined ? { active: record.active } : {}),
    status: state?.status ?? 'pending',
    ...(mapped.ok ? { atlassianEmail: mapped.user.email } : {}),
    ...(state?.accountId ? { accountId: state.accountId } : {}),
    ...(state?.lastError ? { lastError: state.lastError } : {}),
    ...(state ? { syncedAt: state.at } : {}),
    customAttributes: state?.customAttributes ?? {},
  };
}

function displayNameOf(attributes: Record<string, unknown>): string | undefined {
  if (typeof attributes.displayName === 'string') return attributes.displayName;
  const name = attributes.name as { formatted?: unknown } | undefined;
  return typeof name?.formatted === 'string' ? name.formatted : undefined;
}

function matching<T>(row: T, keep: (row: T) => boolean): T | undefined {
  return keep(row) ? row : undefined;
}

function includes(value: string | undefined, needle: string): boolean {
  return value !== undefined && value.toLowerCase().includes(needle.toLowerCase());
}
