// An in-process Oracle IDCS / OCI IAM identity domain, faithful to the API docs/design.md §5 describes:
// client-credentials tokens that expire, Users/Groups/Grants/Apps with IDCS paging, filters and projection,
// member paging inside the attribute selector, SCIM error bodies, and 429s without Retry-After.
import type { Clock, HttpRequest, HttpResponse, HttpTransport } from '../../platform/ports';
import { type FakeHandler, headerOf, jsonResponse, parseJsonBody, transportOf } from './fake-http';
import {
  type FakeIdcsAppSeed,
  type FakeIdcsGrantSeed,
  type FakeIdcsGroupSeed,
  type FakeIdcsUserSeed,
  type GrantRecord,
  type GroupRecord,
  KNOWN_PATHS,
  REQUEST_ONLY,
  type Resource,
  type UserRecord,
  renderApp,
  renderGrant,
  renderGroup,
  renderUser,
} from './idcs-fake-model';
import {
  type CountPolicy,
  FakeScimError,
  type ListQuery,
  listResources,
  parseProjection,
  project,
  queryFromSearchBody,
  queryFromSearchParams,
} from './idcs-fake-query';

export type { FakeIdcsAppSeed, FakeIdcsGrantSeed, FakeIdcsGroupSeed, FakeIdcsUserSeed } from './idcs-fake-model';
export { idcsId, seedIdcs } from './seed-idcs';

export const IDCS_SCOPE = 'urn:opc:idm:__myscopes__';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const ORACLE_ERROR_EXTENSION = 'urn:ietf:params:scim:api:oracle:idcs:extension:messages:Error';

export interface FakeIdcsOptions {
  clientId: string;
  clientSecret: string;
  clock: Clock;
  users?: FakeIdcsUserSeed[];
  groups?: FakeIdcsGroupSeed[];
  grants?: FakeIdcsGrantSeed[];
  /** Apps that answer `GET /admin/v1/Apps/{id}`; defaults to every app named by a grant. */
  apps?: FakeIdcsAppSeed[];
  /** Default 3600, as IDCS issues. */
  tokenTtlSeconds?: number;
  /** Requests per clock second the domain accepts before answering 429 (without Retry-After). */
  rateLimit?: { perSecond: number };
  /** What `count` above 1000 does; IDCS's real answer is unverified. Default 'reject' (400). */
  countAbove1000?: CountPolicy;
  /** A response carrying more members than this for one group fails, as IDCS does above 10,000. */
  memberLimit?: number;
}

export interface FakeIdcsRequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface FakeIdcs {
  transport: HttpTransport;
  /** The same handler, for mounting on a node HTTP server. */
  handle: FakeHandler;
  /** Every request received, in order. */
  readonly requests: FakeIdcsRequestRecord[];
  addUser(seed: FakeIdcsUserSeed): void;
  /** Changes a user and bumps its meta.lastModified to the clock's time. */
  updateUser(id: string, changes: Partial<Omit<FakeIdcsUserSeed, 'id' | 'lastModified'>>): void;
  /** Deletes a user with its memberships and grants. */
  removeUser(id: string): void;
  /** Deletes a group with its memberships and the grants to it. */
  removeGroup(id: string): void;
  addGrant(seed: FakeIdcsGrantSeed): string;
  removeGrant(id: string): void;
  addMembership(groupId: string, userId: string): void;
  removeMembership(groupId: string, userId: string): void;
  /** The next `count` requests are answered 429 without Retry-After. */
  throttleNext(count: number): void;
  /** The next `count` requests are answered with this 5xx status. */
  failNext(status: number, count?: number): void;
  /** Invalidates every issued token (as if they had all expired). */
  revokeTokens(): void;
  /** A new client secret (the admin regenerated it): token requests with the old one fail; issued tokens stay good. */
  setClientSecret(secret: string): void;
}

interface IssuedToken {
  expiresAt: number;
}

export function createFakeIdcs(options: FakeIdcsOptions): FakeIdcs {
  const { clock } = options;
  let clientSecret = options.clientSecret;
  const ttlSeconds = options.tokenTtlSeconds ?? 3600;
  const memberLimit = options.memberLimit ?? 10_000;
  const countPolicy = options.countAbove1000 ?? 'reject';
  const iso = () => new Date(clock.now()).toISOString();
  const startedAt = iso();

  const users = new Map<string, UserRecord>();
  const groups = new Map<string, GroupRecord>();
  const grants = new Map<string, GrantRecord>();
  const apps = new Map<string, FakeIdcsAppSeed>();
  const tokens = new Map<string, IssuedToken>();
  const requests: FakeIdcsRequestRecord[] = [];
  let tokenCounter = 0;
  let grantCounter = 0;
  let requestCounter = 0;
  let throttled = 0;
  const failures: number[] = [];
  const window = { second: -1, count: 0 };

  const addUser = (seed: FakeIdcsUserSeed) => {
    const { lastModified, ...rest } = seed;
    const at = lastModified ?? iso();
    users.set(seed.id, { ...rest, created: at, lastModified: at, version: 1 });
  };
  const addGrant = (seed: FakeIdcsGrantSeed): string => {
    grantCounter += 1;
    const id = seed.id ?? `grant${String(grantCounter).padStart(27, '0')}`;
    const mechanism = seed.grantMechanism ?? `ADMINISTRATOR_TO_${seed.grantee.type === 'Group' ? 'GROUP' : 'USER'}`;
    const at = iso();
    grants.set(id, { ...seed, id, grantMechanism: mechanism, created: at, lastModified: at });
    if (!apps.has(seed.appId)) apps.set(seed.appId, { id: seed.appId, displayName: seed.appId });
    return id;
  };
  const touchMembership = (group: GroupRecord, userId: string) => {
    group.lastModified = iso();
    group.version += 1;
    const user = users.get(userId);
    if (user) user.groupMembershipLastModified = iso();
  };

  for (const app of options.apps ?? []) apps.set(app.id, app);
  for (const seed of options.users ?? []) addUser(seed);
  for (const seed of options.groups ?? []) {
    const at = seed.lastModified ?? iso();
    groups.set(seed.id, {
      id: seed.id,
      displayName: seed.displayName,
      dynamic: seed.dynamic ?? false,
      members: new Map((seed.members ?? []).map((userId) => [userId, at])),
      created: at,
      lastModified: at,
      version: 1,
    });
  }
  for (const seed of options.grants ?? []) addGrant(seed);

  function scimError(error: FakeScimError): HttpResponse {
    return jsonResponse(error.status, {
      schemas: error.messageId ? [ERROR_SCHEMA, ORACLE_ERROR_EXTENSION] : [ERROR_SCHEMA],
      detail: error.detail,
      status: String(error.status),
      ...(error.messageId ? { [ORACLE_ERROR_EXTENSION]: { messageId: error.messageId } } : {}),
    });
  }

  function injectedFault(): HttpResponse | undefined {
    if (throttled > 0) {
      throttled -= 1;
      return scimError(new FakeScimError(429, 'Too many requests.'));
    }
    const failure = failures.shift();
    if (failure !== undefined) return scimError(new FakeScimError(failure, 'The service is temporarily unavailable.'));
    if (options.rateLimit) {
      const second = Math.floor(clock.now() / 1000);
      if (second !== window.second) Object.assign(window, { second, count: 0 });
      window.count += 1;
      if (window.count > options.rateLimit.perSecond) return scimError(new FakeScimError(429, 'Too many requests.'));
    }
    return undefined;
  }

  function issueToken(request: HttpRequest): HttpResponse {
    const oauthError = (status: number, error: string, description: string) => jsonResponse(status, { error, error_description: description });
    const basic = /^Basic\s+(.+)$/i.exec(headerOf(request, 'authorization') ?? '');
    const expected = Buffer.from(`${options.clientId}:${clientSecret}`).toString('base64');
    if (!basic || basic[1] !== expected) return oauthError(401, 'invalid_client', 'Client authentication failed.');
    const form = new URLSearchParams(request.body ?? '');
    if (form.get('grant_type') !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 'The grant type is not supported.');
    }
    if (!(form.get('scope') ?? '').split(' ').includes(IDCS_SCOPE)) {
      return oauthError(400, 'invalid_scope', 'The requested scope is invalid or unknown.');
    }
    tokenCounter += 1;
    const token = `fake-idcs-access-token-${tokenCounter}`;
    tokens.set(token, { expiresAt: clock.now() + ttlSeconds * 1000 });
    return jsonResponse(200, { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds });
  }

  function checkBearer(request: HttpRequest): void {
    const bearer = /^Bearer\s+(.+)$/i.exec(headerOf(request, 'authorization') ?? '');
    const token = bearer ? tokens.get(bearer[1]!) : undefined;
    if (!token || token.expiresAt <= clock.now()) {
      throw new FakeScimError(401, 'The access token is missing, invalid or expired.');
    }
  }

  const renderUsers = (base: string) => {
    const groupsOf = new Map<string, GroupRecord[]>();
    for (const group of groups.values()) {
      for (const userId of group.members.keys()) {
        const of = groupsOf.get(userId);
        if (of) of.push(group);
        else groupsOf.set(userId, [group]);
      }
    }
    return [...users.values()].map((user) => renderUser(base, user, groupsOf.get(user.id) ?? []));
  };
  const renderGroups = (base: string) => [...groups.values()].map((group) => renderGroup(base, group, users));
  const renderGrants = (base: string) => [...grants.values()].map((grant) => renderGrant(base, grant, apps));

  function enforceMemberLimit(resources: Resource[]): void {
    for (const resource of resources) {
      if (Array.isArray(resource.members) && resource.members.length > memberLimit) {
        throw new FakeScimError(400, `The group has more than ${memberLimit} members; request them in pages with members[startIndex=..&count=..].`);
      }
    }
  }

  function routeAdmin(request: HttpRequest, url: URL): HttpResponse {
    checkBearer(request);
    const base = url.origin;
    const m = /^\/admin\/v1\/(Users|Groups|Grants|Apps)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m) throw new FakeScimError(404, `No resource at ${url.pathname}.`);
    const type = m[1] as 'Users' | 'Groups' | 'Grants' | 'Apps';
    const id = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
    const isSearch = id === '.search';
    if (request.method === 'POST' && !isSearch) throw new FakeScimError(405, 'Writes are not supported by this fake.');
    if (request.method === 'GET' && isSearch) throw new FakeScimError(405, 'Use POST for .search.');
    if (request.method !== 'GET' && request.method !== 'POST') {
      throw new FakeScimError(405, `${request.method} is not supported.`);
    }

    if (id !== undefined && !isSearch) {
      const projection = parseProjection(queryFromSearchParams(url.searchParams));
      const resource = byId(base, type, id);
      if (!resource) throw new FakeScimError(404, `Resource ${id} not found.`, 'error.common.common.resourceNotFound');
      const projected = project(resource, projection, REQUEST_ONLY[type]);
      enforceMemberLimit([projected]);
      return jsonResponse(200, projected);
    }
    if (type === 'Apps') throw new FakeScimError(405, 'Listing apps is not supported by this fake.');
    const query: ListQuery = isSearch ? queryFromSearchBody(parseJsonBody(request)) : queryFromSearchParams(url.searchParams);
    const all = type === 'Users' ? renderUsers(base) : type === 'Groups' ? renderGroups(base) : renderGrants(base);
    const list = listResources(all, query, KNOWN_PATHS[type], REQUEST_ONLY[type], countPolicy);
    enforceMemberLimit(list.Resources ?? []);
    return jsonResponse(200, list);
  }

  function byId(base: string, type: 'Users' | 'Groups' | 'Grants' | 'Apps', id: string): Resource | undefined {
    switch (type) {
      case 'Users': {
        const user = users.get(id);
        return user && renderUser(base, user, groups.values());
      }
      case 'Groups': {
        const group = groups.get(id);
        return group && renderGroup(base, group, users);
      }
      case 'Grants': {
        const grant = grants.get(id);
        return grant && renderGrant(base, grant, apps);
      }
      case 'Apps': {
        const app = apps.get(id);
        return app && renderApp(base, app, grants.values(), startedAt);
      }
    }
  }

  const handle: FakeHandler = async (request) => {
    const url = new URL(request.url);
    requests.push({ method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams) });
    requestCounter += 1;
    const headers = { 'x-oracle-dms-ecid': `fake-ecid-${requestCounter}`, 'x-oracle-dms-rid': '0:1' };
    const withHeaders = (response: HttpResponse) => ({ ...response, headers: { ...response.headers, ...headers } });
    const fault = injectedFault();
    if (fault) return withHeaders(fault);
    try {
      if (url.pathname === '/oauth2/v1/token' && request.method === 'POST') return withHeaders(issueToken(request));
      if (url.pathname.startsWith('/admin/v1/')) return withHeaders(routeAdmin(request, url));
      throw new FakeScimError(404, `No resource at ${url.pathname}.`);
    } catch (error) {
      if (error instanceof FakeScimError) return withHeaders(scimError(error));
      throw error;
    }
  };

  const requireGroup = (groupId: string) => {
    const group = groups.get(groupId);
    if (!group) throw new Error(`fake IDCS: no group ${groupId}`);
    return group;
  };

  return {
    transport: transportOf(handle),
    handle,
    requests,
    addUser,
    updateUser(id, changes) {
      const user = users.get(id);
      if (!user) throw new Error(`fake IDCS: no user ${id}`);
      Object.assign(user, changes, { lastModified: iso(), version: user.version + 1 });
    },
    removeUser(id) {
      users.delete(id);
      for (const group of groups.values()) if (group.members.delete(id)) touchMembership(group, id);
      for (const [grantId, grant] of grants) {
        if (grant.grantee.type === 'User' && grant.grantee.value === id) grants.delete(grantId);
      }
    },
    removeGroup(id) {
      const group = requireGroup(id);
      groups.delete(id);
      for (const userId of group.members.keys()) {
        const user = users.get(userId);
        if (user) user.groupMembershipLastModified = iso();
      }
      for (const [grantId, grant] of grants) {
        if (grant.grantee.type === 'Group' && grant.grantee.value === id) grants.delete(grantId);
      }
    },
    addGrant,
    removeGrant(id) {
      grants.delete(id);
    },
    addMembership(groupId, userId) {
      const group = requireGroup(groupId);
      group.members.set(userId, iso());
      touchMembership(group, userId);
    },
    removeMembership(groupId, userId) {
      const group = requireGroup(groupId);
      if (group.members.delete(userId)) touchMembership(group, userId);
    },
    throttleNext(count) {
      throttled += count;
    },
    failNext(status, count = 1) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    revokeTokens() {
      tokens.clear();
    },
    setClientSecret(secret) {
      clientSecret = secret;
    },
  };
}
