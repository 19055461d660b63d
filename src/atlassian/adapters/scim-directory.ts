// Atlassian's user provisioning (SCIM 2.0) API with a directory API key: users and groups of one identity-provider
// directory. SCIM ids are not accountIds; the atlassian-external extension carries the accountId.
import { z } from 'zod';
import { ApiCaller, quoted, type ApiFamily, type Call, type Query } from './api-caller';
import { offsetOf } from './page-bean';
import { ScimAccountIndex, type ScimUserScanPage } from './scim-account-index';
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

export interface ScimDirectoryOptions {
  http: HttpClient;
  directoryId: string;
  apiKey: string;
  /** Default https://api.atlassian.com */
  baseUrl?: string;
}

export type ScimDirectoryOperations = GroupOperations &
  Pick<AtlassianTarget, 'findUserByEmail' | 'getUser' | 'createUser' | 'updateProfile' | 'suspendUser' | 'restoreUser'>;

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ACCOUNT_EXTENSION = 'urn:scim:schemas:extension:atlassian-external:1.0';
const PAGE_SIZE = 100;

const scimUser = z.object({
  id: z.string(),
  userName: z.string(),
  displayName: z.string().optional(),
  active: z.boolean().optional(),
  emails: z.array(z.object({ value: z.string(), primary: z.boolean().optional() })).optional(),
  [ACCOUNT_EXTENSION]: z.object({ atlassianAccountId: z.string().optional() }).optional(),
});
const scimGroup = z.object({
  id: z.string(),
  displayName: z.string(),
  members: z.array(z.object({ value: z.string(), display: z.string().optional() })).optional(),
});
function listResponse<T extends z.ZodType>(item: T) {
  return z.object({ totalResults: z.number(), startIndex: z.number().optional(), Resources: z.array(item).default([]) });
}
const userList = listResponse(scimUser);
const groupList = listResponse(scimGroup);
const scimError = z.object({ detail: z.string().optional(), scimType: z.string().optional() });

const PROFILE_PATHS: Record<keyof ProfileChanges, string> = {
  displayName: 'displayName',
  givenName: 'name.givenName',
  familyName: 'name.familyName',
  nickname: 'nickName',
  title: 'title',
  department: 'department',
  organization: 'organization',
  timeZone: 'timezone',
  locale: 'preferredLanguage',
};

const SCIM_FAMILY: ApiFamily = {
  name: 'the Atlassian SCIM API',
  credential: 'the directory API key',
  upstreamMessage: (body) => {
    const parsed = scimError.safeParse(body);
    return parsed.success ? parsed.data.detail : undefined;
  },
  hints: {
    unauthorized:
      'the directory API key was rejected; it may have expired (directory API keys expire one year after they are ' +
      'created), or the key or the directory id is wrong (regenerating the key in Atlassian Administration replaces the old one).',
    forbidden: "the directory API key may not do this; check the organization's user provisioning subscription.",
  },
};

export class ScimDirectoryTarget implements ScimDirectoryOperations {
  private readonly api: ApiCaller;
  private readonly base: string;
  private readonly index = new ScimAccountIndex((startIndex) => this.scanPage(startIndex));

  constructor(options: ScimDirectoryOptions) {
    this.api = new ApiCaller(
      {
        http: options.http,
        baseUrl: options.baseUrl ?? 'https://api.atlassian.com',
        headers: { authorization: `Bearer ${options.apiKey}`, accept: 'application/scim+json, application/json' },
        jsonContentType: 'application/scim+json',
      },
      SCIM_FAMILY,
    );
    this.base = `/scim/directory/${encodeURIComponent(options.directoryId)}`;
  }

  async findUserByEmail(email: string): Promise<AtlassianUser | undefined> {
    const page = await this.list(userList, 'Users', { filter: `userName eq ${quoted(email)}` }, 'find a user by email');
    const found = page.Resources[0];
    return found && this.toUser(found);
  }

  async getUser(accountId: string): Promise<AtlassianUser> {
    const scimId = await this.scimIdOf({ accountId });
    const path = `/Users/${encodeURIComponent(scimId)}`;
    const user = await this.api.json(scimUser, this.call('GET', path, `read user ${accountId}`));
    return this.toUser(user);
  }

  async createUser(user: NewUser): Promise<AtlassianUser> {
    const created = await this.api.json(scimUser, {
      ...this.call('POST', '/Users', 'create a user'),
      json: {
        schemas: [USER_SCHEMA],
        userName: user.email,
        emails: [{ value: user.email, type: 'work', primary: true }],
        displayName: user.displayName,
        name: { givenName: user.givenName, familyName: user.familyName },
        active: true,
      },
      hints: { conflict: 'a user with this email is already provisioned in this directory.' },
    });
    return this.toUser(created);
  }

  async updateProfile(user: UserRef, changes: ProfileChanges): Promise<void> {
    const operations = (Object.keys(PROFILE_PATHS) as (keyof ProfileChanges)[])
      .filter((field) => changes[field] !== undefined)
      .map((field) => ({ op: 'replace', path: PROFILE_PATHS[field], value: changes[field] }));
    if (operations.length > 0) await this.patchUser(user, operations, `update the profile of ${user.accountId}`);
  }

  suspendUser(user: UserRef): Promise<void> {
    return this.patchUser(user, [{ op: 'replace', path: 'active', value: false }], `deactivate ${user.accountId}`);
  }

  restoreUser(user: UserRef): Promise<void> {
    return this.patchUser(user, [{ op: 'replace', path: 'active', value: true }], `reactivate ${user.accountId}`);
  }

  async listGroups(cursor?: string): Promise<Page<AtlassianGroup>> {
    const startIndex = Math.max(1, offsetOf(cursor));
    const page = await this.list(groupList, 'Groups', { startIndex, count: PAGE_SIZE }, 'list groups');
    return { items: page.Resources.map(toGroup), nextCursor: nextIndex(startIndex, page)?.toString() };
  }

  async findGroupByName(name: string): Promise<AtlassianGroup | undefined> {
    const page = await this.list(groupList, 'Groups', { filter: `displayName eq ${quoted(name)}` }, `find group "${name}"`);
    const found = page.Resources[0];
    return found && toGroup(found);
  }

  async createGroup(name: string): Promise<AtlassianGroup> {
    const created = await this.api.json(scimGroup, {
      ...this.call('POST', '/Groups', `create group "${name}"`),
      json: { schemas: [GROUP_SCHEMA], displayName: name },
      hints: { conflict: 'a group with that name already exists.' },
    });
    return toGroup(created);
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.api.send(this.call('DELETE', `/Groups/${encodeURIComponent(groupId)}`, `delete group ${groupId}`));
  }

  /** SCIM returns all members at once, so this is always a single page. */
  async listGroupMembers(groupId: string): Promise<Page<GroupMember>> {
    const path = `/Groups/${encodeURIComponent(groupId)}`;
    const group = await this.api.json(scimGroup, this.call('GET', path, `list the members of group ${groupId}`));
    const members = group.members ?? [];
    const accountIds = await this.index.accountIdsOf(members.map((m) => m.value));
    const items = members.flatMap((m) => {
      const accountId = accountIds.get(m.value);
      return accountId === undefined ? [] : [{ accountId, displayName: m.display }];
    });
    return { items };
  }

  async addMember(groupId: string, user: UserRef): Promise<void> {
    const scimId = await this.scimIdOf(user);
    const operation = { op: 'add', path: 'members', value: [{ value: scimId }] };
    await this.patchGroup(groupId, operation, `add ${user.accountId} to group ${groupId}`);
  }

  /** A user who is not in this directory cannot be in its groups, so there is nothing to remove. */
  async removeMember(groupId: string, user: UserRef): Promise<void> {
    const scimId = await this.findScimId(user);
    if (scimId === undefined) return;
    await this.patchGroup(groupId, { op: 'remove', path: `members[value eq ${quoted(scimId)}]` }, `remove ${user.accountId} from group ${groupId}`);
  }

  private async patchUser(user: UserRef, operations: object[], action: string): Promise<void> {
    const scimId = await this.scimIdOf(user);
    await this.api.send({
      ...this.call('PATCH', `/Users/${encodeURIComponent(scimId)}`, action),
      json: { schemas: [PATCH_SCHEMA], Operations: operations },
      idempotent: true,
    });
  }

  private async patchGroup(groupId: string, operation: object, action: string): Promise<void> {
    await this.api.send({
      ...this.call('PATCH', `/Groups/${encodeURIComponent(groupId)}`, action),
      json: { schemas: [PATCH_SCHEMA], Operations: [operation] },
      idempotent: true,
    });
  }

  private async scimIdOf(user: UserRef): Promise<string> {
    const scimId = await this.findScimId(user);
    if (scimId !== undefined) return scimId;
    throw new TargetError('notFound', `Account ${user.accountId} is not provisioned in this SCIM directory; create it through the directory first.`);
  }

  /** With the email one filtered read finds the record; without it (or if the email moved) the index scans. */
  private async findScimId(user: UserRef): Promise<string | undefined> {
    if (user.email !== undefined) {
      const byEmail = await this.findUserByEmail(user.email);
      if (byEmail?.accountId === user.accountId) return this.index.scimIdOf(user.accountId);
    }
    return this.index.scimIdOf(user.accountId);
  }

  private async scanPage(startIndex: number): Promise<ScimUserScanPage> {
    const page = await this.list(userList, 'Users', { startIndex, count: PAGE_SIZE }, 'list the directory users');
    return {
      links: page.Resources.flatMap((u) => {
        const accountId = u[ACCOUNT_EXTENSION]?.atlassianAccountId;
        return accountId === undefined ? [] : [{ scimId: u.id, accountId }];
      }),
      nextStartIndex: nextIndex(startIndex, page),
    };
  }

  private list<T>(schema: z.ZodType<T>, resource: string, query: Query, action: string): Promise<T> {
    return this.api.json(schema, { ...this.call('GET', `/${resource}`, action), query });
  }

  private call(method: string, path: string, action: string): Call {
    return { method, path: `${this.base}${path}`, action };
  }

  private toUser(user: z.infer<typeof scimUser>): AtlassianUser {
    const accountId = user[ACCOUNT_EXTENSION]?.atlassianAccountId;
    if (accountId === undefined) {
      throw new TargetError('invalid', `The Atlassian SCIM API returned user ${user.id} without its Atlassian account id.`);
    }
    this.index.remember({ scimId: user.id, accountId });
    const email = user.emails?.find((e) => e.primary)?.value ?? user.emails?.[0]?.value ?? user.userName;
    return { accountId, email, displayName: user.displayName ?? user.userName, active: user.active ?? true };
  }
}

function nextIndex(startIndex: number, page: { totalResults: number; Resources: unknown[] }): number | undefined {
  const next = startIndex + page.Resources.length;
  return page.Resources.length > 0 && next <= page.totalResults ? next : undefined;
}

function toGroup(group: z.infer<typeof scimGroup>): AtlassianGroup {
  return { groupId: group.id, name: group.displayName };
}
