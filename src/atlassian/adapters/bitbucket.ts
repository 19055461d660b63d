// Bitbucket Cloud workspace groups. The 2.0 API has no group writes; the 1.0 groups endpoint was kept
// "temporarily" after 1.0 was removed, so this adapter is optional and reports unsupported once that endpoint is gone.
import { z } from 'zod';
import { ApiCaller, basicAuth, sameText, type ApiFamily, type Call } from './api-caller';
import { duplicateNameAware } from './group-outcomes';
import type { HttpClient } from '../../platform/http-client';
import { TargetError, type AtlassianGroup, type GroupMember, type GroupOperations, type Page, type UserRef } from '../target';

export interface BitbucketOptions {
  http: HttpClient;
  workspace: string;
  /** The Atlassian account email (API token) or Bitbucket username (app password). */
  username: string;
  apiToken: string;
  /** Default https://api.bitbucket.org */
  baseUrl?: string;
}

const member = z.object({ account_id: z.string(), display_name: z.string().optional() });
const group = z.object({ name: z.string(), slug: z.string() });
const bitbucketError = z.object({ error: z.object({ message: z.string() }) });

const BITBUCKET_FAMILY: ApiFamily = {
  name: 'Bitbucket',
  credential: 'the Bitbucket API token',
  upstreamMessage: (body) => {
    const parsed = bitbucketError.safeParse(body);
    return parsed.success ? parsed.data.error.message : undefined;
  },
  hints: { forbidden: 'the Bitbucket credential must belong to a workspace admin.' },
};

/** Group ids here are Bitbucket group slugs. */
export class BitbucketWorkspaceGroups implements GroupOperations {
  private readonly api: ApiCaller;
  private readonly groups: string;
  private endpointGone?: number;

  constructor(private readonly options: BitbucketOptions) {
    this.api = new ApiCaller(
      {
        http: options.http,
        baseUrl: options.baseUrl ?? 'https://api.bitbucket.org',
        headers: { authorization: basicAuth(options.username, options.apiToken) },
      },
      BITBUCKET_FAMILY,
    );
    this.groups = `/1.0/groups/${encodeURIComponent(options.workspace)}/`;
  }

  /** The 1.0 endpoint answers every group in one array. */
  async listGroups(): Promise<Page<AtlassianGroup>> {
    const groups = await this.call(z.array(group), { method: 'GET', path: this.groups, action: 'list workspace groups' });
    return { items: groups.map((g) => ({ groupId: g.slug, name: g.name })) };
  }

  async findGroupByName(name: string): Promise<AtlassianGroup | undefined> {
    const { items } = await this.listGroups();
    return items.find((g) => sameText(g.name, name));
  }

  async createGroup(name: string): Promise<AtlassianGroup> {
    try {
      const created = await this.call(group, {
        method: 'POST',
        path: this.groups,
        form: { name },
        action: `create workspace group "${name}"`,
      });
      return { groupId: created.slug, name: created.name };
    } catch (error) {
      throw await duplicateNameAware(error, name, (n) => this.findGroupByName(n));
    }
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.call(undefined, { method: 'DELETE', path: this.groupPath(groupId), action: `delete workspace group ${groupId}` });
  }

  async listGroupMembers(groupId: string): Promise<Page<GroupMember>> {
    const members = await this.call(z.array(member), {
      method: 'GET',
      path: `${this.groupPath(groupId)}members/`,
      action: `list the members of workspace group ${groupId}`,
    });
    return { items: members.map((m) => ({ accountId: m.account_id, displayName: m.display_name })) };
  }

  /** 409 means the user is already a member. */
  async addMember(groupId: string, user: UserRef): Promise<void> {
    await this.call(undefined, {
      method: 'PUT',
      path: this.memberPath(groupId, user),
      json: {},
      accept: [409],
      action: `add ${user.accountId} to workspace group ${groupId}`,
    });
  }

  async removeMember(groupId: string, user: UserRef): Promise<void> {
    await this.call(undefined, {
      method: 'DELETE',
      path: this.memberPath(groupId, user),
      action: `remove ${user.accountId} from workspace group ${groupId}`,
    });
  }

  private groupPath(slug: string): string {
    return `${this.groups}${encodeURIComponent(slug)}/`;
  }

  private memberPath(slug: string, user: UserRef): string {
    return `${this.groupPath(slug)}members/${encodeURIComponent(user.accountId)}/`;
  }

  private async call<T>(schema: z.ZodType<T>, call: Call): Promise<T>;
  private async call(schema: undefined, call: Call): Promise<void>;
  private async call<T>(schema: z.ZodType<T> | undefined, call: Call): Promise<T | void> {
    if (this.endpointGone !== undefined) throw this.unsupported(this.endpointGone);
    try {
      const response = await this.api.send(call);
      return schema ? this.api.parse(schema, response, call) : undefined;
    } catch (error) {
      throw await this.detectRemoval(error);
    }
  }

  /** A 404/410 may be an unknown group or the whole 1.0 endpoint gone: listing the workspace's groups tells which. */
  private async detectRemoval(error: unknown): Promise<unknown> {
    if (!(error instanceof TargetError) || (error.status !== 404 && error.status !== 410)) return error;
    const probe = await this.api.send({ method: 'GET', path: this.groups, accept: [404, 410], action: 'list workspace groups' });
    if (probe.status !== 404 && probe.status !== 410) return error;
    this.endpointGone = probe.status;
    return this.unsupported(probe.status);
  }

  private unsupported(status: number): TargetError {
    return new TargetError(
      'unsupported',
      `Bitbucket group writes are not possible through the Bitbucket 2.0 API, and the 1.0 groups endpoint answered ${status} ` +
        `for workspace "${this.options.workspace}" (removed, or no such workspace). If the workspace is linked to an ` +
        'Atlassian organization, its groups are managed through the organizations API: add an org API key.',
      { status },
    );
  }
}
