// The Oracle IDCS / OCI IAM identity domain pull connector (the API: docs/design.md §5).
import { parseSettings } from '../connection-settings';
import type { IdpConnector, IdpCursor, IdpPage, ListOptions } from '../connector';
import { type IdpConnectorDeps, secretReader } from '../connector-deps';
import { deltaFloor, type Versioned } from '../delta-mark';
import { IdpError } from '../idp-error';
import { createIdcsAdminApi } from './admin-api';
import { type OracleIdcsConfigInput, oracleIdcsConfigSchema } from './config';
import { type DirectoryCursor, type ListCursor, listCursorSchema, memberCursorSchema, readCursor } from './cursors';
import { createGrantedListing } from './granted-listing';
import { finishPage } from './listing-page';
import { createIdcsResources, ID_SEARCH_BATCH, literal } from './resources';
import { listResponseSchema } from './schemas';
import { createIdcsTokenSource, type IdcsTokenCache } from './token-source';

/** IDCS's largest page. */
const PAGE_SIZE = 1000;
/** The largest member page inside `members[...]` is unverified; 1000 matches the documented page cap. */
const MEMBERS_PER_PAGE = 1000;

/** `tokenCache` keeps the access token beyond this connector (see IdcsTokenCache). */
export function createOracleIdcsConnector(input: OracleIdcsConfigInput, deps: IdpConnectorDeps, tokenCache?: IdcsTokenCache): IdpConnector {
  const config = parseSettings(oracleIdcsConfigSchema, input, 'Oracle IDCS');
  const { appId } = config;
  const { http, log } = deps;
  const skewMs = config.deltaSkewSeconds * 1000;
  const tokens = createIdcsTokenSource({
    baseUrl: config.baseUrl,
    clientId: config.clientId,
    clientSecret: secretReader(deps, 'Oracle IDCS client secret'),
    http,
    clock: deps.clock,
    log,
    cache: tokenCache,
  });
  const api = createIdcsAdminApi({ baseUrl: config.baseUrl, tokens, http, log });
  const resources = createIdcsResources(api, config.groupMembershipAttribute, log);
  const granted = appId === undefined ? undefined : createGrantedListing(resources, appId, skewMs);
  const mode = granted ? 'grants' : 'directory';

  function startOrResume(cursor: IdpCursor | undefined, options: ListOptions | undefined): ListCursor {
    if (cursor === undefined) {
      const since = options?.since;
      return mode === 'directory' ? { mode, startIndex: 1, since } : { mode, grantIndex: 1, since };
    }
    const resumed = readCursor(listCursorSchema, cursor);
    if (resumed.mode !== mode) {
      throw new IdpError('invalidConfig', 'The connection’s app id changed during a listing; start the listing again.');
    }
    return resumed;
  }

  // Sorting by id keeps offset paging steady while the directory changes: an update moves nothing; only
  // creations and deletions shift later pages (a repeat is harmless, a skipped user returns in the next full listing).
  async function directoryPage<T extends Versioned>(
    resource: 'Users' | 'Groups',
    cursor: DirectoryCursor,
    selection: Record<string, string>,
    read: (items: unknown[]) => T[],
  ): Promise<IdpPage<T>> {
    const list = await api.get(
      resource,
      resource,
      {
        filter: cursor.since && `meta.lastModified ge ${literal(deltaFloor(cursor.since, skewMs))}`,
        sortBy: 'id',
        startIndex: cursor.startIndex,
        count: PAGE_SIZE,
        ...selection,
      },
      listResponseSchema,
    );
    // Advance by what came back: IDCS's itemsPerPage echoes the requested count.
    const items = list.Resources ?? [];
    const startIndex = cursor.startIndex + items.length;
    const more = items.length > 0 && startIndex <= list.totalResults;
    return finishPage(read(items), cursor, more ? { ...cursor, startIndex } : undefined, skewMs);
  }

  /** Granted the app: directly, or (users) through a group they are in. */
  async function grantedAmong(present: Map<string, string[]>): Promise<Set<string>> {
    const grantees = [...new Set([...present.keys(), ...[...present.values()].flat()])];
    const granted = new Set<string>();
    for (let i = 0; i < grantees.length; i += ID_SEARCH_BATCH) {
      for (const id of await resources.grantedOf(appId!, grantees.slice(i, i + ID_SEARCH_BATCH))) granted.add(id);
    }
    return new Set([...present].filter(([id, groups]) => granted.has(id) || groups.some((group) => granted.has(group))).map(([id]) => id));
  }

  return {
    capabilities: { listUsers: true, listGroups: true, delta: true, lookup: true },

    async testConnection() {
      try {
        const users = await api.get('Users', 'Users', { count: 1, attributes: 'id' }, listResponseSchema);
        const found = `Connected to Oracle IDCS: ${users.totalResults} users in the identity domain.`;
        if (appId === undefined) return { ok: true, detail: found };
        const grants = await api.get(
          'Grants',
          'Grants',
          { filter: `app.value eq ${literal(appId)}`, count: 1, attributes: 'id' },
          listResponseSchema,
        );
        if (grants.totalResults === 0) {
          return {
            ok: false,
            detail: `${found} No user or group is assigned to app ${appId}: check the app id, and assign users or groups to the app.`,
          };
        }
        return { ok: true, detail: `${found} App ${appId} has ${grants.totalResults} assignments.` };
      } catch (error) {
        if (error instanceof IdpError) return { ok: false, detail: error.message };
        throw error;
      }
    },

    async lookupUser(usernameOrEmail) {
      const value = usernameOrEmail.trim();
      if (!value) return undefined;
      const filter = value.includes('@') ? `userName eq ${literal(value)} or emails.value eq ${literal(value)}` : `userName eq ${literal(value)}`;
      const list = await api.search(
        'Users',
        { filter, startIndex: 1, count: 10, attributeSets: ['default'], attributes: resources.userAttributes },
        listResponseSchema,
      );
      const users = resources.readUsers(list.Resources ?? []);
      return users.find((user) => user.userName.toLowerCase() === value.toLowerCase()) ?? users[0];
    },

    async listUsersPage(cursor, options) {
      const state = startOrResume(cursor, options);
      if (state.mode === 'grants') return granted!.usersPage(state);
      const selection = { attributeSets: 'default', attributes: resources.userAttributes.join(',') };
      return directoryPage('Users', state, selection, resources.readUsers);
    },

    async listGroupsPage(cursor, options) {
      const state = startOrResume(cursor, options);
      if (state.mode === 'grants') return granted!.groupsPage(state);
      return directoryPage('Groups', state, { attributes: 'displayName' }, resources.readGroups);
    },

    async listedOf(kind, ids) {
      const unique = [...new Set(ids)];
      const listed = new Set<string>();
      for (let i = 0; i < unique.length; i += ID_SEARCH_BATCH) {
        const present = await resources.presentByIds(kind === 'user' ? 'Users' : 'Groups', unique.slice(i, i + ID_SEARCH_BATCH));
        for (const id of granted ? await grantedAmong(present) : present.keys()) listed.add(id);
      }
      return listed;
    },

    async listGroupMembersPage(groupId, cursor) {
      const { startIndex } = cursor === undefined ? { startIndex: 1 } : readCursor(memberCursorSchema, cursor);
      const members = await resources.membersPage(groupId, startIndex, MEMBERS_PER_PAGE);
      const items = members.filter((member) => (member.type ?? 'User') === 'User').map((member) => member.value);
      if (members.length < MEMBERS_PER_PAGE) return { items };
      return { items, next: { startIndex: startIndex + members.length } };
    },
  };
}
