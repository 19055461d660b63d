import { BitbucketWorkspaceGroups } from './adapters/bitbucket';
import { OrganizationsTarget } from './adapters/organizations';
import { ScimDirectoryTarget } from './adapters/scim-directory';
import { SiteRestTarget } from './adapters/site-rest';
import { CAPABILITIES, CREDENTIAL_KINDS, isRoutable, routeOperation, type CapabilityOperation, type CredentialKind } from './capabilities';

const OPERATIONS = Object.keys(CAPABILITIES) as CapabilityOperation[];

/** Each credential's adapter, by the methods its class offers. */
const ADAPTER_METHODS: Record<CredentialKind, object> = {
  directoryKey: ScimDirectoryTarget.prototype,
  orgKey: OrganizationsTarget.prototype,
  siteToken: SiteRestTarget.prototype,
  asApp: SiteRestTarget.prototype,
  bitbucketToken: BitbucketWorkspaceGroups.prototype,
};

const BITBUCKET_ROWS: Record<string, string[]> = {
  bitbucketGroups: ['listGroups', 'findGroupByName', 'createGroup', 'deleteGroup'],
  bitbucketMembers: ['listGroupMembers', 'addMember', 'removeMember'],
};

describe('the capability matrix', () => {
  it('has a cell for every operation and credential, with an endpoint wherever something can be called', () => {
    for (const operation of OPERATIONS) {
      for (const kind of CREDENTIAL_KINDS) {
        const cell = CAPABILITIES[operation].cells[kind];
        expect(cell).toBeDefined();
        if (cell.support === 'yes' || cell.support === 'partial') expect(cell.endpoint).toEqual(expect.any(String));
      }
    }
  });

  it("matches Atlassian's API reference on the cells it states", () => {
    const cell = (operation: CapabilityOperation, kind: CredentialKind) => CAPABILITIES[operation].cells[kind].support;
    expect(cell('createUser', 'directoryKey')).toBe('yes');
    expect(cell('createUser', 'orgKey')).toBe('yes');
    expect(cell('createUser', 'siteToken')).toBe('partial');
    expect(cell('createUser', 'asApp')).toBe('no');
    expect(cell('updateProfile', 'siteToken')).toBe('no');
    expect(cell('suspendUser', 'siteToken')).toBe('no');
    expect(cell('removeProductAccess', 'siteToken')).toBe('partial');
    expect(cell('removeProductAccess', 'directoryKey')).toBe('no');
    for (const operation of ['createGroup', 'deleteGroup', 'addMember', 'removeMember'] as const) {
      expect(cell(operation, 'asApp')).toBe('no');
      expect(cell(operation, 'siteToken')).toBe('yes');
      expect(cell(operation, 'directoryKey')).toBe('yes');
    }
    expect(cell('addMember', 'orgKey')).toBe('partial');
    expect(cell('renameGroup', 'directoryKey')).toBe('no');
    expect(cell('renameGroup', 'orgKey')).toBe('unverified');
    expect(cell('renameGroup', 'siteToken')).toBe('unverified');
    for (const operation of ['setProjectLead', 'setComponentLead', 'setUserProperty'] as const) {
      expect(cell(operation, 'siteToken')).toBe('yes');
      expect(cell(operation, 'asApp')).toBe('unverified');
      expect(cell(operation, 'directoryKey')).toBe('no');
      expect(cell(operation, 'orgKey')).toBe('no');
    }
    expect(cell('findUserByEmail', 'siteToken')).toBe('partial');
    expect(cell('bitbucketGroups', 'bitbucketToken')).toBe('unverified');
  });

  it('names only operations the routed adapter implements', () => {
    for (const operation of OPERATIONS) {
      for (const kind of CREDENTIAL_KINDS) {
        if (!isRoutable(CAPABILITIES[operation].cells[kind])) continue;
        const methods = BITBUCKET_ROWS[operation] ?? [operation];
        for (const method of methods) expect([kind, method, typeof Reflect.get(ADAPTER_METHODS[kind], method)]).toEqual([kind, method, 'function']);
      }
    }
  });
});

describe('routeOperation', () => {
  it('refuses user creation without a key that can create users, saying which keys can', () => {
    expect(routeOperation('createUser', ['asApp', 'siteToken'])).toEqual({
      ok: true,
      credential: 'siteToken',
      capability: CAPABILITIES.createUser.cells.siteToken,
    });
    expect(routeOperation('createUser', ['asApp'])).toEqual({
      ok: false,
      message: 'Creating users needs a directory API key or an org API key; add one under Atlassian credentials.',
    });
  });

  it('prefers the directory key for creating users and the site token for groups', () => {
    const granted: CredentialKind[] = ['asApp', 'siteToken', 'directoryKey', 'orgKey'];
    expect(routeOperation('createUser', granted)).toMatchObject({ ok: true, credential: 'directoryKey' });
    expect(routeOperation('findUserByEmail', granted)).toMatchObject({ ok: true, credential: 'orgKey' });
    expect(routeOperation('createGroup', granted)).toMatchObject({ ok: true, credential: 'siteToken' });
    expect(routeOperation('setProjectLead', granted)).toMatchObject({ ok: true, credential: 'siteToken' });
  });

  it('keeps every group operation on one adapter, so group ids stay in one id space', () => {
    const groupOperations = ['listGroups', 'findGroupByName', 'createGroup', 'deleteGroup', 'listGroupMembers', 'addMember', 'removeMember'] as const;
    const grants: CredentialKind[][] = [
      ['asApp', 'directoryKey'],
      ['orgKey', 'directoryKey'],
      ['siteToken', 'orgKey', 'asApp'],
    ];
    for (const granted of grants) {
      const credentials = new Set(groupOperations.map((op) => routeOperation(op, granted)).map((r) => (r.ok ? r.credential : r.message)));
      expect([granted, credentials.size]).toEqual([granted, 1]);
    }
  });

  it('reads groups as the app but refuses group writes, naming the credentials that could', () => {
    expect(routeOperation('listGroups', ['asApp'])).toMatchObject({ ok: true, credential: 'asApp' });
    expect(routeOperation('addMember', ['asApp'])).toEqual({
      ok: false,
      message: "Adding group members needs a site admin's API token or a directory API key; add one under Atlassian credentials.",
    });
  });

  it('refuses renames whatever is granted, and says what to do instead', () => {
    const route = routeOperation('renameGroup', CREDENTIAL_KINDS);
    expect(route).toEqual({
      ok: false,
      message: "Renaming groups is not possible through Atlassian's APIs. Create the new group, move the members and delete the old one instead.",
    });
  });

  it('routes unverified cells as a last resort and says so', () => {
    expect(routeOperation('setProjectLead', ['asApp'])).toMatchObject({
      ok: true,
      credential: 'asApp',
      capability: { support: 'unverified' },
    });
    expect(routeOperation('setProjectLead', ['directoryKey', 'orgKey'])).toEqual({
      ok: false,
      message: "Changing project leads needs a site admin's API token; add one under Atlassian credentials.",
    });
  });
});
