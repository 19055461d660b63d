import { MICROSOFT_REQUESTS, OKTA_2023_REQUESTS, OKTA_REQUESTS } from '../../../test/fixtures/scim-conformance';
import { ENTERPRISE_USER_SCHEMA_ID } from '../schemas/enterprise-user';
import { USER_SCHEMA, USER_SCHEMA_ID, type ScimUser } from '../schemas/user';
import { isStored } from '../schemas/zod';
import { scimErrorOf, scimFailure } from '../../../test/kit/scim-errors';
import { normaliseResource } from '../schemas/normalise';
import { USER_RESOURCE_TYPE } from '../schemas/resource-types';
import { toUserResource } from './user';

const parseUser = (body: unknown) => normaliseResource(body, USER_RESOURCE_TYPE);

const ENTERPRISE = ENTERPRISE_USER_SCHEMA_ID;

function microsoftBody(name: string): unknown {
  return JSON.parse(MICROSOFT_REQUESTS[name]!.body!);
}

describe('parseUser with the bodies of Microsoft and Okta test collections', () => {
  it('reads "Post User", matching "Primary" to primary', () => {
    const { value } = parseUser(microsoftBody('User tests/Post User'));
    expect(value).toEqual({
      userName: 'UserName123',
      active: true,
      displayName: 'BobIsAmazing',
      externalId: '${__UUID}',
      name: { formatted: 'Ryan Leenay', familyName: 'Leenay', givenName: 'Ryan' },
      emails: [
        { primary: true, type: 'work', value: 'testing@bob.com' },
        { primary: false, type: 'home', value: 'testinghome@bob.com' },
      ],
    });
  });

  it('reads the enterprise extension of "Post EnterpriseUser" whatever the case of its attribute names', () => {
    const { value } = parseUser(microsoftBody('User tests/Post EnterpriseUser'));
    expect(value[ENTERPRISE]).toEqual({ department: 'bob', manager: { value: 'SuzzyQ' } });
  });

  it('treats nulls and empty lists in "Post user OMalley" as not set and ignores the client-sent meta', () => {
    const { value, extras } = parseUser(microsoftBody('User tests with garbage/Post user "OMalley"'));
    expect(value.addresses?.[1]).toEqual({ formatted: '18522 Lisa Unions\nEast Gregory, CT 52311', type: 'other', primary: false });
    expect(value.name).toEqual({ formatted: 'Daniel Mcgee', familyName: 'OMalley', givenName: 'Darl' });
    expect(value).not.toHaveProperty('roles');
    expect(value).not.toHaveProperty('meta');
    expect(extras).toEqual({});
  });

  it('coerces the string "True" of "Post emp1 with string True"', () => {
    expect(parseUser(microsoftBody('User tests with garbage/Post emp1 with string "True"')).value.active).toBe(true);
  });

  it.each(['User tests with garbage/Post no username', 'User tests with garbage/Put a user no username'])(
    'answers "%s" with 400 invalidValue naming userName',
    (name) => {
      expect(scimErrorOf(() => parseUser(microsoftBody(name))).toBody()).toEqual({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '400',
        scimType: 'invalidValue',
        detail: '"userName" is required; send it as a string',
      });
    },
  );

  it('keeps the misspelled attribute of "Put a user misspelled attribute" as an extra, not as addresses', () => {
    const { value, extras } = parseUser(microsoftBody('User tests with garbage/Put a user misspelled attribute'));
    expect(value).not.toHaveProperty('addresses');
    expect(Object.keys(extras)).toEqual(['adreses']);
  });

  it.each([
    ['Required Test: Create Okta user with realistic values', OKTA_REQUESTS],
    ['Required Test: Update User', OKTA_2023_REQUESTS],
  ])('reads Okta\'s "%s"', (name, requests) => {
    const { value } = parseUser(JSON.parse(requests[name]!.body!));
    expect(value).toMatchObject({
      userName: '{{randomUsername}}',
      name: { givenName: '{{randomGivenName}}', familyName: '{{randomFamilyName}}' },
      emails: [{ primary: true, value: '{{randomEmail}}', type: 'work' }],
      active: true,
    });
  });
});

describe('parseUser normalisation', () => {
  it('accepts a password and keeps it nowhere', () => {
    const { value, extras } = parseUser({ userName: 'bjensen', password: 't1meMa$heen' });
    expect(value).toEqual({ userName: 'bjensen' });
    expect(extras).toEqual({});
  });

  it('returns unknown attributes and unknown extensions as extras, URN-qualified inside known extensions', () => {
    const custom = 'urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User';
    const { value, extras } = parseUser({
      userName: 'bjensen',
      costCentre: 'typo',
      [custom]: { badge: 7 },
      [ENTERPRISE]: { department: 'Sales', badgeColour: 'red' },
    });
    expect(value).toEqual({ userName: 'bjensen', [ENTERPRISE]: { department: 'Sales' } });
    expect(extras).toEqual({ costCentre: 'typo', [custom]: { badge: 7 }, [`${ENTERPRISE}:badgeColour`]: 'red' });
  });

  it('places URN-qualified and unqualified extension attributes in their extension', () => {
    const { value } = parseUser({ userName: 'b', [`${ENTERPRISE}:department`]: 'Sales', costCenter: '42' });
    expect(value[ENTERPRISE]).toEqual({ department: 'Sales', costCenter: '42' });
  });

  it('drops what clients may not set: id, meta, groups, manager.displayName', () => {
    const { value } = parseUser({
      id: 'client-id',
      userName: 'b',
      meta: { resourceType: 'User' },
      groups: [{ value: 'g1' }],
      [ENTERPRISE]: { manager: { value: 'm1', displayName: 'Boss' } },
    });
    expect(value).toEqual({ userName: 'b', [ENTERPRISE]: { manager: { value: 'm1' } } });
  });

  it.each([
    ['"True"', 'True', true],
    ['"false"', 'false', false],
    ['" FALSE "', ' FALSE ', false],
  ])('coerces the boolean string %s', (_, text, expected) => {
    expect(parseUser({ userName: 'b', active: text, emails: [{ value: 'a@b', primary: text }] }).value).toEqual({
      userName: 'b',
      active: expected,
      emails: [{ value: 'a@b', primary: expected }],
    });
  });

  it('keeps the first primary value when a client marks several', () => {
    const { value } = parseUser({
      userName: 'b',
      emails: [{ value: 'a', primary: true }, { value: 'b', primary: 'True' }, { value: 'c' }],
    });
    expect(value.emails).toEqual([{ value: 'a', primary: true }, { value: 'b', primary: false }, { value: 'c' }]);
  });

  it('accepts a bare value for a multi-valued attribute and a bare id for the manager', () => {
    const { value } = parseUser({ userName: 'b', emails: 'a@example.com', [ENTERPRISE]: { manager: 'boss-id' } });
    expect(value.emails).toEqual([{ value: 'a@example.com' }]);
    expect(value[ENTERPRISE]).toEqual({ manager: { value: 'boss-id' } });
  });

  it.each([
    [{ userName: 'b', active: 'yes' }, '"active" must be true or false, not "yes"'],
    [{ userName: 'b', emails: [{ value: 42 }] }, '"emails[0].value" must be a string, not 42'],
    [{ userName: '' }, '"userName" must not be empty'],
    [{ userName: 'b', name: 'Barbara' }, '"name" must be an object, not "Barbara"'],
    [{ userName: 'b', [ENTERPRISE]: { department: 5 } }, `"${ENTERPRISE}:department" must be a string, not 5`],
    [{ userName: 'b', [ENTERPRISE]: 'Sales' }, `"${ENTERPRISE}" must be an object of EnterpriseUser attributes`],
  ])('answers %j with 400 invalidValue', (body, detail) => {
    expect(scimFailure(() => parseUser(body))).toEqual([400, 'invalidValue', detail]);
  });

  it.each([
    [['urn:ietf:params:scim:schemas:core:2.0:Group'], 'none of which is a User schema'],
    [['urn:example:widget'], 'none of which is a User schema'],
    ['urn:ietf:params:scim:schemas:core:2.0:User', 'must be a list of schema URNs'],
  ])('answers "schemas": %j with 400 invalidSyntax', (schemas, detail) => {
    expect(scimFailure(() => parseUser({ schemas, userName: 'b' }))).toEqual([400, 'invalidSyntax', expect.stringContaining(detail)]);
  });

  it.each([[undefined], [[]], [[ENTERPRISE]], [['URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER', 'urn:example:custom']]])(
    'accepts "schemas": %j',
    (schemas) => {
      expect(parseUser({ schemas, userName: 'b' }).value).toEqual({ userName: 'b' });
    },
  );

  it.each([null, 'text', [{ userName: 'b' }]])('answers the body %j with 400 invalidSyntax', (body) => {
    expect(scimErrorOf(() => parseUser(body)).scimType).toBe('invalidSyntax');
  });
});

describe('ScimUser and USER_SCHEMA', () => {
  const everything: ScimUser = {
    userName: 'bjensen',
    externalId: 'e1',
    name: {
      formatted: 'Ms. Barbara J Jensen, III',
      familyName: 'Jensen',
      givenName: 'Barbara',
      middleName: 'Jane',
      honorificPrefix: 'Ms.',
      honorificSuffix: 'III',
    },
    displayName: 'Babs Jensen',
    nickName: 'Babs',
    profileUrl: 'https://login.example.com/bjensen',
    title: 'Tour Guide',
    userType: 'Employee',
    preferredLanguage: 'en-US',
    locale: 'en-US',
    timezone: 'America/Los_Angeles',
    active: true,
    emails: [{ value: 'bjensen@example.com', display: 'Babs', type: 'work', primary: true }],
    phoneNumbers: [{ value: '555-555-5555', type: 'work' }],
    ims: [{ value: 'someaimhandle', type: 'aim' }],
    photos: [{ value: 'https://photos.example.com/profilephoto.jpg', type: 'photo' }],
    addresses: [
      {
        formatted: '100 Universal City Plaza',
        streetAddress: '100 Universal City Plaza',
        locality: 'Hollywood',
        region: 'CA',
        postalCode: '91608',
        country: 'US',
        type: 'work',
        primary: true,
      },
    ],
    entitlements: [{ value: 'license' }],
    roles: [{ value: 'admin' }],
    x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAw' }],
    [ENTERPRISE]: {
      employeeNumber: '701984',
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      department: 'Tour Operations',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d' },
    },
  };

  it('keeps every attribute of a fully populated ScimUser', () => {
    expect(parseUser(everything).value).toEqual(everything);
  });

  it('has a ScimUser field for every attribute a client can set', () => {
    const settable = USER_SCHEMA.attributes.filter(isStored).map((attribute) => attribute.name);
    expect(Object.keys(everything)).toEqual(expect.arrayContaining(settable));
  });
});

describe('toUserResource', () => {
  it('adds schemas, id, groups with references and meta to the stored data', () => {
    const resource = toUserResource(
      {
        id: 'u1',
        data: { userName: 'bjensen', [ENTERPRISE]: { department: 'Sales' } },
        created: '2024-01-01T00:00:00.000Z',
        lastModified: '2024-01-02T00:00:00.000Z',
        version: 'W/"2"',
        groups: [{ value: 'g1', display: 'Sales' }],
      },
      'https://example.net/x1/abc/conn/scim/v2/',
    );
    expect(resource).toEqual({
      schemas: [USER_SCHEMA_ID, ENTERPRISE],
      id: 'u1',
      userName: 'bjensen',
      [ENTERPRISE]: { department: 'Sales' },
      groups: [{ value: 'g1', display: 'Sales', type: 'direct', $ref: 'https://example.net/x1/abc/conn/scim/v2/Groups/g1' }],
      meta: {
        resourceType: 'User',
        created: '2024-01-01T00:00:00.000Z',
        lastModified: '2024-01-02T00:00:00.000Z',
        location: 'https://example.net/x1/abc/conn/scim/v2/Users/u1',
        version: 'W/"2"',
      },
    });
  });

  it('lists only the core schema and no groups when there is nothing for them', () => {
    const resource = toUserResource({ id: 'u1', data: { userName: 'b' }, created: 'c', lastModified: 'm' }, 'https://h/scim/v2');
    expect(resource.schemas).toEqual([USER_SCHEMA_ID]);
    expect(resource).not.toHaveProperty('groups');
    expect(resource.meta).toEqual({ resourceType: 'User', created: 'c', lastModified: 'm', location: 'https://h/scim/v2/Users/u1' });
  });
});
