// The site's own REST APIs with a site admin's email + API token (or as the app): Jira users, project and
// component leads, user properties, and site groups through Jira or Confluence.
import { z } from 'zod';
import { ApiCaller, sameText } from './api-caller';
import { ConfluenceGroups } from './confluence-groups';
import { JiraGroups } from './jira-groups';
import { nextStartAt, offsetOf, pageBean } from './page-bean';
import { siteEndpoint, siteFamily, type SiteConnection } from './site-family';
import {
  TargetError,
  eachPage,
  type AtlassianGroup,
  type AtlassianUser,
  type AtlassianTarget,
  type GroupMember,
  type GroupOperations,
  type LedComponent,
  type LedProject,
  type NewUser,
  type Page,
  type UserRef,
} from '../target';

export interface SiteRestOptions extends SiteConnection {
  /** Jira and Confluence share the site's groups; Jira is the default because the app requires it. */
  groupsVia?: 'jira' | 'confluence';
}

export type SiteRestOperations = GroupOperations &
  Pick<
    AtlassianTarget,
    | 'findUserByEmail'
    | 'getUser'
    | 'createUser'
    | 'removeProductAccess'
    | 'setProjectLead'
    | 'setComponentLead'
    | 'listProjectsLedBy'
    | 'listComponentsLedBy'
    | 'setUserProperty'
  >;

const PROJECTS_PER_PAGE = 50;
const USER_SEARCH_LIMIT = 50;

const jiraUser = z.object({
  accountId: z.string(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  active: z.boolean(),
});
const lead = z.object({ accountId: z.string() }).optional();
const project = z.object({ id: z.string(), key: z.string(), name: z.string(), lead });
const projectPage = pageBean(project);
const components = z.array(z.object({ id: z.string(), name: z.string(), lead }));

const LACKS_PROJECT_ADMIN = 'the credential lacks Administer Projects for this project.';

export class SiteRestTarget implements SiteRestOperations {
  private readonly jira: ApiCaller;
  private readonly groups: GroupOperations;

  constructor(options: SiteRestOptions) {
    this.jira = new ApiCaller(siteEndpoint(options), siteFamily('Jira', options.auth));
    this.groups = options.groupsVia === 'confluence' ? new ConfluenceGroups(options) : new JiraGroups(options);
  }

  /** user/search is a prefix search that hides private emails and lags new accounts; only an exact email counts. */
  async findUserByEmail(email: string): Promise<AtlassianUser | undefined> {
    const users = await this.jira.json(z.array(jiraUser), {
      method: 'GET',
      path: '/rest/api/3/user/search',
      query: { query: email, maxResults: USER_SEARCH_LIMIT },
      action: 'search users by email',
    });
    const found = users.find((user) => sameText(user.emailAddress, email));
    return found && toUser(found);
  }

  async getUser(accountId: string): Promise<AtlassianUser> {
    const user = await this.jira.json(jiraUser, {
      method: 'GET',
      path: '/rest/api/3/user',
      query: { accountId },
      action: `read user ${accountId}`,
    });
    return toUser(user);
  }

  /** Jira answers 400 when the account exists without product access and none is asked for: that is a conflict. */
  async createUser(user: NewUser): Promise<AtlassianUser> {
    try {
      const created = await this.jira.json(jiraUser, {
        method: 'POST',
        path: '/rest/api/3/user',
        json: { emailAddress: user.email, products: user.products ?? [] },
        action: 'create a user through Jira',
        hints: {
          forbidden:
            "Jira's user creation needs a user who is an organization admin with Administer Jira; add a directory " + 'or org API key instead.',
        },
      });
      return toUser(created);
    } catch (error) {
      const badRequest = error instanceof TargetError && error.kind === 'invalid';
      if (!badRequest || (await this.findUserByEmail(user.email)) === undefined) throw error;
      throw new TargetError('conflict', 'Could not create the user through Jira: the account already exists.', {
        status: error.status,
        cause: error,
      });
    }
  }

  async removeProductAccess(user: UserRef): Promise<void> {
    await this.jira.send({
      method: 'DELETE',
      path: '/rest/api/3/user',
      query: { accountId: user.accountId },
      action: `remove ${user.accountId} from Jira`,
      hints: { forbidden: 'the credential is not a site admin, which removing users from Jira needs.' },
    });
  }

  listGroups(cursor?: string): Promise<Page<AtlassianGroup>> {
    return this.groups.listGroups(cursor);
  }

  findGroupByName(name: string): Promise<AtlassianGroup | undefined> {
    return this.groups.findGroupByName(name);
  }

  createGroup(name: string): Promise<AtlassianGroup> {
    return this.groups.createGroup(name);
  }

  deleteGroup(groupId: string): Promise<void> {
    return this.groups.deleteGroup(groupId);
  }

  listGroupMembers(groupId: string, cursor?: string): Promise<Page<GroupMember>> {
    return this.groups.listGroupMembers(groupId, cursor);
  }

  addMember(groupId: string, user: UserRef): Promise<void> {
    return this.groups.addMember(groupId, user);
  }

  removeMember(groupId: string, user: UserRef): Promise<void> {
    return this.groups.removeMember(groupId, user);
  }

  async setProjectLead(projectIdOrKey: string, accountId: string): Promise<void> {
    await this.jira.send({
      method: 'PUT',
      path: `/rest/api/3/project/${encodeURIComponent(projectIdOrKey)}`,
      json: { leadAccountId: accountId },
      action: `make ${accountId} the lead of project ${projectIdOrKey}`,
      hints: { forbidden: LACKS_PROJECT_ADMIN, invalid: 'Jira refused that account as project lead.' },
    });
  }

  async setComponentLead(componentId: string, accountId: string | null): Promise<void> {
    await this.jira.send({
      method: 'PUT',
      path: `/rest/api/3/component/${encodeURIComponent(componentId)}`,
      json: { leadAccountId: accountId ?? '' },
      action: accountId ? `make ${accountId} the lead of component ${componentId}` : `clear the lead of component ${componentId}`,
      hints: { forbidden: LACKS_PROJECT_ADMIN, invalid: 'Jira refused that account as component lead.' },
    });
  }

  async listProjectsLedBy(accountId: string): Promise<LedProject[]> {
    const led: LedProject[] = [];
    for await (const projects of eachPage((cursor) => this.projectPage(cursor))) {
      for (const p of projects) {
        if (p.lead?.accountId === accountId) led.push({ projectId: p.id, key: p.key, name: p.name });
      }
    }
    return led;
  }

  async listComponentsLedBy(accountId: string): Promise<LedComponent[]> {
    const led: LedComponent[] = [];
    for await (const projects of eachPage((cursor) => this.projectPage(cursor))) {
      for (const p of projects) {
        const list = await this.jira.json(components, {
          method: 'GET',
          path: `/rest/api/3/project/${encodeURIComponent(p.key)}/components`,
          action: `list the components of project ${p.key}`,
        });
        for (const c of list) {
          if (c.lead?.accountId === accountId) led.push({ componentId: c.id, name: c.name, projectKey: p.key });
        }
      }
    }
    return led;
  }

  async setUserProperty(accountId: string, key: string, value: unknown): Promise<void> {
    await this.jira.send({
      method: 'PUT',
      path: `/rest/api/3/user/properties/${encodeURIComponent(key)}`,
      query: { accountId },
      json: value ?? null,
      action: `write property "${key}" of ${accountId}`,
      hints: { forbidden: "the credential lacks Administer Jira, which writing another user's properties needs." },
    });
  }

  private async projectPage(cursor?: string): Promise<Page<z.infer<typeof project>>> {
    const page = await this.jira.json(projectPage, {
      method: 'GET',
      path: '/rest/api/3/project/search',
      query: { expand: 'lead', startAt: offsetOf(cursor), maxResults: PROJECTS_PER_PAGE },
      action: 'list projects',
    });
    return { items: page.values, nextCursor: nextStartAt(page) };
  }
}

function toUser(user: z.infer<typeof jiraUser>): AtlassianUser {
  return {
    accountId: user.accountId,
    email: user.emailAddress || undefined,
    displayName: user.displayName ?? user.accountId,
    active: user.active,
  };
}
