// The contract against a real Atlassian site and organization. Skipped unless the environment names one:
//   site REST:     ATLASSIAN_SITE_URL, ATLASSIAN_EMAIL, ATLASSIAN_API_TOKEN (a site admin)
//   SCIM:          ATLASSIAN_DIRECTORY_ID, ATLASSIAN_DIRECTORY_KEY
//   organizations: ATLASSIAN_ORG_ID, ATLASSIAN_ORG_DIRECTORY_ID, ATLASSIAN_ORG_KEY
//   always:        ATLASSIAN_TEST_ACCOUNT_ID + ATLASSIAN_TEST_USER_EMAIL (an existing user, in the SCIM directory for SCIM)
//   optional:      ATLASSIAN_TEST_NEW_USER_DOMAIN (lets the run create accounts there),
//                  ATLASSIAN_NON_ADMIN_EMAIL + ATLASSIAN_NON_ADMIN_API_TOKEN (the 403 case),
//                  ATLASSIAN_TEST_PROJECT_KEY + ATLASSIAN_TEST_PROJECT_LEAD + ATLASSIAN_TEST_COMPONENT_ID (lead cases;
//                  the project lead is put back, the component's lead is left cleared).
import { cryptoRandom } from '../../src/platform/crypto-random';
import { OrganizationsTarget } from '../../src/atlassian/adapters/organizations';
import { ScimDirectoryTarget } from '../../src/atlassian/adapters/scim-directory';
import { SiteRestTarget } from '../../src/atlassian/adapters/site-rest';
import type { AtlassianTarget } from '../../src/atlassian/target';
import { HttpClient } from '../../src/platform/http-client';
import { createLocalFetchTransport } from '../../src/platform/local/fetch-transport';
import { systemClock } from '../../src/platform/system-clock';
import { describeAtlassianTargetContract, documented, type TargetFixture } from './atlassian-target.contract';

const env = process.env;
const http = new HttpClient({ transport: createLocalFetchTransport(), clock: systemClock, random: cryptoRandom });
const known = env.ATLASSIAN_TEST_ACCOUNT_ID && env.ATLASSIAN_TEST_USER_EMAIL;

function realFixture(target: Partial<AtlassianTarget>): TargetFixture {
  const domain = env.ATLASSIAN_TEST_NEW_USER_DOMAIN;
  const { ATLASSIAN_TEST_PROJECT_KEY: projectKey, ATLASSIAN_TEST_COMPONENT_ID: componentId } = env;
  const restoreProjectLead = env.ATLASSIAN_TEST_PROJECT_LEAD;
  return {
    target,
    knownUser: { accountId: env.ATLASSIAN_TEST_ACCOUNT_ID ?? '', email: env.ATLASSIAN_TEST_USER_EMAIL ?? '' },
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    newEmail: domain ? () => `ugs-contract-${Date.now()}@${domain}` : undefined,
    leads: projectKey && componentId && restoreProjectLead ? { projectKey, componentId, restoreProjectLead } : undefined,
  };
}

function describeWhen(ready: unknown, name: string, define: () => void): void {
  if (ready) {
    jest.setTimeout(180_000);
    define();
  } else {
    describe.skip(`${name} (set the ATLASSIAN_* variables to run)`, () => it('needs a real site', () => undefined));
  }
}

const site = known && env.ATLASSIAN_SITE_URL && env.ATLASSIAN_EMAIL && env.ATLASSIAN_API_TOKEN;
describeWhen(site, 'real site REST', () =>
  describeAtlassianTargetContract('site REST (real site)', documented('siteToken'), () => {
    const siteUrl = env.ATLASSIAN_SITE_URL ?? '';
    const auth = { email: env.ATLASSIAN_EMAIL ?? '', apiToken: env.ATLASSIAN_API_TOKEN ?? '' };
    const { ATLASSIAN_NON_ADMIN_EMAIL: email, ATLASSIAN_NON_ADMIN_API_TOKEN: apiToken } = env;
    return {
      ...realFixture(new SiteRestTarget({ http, siteUrl, auth })),
      memberPageLimit: 50,
      withoutAdminRights: email && apiToken ? new SiteRestTarget({ http, siteUrl, auth: { email, apiToken } }) : undefined,
    };
  }),
);

const directory = known && env.ATLASSIAN_DIRECTORY_ID && env.ATLASSIAN_DIRECTORY_KEY;
describeWhen(directory, 'real SCIM directory', () =>
  describeAtlassianTargetContract('SCIM directory (real)', documented('directoryKey'), () =>
    realFixture(new ScimDirectoryTarget({ http, directoryId: env.ATLASSIAN_DIRECTORY_ID ?? '', apiKey: env.ATLASSIAN_DIRECTORY_KEY ?? '' })),
  ),
);

const organization = known && env.ATLASSIAN_ORG_ID && env.ATLASSIAN_ORG_DIRECTORY_ID && env.ATLASSIAN_ORG_KEY;
describeWhen(organization, 'real organization', () =>
  describeAtlassianTargetContract('organizations (real)', documented('orgKey'), () =>
    realFixture(
      new OrganizationsTarget({
        http,
        orgId: env.ATLASSIAN_ORG_ID ?? '',
        directoryId: env.ATLASSIAN_ORG_DIRECTORY_ID ?? '',
        apiKey: env.ATLASSIAN_ORG_KEY ?? '',
      }),
    ),
  ),
);
