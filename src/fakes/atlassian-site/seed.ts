// The sandbox site's starting point: admins and a few users, the admin groups, projects with components and
// leads, and a Bitbucket workspace.
import { JIRA_ADMINS, ORG_ADMINS, SITE_ADMINS, type Account, type SandboxState, type WorkspaceGroup } from './state';

export interface SeedTokens {
  siteAdminToken: string;
  siteUserToken: string;
  bitbucketToken: string;
}

export interface SeededPeople {
  siteAdmin: Account;
  /** Has an API token but is not a site admin. */
  siteUser: Account;
  bitbucketWorkspace: string;
}

const BITBUCKET_WORKSPACE = 'sandbox';

export function seedSandbox(state: SandboxState, tokens: SeedTokens): SeededPeople {
  const indexed = { createdAt: 0 };
  const admin = state.createAccount({ email: 'admin@example.com', displayName: 'Ada Admin', ...indexed });
  const member = state.createAccount({ email: 'member@example.com', displayName: 'Milo Member', ...indexed });
  const alice = state.createAccount({ email: 'alice@example.com', displayName: 'Alice Andersen', ...indexed });
  const bob = state.createAccount({ email: 'bob@example.com', displayName: 'Bob Brown', ...indexed });
  const carol = state.createAccount({
    email: 'carol@example.com',
    displayName: 'Carol Chen',
    emailVisible: false,
    ...indexed,
  });
  const app = state.createAccount({
    email: 'user-group-sync@connect.atlassian.com',
    displayName: 'User & Group Sync',
    accountType: 'app',
    inDirectory: false,
    ...indexed,
  });
  state.appAccountId = app.accountId;

  const membership: Record<string, Account[]> = {
    [SITE_ADMINS]: [admin],
    [ORG_ADMINS]: [admin],
    [JIRA_ADMINS]: [admin],
    'jira-software-users': [admin, member, alice, bob, carol],
    'confluence-users': [admin, member, alice],
  };
  for (const [name, accounts] of Object.entries(membership)) {
    const group = state.createGroup(name);
    accounts.forEach((a) => group.members.add(a.accountId));
  }

  const engineering = state.createProject('ENG', 'Engineering', admin.accountId);
  state.addComponent(engineering, 'Backend', alice.accountId);
  state.addComponent(engineering, 'Frontend', bob.accountId);
  state.addComponent(engineering, 'Docs');
  const operations = state.createProject('OPS', 'Operations', alice.accountId);
  state.addComponent(operations, 'Infrastructure', alice.accountId);
  state.createProject('HR', 'People', carol.accountId);

  state.siteTokens.set(tokens.siteAdminToken, admin.accountId);
  state.siteTokens.set(tokens.siteUserToken, member.accountId);
  state.bitbucketTokens.set(`${admin.email}:${tokens.bitbucketToken}`, admin.accountId);
  const workspaceGroups: WorkspaceGroup[] = [
    { slug: 'developers', name: 'Developers', permission: 'write', members: new Set([alice.accountId, bob.accountId]) },
    { slug: 'administrators', name: 'Administrators', permission: 'admin', members: new Set([admin.accountId]) },
  ];
  state.workspaces.set(BITBUCKET_WORKSPACE, new Map(workspaceGroups.map((g) => [g.slug, g])));
  return { siteAdmin: admin, siteUser: member, bitbucketWorkspace: BITBUCKET_WORKSPACE };
}
