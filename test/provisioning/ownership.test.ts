import fc from 'fast-check';
import { desiredAccountState, type ActiveAssertion, type ConnectionClaim } from '../../src/provisioning/account-policy';
import { getUserSyncState } from '../../src/provisioning/sync-state';
import { patchOps, type ScimTestClient } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// Who may manage an Atlassian account, and what several IdPs asserting one person add up to: from SCIM requests
// through the worker to the sandbox site, as sequences.

const person = (userName: string, extra: Record<string, unknown> = {}) => ({
  userName,
  emails: [{ value: userName.trim(), primary: true }],
  displayName: 'Ada Lovelace',
  active: true,
  ...extra,
});

async function post(client: ScimTestClient, userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const reply = await client.post('/Users', person(userName, extra));
  if (reply.status !== 201) throw new Error(`POST /Users answered ${reply.status}`);
  return reply.body.id as string;
}

const setActive = (client: ScimTestClient, id: string, active: boolean) =>
  client.patch(`/Users/${id}`, patchOps({ op: 'replace', value: { active } }));
const rename = (client: ScimTestClient, id: string, displayName: string) =>
  client.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'displayName', value: displayName }));

describe('ownership of Atlassian accounts', () => {
  let h: ProvisioningBed;
  let okta: ScimTestClient;
  let other: ScimTestClient;

  beforeEach(async () => {
    h = await provisioningBed();
    okta = h.scim;
    other = await h.scim.sibling();
  });

  it("refuses another connection's push for an account it did not create and whose domain it was not assigned, and logs it", async () => {
    await post(okta, 'ada@example.com');
    await h.runJobs();
    const intruder = await post(other, 'ada@example.com', { displayName: 'Mallory' });
    await setActive(other, intruder, false);
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Ada Lovelace', active: true });
    const [refusal] = await h.activity({ result: 'refused' }, other.connectionId);
    expect(refusal).toMatchObject({ action: 'manage account', subject: { label: 'ada@example.com' } });
    expect(refusal.reason).toMatch(
      /not this connection's to manage: another connection created it, and example\.com is not one of the email domains/,
    );
    expect(await getUserSyncState(h.platform.store, other.connectionId, intruder)).toMatchObject({ status: 'skipped' });

    // Assigning the domain makes the other connection entitled: its say now counts (the secure policy suspends).
    await h.setOptions({ ownership: { linkDomains: ['example.com'] } }, other.connectionId);
    await rename(other, intruder, 'Mallory M');
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ active: false, displayName: 'Ada Lovelace' });
    expect((await h.activity({ result: 'applied' }, other.connectionId)).map((entry) => entry.action).sort()).toEqual(['link', 'suspend user']);
  });

  it('leaves accounts that existed before the app alone until their domain is assigned, then links them (logged as "link")', async () => {
    const bob = await post(okta, 'bob@example.com', { displayName: 'Robert Brown' });
    await h.runJobs();
    expect(h.account('bob@example.com')).toMatchObject({ displayName: 'Bob Brown' });
    await h.setOptions({ ownership: { linkDomains: ['example.com'] } });
    await rename(okta, bob, 'Rob Brown');
    await h.runJobs();
    expect(h.account('bob@example.com')).toMatchObject({ displayName: 'Rob Brown' });
    const actions = (await h.activity({ result: 'applied' })).map((entry) => entry.action);
    expect(actions.sort()).toEqual(['link', 'update profile (displayName)']);
    expect(actions).not.toContain('create user');
  });

  it('never suspends, renames or regroups a site admin, even with an organization key and its domain assigned; it reports', async () => {
    h = await provisioningBed({ credentials: ['orgKey', 'directoryKey', 'siteToken'], linkDomains: ['example.com'] });
    const admin = await post(h.scim, 'admin@example.com', { displayName: 'Mallory' });
    const groupReply = await h.scim.post('/Groups', { displayName: 'jira-software-users', members: [] });
    await h.runJobs();
    await setActive(h.scim, admin, false);
    await h.runJobs();
    expect(h.account('admin@example.com')).toMatchObject({ active: true, displayName: 'Ada Admin' });
    expect(h.memberEmails('site-admins')).toEqual(['admin@example.com']);
    expect(h.memberEmails('jira-software-users')).toContain('admin@example.com');
    expect(groupReply.status).toBe(201);
    const reasons = (await h.activity({ result: 'skipped' })).map((entry) => entry.reason);
    expect(reasons).toContainEqual(expect.stringMatching(/^admin@example\.com is a protected account .* does not suspend it/));
    expect(reasons).toContainEqual(expect.stringMatching(/^admin@example\.com is a protected account .* does not rename it/));
    expect(await getUserSyncState(h.platform.store, h.scim.connectionId, admin)).toMatchObject({ status: 'skipped' });
  });

  it('does not let a userName with a trailing space steer an account another user of the same connection steers', async () => {
    await h.setOptions({ ownership: { linkDomains: ['example.com'] } });
    await post(okta, 'bob@example.com', { displayName: 'Bob Brown' });
    await h.runJobs();
    const twin = await post(okta, 'bob@example.com ', { displayName: 'Not Bob' });
    await setActive(okta, twin, false);
    await h.runJobs();
    expect(h.account('bob@example.com')).toMatchObject({ displayName: 'Bob Brown', active: true });
    const [refusal] = await h.activity({ result: 'refused' });
    expect(refusal.reason).toBe(
      "the Atlassian account bob@example.com is already linked to this connection's user 'bob@example.com'; one IdP user steers one account",
    );
  });
});

describe('several IdPs asserting one person', () => {
  let h: ProvisioningBed;
  let okta: ScimTestClient;
  let entra: ScimTestClient;

  beforeEach(async () => {
    h = await provisioningBed({ linkDomains: ['example.com'] });
    okta = h.scim;
    entra = await h.scim.sibling();
    await h.setOptions({}, entra.connectionId);
  });

  it("keeps Okta's deactivation through Entra's routine updates, and restores only when Okta reactivates", async () => {
    const oktaAda = await post(okta, 'ada@example.com');
    await h.runJobs();
    const entraAda = await post(entra, 'ada@example.com');
    await h.runJobs();
    await setActive(okta, oktaAda, false);
    await h.runJobs();
    expect(h.account('ada@example.com')?.active).toBe(false);

    await rename(entra, entraAda, 'Ada King');
    await setActive(entra, entraAda, true);
    await h.runJobs();
    expect(h.account('ada@example.com')?.active).toBe(false);

    await setActive(okta, oktaAda, true);
    await h.runJobs();
    expect(h.account('ada@example.com')?.active).toBe(true);
  });

  it('a user deleted in one IdP stays deactivated while the other still sends it active', async () => {
    const oktaAda = await post(okta, 'ada@example.com');
    const entraAda = await post(entra, 'ada@example.com');
    await h.runJobs();
    await okta.delete(`/Users/${oktaAda}`);
    await h.runJobs();
    await rename(entra, entraAda, 'Ada King');
    await h.runJobs();
    expect(h.account('ada@example.com')?.active).toBe(false);
  });

  it('with "only when every connection says so", deactivates once both do, whichever goes first', async () => {
    const all = { ownership: { linkDomains: ['example.com'], deactivateWhen: 'all' } };
    await h.setOptions(all);
    await h.setOptions(all, entra.connectionId);
    const oktaAda = await post(okta, 'ada@example.com');
    const entraAda = await post(entra, 'ada@example.com');
    await h.runJobs();
    await setActive(entra, entraAda, false);
    await h.runJobs();
    expect(h.account('ada@example.com')?.active).toBe(true);
    await setActive(okta, oktaAda, false);
    await h.runJobs();
    expect(h.account('ada@example.com')?.active).toBe(false);
    await setActive(entra, entraAda, true);
    await h.runJobs();
    expect(h.account('ada@example.com')?.active).toBe(true);
  });

  it('follows the primary connection for the display name: the other one never renames the account back and forth', async () => {
    const oktaAda = await post(okta, 'ada@example.com');
    await h.runJobs();
    const entraAda = await post(entra, 'ada@example.com', { displayName: 'A. Lovelace' });
    await h.runJobs();
    await rename(okta, oktaAda, 'Ada King');
    await rename(entra, entraAda, 'Countess Lovelace');
    await h.runJobs();
    expect(h.account('ada@example.com')?.displayName).toBe('Ada King');
  });
});

describe('desiredAccountState', () => {
  const assertion = fc.constantFrom<ActiveAssertion>('active', 'inactive', 'deleted', 'none');
  const claims = fc.array(fc.record({ connectionId: fc.string(), assertion, policy: fc.constantFrom<'any' | 'all'>('any', 'all') }), {
    maxLength: 6,
  });

  it('does not depend on the order the connections are read in', () => {
    fc.assert(
      fc.property(claims, (list: ConnectionClaim[]) => {
        expect(desiredAccountState([...list].reverse()).state).toBe(desiredAccountState(list).state);
      }),
    );
  });

  it("with any connection on 'any', deactivates while one says inactive or deleted; an unassigned active counts for nothing", () => {
    fc.assert(
      fc.property(claims, (list: ConnectionClaim[]) => {
        const asserting = list.filter((claim) => claim.assertion !== 'none');
        const against = asserting.filter((claim) => claim.assertion !== 'active');
        const expected =
          asserting.length === 0
            ? 'unchanged'
            : list.some((claim) => claim.policy === 'any')
              ? against.length > 0
                ? 'inactive'
                : 'active'
              : against.length === asserting.length
                ? 'inactive'
                : 'active';
        expect(desiredAccountState(list).state).toBe(expected);
      }),
    );
  });
});
