// The user management API (reference §2.3): profile and lifecycle of accounts the organization manages.
import { z } from 'zod';
import type { HandlerContext, SandboxApi } from '../api';
import { ApiError, empty, json, readJson, type Route } from '../http';
import type { Account } from '../state';
import { adminErrorResponse, authenticateOrgKey } from './admin-family';

type Context = HandlerContext;

const profileChanges = z.object({
  name: z.string().min(1).optional(),
  nickname: z.string().optional(),
  zoneinfo: z.string().optional(),
  locale: z.string().optional(),
  extended_profile: z
    .object({
      job_title: z.string().optional(),
      organization: z.string().optional(),
      department: z.string().optional(),
      location: z.string().optional(),
    })
    .optional(),
});

const routes: Route<Context>[] = [
  { method: 'GET', pattern: '/users/:accountId/manage/profile', handle: (c) => json(200, profileBody(requireManaged(c))) },
  { method: 'PATCH', pattern: '/users/:accountId/manage/profile', handle: updateProfile },
  { method: 'POST', pattern: '/users/:accountId/manage/lifecycle/disable', handle: (c) => setActive(c, false) },
  { method: 'POST', pattern: '/users/:accountId/manage/lifecycle/enable', handle: (c) => setActive(c, true) },
];

export const userManagementApi: SandboxApi = {
  name: 'userManagement',
  host: 'api',
  prefix: '/users/',
  authenticate: authenticateOrgKey,
  routes,
  errorResponse: adminErrorResponse,
  rateLimitReason: 'admin-api-rate-limit',
};

function updateProfile(context: Context) {
  const account = requireManaged(context);
  const changes = readJson(context.request, profileChanges, 'ADMIN-UAM-400-1');
  const extended = changes.extended_profile;
  account.displayName = changes.name ?? account.displayName;
  account.nickname = changes.nickname ?? account.nickname;
  account.timeZone = changes.zoneinfo ?? account.timeZone;
  account.locale = changes.locale ?? account.locale;
  account.title = extended?.job_title ?? account.title;
  account.organization = extended?.organization ?? account.organization;
  account.department = extended?.department ?? account.department;
  return json(200, profileBody(account));
}

function setActive(context: Context, active: boolean) {
  requireManaged(context).active = active;
  return empty(204);
}

/** Only accounts whose email domain the organization verified. */
function requireManaged(context: Context): Account {
  const account = context.state.accounts.get(context.params.accountId);
  if (!account) throw new ApiError(404, `Account ${context.params.accountId} not found.`, 'ADMIN-UAM-404-1');
  if (!context.state.isManaged(account)) {
    throw new ApiError(403, 'This account is not managed by your organization.', 'ADMIN-UAM-403-1');
  }
  return account;
}

function profileBody(account: Account) {
  return {
    account: {
      account_id: account.accountId,
      account_type: account.accountType,
      account_status: account.active ? 'active' : 'inactive',
      name: account.displayName,
      email: account.email,
      nickname: account.nickname ?? '',
      zoneinfo: account.timeZone,
      locale: account.locale,
      extended_profile: {
        job_title: account.title,
        organization: account.organization,
        department: account.department,
      },
    },
  };
}
