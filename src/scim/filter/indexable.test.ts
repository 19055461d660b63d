import { OKTA_REQUESTS } from '../../../test/fixtures/scim-conformance';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../schemas/resource-types';
import { indexableFilter } from './indexable';
import { parseFilter } from './parser';

describe('indexableFilter', () => {
  it.each([
    ['userName eq "bjensen"', { attribute: 'userName', value: 'bjensen' }],
    ['USERNAME EQ "BJensen"', { attribute: 'userName', value: 'BJensen' }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "b"', { attribute: 'userName', value: 'b' }],
    ['externalId eq "e1"', { attribute: 'externalId', value: 'e1' }],
    ['id eq "2819c223"', { attribute: 'id', value: '2819c223' }],
    ['emails[type eq "work"].value eq "a@example.com"', { attribute: 'email', value: 'a@example.com' }],
    ['emails.value eq "a@example.com"', { attribute: 'email', value: 'a@example.com' }],
    ['emails[value eq "a@example.com"]', { attribute: 'email', value: 'a@example.com' }],
    ['emails[value eq "a@example.com" and primary eq true]', { attribute: 'email', value: 'a@example.com' }],
    ['userName eq "b" and active eq true', { attribute: 'userName', value: 'b' }],
    ['active eq true and externalId eq "e1"', { attribute: 'externalId', value: 'e1' }],
  ])('%s -> %j', (text, expected) => {
    expect(indexableFilter(parseFilter(text, USER_RESOURCE_TYPE))).toEqual(expected);
  });

  it('recognises the group probe of Entra ID', () => {
    expect(indexableFilter(parseFilter('displayName eq "Group1DisplayName"', GROUP_RESOURCE_TYPE))).toEqual({
      attribute: 'displayName',
      value: 'Group1DisplayName',
    });
  });

  it("recognises Okta's existence check", () => {
    const filter = OKTA_REQUESTS["Required Test: Make sure random user doesn't exist"]!.query['filter']!;
    expect(indexableFilter(parseFilter(filter, USER_RESOURCE_TYPE))).toEqual({ attribute: 'userName', value: '{{randomEmail}}' });
  });

  it.each([
    'userName sw "b"',
    'userName ne "b"',
    'userName eq "b" or externalId eq "e"',
    'not (userName eq "b")',
    'emails co "a@example.com"',
    'emails[type eq "work"]',
    'emails.type eq "work"',
    'userName pr',
    'title eq "x"',
    'name.givenName eq "b"',
    'ims[value eq "x"]',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "1"',
  ])('leaves %s to a scan', (text) => {
    expect(indexableFilter(parseFilter(text, USER_RESOURCE_TYPE))).toBeUndefined();
  });
});
