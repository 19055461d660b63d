// The one state behind every sandbox API: Jira, Confluence, the SCIM directory and the organization see the same
// accounts and groups (one group store per site, reference §4); Bitbucket workspaces keep their own groups.
import type { Clock } from '../../platform/ports';

export const SITE_ADMINS = 'site-admins';
export const JIRA_ADMINS = 'jira-admins';
export const ORG_ADMINS = 'org-admins';

/**
 * Jira and Confluence access comes from membership of the site's product access groups; Bitbucket access is
 * per workspace, by membership of one of its groups.
 */
export const PRODUCT_ACCESS_GROUPS = { jira: 'jira-software-users', confluence: 'confluence-users' } as const;
export type SiteProduct = keyof typeof PRODUCT_ACCESS_GROUPS;
export type SandboxProduct = SiteProduct | 'bitbucket';

export interface Account {
  accountId: string;
  accountType: 'atlassian' | 'app';
  email: string;
  displayName: string;
  givenName?: string;
  familyName?: string;
  nickname?: string;
  title?: string;
  department?: string;
  organization?: string;
  timeZone: string;
  locale: string;
  /** The Atlassian account can log in (SCIM active, user management lifecycle). */
  active: boolean;
  /** Organization access suspended (organizations API); memberships are kept. */
  suspended: boolean;
  /** Member of the organization's local directory; removal drops it and its memberships. */
  inDirectory: boolean;
  /** Profile visibility lets site APIs show (and search) the email. */
  emailVisible: boolean;
  createdAt: number;
  properties: Map<string, unknown>;
}

export type NewAccount = Pick<Account, 'email' | 'displayName'> &
  Partial<Omit<Account, 'accountId' | 'email' | 'displayName' | 'properties'>> & {
    /** Product access to grant; the site's default access for new users when absent. */
    products?: readonly SiteProduct[];
  };

export interface Group {
  groupId: string;
  name: string;
  /** The organization directory that owns it: the local one, or the SCIM (identity provider) one. */
  directoryId: string;
  /** Set for groups created through SCIM. */
  scimId?: string;
  externalId?: string;
  members: Set<string>;
  created: string;
  lastModified: string;
}

/** A SCIM directory record, linked to an account. */
export interface ScimRecord {
  id: string;
  accountId: string;
  userName: string;
  externalId?: string;
  created: string;
  lastModified: string;
}

export interface Component {
  id: string;
  name: string;
  projectId: string;
  projectKey: string;
  leadAccountId?: string;
  assigneeType: 'PROJECT_DEFAULT' | 'COMPONENT_LEAD' | 'PROJECT_LEAD' | 'UNASSIGNED';
}

export interface Project {
  id: string;
  key: string;
  name: string;
  leadAccountId: string;
  components: Component[];
}

export interface WorkspaceGroup {
  slug: string;
  name: string;
  permission: 'read' | 'write' | 'admin' | null;
  members: Set<string>;
}

export interface OrganizationIds {
  orgId: string;
  localDirectoryId: string;
  scimDirectoryId: string;
  /** Verified domains: accounts with these emails are managed by the organization. */
  claimedDomains: string[];
}

export interface SandboxSnapshot {
  users: {
    accountId: string;
    email: string;
    displayName: string;
    active: boolean;
    suspended: boolean;
    jiraAccess: boolean;
    /** What the account can use: Jira and Confluence by product access group, Bitbucket by workspace group. */
    products: SandboxProduct[];
    scimId?: string;
  }[];
  groups: { groupId: string; name: string; directory: 'local' | 'scim'; members: string[] }[];
  projects: {
    id: string;
    key: string;
    name: string;
    leadAccountId: string;
    components: { id: string; name: string; leadAccountId?: string }[];
  }[];
}

/** Deterministic, UUID-shaped ids, one series per kind, so runs repeat. */
class IdSequence {
  constructor(readonly counters = new Map<string, number>()) {}

  next(kind: string): number {
    const value = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, value);
    return value;
  }

  uuid(kind: string, tag: string): string {
    return `${tag.padEnd(8, '0')}-0000-4000-8000-${this.next(kind).toString(16).padStart(12, '0')}`;
  }
}

export class SandboxState {
  readonly accounts = new Map<string, Account>();
  readonly groups = new Map<string, Group>();
  readonly scimRecords = new Map<string, ScimRecord>();
  readonly projects: Project[] = [];
  readonly workspaces = new Map<string, Map<string, WorkspaceGroup>>();
  /** Site API tokens and Bitbucket tokens, each to the account they act as. */
  readonly siteTokens = new Map<string, string>();
  readonly bitbucketTokens = new Map<string, string>();
  /** The site's default access settings: products a new account gets unless its creator names others. */
  defaultAccess: SiteProduct[] = [];
  /** The app's bot user, which Forge asApp() calls act as. */
  appAccountId?: string;
  private ids = new IdSequence();
  private readonly accountIdByEmail = new Map<string, string>();
  private readonly groupIdByName = new Map<string, string>();
  private readonly groupIdByScimId = new Map<string, string>();
  private readonly scimIdByAccount = new Map<string, string>();

  constructor(
    readonly org: OrganizationIds,
    private readonly clock: Clock,
  ) {}

  now(): number {
    return this.clock.now();
  }

  timestamp(): string {
    return new Date(this.clock.now()).toISOString();
  }

  createAccount({ products = this.defaultAccess, ...input }: NewAccount): Account {
    if (this.accountByEmail(input.email)) throw new Error(`Sandbox: an account with email ${input.email} exists`);
    const account: Account = {
      accountId: `712020:${this.ids.uuid('account', 'acc')}`,
      accountType: 'atlassian',
      timeZone: 'Etc/UTC',
      locale: 'en_US',
      active: true,
      suspended: false,
      inDirectory: true,
      emailVisible: true,
      createdAt: this.clock.now(),
      ...input,
      properties: new Map(),
    };
    this.accounts.set(account.accountId, account);
    this.accountIdByEmail.set(account.email.toLowerCase(), account.accountId);
    products.forEach((product) => this.grantAccess(account.accountId, product));
    return account;
  }

  hasAccess(accountId: string, product: SiteProduct): boolean {
    return this.isInGroup(accountId, PRODUCT_ACCESS_GROUPS[product]);
  }

  /** Adds the account to the product's access group, which the site creates on first use. */
  grantAccess(accountId: string, product: SiteProduct): void {
    const name = PRODUCT_ACCESS_GROUPS[product];
    (this.groupByName(name) ?? this.createGroup(name)).members.add(accountId);
  }

  revokeAccess(accountId: string, product: SiteProduct): void {
    this.groupByName(PRODUCT_ACCESS_GROUPS[product])?.members.delete(accountId);
  }

  productsOf(accountId: string): SandboxProduct[] {
    const site = (Object.keys(PRODUCT_ACCESS_GROUPS) as SiteProduct[]).filter((product) => this.hasAccess(accountId, product));
    const inWorkspace = [...this.workspaces.values()].some((groups) => [...groups.values()].some((g) => g.members.has(accountId)));
    return inWorkspace ? [...site, 'bitbucket'] : site;
  }

  accountByEmail(email: string): Account | undefined {
    const accountId = this.accountIdByEmail.get(email.toLowerCase());
    return accountId === undefined ? undefined : this.accounts.get(accountId);
  }

  /** Throws when another account has the email; callers answer that in their API's words first. */
  changeEmail(account: Account, email: string): void {
    const holder = this.accountByEmail(email);
    if (holder && holder !== account) throw new Error(`Sandbox: an account with email ${email} exists`);
    this.accountIdByEmail.delete(account.email.toLowerCase());
    account.email = email;
    this.accountIdByEmail.set(email.toLowerCase(), account.accountId);
  }

  isManaged(account: Account): boolean {
    const domain = account.email.split('@')[1]?.toLowerCase();
    return domain !== undefined && this.org.claimedDomains.includes(domain);
  }

  createGroup(name: string, directoryId = this.org.localDirectoryId, scim?: { externalId?: string }): Group {
    if (this.groupByName(name)) throw new Error(`Sandbox: a group named ${name} exists`);
    const group: Group = {
      groupId: this.ids.uuid('group', 'a9'),
      name,
      directoryId,
      members: new Set(),
      created: this.timestamp(),
      lastModified: this.timestamp(),
      ...(scim && { scimId: this.ids.uuid('scimGroup', 'cd'), externalId: scim.externalId }),
    };
    this.groups.set(group.groupId, group);
    this.groupIdByName.set(name.toLowerCase(), group.groupId);
    if (group.scimId) this.groupIdByScimId.set(group.scimId, group.groupId);
    return group;
  }

  deleteGroup(group: Group): void {
    this.groups.delete(group.groupId);
    this.groupIdByName.delete(group.name.toLowerCase());
    if (group.scimId) this.groupIdByScimId.delete(group.scimId);
  }

  groupByName(name: string): Group | undefined {
    const groupId = this.groupIdByName.get(name.toLowerCase());
    return groupId === undefined ? undefined : this.groups.get(groupId);
  }

  groupByScimId(scimId: string): Group | undefined {
    const groupId = this.groupIdByScimId.get(scimId);
    return groupId === undefined ? undefined : this.groups.get(groupId);
  }

  /** By name, as Jira lists them. */
  sortedGroups(): Group[] {
    return [...this.groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  groupsOf(accountId: string): Group[] {
    return this.sortedGroups().filter((g) => g.members.has(accountId));
  }

  /** By email, as Jira and Confluence list them. */
  membersOf(group: Group): Account[] {
    return [...group.members]
      .map((id) => this.accounts.get(id))
      .filter((a): a is Account => a !== undefined)
      .sort((a, b) => a.email.localeCompare(b.email));
  }

  isInGroup(accountId: string, name: string): boolean {
    return this.groupByName(name)?.members.has(accountId) ?? false;
  }

  isSiteAdmin(accountId: string): boolean {
    return this.isInGroup(accountId, SITE_ADMINS);
  }

  /** The Administer Jira global permission. */
  isJiraAdmin(accountId: string): boolean {
    return this.isSiteAdmin(accountId) || this.isInGroup(accountId, JIRA_ADMINS);
  }

  isOrgAdmin(accountId: string): boolean {
    return this.isInGroup(accountId, ORG_ADMINS);
  }

  createScimRecord(accountId: string, userName: string, externalId?: string): ScimRecord {
    const created = this.timestamp();
    const record = { id: this.ids.uuid('scimUser', 'bc'), accountId, userName, externalId, created, lastModified: created };
    this.scimRecords.set(record.id, record);
    this.scimIdByAccount.set(accountId, record.id);
    return record;
  }

  deleteScimRecord(record: ScimRecord): void {
    this.scimRecords.delete(record.id);
    this.scimIdByAccount.delete(record.accountId);
  }

  scimRecordOf(accountId: string): ScimRecord | undefined {
    const scimId = this.scimIdByAccount.get(accountId);
    return scimId === undefined ? undefined : this.scimRecords.get(scimId);
  }

  createProject(key: string, name: string, leadAccountId: string): Project {
    const project = { id: String(10000 + this.ids.next('project')), key, name, leadAccountId, components: [] };
    this.projects.push(project);
    return project;
  }

  addComponent(project: Project, name: string, leadAccountId?: string): Component {
    const component: Component = {
      id: String(10000 + this.ids.next('component')),
      name,
      projectId: project.id,
      projectKey: project.key,
      leadAccountId,
      assigneeType: leadAccountId ? 'COMPONENT_LEAD' : 'PROJECT_DEFAULT',
    };
    project.components.push(component);
    return component;
  }

  project(idOrKey: string): Project | undefined {
    return this.projects.find((p) => p.id === idOrKey || p.key.toLowerCase() === idOrKey.toLowerCase());
  }

  component(id: string): Component | undefined {
    return this.projects.flatMap((p) => p.components).find((c) => c.id === id);
  }

  /** Everything the site holds, as JSON (Maps and Sets tagged), so that `npm start` keeps its sandbox across restarts. */
  save(): string {
    const { org: _org, clock: _clock, ids, ...contents } = this as unknown as Record<string, unknown> & { ids: IdSequence };
    return JSON.stringify({ ...contents, idCounters: ids.counters }, (_key, value: unknown) =>
      value instanceof Map ? { $map: [...value] } : value instanceof Set ? { $set: [...value] } : value,
    );
  }

  /** Replaces what the site holds with what save() wrote. */
  restore(saved: string): void {
    const { idCounters, ...contents } = JSON.parse(saved, (_key, value: unknown) =>
      isTagged(value, '$map') ? new Map(value.$map as [unknown, unknown][]) : isTagged(value, '$set') ? new Set(value.$set as unknown[]) : value,
    ) as Record<string, unknown> & { idCounters: Map<string, number> };
    Object.assign(this, contents);
    this.ids = new IdSequence(idCounters);
  }

  snapshot(): SandboxSnapshot {
    return {
      users: [...this.accounts.values()].map((a) => ({
        accountId: a.accountId,
        email: a.email,
        displayName: a.displayName,
        active: a.active,
        suspended: a.suspended,
        jiraAccess: this.hasAccess(a.accountId, 'jira'),
        products: this.productsOf(a.accountId),
        scimId: this.scimRecordOf(a.accountId)?.id,
      })),
      groups: this.sortedGroups().map((g) => ({
        groupId: g.groupId,
        name: g.name,
        directory: g.directoryId === this.org.scimDirectoryId ? 'scim' : 'local',
        members: [...g.members],
      })),
      projects: this.projects.map((p) => ({
        id: p.id,
        key: p.key,
        name: p.name,
        leadAccountId: p.leadAccountId,
        components: p.components.map((c) => ({ id: c.id, name: c.name, leadAccountId: c.leadAccountId })),
      })),
    };
  }
}

function isTagged<K extends string>(value: unknown, tag: K): value is Record<K, unknown> {
  return typeof value === 'object' && value !== null && tag in value && Object.keys(value).length === 1;
}
