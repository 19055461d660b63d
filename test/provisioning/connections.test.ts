import { updateConnection } from '../../src/connections/connection-repository';
import { PENDING_GRACE_MS, repairPendingProvisioning } from '../../src/provisioning/repair';
import { patchOps, type ScimTestClient } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// Two IdP connections feeding one Atlassian group: each removes only what it added, and a membership both hold
// stays until neither does.

describe('two connections feeding one group', () => {
  let h: ProvisioningBed;
  let okta: ScimTestClient;
  let entra: ScimTestClient;

  beforeEach(async () => {
    // Both connections are assigned example.com, so each may manage the accounts the other created.
    h = await provisioningBed({ linkDomains: ['example.com'] });
    okta = h.scim;
    entra = await h.scim.sibling();
    await h.setOptions({}, entra.connectionId);
  });

  async function user(client: ScimTestClient, userName: string): Promise<string> {
    return (await client.post('/Users', { userName, emails: [{ value: userName, primary: true }], displayName: userName, active: true })).body.id;
  }

  async function group(client: ScimTestClient, displayName: string, members: string[]): Promise<string> {
    return (await client.post('/Groups', { displayName, members: members.map((value) => ({ value })) })).body.id;
  }

  const removeMember = (client: ScimTestClient, groupId: string, userId: string) =>
    client.patch(`/Groups/${groupId}`, patchOps({ op: 'remove', path: `members[value eq "${userId}"]` }));

  it('each connection removes only the members it added', async () => {
    const oktaAda = await user(okta, 'ada@example.com');
    const entraBob = await user(entra, 'bob@example.com');
    const oktaGroup = await group(okta, 'engineering', [oktaAda]);
    const entraGroup = await group(entra, 'engineering', [entraBob]);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual(['ada@example.com', 'bob@example.com']);

    await removeMember(okta, oktaGroup, oktaAda);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual(['bob@example.com']);
    await removeMember(entra, entraGroup, entraBob);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual([]);
  });

  it('a membership both connections hold survives one of them dropping it, and goes when the other does too', async () => {
    const oktaAda = await user(okta, 'ada@example.com');
    const entraAda = await user(entra, 'ada@example.com');
    const oktaGroup = await group(okta, 'engineering', [oktaAda]);
    const entraGroup = await group(entra, 'engineering', [entraAda]);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual(['ada@example.com']);

    await removeMember(okta, oktaGroup, oktaAda);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual(['ada@example.com']);

    await removeMember(entra, entraGroup, entraAda);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual([]);
  });

  it('in either order', async () => {
    const oktaAda = await user(okta, 'ada@example.com');
    const entraAda = await user(entra, 'ada@example.com');
    const oktaGroup = await group(okta, 'engineering', [oktaAda]);
    const entraGroup = await group(entra, 'engineering', [entraAda]);
    await h.runJobs();

    await removeMember(entra, entraGroup, entraAda);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual(['ada@example.com']);
    await removeMember(okta, oktaGroup, oktaAda);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual([]);
  });

  it('a user one connection disables keeps the membership the other connection holds (removeFromManagedGroups)', async () => {
    await h.setOptions({ disableAction: 'removeFromManagedGroups' }, okta.connectionId);
    await h.setOptions({ disableAction: 'removeFromManagedGroups' }, entra.connectionId);
    const oktaAda = await user(okta, 'ada@example.com');
    const entraAda = await user(entra, 'ada@example.com');
    await group(okta, 'engineering', [oktaAda]);
    const entraGroup = await group(entra, 'engineering', [entraAda]);
    await h.runJobs();

    await okta.patch(`/Users/${oktaAda}`, patchOps({ op: 'replace', value: { active: false } }));
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual(['ada@example.com']);
    await removeMember(entra, entraGroup, entraAda);
    await h.runJobs();
    expect(h.memberEmails('engineering')).toEqual([]);
  });

  it('a group one connection mirrors (manual, keepExistingMembers off) keeps the members another connection added', async () => {
    h.sandbox.state.createGroup('developers');
    const mappings = [{ idpGroup: 'engineering', atlassianGroups: ['developers'] }];
    await h.setOptions({ groupMappingMode: 'manual', manual: { mappings, keepExistingMembers: false } }, okta.connectionId);
    await h.setOptions({ groupMappingMode: 'manual', manual: { mappings } }, entra.connectionId);
    await group(entra, 'engineering', [await user(entra, 'bob@example.com')]);
    await h.runJobs();
    await group(okta, 'engineering', [await user(okta, 'ada@example.com')]);
    await h.runJobs();
    expect(h.memberEmails('developers')).toEqual(['ada@example.com', 'bob@example.com']);
  });
});

describe('a disabled connection', () => {
  it('provisions nothing while disabled: its jobs wait, and run once it is enabled again', async () => {
    const h = await provisioningBed();
    await h.createUser('ada@example.com');
    const groupId = await h.createGroup('engineering', []);
    await updateConnection(h.platform.store, h.scim.connectionId, (current) => ({ ...current, enabled: false }));
    const calls = h.atlassianCalls();
    await h.runJobs();
    expect(h.atlassianCalls()).toBe(calls);
    expect(h.account('ada@example.com')).toBeUndefined();
    expect(h.platform.log.events()).toContain('provisioning.connection_disabled');
    // The sweep leaves it alone while disabled, however long it waits.
    await h.clock.advance(PENDING_GRACE_MS);
    await repairPendingProvisioning(h.platform);
    await h.runJobs();
    expect(h.account('ada@example.com')).toBeUndefined();

    await updateConnection(h.platform.store, h.scim.connectionId, (current) => ({ ...current, enabled: true }));
    await h.scim.patch(`/Groups/${groupId}`, patchOps({ op: 'replace', path: 'displayName', value: 'eng' }));
    await repairPendingProvisioning(h.platform);
    await h.runJobs();
    expect(h.account('ada@example.com')).toBeDefined();
    expect(h.memberEmails('eng')).toEqual([]);
  });
});
