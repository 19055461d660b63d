// Site groups through Confluence REST v1 (v2 has no group endpoints); the same groups Jira sees.
import { z } from 'zod';
import { ApiCaller, sameText } from './api-caller';
import { offsetOf } from './page-bean';
import { duplicateNameAware } from './group-outcomes';
import { GROUP_WRITE_HINTS, siteEndpoint, siteFamily, type SiteConnection } from './site-family';
import { addMemberCall, createGroupCall, removeMemberCall, sendSettled } from './site-group-writes';
import { eachPage, type AtlassianGroup, type GroupMember, type GroupOperations, type Page, type UserRef } from '../target';

/** Confluence's cap: membersByGroupId answers 400 above it. */
const PAGE_LIMIT = 200;

const group = z.object({ id: z.string(), name: z.string() });
const member = z.object({ accountId: z.string(), displayName: z.string().optional(), email: z.string().optional() });

function resultPage<T extends z.ZodType>(item: T) {
  return z.object({
    results: z.array(item),
    start: z.number(),
    size: z.number(),
    _links: z.object({ next: z.string().optional() }).optional(),
  });
}
const groupPage = resultPage(group);
const memberPage = resultPage(member);

export class ConfluenceGroups implements GroupOperations {
  private readonly api: ApiCaller;

  constructor(connection: SiteConnection) {
    this.api = new ApiCaller(siteEndpoint(connection), siteFamily('Confluence', connection.auth));
  }

  async listGroups(cursor?: string): Promise<Page<AtlassianGroup>> {
    const page = await this.api.json(groupPage, {
      method: 'GET',
      path: '/wiki/rest/api/group',
      query: { start: offsetOf(cursor), limit: PAGE_LIMIT },
      action: 'list groups',
    });
    return { items: page.results.map(toGroup), nextCursor: nextStart(page) };
  }

  /** v1 has no non-deprecated lookup by name, so this pages through the groups. */
  async findGroupByName(name: string): Promise<AtlassianGroup | undefined> {
    for await (const groups of eachPage((cursor) => this.listGroups(cursor))) {
      const found = groups.find((g) => sameText(g.name, name));
      if (found) return found;
    }
    return undefined;
  }

  async createGroup(name: string): Promise<AtlassianGroup> {
    try {
      return toGroup(await this.api.json(group, createGroupCall('/wiki/rest/api/group', name)));
    } catch (error) {
      throw await duplicateNameAware(error, name, (n) => this.findGroupByName(n));
    }
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.api.send({
      method: 'DELETE',
      path: '/wiki/rest/api/group/by-id',
      query: { id: groupId },
      action: `delete group ${groupId}`,
      hints: GROUP_WRITE_HINTS,
    });
  }

  async listGroupMembers(groupId: string, cursor?: string): Promise<Page<GroupMember>> {
    const page = await this.api.json(memberPage, {
      method: 'GET',
      path: `/wiki/rest/api/group/${encodeURIComponent(groupId)}/membersByGroupId`,
      query: { start: offsetOf(cursor), limit: PAGE_LIMIT },
      action: `list the members of group ${groupId}`,
    });
    return {
      items: page.results.map((m) => ({ accountId: m.accountId, displayName: m.displayName, email: m.email || undefined })),
      nextCursor: nextStart(page),
    };
  }

  async addMember(groupId: string, user: UserRef): Promise<void> {
    const add = addMemberCall('/wiki/rest/api/group/userByGroupId', groupId, user.accountId);
    await sendSettled(this.api, add, () => this.isMember(groupId, user.accountId), true);
  }

  /** Confluence answers 204 whether or not the user was a member, so there is nothing to settle. */
  async removeMember(groupId: string, user: UserRef): Promise<void> {
    await this.api.send(removeMemberCall('/wiki/rest/api/group/userByGroupId', groupId, user.accountId));
  }

  private async isMember(groupId: string, accountId: string): Promise<boolean> {
    const page = await this.api.json(groupPage, {
      method: 'GET',
      path: '/wiki/rest/api/user/memberof',
      query: { accountId, limit: PAGE_LIMIT },
      action: `read the groups of ${accountId}`,
    });
    return page.results.some((g) => g.id === groupId);
  }
}

function nextStart(page: { start: number; size: number; _links?: { next?: string } }): string | undefined {
  return page._links?.next !== undefined && page.size > 0 ? String(page.start + page.size) : undefined;
}

function toGroup(g: z.infer<typeof group>): AtlassianGroup {
  return { groupId: g.id, name: g.name };
}
