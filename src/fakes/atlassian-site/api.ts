// What each sandbox API module provides: where it lives, who may call it, its routes and its error body.
import type { HttpResponse } from '../../platform/ports';
import type { ApiError, Route, SandboxRequest } from './http';
import type { Account, SandboxState } from './state';

export type ApiName = 'jira' | 'confluence' | 'scim' | 'organizations' | 'userManagement' | 'bitbucket';

/** Who a request acts as, after authentication. */
export type Caller = { kind: 'account'; account: Account } | { kind: 'app'; account: Account } | { kind: 'directoryKey' } | { kind: 'orgKey' };

/** Behaviour the reference marks UNVERIFIED, as switches (defaults in sandbox-site.ts). */
export interface UnverifiedBehaviour {
  /** Jira POST /group/user for an existing member: 400 (reported) or 201. */
  jiraAddExistingMember: 400 | 201;
  /** Jira DELETE /group/user for a non-member. */
  jiraRemoveNonMember: 400 | 200;
  /** Confluence POST /group for a taken name. */
  confluenceDuplicateGroup: 400 | 409;
  /** SCIM POST /Users with an email outside the organization's verified domains: accept (unmanaged link) or 400. */
  scimUnclaimedDomain: 'accept' | 'reject';
  /** Bitbucket's 1.0 groups endpoint: still there, or gone with 404/410. */
  bitbucketGroupsEndpoint: 'available' | 404 | 410;
}

export interface SandboxConfig {
  siteUrl: string;
  apiUrl: string;
  bitbucketUrl: string;
  directoryKey: string;
  orgKey: string;
  asAppToken: string;
  /** A created account shows up in Jira's user search only this long after creation. */
  searchIndexDelayMs: number;
  behaviour: UnverifiedBehaviour;
}

export interface HandlerContext {
  request: SandboxRequest;
  params: Record<string, string>;
  caller: Caller;
  state: SandboxState;
  config: SandboxConfig;
}

export interface SandboxApi {
  name: ApiName;
  host: 'site' | 'api' | 'bitbucket';
  /** Path prefix that selects this API on its host. */
  prefix: string;
  /** Undefined means 401. */
  authenticate(request: SandboxRequest, state: SandboxState, config: SandboxConfig): Caller | undefined;
  routes: readonly Route<HandlerContext>[];
  errorResponse(error: ApiError): HttpResponse;
  /** RateLimit-Reason on this API's 429s (Jira's value is documented; the others are our guess). */
  rateLimitReason: string;
}

export function bearerToken(request: SandboxRequest): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

export function basicCredentials(request: SandboxRequest): { user: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
