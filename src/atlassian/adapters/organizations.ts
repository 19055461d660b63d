// The Organizations REST API (admin/v2, one directory of the org) and the user management API, with an org API key.
import { z } from 'zod';
import { ApiCaller, sameText, type ApiFamily, type Call } from './api-caller';
import type { HttpClient } from '../../platform/http-client';
import {
  TargetError,
  type AtlassianGroup,
  type AtlassianTarget,
  type AtlassianUser,
  type GroupMember,
  type GroupOperations,
  type NewUser,
  type Page,
  type ProfileChanges,
  type UserRef,
} from '../target';

export interface OrganizationsOptions {
  http: HttpClient;
  orgId: string;
  /** The directory whose users and groups this adapter manages ('-' = every directory the key may manage). */
  directoryId: string;
  apiKey: string;
  /** Default https://api.atlassian.com */
  baseUrl?: string;
}

export type OrganizationsOperations = GroupOperations &
  Pick<AtlassianTarget, 'findUserByEmail' | 'getUser' | 'createUser' | 'updateProfile' | 'suspendUser' | 'restoreUser' | 'removeProductAccess'>;

const PAGE_SIZE = 100;

const orgUser = z.object({
  accountId: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  accountStatus: z.string().optional(),
  membershipStatus: z.string().nullish(),
});
const orgGroup = z.object({ id: z.string(), name: z.string() });
function cursorPage<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), links: z.object({ next: z.string().nullish() }).optional() });
}
const userPage = cursorPage(orgUser);
const groupPage = cursorPage(orgGroup);
const userDetails = z.object({ data: orgUser });
const adminErrors = z.object({
  errors: z.array(z.object({ code: z.string().optional(), title: z.string().optional(), detail: z.string().optional() })),
});

const ORG_FAMILY: ApiFamily = {
  name: 'the Atlassian organizations API',
  credential: 'the org API key',
  upstreamMessage: (body) => {
    const parsed = adminErrors.safeParse(body);
    const first = parsed.success ? parsed.data.errors[0] : undefined;
    if (!first) return undefined;
    const text = first.detail ?? first.title ?? '';
    return first.code ? `${first.code}: ${text}` : text;
  },
  hints: {
    unauthorized:
      'the org API key was rejected; it may have expired (on the date chosen when it was created) or been revoked (keys are created under Settings → API keys).',
    forbidden: 'the org API key may not do this; the admin who created it must be an organization admin.',
  },
};

export class OrganizationsTarget implements OrganizationsOperations {
  private readonly api: ApiCaller;
  private readonly org: string;
  private readonly directory: string;

  constructor(options: OrganizationsOptions) {
    this.api = new ApiCaller(
      {
        http: options.http,
        baseUrl: options.baseUrl ?? 'https://api.atlassian.com',
        headers: { authorization: `Bearer ${options.apiKey}` },
      },
      ORG_FAMILY,
    );
    this.org = `/admin/v2/orgs/${encodeURIComponent(options.orgId)}`;
    this.directory = `${this.org}/directories/${encodeURIComponent(options.directoryId)}`;
  }

  async findUserByEmail(email: string): Promise<AtlassianUser | undefined> {
    const page = await this.searchUsers({ emails: [email], limit: PAGE_SIZE }, 'find a user by email');
    const found = page.data.find((user) => sameText(user.email, email));
    return found && toUser(found);
  }

  async getUser(accountId: string): Promise<AtlassianUser> {
    const details = await this.api.json(userDetails, {
      method: 'GET',
      path: `${this.directory}/users/${encodeURIComponent(accountId)}`,
      action: `read user ${accountId}`,
    });
    return toUser(details.data);
  }

  /** An invitation carries no name; the invited account is read back by email. */
  async createUser(user: NewUser): Promise<AtlassianUser> {
    await this.api.send({
      method: 'POST',
      path: `${this.org}/users/invite`,
      json: { emails: [user.email], sendNotification: true },
      action: 'invite a user',
      hints: { invalid: 'the organization refused the invitation (invitations need at least one paid subscription).' },
    });
    const invited = await this.findUserByEmail(user.email);
    if (invited) return invited;
    throw new TargetError('transient', 'The invited user is not visible in the directory yet; it will be retried.');
  }

  async updateProfile(user: UserRef, changes: ProfileChanges): Promise<void> {
    const extended = { job_title: changes.title, department: changes.department, organization: changes.organization };
    await this.api.send({
      method: 'PATCH',
      path: `/users/${encodeURIComponent(user.accountId)}/manage/profile`,
      json: {
        name: changes.displayName,
        nickname: changes.nickname,
        zoneinfo: changes.timeZone,
        locale: changes.locale,
        extended_profile: Object.values(extended).some((v) => v !== undefined) ? extended : undefined,
      },
      action: `update the profile of ${user.accountId}`,
      hints: {
        forbidden:
          'the account is not managed by the organization (its email domain is not verified), or the org API key is ' +
          'scoped; profile edits need a managed account and an unscoped key.',
      },
    });
  }

  async suspendUser(user: UserRef): Promise<void> {
    await this.userAction(user, 'POST', '/suspend', `suspend ${user.accountId}`);
  }

  async restoreUser(user: UserRef): Promise<void> {
    await this.userAction(user, 'POST', '/restore', `restore ${user.accountId}`);
  }

  async removeProductAccess(user: UserRef): Promise<void> {
    await this.userAction(user, 'DELETE', '', `remove ${user.accountId} from the directory`);
  }

  async listGroups(cursor?: string): Promise<Page<AtlassianGroup>> {
    const page = await this.searchGroups({ limit: PAGE_SIZE, cursor }, 'list groups');
    return { items: page.data.map(toGroup), nextCursor: page.links?.next ?? undefined };
  }

  async findGroupByName(name: string): Promise<AtlassianGroup | undefined> {
    const page = await this.searchGroups({ groupNames: [name], limit: PAGE_SIZE }, `find group "${name}"`);
    const found = page.data.find((group) => sameText(group.name, name));
    return found && toGroup(found);
  }

  /** The create call answers without the group, so it is read back by name. */
  async createGroup(name: string): Promise<AtlassianGroup> {
    await this.api.send({
      method: 'POST',
      path: `${this.directory}/groups`,
      json: { name },
      action: `create group "${name}"`,
      hints: { conflict: 'a group with that name already exists.' },
    });
    const created = await this.findGroupByName(name);
    if (created) return created;
    throw new TargetError('transient', `Group "${name}" was created but is not visible yet; it will be retried.`);
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.api.send({
      method: 'DELETE',
      path: `${this.directory}/groups/${encodeURIComponent(groupId)}`,
      action: `delete group ${groupId}`,
    });
  }

  async listGroupMembers(groupId: string, cursor?: string): Promise<Page<GroupMember>> {
    const query = { groupIds: [groupId], limit: PAGE_SIZE, cursor };
    const page = await this.searchUsers(query, `list the members of group ${groupId}`);
    return {
      items: page.data.map((u) => ({ accountId: u.accountId, displayName: u.name, email: u.email })),
      nextCursor: page.links?.next ?? undefined,
    };
  }

  /** A 409 can only mean the user is already a member. */
  async addMember(groupId: string, user: UserRef): Promise<void> {
    await this.api.send({
      method: 'POST',
      path: `${this.directory}/groups/${encodeURIComponent(groupId)}/memberships`,
      json: { accountId: user.accountId },
      accept: [409],
      idempotent: true,
      action: `add ${user.accountId} to group ${groupId}`,
      hints: GROUP_MEMBERSHIP_HINTS,
    });
  }

  async removeMember(groupId: string, user: UserRef): Promise<void> {
    await this.api.send({
      method: 'DELETE',
      path: `${this.directory}/groups/${encodeURIComponent(groupId)}/memberships/${encodeURIComponent(user.accountId)}`,
      action: `remove ${user.accountId} from group ${groupId}`,
      hints: GROUP_MEMBERSHIP_HINTS,
    });
  }

  private async userAction(user: UserRef, method: string, suffix: string, action: string): Promise<void> {
    const path = `${this.directory}/users/${encodeURIComponent(user.accountId)}${suffix}`;
    await this.api.send({ method, path, action, idempotent: true });
  }

  private searchUsers(body: object, action: string) {
    return this.api.json(userPage, this.search('users', body, action));
  }

  private searchGroups(body: object, action: string) {
    return this.api.json(groupPage, this.search('groups', body, action));
  }

  private search(resource: 'users' | 'groups', body: object, action: string): Call {
    return { method: 'POST', path: `${this.directory}/${resource}/search`, json: body, action, idempotent: true };
  }
}

const GROUP_MEMBERSHIP_HINTS = {
  forbidden:
    'the group is synced from an identity provider (change it there or through the directory API key), or the ' + 'org API key may not manage it.',
  invalid: 'the user must be in the same directory as the group.',
};

function toUser(user: z.infer<typeof orgUser>): AtlassianUser {
  return {
    accountId: user.accountId,
    email: user.email,
    displayName: user.name ?? user.email ?? user.accountId,
    active: user.accountStatus !== 'inactive' && user.accountStatus !== 'closed' && user.membershipStatus !== 'suspended',
  };
}

function toGroup(group: z.infer<typeof orgGroup>): AtlassianGroup {
  return { groupId: group.id, name: group.name };
}
