import { getUserSyncState } from '../../src/provisioning/sync-state';
import { ENTERPRISE, patchOps, USER_SCHEMA } from '../kit/scim-client';
import { provisioningBed, type ProvisioningBed } from '../kit/provisioning-bed';

// The username regex, attribute mapping and custom attributes, as they reach the Atlassian account.

/** What Microsoft Entra ID sends: the UPN as userName, no emails, and the mailbox in `mail` (an unknown attribute). */
function entraUser(upn: string, mail: string, extra: Record<string, unknown> = {}) {
  return { schemas: [USER_SCHEMA], userName: upn, externalId: upn.split('@')[0], active: true, mail, ...extra };
}

describe('usernameRegex', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
  });

  it('rewrites the domain before the account is looked up and created, and matches an existing account by it', async () => {
    await h.setOptions({
      usernameRegex: { pattern: '(.*)@corp\\.local', replacement: '$1@example.com' },
      ownership: { linkDomains: ['example.com'] },
    });
    await h.createUser('ada@corp.local', { emails: [{ value: 'ada@corp.local', primary: true }] });
    await h.createUser('alice@corp.local', { emails: [{ value: 'alice@corp.local', primary: true }] });
    const before = h.snapshot().users.length;
    await h.runJobs();
    expect(h.account('ada@example.com')).toBeDefined();
    expect(h.account('ada@corp.local')).toBeUndefined();
    expect(h.snapshot().users).toHaveLength(before + 1);
    expect(h.account('alice@example.com')?.scimId).toBeDefined();
  });

  it('refuses a user whose rewritten name is not an email, creates nothing, and says why', async () => {
    // Saved, as no usual username shows it wrong (a rule that turns them all into non-emails is refused at save).
    await h.setOptions({ usernameRegex: { pattern: '^(ada)@example\\.com$', replacement: '$1' } });
    const id = await h.createUser('ada@example.com');
    const before = h.snapshot();
    await h.runJobs();
    expect(h.snapshot()).toEqual(before);
    const [refusal] = await h.activity({ result: 'refused' });
    expect(refusal).toMatchObject({ action: 'map attributes', subject: { kind: 'user', id } });
    expect(refusal.reason).toMatch(/emails\[primary\] after the username regex is not an email address/);
    const state = await getUserSyncState(h.platform.store, h.scim.connectionId, id);
    expect(state).toMatchObject({ status: 'failed', lastError: refusal.reason });
  });
});

describe('attribute mapping', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
  });

  it('takes the email from `mail` for an Entra-like user whose userName is not a mailbox', async () => {
    await h.scim.post('/Users', entraUser('ada.lovelace@contoso.onmicrosoft.com', 'ada@example.com', { displayName: 'Ada Lovelace' }));
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Ada Lovelace' });
    expect(h.snapshot().users.find((u) => u.email.includes('onmicrosoft'))).toBeUndefined();
  });

  it('prefers the attributes an admin maps, in order: here the userName over `mail`', async () => {
    await h.setOptions({ attributeMapping: { email: ['userName', 'mail'] } });
    await h.scim.post('/Users', entraUser('ada.l@example.com', 'ada@example.com'));
    await h.runJobs();
    expect(h.account('ada.l@example.com')).toBeDefined();
    expect(h.account('ada@example.com')).toBeUndefined();
  });

  it('takes the display name from name.formatted when the IdP sends no displayName', async () => {
    await h.createUser('ada@example.com', { displayName: undefined, name: { formatted: 'Ada King', givenName: 'Ada', familyName: 'King' } });
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Ada King' });
  });

  it('maps the display name from another attribute, and follows changes to it', async () => {
    await h.setOptions({ attributeMapping: { displayName: ['nickName', 'displayName'] } });
    const id = await h.createUser('ada@example.com', { nickName: 'Countess' });
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Countess' });
    await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'nickName', value: 'Enchantress of Numbers' }));
    await h.runJobs();
    expect(h.account('ada@example.com')).toMatchObject({ displayName: 'Enchantress of Numbers' });
  });
});

describe('custom attributes', () => {
  let h: ProvisioningBed;

  beforeEach(async () => {
    h = await provisioningBed();
    await h.setOptions({
      customAttributes: [
        { source: `${ENTERPRISE}:department`, name: 'Department' },
        { source: `${ENTERPRISE}:costCenter`, name: 'Cost centre' },
        { source: 'badge', name: 'Badge' },
      ],
    });
  });

  const properties = (email: string) => Object.fromEntries(h.sandbox.state.accountByEmail(email)!.properties);

  it('are stored as user properties on the account and shown in the sync state, from schema and extra attributes', async () => {
    const id = await h.createUser('ada@example.com', { [ENTERPRISE]: { department: 'Analytics', costCenter: 'CC-7' }, badge: 'B-42' });
    await h.runJobs();
    const expected = { Department: 'Analytics', 'Cost centre': 'CC-7', Badge: 'B-42' };
    expect(properties('ada@example.com')).toEqual(expected);
    const state = await getUserSyncState(h.platform.store, h.scim.connectionId, id);
    expect(state?.customAttributes).toEqual(expected);
  });

  it('follow a change in the IdP, and are cleared when the IdP stops sending one', async () => {
    const id = await h.createUser('ada@example.com', { [ENTERPRISE]: { department: 'Analytics', costCenter: 'CC-7' } });
    await h.runJobs();
    await h.scim.patch(
      `/Users/${id}`,
      patchOps({ op: 'replace', path: `${ENTERPRISE}:department`, value: 'Engines' }, { op: 'remove', path: `${ENTERPRISE}:costCenter` }),
    );
    await h.runJobs();
    const expected = { Department: 'Engines', 'Cost centre': '' };
    expect(properties('ada@example.com')).toEqual(expected);
    const state = await getUserSyncState(h.platform.store, h.scim.connectionId, id);
    expect(state?.customAttributes).toEqual(expected);
  });

  it('are not rewritten when nothing changed', async () => {
    const id = await h.createUser('ada@example.com', { [ENTERPRISE]: { department: 'Analytics' } });
    await h.runJobs();
    h.sandbox.resetStats();
    await h.scim.patch(`/Users/${id}`, patchOps({ op: 'replace', path: 'title', value: 'Analyst' }));
    await h.runJobs();
    expect(h.sandbox.stats().byEndpoint['PUT /rest/api/3/user/properties/:key']).toBeUndefined();
  });
});
