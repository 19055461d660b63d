import { MICROSOFT_REQUESTS, OKTA_REQUESTS } from '../../../test/fixtures/scim-conformance';
import type { JsonObject } from '../json';
import { normaliseResource } from '../schemas/normalise';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../schemas/resource-types';
import { matchesElement, matchesFilter } from './evaluate';
import { parseFilter } from './parser';

const parseUser = (body: unknown) => normaliseResource(body, USER_RESOURCE_TYPE);

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const bjensen: JsonObject = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'BJensen-Ext',
  userName: 'bjensen',
  name: { familyName: "O'Malley", givenName: 'Barbara' },
  title: 'Tour Guide',
  userType: 'Employee',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  ims: [{ value: 'babs@foo.com', type: 'xmpp' }],
  meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
  [ENTERPRISE]: { department: 'Tour Operations', manager: { value: 'M-1' } },
};

function matches(text: string, resource: JsonObject = bjensen): boolean {
  return matchesFilter(parseFilter(text, USER_RESOURCE_TYPE), resource, USER_RESOURCE_TYPE);
}

describe('matchesFilter', () => {
  it.each([
    ['userName eq "BJENSEN"', true],
    ['USERNAME Eq "bjensen"', true],
    ['id eq "2819C223-7F76-453A-919D-413861904646"', false],
    ['id eq "2819c223-7f76-453a-919d-413861904646"', true],
    ['externalId eq "bjensen-ext"', false],
    ['externalId eq "BJensen-Ext"', true],
    ['name.familyName co "o\'mal"', true],
    ['userName sw "BJ"', true],
    ['userName ew "SEN"', true],
    ['userName co "x"', false],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', false],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "B"', true],
    ['title pr', true],
    ['nickName pr', false],
    ['name pr', true],
    ['name.middleName pr', false],
    ['meta.lastModified gt "2011-05-13T04:42:33Z"', true],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', false],
    ['meta.lastModified ge "2011-05-13T04:42:34.000Z"', true],
    ['meta.lastModified lt "2011-05-13T06:42:34+02:00"', false],
    ['meta.lastModified le "2011-05-13T06:42:34+02:00"', true],
    ['meta.created eq "2010-01-23T04:56:22.000Z"', true],
    ['title pr and userType eq "Employee"', true],
    ['title pr or userType eq "Intern"', true],
    ['schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"', true],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', true],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', false],
    ['userType eq "Employee" and (emails.type eq "work")', true],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', true],
    ['emails[type eq "home" and value co "@example.com"]', false],
    ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', true],
    ['emails[type eq "work"].value eq "BJENSEN@example.com"', true],
    ['emails[type eq "home"].value eq "bjensen@example.com"', false],
    ['emails.type eq "home" and emails.value eq "bjensen@example.com"', true],
    ['emails[primary eq true].value ew ".com"', true],
    ['emails eq "babs@jensen.org"', true],
    ['active eq true', true],
    ['active eq "true"', false],
    ['active ne false', true],
    ['not (active eq true)', false],
    ['nickName ne "x"', true],
    ['nickName eq null', true],
    ['title eq null', false],
    ['title ne null', true],
    [`${ENTERPRISE}:department eq "tour operations"`, true],
    ['department sw "Tour"', true],
    [`${ENTERPRISE}:manager.value eq "M-1"`, true],
    [`${ENTERPRISE}:manager.value eq "m-1"`, false],
    ['x509Certificates pr', false],
    ['title pr or userName eq "x" and active eq false', true],
    ['(title pr or userName eq "x") and active eq false', false],
    ['userName gt "a" and userName lt "C"', true],
  ])('%s -> %s', (text, expected) => {
    expect(matches(text)).toBe(expected);
  });

  it('finds "Post User" of Microsoft\'s collection with its "Get User Filters" query', () => {
    const user = parseUser(JSON.parse(MICROSOFT_REQUESTS['User tests/Post User']!.body!)).value;
    expect(matches(MICROSOFT_REQUESTS['User tests/Get User Filters']!.query['filter']!, { ...user })).toBe(true);
  });

  it("finds a user by Okta's upper-cased userName (Username Case Sensitivity Check)", () => {
    const filter = OKTA_REQUESTS['Required Test: Username Case Sensitivity Check']!.query['filter']!;
    expect(matches(filter, { userName: '{{randomusernamecaps}}' })).toBe(true);
  });

  it('matches group members by id, case-exactly', () => {
    const group = { displayName: 'Sales', members: [{ value: 'U1' }, { value: 'u2' }] };
    const matchesGroup = (text: string) => matchesFilter(parseFilter(text, GROUP_RESOURCE_TYPE), group, GROUP_RESOURCE_TYPE);
    expect(matchesGroup('members[value eq "u2"]')).toBe(true);
    expect(matchesGroup('members[value eq "u1"]')).toBe(false);
    expect(matchesGroup('displayName eq "SALES"')).toBe(true);
  });
});

it('reads attributes outside the schema as they are, for filters parsed without a resource type', () => {
  const resource = { userName: 'b', badge: 'Gold', 'urn:example:custom': { level: 3 } };
  expect(matchesFilter(parseFilter('BADGE eq "gold" and urn:example:custom:level gt 2'), resource, USER_RESOURCE_TYPE)).toBe(true);
});

describe('matchesElement', () => {
  it('evaluates a filter written inside [...] against one value', () => {
    const emails = USER_RESOURCE_TYPE.schema.attributes.find((attribute) => attribute.name === 'emails');
    const filter = parseFilter('type eq "WORK" and primary eq true');
    expect(matchesElement(filter, { type: 'work', primary: true }, emails)).toBe(true);
    expect(matchesElement(filter, { type: 'work' }, emails)).toBe(false);
  });
});
