// A faithful in-process Atlassian Cloud site as an HttpTransport: Jira and Confluence on the site host, the SCIM,
// organizations and user management APIs on api.atlassian.com, Bitbucket's 1.0 groups on api.bitbucket.org, all
// over one state. Local runs and tests only; nothing here reaches the Forge bundle.
import { HttpNetworkError, HttpTimeoutError } from '../../platform/http-errors';
import type { Clock, HttpRequest, HttpResponse, HttpTransport } from '../../platform/ports';
import { systemClock } from '../../platform/system-clock';
import type { ApiName, HandlerContext, SandboxApi, SandboxConfig, UnverifiedBehaviour } from './api';
import { bitbucketApi } from './apis/bitbucket';
import { confluenceApi } from './apis/confluence';
import { jiraApi } from './apis/jira';
import { organizationsApi } from './apis/organizations';
import { scimApi } from './apis/scim';
import { userManagementApi } from './apis/user-management';
import { Faults, type FaultSpec } from './faults';
import { ApiError, matchRoute, parseRequest, type Route, type SandboxRequest } from './http';
import { TokenBuckets, type BucketConfig } from './rate-limiter';
import { seedSandbox } from './seed';
import { SandboxState, type OrganizationIds, type SandboxSnapshot } from './state';

export interface SandboxSecrets {
  directoryKey: string;
  orgKey: string;
  asAppToken: string;
  siteAdminToken: string;
  siteUserToken: string;
  bitbucketToken: string;
}

export interface SandboxSiteOptions {
  /** Drives rate-limit refill, search-index delay, latency and timestamps (default: the system clock). */
  clock?: Clock;
  /** Default https://sandbox.atlassian.net */
  siteUrl?: string;
  /** Default https://api.atlassian.com */
  apiUrl?: string;
  /** Default https://api.bitbucket.org */
  bitbucketUrl?: string;
  secrets?: Partial<SandboxSecrets>;
  /** How long a new account stays out of Jira's user search (default 2000 ms). */
  searchIndexDelayMs?: number;
  /** Added to every call (default 0); a call whose timeoutMs is shorter fails with HttpTimeoutError. */
  latencyMs?: number;
  /** Faults for the first matching calls, as if injected right after creation. */
  faults?: FaultSpec[];
  /** Off unless given: `burst` per API + method + endpoint, `userSearch` tenant-wide on Jira's user search. */
  rateLimits?: { burst?: BucketConfig; userSearch?: BucketConfig };
  behaviour?: Partial<UnverifiedBehaviour>;
}

export interface SandboxCredentials {
  siteUrl: string;
  apiUrl: string;
  bitbucketUrl: string;
  orgId: string;
  /** The organization's local directory (site groups live here). */
  orgDirectoryId: string;
  /** The identity-provider directory the directory key belongs to. */
  scimDirectoryId: string;
  directoryKey: string;
  orgKey: string;
  /** What stands in for Forge's asApp() signing: send as `Authorization: Bearer`. */
  asAppToken: string;
  siteAdmin: { accountId: string; email: string; apiToken: string };
  /** A site user who is not a site admin. */
  siteUser: { accountId: string; email: string; apiToken: string };
  bitbucket: { workspace: string; username: string; apiToken: string };
}

export interface SandboxStats {
  total: number;
  byApi: Partial<Record<ApiName, number>>;
  /** "METHOD /route/pattern" → calls. */
  byEndpoint: Record<string, number>;
  rateLimited: number;
  faulted: number;
}

export interface SandboxSite {
  transport: HttpTransport;
  state: SandboxState;
  credentials: SandboxCredentials;
  snapshot(): SandboxSnapshot;
  stats(): SandboxStats;
  resetStats(): void;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  setLatency(ms: number): void;
}

const DEFAULT_BEHAVIOUR: UnverifiedBehaviour = {
  jiraAddExistingMember: 400,
  jiraRemoveNonMember: 400,
  confluenceDuplicateGroup: 400,
  scimUnclaimedDomain: 'accept',
  bitbucketGroupsEndpoint: 'available',
};

const DEFAULT_SECRETS: SandboxSecrets = {
  directoryKey: 'sandbox-directory-key',
  orgKey: 'sandbox-org-key',
  asAppToken: 'sandbox-as-app-token',
  siteAdminToken: 'sandbox-site-admin-token',
  siteUserToken: 'sandbox-site-user-token',
  bitbucketToken: 'sandbox-bitbucket-token',
};

const ORGANIZATION: OrganizationIds = {
  orgId: 'sandbox-org',
  localDirectoryId: '5a9d0c1e-0000-4000-8000-00000000d1a1',
  scimDirectoryId: '5c1d0c1e-0000-4000-8000-00000000d5c1',
  claimedDomains: ['example.com'],
};

const APIS: readonly SandboxApi[] = [jiraApi, confluenceApi, scimApi, organizationsApi, userManagementApi, bitbucketApi];
const USER_SEARCH = '/rest/api/3/user/search';
const NEAR_LIMIT_SHARE = 0.2;

export function createSandboxSite(options: SandboxSiteOptions = {}): SandboxSite {
  const clock = options.clock ?? systemClock;
  const secrets: SandboxSecrets = { ...DEFAULT_SECRETS, ...options.secrets };
  const config = resolveConfig(options, secrets);
  const state = new SandboxState(ORGANIZATION, clock);
  const people = seedSandbox(state, secrets);
  const hosts = {
    site: new URL(config.siteUrl).host,
    api: new URL(config.apiUrl).host,
    bitbucket: new URL(config.bitbucketUrl).host,
  };
  const faults = new Faults();
  options.faults?.forEach((fault) => faults.add(fault));
  const buckets = new TokenBuckets(clock);
  let latencyMs = options.latencyMs ?? 0;
  let stats = emptyStats();

  async function send(raw: HttpRequest): Promise<HttpResponse> {
    const request = parseRequest(raw);
    const api = APIS.find((candidate) => hosts[candidate.host] === request.host && request.path.startsWith(candidate.prefix));
    if (!api) {
      if (!Object.values(hosts).includes(request.host)) {
        throw new HttpNetworkError(request.method, request.host, new Error(`getaddrinfo ENOTFOUND ${request.host}`));
      }
      return { status: 404, headers: {}, body: '' };
    }
    const match = matchRoute(api.routes, request.method, request.path);
    const endpoint = `${request.method} ${match.kind === 'found' ? match.route.pattern : request.path}`;
    count(api.name, endpoint);
    await delay(request);

    const fault = faults.take(api.name, request);
    if (fault) {
      stats.faulted += 1;
      return answerFault(api, request, fault);
    }
    const caller = api.authenticate(request, state, config);
    if (!caller) return api.errorResponse(new ApiError(401, 'Client must be authenticated to access this resource.'));
    if (match.kind !== 'found') {
      const status = match.kind === 'methodNotAllowed' ? 405 : 404;
      return api.errorResponse(new ApiError(status, status === 405 ? 'Method not allowed.' : 'Not found.'));
    }
    const limit = rateLimit(api, endpoint);
    if (limit.rejected) return limit.rejected;
    const response = handle(api, match.route, { request, params: match.params, caller, state, config });
    if (limit.nearLimit) response.headers['x-ratelimit-nearlimit'] = 'true';
    return response;
  }

  function handle(api: SandboxApi, route: Route<HandlerContext>, context: HandlerContext): HttpResponse {
    try {
      return route.handle(context);
    } catch (error) {
      if (error instanceof ApiError) return api.errorResponse(error);
      throw error;
    }
  }

  /** Burst bucket per API + endpoint; Jira's user search also draws from a tenant-wide bucket. */
  function rateLimit(api: SandboxApi, endpoint: string): { rejected?: HttpResponse; nearLimit: boolean } {
    const { burst, userSearch } = options.rateLimits ?? {};
    const checks: { key: string; config: BucketConfig; reason: string }[] = [];
    if (burst) checks.push({ key: `${api.name} ${endpoint}`, config: burst, reason: api.rateLimitReason });
    if (userSearch && endpoint === `GET ${USER_SEARCH}`) {
      checks.push({ key: 'user-search', config: userSearch, reason: 'jira-user-search-based' });
    }
    let nearLimit = false;
    for (const check of checks) {
      const answer = buckets.take(check.key, check.config);
      if (answer.allowed) {
        nearLimit ||= answer.remaining < check.config.capacity * NEAR_LIMIT_SHARE;
        continue;
      }
      stats.rateLimited += 1;
      const response = api.errorResponse(new ApiError(429, 'Rate limit exceeded.'));
      response.headers = {
        ...response.headers,
        'retry-after': String(answer.retryAfterSeconds),
        'x-ratelimit-reset': new Date(answer.resetAt).toISOString(),
        'x-ratelimit-limit': String(check.config.capacity),
        'x-ratelimit-remaining': '0',
        'ratelimit-reason': check.reason,
      };
      return { rejected: response, nearLimit };
    }
    return { nearLimit };
  }

  function answerFault(api: SandboxApi, request: SandboxRequest, fault: FaultSpec): HttpResponse {
    if (fault.status === 'timeout') throw new HttpTimeoutError(request.method, request.host, request.timeoutMs ?? 30_000);
    if (fault.status === 'network') {
      throw new HttpNetworkError(request.method, request.host, new Error('socket hang up'));
    }
    const rateLimited = fault.status === 429;
    const response = api.errorResponse(new ApiError(fault.status, rateLimited ? 'Rate limit exceeded.' : 'Injected fault.'));
    const retryAfter = fault.retryAfterSeconds ?? (rateLimited ? 5 : undefined);
    if (retryAfter !== undefined) {
      response.headers['retry-after'] = String(retryAfter);
      response.headers['x-ratelimit-reset'] = new Date(clock.now() + retryAfter * 1000).toISOString();
    }
    if (rateLimited) response.headers['ratelimit-reason'] = api.rateLimitReason;
    return response;
  }

  async function delay(request: SandboxRequest): Promise<void> {
    if (latencyMs <= 0) return;
    if (request.timeoutMs !== undefined && request.timeoutMs < latencyMs) {
      await clock.sleep(request.timeoutMs);
      throw new HttpTimeoutError(request.method, request.host, request.timeoutMs);
    }
    await clock.sleep(latencyMs);
  }

  function count(api: ApiName, endpoint: string): void {
    stats.total += 1;
    stats.byApi[api] = (stats.byApi[api] ?? 0) + 1;
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
  }

  return {
    transport: { send },
    state,
    credentials: {
      siteUrl: config.siteUrl,
      apiUrl: config.apiUrl,
      bitbucketUrl: config.bitbucketUrl,
      orgId: state.org.orgId,
      orgDirectoryId: state.org.localDirectoryId,
      scimDirectoryId: state.org.scimDirectoryId,
      directoryKey: secrets.directoryKey,
      orgKey: secrets.orgKey,
      asAppToken: secrets.asAppToken,
      siteAdmin: { accountId: people.siteAdmin.accountId, email: people.siteAdmin.email, apiToken: secrets.siteAdminToken },
      siteUser: { accountId: people.siteUser.accountId, email: people.siteUser.email, apiToken: secrets.siteUserToken },
      bitbucket: { workspace: people.bitbucketWorkspace, username: people.siteAdmin.email, apiToken: secrets.bitbucketToken },
    },
    snapshot: () => state.snapshot(),
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => {
      latencyMs = ms;
    },
  };
}

function resolveConfig(options: SandboxSiteOptions, secrets: SandboxSecrets): SandboxConfig {
  return {
    siteUrl: options.siteUrl ?? 'https://sandbox.atlassian.net',
    apiUrl: options.apiUrl ?? 'https://api.atlassian.com',
    bitbucketUrl: options.bitbucketUrl ?? 'https://api.bitbucket.org',
    directoryKey: secrets.directoryKey,
    orgKey: secrets.orgKey,
    asAppToken: secrets.asAppToken,
    searchIndexDelayMs: options.searchIndexDelayMs ?? 2000,
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
  };
}

function emptyStats(): SandboxStats {
  return { total: 0, byApi: {}, byEndpoint: {}, rateLimited: 0, faulted: 0 };
}
