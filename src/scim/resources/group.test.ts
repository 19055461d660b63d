import { MICROSOFT_REQUESTS, OKTA_2023_REQUESTS } from '../../../test/fixtures/scim-conformance';
import { GROUP_SCHEMA_ID } from '../schemas/group';
import { scimFailure } from '../../../test/kit/scim-errors';
import { normaliseResource } from '../schemas/normalise';
import { GROUP_RESOURCE_TYPE } from '../schemas/resource-types';
import { toGroupResource } from './group';

const parseGroup = (body: unknown) => normaliseResource(body, GROUP_RESOURCE_TYPE);

function body(name: string): unknown {
  return JSON.parse((MICROSOFT_REQUESTS[name] ?? OKTA_2023_REQUESTS[name])!.body!);
}

describe('parseGroup with the bodies of Microsoft and Okta test collections', () => {
  it.each([
    ['Group tests/Create empty group', { externalId: '${__UUID}', displayName: 'Group1DisplayName' }],
    [
      'Group tests/Create filled group 2',
      { externalId: '${__UUID}', displayName: 'GroupDisplayName2', members: [{ value: '{{id3}}', display: 'VP' }] },
    ],
    [
      'Group tests/Put replace group3',
      {
        displayName: 'putName',
        members: [
          { value: '{{id3}}', display: 'VP' },
          { value: '{{id4}}', display: 'SenorVP' },
        ],
      },
    ],
    ['Group tests with garbage/Post group', { displayName: 'Group 1', externalId: '015489ea-9410-4306-b583-9f002b2446f7' }],
    ['Group tests with garbage/group put', { displayName: 'Tiffany Ortiz', externalId: '6c6b54c2-fa81-4234-ad4f-420ec6808049' }],
    [
      'Optional Test: Create Group with members',
      { displayName: '{{randomGroupName}}', members: [{ value: '{{idUserOne}}', display: '{{randomUserEmail}}' }] },
    ],
    ['Optional Test: Remove Group Members w/ PUT', { displayName: '{{randomGroupName}}' }],
  ])('reads "%s"', (name, expected) => {
    expect(parseGroup(body(name))).toEqual({ value: expected, extras: {} });
  });
});

describe('parseGroup validation', () => {
  it.each([
    [{ members: [] }, '"displayName" is required; send it as a string'],
    [{ displayName: 'g', members: [{ display: 'no id' }] }, '"members[0].value" is required; send it as a string'],
    [{ displayName: 'g', members: [{ value: 7 }] }, '"members[0].value" must be a string, not 7'],
  ])('answers %j with 400 invalidValue', (input, detail) => {
    expect(scimFailure(() => parseGroup(input))).toEqual([400, 'invalidValue', detail]);
  });

  it('accepts member ids given as bare strings', () => {
    expect(parseGroup({ displayName: 'g', members: ['u1', { Value: 'u2' }] }).value.members).toEqual([{ value: 'u1' }, { value: 'u2' }]);
  });

  it('refuses a User body posted to /Groups', () => {
    expect(() => parseGroup({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], displayName: 'g' })).toThrow(
      /none of which is a Group schema/,
    );
  });
});

describe('toGroupResource', () => {
  it('adds references to members, schemas, id and meta', () => {
    const resource = toGroupResource(
      {
        id: 'g1',
        data: {
          displayName: 'Sales',
          externalId: 'e',
          members: [
            { value: 'u1', display: 'Babs' },
            { value: 'g2', type: 'Group' },
          ],
        },
        created: 'c',
        lastModified: 'm',
        version: 'W/"1"',
      },
      'https://h/scim/v2',
    );
    expect(resource).toEqual({
      schemas: [GROUP_SCHEMA_ID],
      id: 'g1',
      displayName: 'Sales',
      externalId: 'e',
      members: [
        { value: 'u1', display: 'Babs', type: 'User', $ref: 'https://h/scim/v2/Users/u1' },
        { value: 'g2', type: 'Group', $ref: 'https://h/scim/v2/Groups/g2' },
      ],
      meta: { resourceType: 'Group', created: 'c', lastModified: 'm', location: 'https://h/scim/v2/Groups/g1', version: 'W/"1"' },
    });
  });

  it('leaves members out when the stored data has none', () => {
    const resource = toGroupResource({ id: 'g1', data: { displayName: 'Sales' }, created: 'c', lastModified: 'm' }, 'https://h');
    expect(resource).not.toHaveProperty('members');
  });
});
