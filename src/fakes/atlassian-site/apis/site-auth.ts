// Who calls Jira and Confluence: a user by email + API token (Basic), or the app or the invoking user through
// Forge's proxy (asApp / asUser; bearer tokens here stand in for what the proxy adds). Permissions are the
// caller's group memberships.
import { basicCredentials, bearerToken, type Caller, type HandlerContext, type SandboxConfig } from '../api';
import { ApiError, type SandboxRequest } from '../http';
import type { Account, SandboxState } from '../state';

export function authenticateSite(request: SandboxRequest, state: SandboxState, config: SandboxConfig): Caller | undefined {
  const bearer = bearerToken(request);
  if (bearer !== undefined) {
    const userId = bearer.startsWith(asUserPrefix(config.asAppToken)) ? bearer.slice(asUserPrefix(config.asAppToken).length) : undefined;
    const user = userId === undefined ? undefined : state.accounts.get(userId);
    if (user) return user.active ? { kind: 'account', account: user } : undefined;
    const app = bearer === config.asAppToken && state.appAccountId ? state.accounts.get(state.appAccountId) : undefined;
    return app && { kind: 'app', account: app };
  }
  const basic = basicCredentials(request);
  const accountId = basic && state.siteTokens.get(basic.secret);
  const account = accountId === undefined ? undefined : state.accounts.get(accountId);
  if (!basic || !account || !account.active || account.email.toLowerCase() !== basic.user.toLowerCase()) return undefined;
  return { kind: 'account', account };
}

/** What stands in for Forge's asUser() signing: a bearer derived from the app's, naming the invoking user. */
export function asUserBearer(asAppToken: string, accountId: string): string {
  return `${asUserPrefix(asAppToken)}${accountId}`;
}

function asUserPrefix(asAppToken: string): string {
  return `${asAppToken}:as-user:`;
}

export function siteCaller(context: HandlerContext): Account {
  const caller = context.caller;
  if (caller.kind !== 'account' && caller.kind !== 'app') throw new Error('Sandbox: site API without a site caller');
  return caller.account;
}

/** Group and membership writes: member of site-admins. */
export function requireSiteAdmin(context: HandlerContext): void {
  if (!context.state.isSiteAdmin(siteCaller(context).accountId)) {
    throw new ApiError(403, 'You do not have permission to perform this operation: site administration is required.');
  }
}

/** The Administer Jira global permission (also what Administer Projects falls back to here). */
export function requireJiraAdmin(context: HandlerContext): void {
  if (!context.state.isJiraAdmin(siteCaller(context).accountId)) {
    throw new ApiError(403, 'You do not have permission to perform this operation: Administer Jira is required.');
  }
}
