import type { FaultSpec } from '../../src/fakes/atlassian-site/faults';
import { listPendingChanges } from '../../src/records/change-records';
import { PENDING_GRACE_MS, repairPendingProvisioning } from '../../src/provisioning/repair';
import { ENTERPRISE } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// Outages, timeouts, rate limits and crashes: whatever goes wrong on the way, the site ends as a clean run leaves it,
// with each change applied once and no change record left behind.

/** Two users (one with an account already), a default group, a custom attribute and an IdP group. */
async function scenario(h: ProvisioningBed): Promise<void> {
  h.sandbox.state.createGroup('everyone');
  await h.setOptions({ defaultGroups: { allUsers: ['everyone'] }, customAttributes: [{ source: `${ENTERPRISE}:department`, name: 'Department' }] });
  const ada = await h.createUser('ada@example.com', { [ENTERPRISE]: { department: 'Analytics' } });
  const bob = await h.createUser('bob@example.com', { [ENTERPRISE]: { department: 'Sales' } });
  await h.createGroup('engineering', [ada, bob]);
}

/**
 * The site as a whole, user properties included, in terms that do not depend on the order work was done in:
 * members by email, and whether a user has a SCIM record rather than its sequential id.
 */
function site(h: ProvisioningBed) {
  const { users, groups, projects } = h.snapshot();
  const email = (accountId: string) => users.find((user) => user.accountId === accountId)?.email;
  return {
    users: users.map(({ scimId, ...user }) => ({ ...user, provisioned: scimId !== undefined })),
    groups: groups.map(({ groupId: _groupId, members, ...group }) => ({ ...group, members: members.map(email).sort() })),
    projects,
    properties: [...h.sandbox.state.accounts.values()].map((account) => [account.email, Object.fromEntries(account.properties)]),
  };
}

/** What was applied, each action once per time it was applied (which job did it may differ from run to run). */
async function appliedActions(h: ProvisioningBed): Promise<string[]> {
  return (await h.activity({ result: 'applied' })).map((entry) => entry.action).sort();
}

async function pending(h: ProvisioningBed) {
  return (await listPendingChanges(h.platform.store, h.scim.connectionId)).items;
}

describe('failures on the Atlassian side', () => {
  let clean: { site: ReturnType<typeof site>; applied: string[]; calls: number };

  beforeAll(async () => {
    const h = await provisioningBed();
    await scenario(h);
    await h.runJobs();
    clean = { site: site(h), applied: await appliedActions(h), calls: h.atlassianCalls() };
  });

  const endpoints: [string, Omit<FaultSpec, 'status'>][] = [
    ['SCIM user creation', { api: 'scim', method: 'POST', pathIncludes: '/Users' }],
    ['SCIM user lookup', { api: 'scim', method: 'GET', pathIncludes: '/Users' }],
    ['Jira group creation', { api: 'jira', method: 'POST', pathIncludes: '/group' }],
    ['Jira member addition', { api: 'jira', method: 'POST', pathIncludes: '/group/user' }],
    ['Jira user property', { api: 'jira', method: 'PUT', pathIncludes: '/user/properties' }],
    ['every call', {}],
  ];
  const statuses: FaultSpec['status'][] = [500, 503, 'timeout', 'network', 429];

  describe.each(statuses)('%s', (status) => {
    it.each(endpoints)('on %s, three times running: retried through the queue, nothing lost or applied twice', async (_name, where) => {
      const h = await provisioningBed();
      h.sandbox.injectFault({ status, times: 3, ...where });
      await scenario(h);
      const answers = await h.runJobs();
      expect(answers.some((answer) => answer !== undefined)).toBe(true);
      expect(h.sandbox.stats().faulted).toBe(3);
      expect(site(h)).toEqual(clean.site);
      expect(await appliedActions(h)).toEqual(clean.applied);
      expect(await pending(h)).toEqual([]);
    });
  });

  it('honours a long Retry-After: the job waits for it on the queue, not inside the invocation', async () => {
    const h = await provisioningBed();
    h.sandbox.injectFault({ status: 429, times: 1, retryAfterSeconds: 600 });
    await scenario(h);
    const started = h.clock.now();
    const answers = await h.runJobs();
    expect(answers).toContainEqual({ retryAfterSeconds: 600, reason: 'rateLimited' });
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(600_000);
    expect(site(h)).toEqual(clean.site);
  });

  it('a crash at any call (the call reaches the site, its answer never comes back) ends, after the repair pass, as a clean run', async () => {
    expect(clean.calls).toBeGreaterThan(20);
    for (let call = 0; call < clean.calls; call++) {
      const h = await provisioningBed();
      await scenario(h);
      h.crashAfter(call);
      await h.runJobs();
      expect({ call, lost: (await pending(h)).length }).toEqual({ call, lost: 1 });
      await h.clock.advance(PENDING_GRACE_MS);
      await repairPendingProvisioning(h.platform);
      await h.runJobs();
      expect({ call, site: site(h) }).toEqual({ call, site: clean.site });
      expect(await pending(h)).toEqual([]);
    }
  });
});
