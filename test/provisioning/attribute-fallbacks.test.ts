import { ENTERPRISE, patchOps } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';
import { pullToSite } from '../kit/pull-to-site';

// Display name fallbacks and template, custom attributes wherever the IdP puts them, and the IDCS group membership
// attribute in pull runs: from the IdP through the worker to the sandbox site.

describe('attributes from the IdP side to the site', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
  });

  /** Okta and miniOrange's "Sync user" send given and family names, often without displayName. */
  const namesOnly = (userName: string, givenName: string, familyName: string) =>
    h.scim.post('/Users', { userName, name: { givenName, familyName }, emails: [{ value: userName, primary: true }], active: true });
  const properties = (email: string) => Object.fromEntries(h.sandbox.state.accountByEmail(email)!.properties);

  it('names an account from given and family names, follows displayName while sent, and falls back when it goes', async () => {
    const id = (await namesOnly('given3@example.com', 'Given3', 'Family3')).body.id as string;
    await h.runJobs();
    expect(h.account('given3@example.com')).toMatchObject({ displayName: 'Given3 Family3' });

    await h.scim.patch(`/Users/${id}`, patchOps({ op: 'add', path: 'displayName', value: 'G. Family' }));
    await h.runJobs();
    expect(h.account('given3@example.com')).toMatchObject({ displayName: 'G. Family' });

    await h.scim.patch(`/Users/${id}`, patchOps({ op: 'remove', path: 'displayName' }));
    await h.runJobs();
    expect(h.account('given3@example.com')).toMatchObject({ displayName: 'Given3 Family3' });

    await h.scim.patch(`/Users/${id}`, patchOps({ op: 'remove', path: 'name' }));
    await h.runJobs();
    expect(h.account('given3@example.com')).toMatchObject({ displayName: 'given3@example.com' });
  });

  it('uses a display name template while every attribute it names has a value, and the fallbacks otherwise', async () => {
    await h.setOptions({ attributeMapping: { displayNameTemplate: '{name.familyName}, {name.givenName} ({title})' } });
    await h.createUser('ada@example.com', { title: 'Analyst' });
    await namesOnly('alan@example.com', 'Alan', 'Turing');
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Lovelace, Ada (Analyst)' });
    expect(h.account('alan@example.com')).toMatchObject({ displayName: 'Alan Turing' });
  });

  it('maps a custom attribute by name whether the IdP sends it top-level or in the enterprise extension', async () => {
    await h.setOptions({
      customAttributes: [
        { source: 'costCenter', name: 'Cost center' },
        { source: `${ENTERPRISE}:division`, name: 'Division' },
      ],
    });
    await h.createUser('top@example.com', { costCenter: 'CC-1', division: 'North' });
    await h.createUser('ext@example.com', { [ENTERPRISE]: { costCenter: 'CC-2', division: 'South' } });
    await h.runJobs();
    expect(properties('top@example.com')).toEqual({ 'Cost center': 'CC-1', Division: 'North' });
    expect(properties('ext@example.com')).toEqual({ 'Cost center': 'CC-2', Division: 'South' });
  });
});

describe('the IDCS group membership attribute in pull runs', () => {
  const GROUPS_ATTRIBUTE = 'urn:acme:User:atlassianGroups';
  const user = (id: string, groups: string[]) => ({
    id,
    userName: `${id}@example.com`,
    email: `${id}@example.com`,
    givenName: id,
    familyName: 'Tester',
    extra: { 'urn:acme:User': { atlassianGroups: groups } },
  });

  it('takes memberships from the attribute instead of IDCS group membership, by group name or id, run after run', async () => {
    const bed = await pullToSite(
      {
        users: [user('u1', ['Sales']), user('u2', ['g-eng', 'Nowhere'])],
        groups: [
          { id: 'g-sales', displayName: 'Sales', members: ['u2'] },
          { id: 'g-eng', displayName: 'Engineering', members: ['u1'] },
        ],
      },
      { groupMembershipAttribute: GROUPS_ATTRIBUTE },
    );
    const status = await bed.run('full');
    expect(status.status).toBe('succeeded');
    expect(bed.h.memberEmails('Sales')).toEqual(['u1@example.com']);
    expect(bed.h.memberEmails('Engineering')).toEqual(['u2@example.com']);
    expect(bed.h.account('u1@example.com')).toMatchObject({ displayName: 'u1 Tester' });

    await bed.h.clock.advance(60_000);
    bed.fake.updateUser('u1', { extra: { 'urn:acme:User': { atlassianGroups: ['Engineering'] } } });
    await bed.run('delta');
    expect(bed.h.memberEmails('Sales')).toEqual([]);
    expect(bed.h.memberEmails('Engineering')).toEqual(['u1@example.com', 'u2@example.com']);
  });
});
