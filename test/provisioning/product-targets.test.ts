import { patchOps } from '../kit/scim-client';
import { provisioningBed } from '../kit/provisioning-bed';

// Product targets decide which products an account the app creates can use: Jira and Confluence through the site's
// product access groups, nothing for products that are not targeted. Accounts that exist keep the access they have.

const BITBUCKET_ONLY = { targets: { jira: false, confluence: false, bitbucketWorkspace: 'sandbox' } };
const JIRA_AND_CONFLUENCE = { targets: { jira: true, confluence: true } };

describe('product targets', () => {
  it('grant exactly the targeted products to new accounts, and leave earlier accounts as they were', async () => {
    const h = await provisioningBed();
    await h.setOptions(BITBUCKET_ONLY);
    await h.createUser('ada@example.com');
    const carl = await h.createUser('carl@example.com');
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ jiraAccess: false, products: [] });
    expect(h.memberEmails('jira-software-users')).not.toContain('ada@example.com');

    await h.setOptions(JIRA_AND_CONFLUENCE);
    await h.createUser('bea@example.com');
    await h.runJobs();
    expect(h.account('bea@example.com')).toMatchObject({ jiraAccess: true, products: ['jira', 'confluence'] });

    await h.scim.patch(`/Users/${carl}`, patchOps({ op: 'replace', path: 'title', value: 'Analyst' }));
    await h.runJobs();
    expect(h.account('ada@example.com')?.products).toEqual([]);
    expect(h.account('carl@example.com')?.products).toEqual([]);
    expect(h.account('bea@example.com')?.products).toEqual(['jira', 'confluence']);
    const grants = (await h.activity({ result: 'applied' })).filter((entry) => entry.action.startsWith('grant product access'));
    expect(grants.map((entry) => [entry.subject.label, entry.action])).toEqual([['bea@example.com', 'grant product access (jira, confluence)']]);
  });

  it("with a site admin's token only, creates the account without access and grants Jira through its group", async () => {
    const h = await provisioningBed({ credentials: ['siteToken'] });
    await h.setOptions({ targets: { jira: true, confluence: false } });
    await h.createUser('ada@example.com');
    await h.runJobs();
    expect(h.account('ada@example.com')?.products).toEqual(['jira']);
    expect(h.sandbox.stats().byEndpoint['POST /rest/api/3/group/user']).toBe(1);
  });

  it('finishes a grant an outage interrupted when the queue retries the job, once', async () => {
    const h = await provisioningBed({ credentials: ['siteToken'] });
    h.sandbox.injectFault({ status: 503, times: 3, api: 'jira', method: 'POST', pathIncludes: '/group/user' });
    await h.createUser('ada@example.com');
    await h.runJobs();
    expect(h.sandbox.stats().faulted).toBe(3);
    expect(h.account('ada@example.com')?.products).toEqual(['jira']);
    const applied = (await h.activity({ result: 'applied' })).map((entry) => entry.action).sort();
    expect(applied).toEqual(['create user', 'grant product access (jira)']);
  });

  it("with an org API key, grants through the organization's groups", async () => {
    const h = await provisioningBed({ credentials: ['orgKey'] });
    await h.setOptions({ targets: { jira: false, confluence: true } });
    await h.createUser('ada@example.com');
    await h.runJobs();
    expect(h.account('ada@example.com')?.products).toEqual(['confluence']);
  });

  it('with only a directory API key, says the access groups are out of its reach instead of granting nothing silently', async () => {
    const h = await provisioningBed({ credentials: ['directoryKey'] });
    await h.setOptions(JIRA_AND_CONFLUENCE);
    await h.createUser('ada@example.com');
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ active: true, products: [] });
    const [failed] = (await h.activity({ result: 'failed' })).filter((entry) => entry.action.startsWith('grant product access'));
    expect(failed).toMatchObject({ action: 'grant product access (jira, confluence)' });
    expect(failed?.reason).toContain('jira-software-users, confluence-users could not be found');
  });
});
