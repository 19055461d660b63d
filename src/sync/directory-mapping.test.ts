import { userRecordSchema } from '../directory/model';
import type { IdpUser } from '../idp/connector';
import { changedUserFields, directoryIdOf, toGroupInput, toUserInput, userUnchanged } from './directory-mapping';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const idpUser = (overrides: Partial<IdpUser> = {}): IdpUser => ({
  id: 'idcs-1',
  userName: 'Ada@Example.com',
  emails: [
    { value: 'Ada@Example.com', type: 'work', primary: true },
    { value: 'ada@home.example', primary: false },
  ],
  displayName: 'Ada Lovelace',
  givenName: 'Ada',
  familyName: 'Lovelace',
  active: true,
  groups: ['g1'],
  attributes: {
    id: 'idcs-1',
    userName: 'Ada@Example.com',
    active: true,
    emails: ['Ada@Example.com'],
    title: 'Engineer',
    'name.formatted': 'Ada Lovelace',
    [`${ENTERPRISE}:department`]: 'R&D',
    [`${ENTERPRISE}:manager.value`]: 'u9',
    phoneNumbers: ['+100'],
  },
  ...overrides,
});

describe('directory mapping', () => {
  it('gives short, stable, key-safe directory ids', () => {
    expect(directoryIdOf('idcs-1')).toMatch(/^[0-9a-f]{24}$/);
    expect(directoryIdOf('idcs-1')).toBe(directoryIdOf('idcs-1'));
    expect(directoryIdOf('idcs-2')).not.toBe(directoryIdOf('idcs-1'));
  });

  it('shapes a user as a SCIM User: record fields apart, extension attributes under their schema', () => {
    expect(toUserInput(idpUser())).toEqual({
      userName: 'Ada@Example.com',
      externalId: 'idcs-1',
      active: true,
      emails: ['ada@example.com', 'ada@home.example'],
      attributes: {
        displayName: 'Ada Lovelace',
        emails: [
          { primary: true, type: 'work', value: 'Ada@Example.com' },
          { primary: false, value: 'ada@home.example' },
        ],
        name: { familyName: 'Lovelace', formatted: 'Ada Lovelace', givenName: 'Ada' },
        phoneNumbers: ['+100'],
        title: 'Engineer',
        [ENTERPRISE]: { department: 'R&D', manager: { value: 'u9' } },
      },
    });
  });

  it('does not see a change where the IdP only reordered attributes', () => {
    const input = toUserInput(idpUser());
    const record = userRecordSchema.parse({ id: 'x', ...input, created: 't', lastModified: 't', version: 3 });
    const reordered = idpUser({ attributes: Object.fromEntries(Object.entries(idpUser().attributes).reverse()) });
    expect(userUnchanged(record, toUserInput(reordered))).toBe(true);
    const renamed = toUserInput(idpUser({ displayName: 'Ada King', active: false }));
    expect(userUnchanged(record, renamed)).toBe(false);
    expect(changedUserFields(record, renamed)).toEqual(['active', 'attributes']);
  });

  it('keeps a group’s IdP id as its externalId', () => {
    expect(toGroupInput({ id: 'g1', displayName: 'Engineers' })).toEqual({
      displayName: 'Engineers',
      externalId: 'g1',
      attributes: { displayName: 'Engineers', externalId: 'g1' },
    });
  });
});
