import { routeOperation, type CredentialKind } from '../../src/atlassian/capabilities';
import { createCompositeTarget } from '../../src/atlassian/composite-target';
import type { AtlassianTarget, TargetOperation, UserRef } from '../../src/atlassian/target';
import { atlassianSandbox, type AtlassianSandbox } from '../kit/atlassian-sandbox';
import { TARGET_OPERATIONS, describeAtlassianTargetContract, documented, type TargetFixture } from './atlassian-target.contract';

/** What every sandbox fixture shares; `scim` provisions the known user and new users into the SCIM directory. */
function fixture(box: AtlassianSandbox, target: Partial<AtlassianTarget>, scim: boolean): TargetFixture {
  const { site, clock } = box;
  const alice = site.state.accountByEmail('alice@example.com');
  const project = site.state.project('ENG');
  if (!alice || !project) throw new Error('the sandbox seed changed');
  if (scim) site.state.createScimRecord(alice.accountId, alice.email);
  let created = 0;
  return {
    target,
    knownUser: { accountId: alice.accountId, email: alice.email },
    advance: (ms) => clock.advance(ms),
    newEmail: () => `new-person-${++created}@example.com`,
    makeUsers: async (count) =>
      Array.from({ length: count }, (_, i): UserRef => {
        const email = `member-${++created}-${i}@example.com`;
        const account = site.state.createAccount({ email, displayName: `Member ${i}`, createdAt: 0 });
        if (scim) site.state.createScimRecord(account.accountId, email);
        return { accountId: account.accountId, email };
      }),
    leads: { projectKey: project.key, componentId: project.components[1].id, restoreProjectLead: project.leadAccountId },
    injectRateLimit: (retryAfterSeconds) => site.injectFault({ status: 429, retryAfterSeconds }),
  };
}

describeAtlassianTargetContract('site REST with Jira groups (sandbox)', documented('siteToken'), () => {
  const box = atlassianSandbox();
  return {
    ...fixture(box, box.siteTarget(), false),
    memberPageLimit: 50,
    withoutAdminRights: box.siteTarget({ as: 'siteUser' }),
  };
});

describeAtlassianTargetContract('site REST with Confluence groups (sandbox)', documented('siteToken'), () => {
  const box = atlassianSandbox();
  return {
    ...fixture(box, box.siteTarget({ groupsVia: 'confluence' }), false),
    memberPageLimit: 200,
    withoutAdminRights: box.siteTarget({ as: 'siteUser', groupsVia: 'confluence' }),
  };
});

describeAtlassianTargetContract('site REST as the app (sandbox)', documented('asApp'), () => {
  const box = atlassianSandbox();
  return fixture(box, box.asAppTarget(), false);
});

describeAtlassianTargetContract('SCIM directory (sandbox)', documented('directoryKey'), () => {
  const box = atlassianSandbox();
  return fixture(box, box.scimTarget(), true);
});

describeAtlassianTargetContract('organizations (sandbox)', documented('orgKey'), () => {
  const box = atlassianSandbox();
  return fixture(box, box.organizationsTarget(), false);
});

const BITBUCKET_OPERATIONS: TargetOperation[] = [
  'listGroups',
  'findGroupByName',
  'createGroup',
  'deleteGroup',
  'listGroupMembers',
  'addMember',
  'removeMember',
];

describeAtlassianTargetContract(
  'Bitbucket workspace groups (sandbox)',
  (operation) => BITBUCKET_OPERATIONS.includes(operation),
  () => {
    const box = atlassianSandbox();
    return fixture(box, box.bitbucketTarget(), false);
  },
);

/** A composite must do what its routes reach on documented cells, and refuse what no route reaches. */
function routedBy(granted: CredentialKind[]) {
  const documentedRoute = (operation: TargetOperation) => {
    const route = routeOperation(operation, granted);
    return route.ok && documented(route.credential)(operation);
  };
  const refused = TARGET_OPERATIONS.filter((operation) => !routeOperation(operation, granted).ok);
  return { documentedRoute, refused };
}

const DIRECTORY_AND_SITE = routedBy(['directoryKey', 'siteToken']);

describeAtlassianTargetContract('composite of a directory key and a site token (sandbox)', DIRECTORY_AND_SITE.documentedRoute, () => {
  const box = atlassianSandbox();
  const composite = createCompositeTarget({ directoryKey: box.scimTarget(), siteToken: box.siteTarget() });
  const limited = createCompositeTarget({ siteToken: box.siteTarget({ as: 'siteUser' }) });
  return {
    ...fixture(box, composite, true),
    memberPageLimit: 50,
    withoutAdminRights: limited,
    refuses: DIRECTORY_AND_SITE.refused,
  };
});

const APP_ALONE = routedBy(['asApp']);

describeAtlassianTargetContract('composite of the app alone (sandbox)', APP_ALONE.documentedRoute, () => {
  const box = atlassianSandbox();
  return { ...fixture(box, createCompositeTarget({ asApp: box.asAppTarget() }), false), refuses: APP_ALONE.refused };
});
