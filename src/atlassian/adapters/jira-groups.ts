// Site groups through Jira REST v3 (shared with Confluence: one group store per site).
import { z } from 'zod';
import { ApiCaller, sameText } from './api-caller';
import { nextStartAt, offsetOf, pageBean } from './page-bean';
import { duplicateNameAware } from './group-outcomes';
import { GROUP_WRITE_HINTS, siteEndpoint, siteFamily, type SiteConnection } from './site-family';
import { addMemberCall, createGroupCall, removeMemberCall, sendSettled } from './site-group-writes';
import type { AtlassianGroup, GroupMember, GroupOperations, Page, UserRef } from '../target';

const MEMBERS_PER_PAGE = 50;
const GROUPS_PER_PAGE = 50;

const group = z.object({ groupId: z.string(), name: z.string() });
const member = z.object({ accountId: z.string(), displayName: z.string().optional(), emailAddress: z.string().optional() });
const groupPage = pageBean(group);
const memberPage = pageBean(member);
const userGroups = z.array(z.object({ groupId: z.string().nullish(), name: z.string() }));

export class JiraGroups implements GroupOperations {
  private readonly api: ApiCaller;

  constructor(connection: SiteConnection) {
    this.api = new ApiCaller(siteEndpoint(connection), siteFamily('Jira', connection.auth));
  }

  async listGroups(cursor?: string): Promise<Page<AtlassianGroup>> {
    const page = await this.api.json(groupPage, {
      method: 'GET',
      path: '/rest/api/3/group/bulk',
      query: { startAt: offsetOf(cursor), maxResults: GROUPS_PER_PAGE },
      action: 'list groups',
    });
    return { items: page.values.map(toGroup), nextCursor: nextStartAt(page) };
  }

  async findGroupByName(name: string): Promise<AtlassianGroup | undefined> {
    const page = await this.api.json(groupPage, {
      method: 'GET',
      path: '/rest/api/3/group/bulk',
      query: { groupName: name },
      action: `find group "${name}"`,
    });
    const found = page.values.find((candidate) => sameText(candidate.name, name));
    return found && toGroup(found);
  }

  async createGroup(name: string): Promise<AtlassianGroup> {
    try {
      return toGroup(await this.api.json(group, createGroupCall('/rest/api/3/group', name)));
    } catch (error) {
      throw await duplicateNameAware(error, name, (n) => this.findGroupByName(n));
    }
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.api.send({
      method: 'DELETE',
      path: '/rest/api/3/group',
      query: { groupId },
      action: `delete group ${groupId}`,
      hints: GROUP_WRITE_HINTS,
    });
  }

  async listGroupMembers(groupId: string, cursor?: string): Promise<Page<GroupMember>> {
    const page = await this.api.json(memberPage, {
      method: 'GET',
      path: '/rest/api/3/group/member',
      query: { groupId, includeInactiveUsers: true, startAt: offsetOf(cursor), maxResults: MEMBERS_PER_PAGE },
      action: `list the members of group ${groupId}`,
      hints: { forbidden: 'the credential lacks the Administer Jira permission, which listing group members needs.' },
    });
    return {
      items: page.values.map((m) => ({ accountId: m.accountId, displayName: m.displayName, email: m.emailAddress })),
      nextCursor: nextStartAt(page),
    };
  }

  async addMember(groupId: string, user: UserRef): Promise<void> {
    const add = addMemberCall('/rest/api/3/group/user', groupId, user.accountId);
    await sendSettled(this.api, add, () => this.isMember(groupId, user.accountId), true);
  }

  /** Jira may answer 400 to removing a non-member, so that answer is settled by reading membership back. */
  async removeMember(groupId: string, user: UserRef): Promise<void> {
    const remove = removeMemberCall('/rest/api/3/group/user', groupId, user.accountId);
    await sendSettled(this.api, remove, () => this.isMember(groupId, user.accountId), false);
  }

  private async isMember(groupId: string, accountId: string): Promise<boolean> {
    const groups = await this.api.json(userGroups, {
      method: 'GET',
      path: '/rest/api/3/user/groups',
      query: { accountId },
      action: `read the groups of ${accountId}`,
    });
    return groups.some((g) => g.groupId === groupId);
  }
}

function toGroup(g: z.infer<typeof group>): AtlassianGroup {
  return { groupId: g.groupId, name: g.name };
}
