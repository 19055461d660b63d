import { MICROSOFT_REQUESTS, OKTA_2023_REQUESTS } from '../../../test/fixtures/scim-conformance';
import type { JsonObject } from '../json';
import { USER_RESOURCE_TYPE } from '../schemas/resource-types';
import type { ScimUser } from '../schemas/user';
import { scimFailure } from '../../../test/kit/scim-errors';
import { applyPatch } from './apply';
import { parsePatchRequest, PATCH_OP_SCHEMA } from './operation';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const data: ScimUser = {
  userName: 'bjensen',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  active: true,
  emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
  [ENTERPRISE]: { department: 'Sales', manager: { value: 'm0' } },
};

const current: JsonObject = { id: 'u1', ...data, meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z' } };

function patch(body: unknown, resource: JsonObject = current) {
  return applyPatch(resource, parsePatchRequest(body), USER_RESOURCE_TYPE);
}

function operations(...list: unknown[]) {
  return { schemas: [PATCH_OP_SCHEMA], Operations: list };
}

function bodyOf(request: { body?: string } | undefined): unknown {
  return JSON.parse(request!.body!);
}

describe('applyPatch with the PATCH bodies of the Microsoft and Okta test collections', () => {
  it.each([
    ['User tests/patch user1', { userName: 'ryan3' }],
    ['User tests with garbage/Patch user omalley new username', { userName: 'newusername' }],
    ['User tests with garbage/patch user omalley active with boolean', { active: false }],
  ])('applies "%s"', (name, change) => {
    expect(patch(bodyOf(MICROSOFT_REQUESTS[name]))).toEqual({ value: { ...data, ...change }, extras: {} });
  });

  it('deactivates with Okta\'s pathless "Deactivate User"', () => {
    expect(patch(bodyOf(OKTA_2023_REQUESTS['Required Test: Deactivate User'])).value).toEqual({ ...data, active: false });
  });
});

describe('applyPatch: the dialects of identity providers', () => {
  it.each<[string, unknown[], ScimUser]>([
    ['Okta reactivation, pathless', [{ op: 'replace', value: { active: true } }], data],
    ['Entra ID capitalised op and string boolean', [{ op: 'Replace', path: 'active', value: 'False' }], { ...data, active: false }],
    [
      'Entra ID multi-valued and single-valued update',
      [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
      ],
      {
        ...data,
        name: { givenName: 'Barbara', familyName: 'updatedFamilyName' },
        emails: [{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }],
      },
    ],
    [
      'Entra ID adding a work address the user does not have',
      [
        { op: 'Add', path: 'addresses[type eq "work"].formatted', value: '1 Main St\nSpringfield' },
        { op: 'Add', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' },
      ],
      { ...data, addresses: [{ type: 'work', formatted: '1 Main St\nSpringfield', streetAddress: '1 Main St' }] },
    ],
    [
      'Entra ID manager as a bare id',
      [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: '2819c223-7f76-453a-919d-413861904646' }],
      { ...data, [ENTERPRISE]: { department: 'Sales', manager: { value: '2819c223-7f76-453a-919d-413861904646' } } },
    ],
    [
      'Entra ID manager as {value}',
      [{ op: 'Replace', path: `${ENTERPRISE}:manager`, value: { value: 'm2' } }],
      { ...data, [ENTERPRISE]: { department: 'Sales', manager: { value: 'm2' } } },
    ],
    ['Entra ID manager removal', [{ op: 'Remove', path: `${ENTERPRISE}:manager` }], { ...data, [ENTERPRISE]: { department: 'Sales' } }],
    [
      'Entra ID department',
      [{ op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Marketing' }],
      { ...data, [ENTERPRISE]: { department: 'Marketing', manager: { value: 'm0' } } },
    ],
    [
      'Entra ID pathless replace keyed by paths',
      [
        {
          op: 'Replace',
          value: {
            'name.givenName': 'Babs',
            [`${ENTERPRISE}:department`]: 'Marketing',
            'emails[type eq "work"].value': 'babs@example.com',
            displayName: 'Babs Jensen',
          },
        },
      ],
      {
        ...data,
        displayName: 'Babs Jensen',
        name: { givenName: 'Babs', familyName: 'Jensen' },
        emails: [{ value: 'babs@example.com', type: 'work', primary: true }],
        [ENTERPRISE]: { department: 'Marketing', manager: { value: 'm0' } },
      },
    ],
    [
      'pathless add of an extension object',
      [{ op: 'add', value: { [ENTERPRISE]: { employeeNumber: '701984', Manager: 'm1' } } }],
      { ...data, [ENTERPRISE]: { department: 'Sales', employeeNumber: '701984', manager: { value: 'm1' } } },
    ],
    [
      'removal of the value of an email, which removes the email',
      [{ op: 'Remove', path: 'emails[type eq "work"].value' }],
      { ...omit(data, 'emails') },
    ],
    ['removal that selects nothing', [{ op: 'remove', path: 'emails[type eq "home"]' }], data],
    [
      'a new primary email',
      [{ op: 'add', path: 'emails', value: [{ value: 'babs@home.example', type: 'home', primary: 'True' }] }],
      {
        ...data,
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: false },
          { value: 'babs@home.example', type: 'home', primary: true },
        ],
      },
    ],
    ['an email the user already has', [{ op: 'add', path: 'emails', value: { value: 'bjensen@example.com', type: 'work', primary: true } }], data],
    ['Entra ID removal by value list', [{ op: 'Remove', path: 'emails', value: [{ value: 'BJENSEN@example.com' }] }], omit(data, 'emails')],
    [
      'replacement of a whole multi-valued attribute',
      [{ op: 'replace', path: 'emails', value: [{ value: 'x@y' }] }],
      { ...data, emails: [{ value: 'x@y' }] },
    ],
    [
      'replacement of a complex attribute, which keeps sub-attributes it does not name',
      [{ op: 'replace', path: 'name', value: { middleName: 'Jane' } }],
      { ...data, name: { givenName: 'Barbara', familyName: 'Jensen', middleName: 'Jane' } },
    ],
    ['removal of a sub-attribute', [{ op: 'remove', path: 'name.givenName' }], { ...data, name: { familyName: 'Jensen' } }],
    ['replacement with null, which removes', [{ op: 'replace', path: 'name', value: null }], omit(data, 'name')],
    ['removal of the whole enterprise extension', [{ op: 'remove', path: ENTERPRISE }], omit(data, ENTERPRISE)],
    ['a password, accepted and not kept', [{ op: 'replace', value: { password: 'secret' } }], data],
    ["Okta's echo of the id", [{ op: 'replace', value: { id: 'u1', active: false } }], { ...data, active: false }],
    [
      'op names in upper case',
      [
        { op: 'ADD', path: 'title', value: 'Tour Guide' },
        { op: 'REMOVE', path: 'TITLE' },
      ],
      data,
    ],
    [
      'a value filter with several conditions',
      [{ op: 'add', path: 'phoneNumbers[type eq "work" and primary eq true].value', value: '555-0100' }],
      { ...data, phoneNumbers: [{ type: 'work', primary: true, value: '555-0100' }] },
    ],
  ])('%s', (_, list, expected) => {
    expect(patch(operations(...list))).toEqual({ value: expected, extras: {} });
  });

  it('returns what is set on unknown attributes as extras', () => {
    const result = patch(
      operations(
        { op: 'add', path: 'costCentre', value: '42' },
        { op: 'replace', value: { 'urn:example:custom:2.0:User:badge': 7, pronouns: 'she' } },
        { op: 'add', path: 'name.initials', value: 'BJ' },
        { op: 'remove', path: 'somethingElse' },
      ),
    );
    expect(result).toEqual({
      value: data,
      extras: { costCentre: '42', 'urn:example:custom:2.0:User:badge': 7, pronouns: 'she', 'name.initials': 'BJ' },
    });
  });
});

describe('applyPatch errors', () => {
  it.each([
    [
      [{ op: 'remove' }],
      'noTarget',
      'Operation 1 (remove without a path): remove needs a "path" naming what to remove, e.g. "path": "emails[type eq \\"work\\"]"',
    ],
    [
      [{ op: 'replace', path: 'emails[value co "@other"].type', value: 'home' }],
      'noTarget',
      'Operation 1 (replace "emails[value co "@other"].type"): no value of emails matches [value co "@other"], and the filter does not say how to create one (use eq conditions joined by and)',
    ],
    [
      [{ op: 'replace', path: 'id', value: 'u2' }],
      'mutability',
      'Operation 1 (replace "id"): "id" is read-only and cannot be changed; leave it out of the request',
    ],
    [
      [{ op: 'replace', value: { id: 'u2' } }],
      'mutability',
      'Operation 1 (replace without a path): "id" is read-only and cannot be changed; leave it out of the request',
    ],
    [
      [{ op: 'remove', path: 'userName' }],
      'mutability',
      'Operation 1 (remove "userName"): "userName" is required and cannot be removed; replace it with a new value instead',
    ],
    [
      [{ op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }],
      'mutability',
      'Operation 1 (replace "meta.created"): "meta.created" is read-only and cannot be changed; leave it out of the request',
    ],
    [
      [{ op: 'add', path: 'groups', value: [{ value: 'g1' }] }],
      'mutability',
      'Operation 1 (add "groups"): "groups" is read-only and cannot be changed; leave it out of the request',
    ],
    [
      [{ op: 'add', path: 'name[givenName eq "x"].familyName', value: 'y' }],
      'invalidPath',
      'Operation 1 (add "name[givenName eq "x"].familyName"): "name" is single-valued; [...] filters select values of multi-valued attributes such as emails',
    ],
    [
      [{ op: 'add', path: 'emails[type eq "work"', value: 'y' }],
      'invalidPath',
      'Operation 1 (add "emails[type eq "work""): Invalid path at character 22 (the end): expected "]" to close "[", found the end of the input',
    ],
    [
      [{ op: 'replace', path: 'active', value: 'maybe' }],
      'invalidValue',
      'Operation 1 (replace "active"): "active" must be true or false, not "maybe"',
    ],
    [
      [{ op: 'add', path: ENTERPRISE, value: 'Sales' }],
      'invalidValue',
      `Operation 1 (add "${ENTERPRISE}"): "${ENTERPRISE}" takes an object of EnterpriseUser attributes, e.g. {"department": "Sales"}`,
    ],
    [
      [{ op: 'replace', value: 'active=false' }],
      'invalidValue',
      'Operation 1 (replace without a path): without a "path", "value" must be an object of the attributes to set, e.g. {"active": false}',
    ],
    [
      [{ op: 'add', path: 'emails[type eq "work"].value', value: null }],
      'invalidValue',
      'Operation 1 (add "emails[type eq "work"].value"): "emails[type eq "work"].value" needs a value; to take it away use "op": "remove"',
    ],
    [
      [
        { op: 'add', path: 'title', value: 'x' },
        { op: 'add', path: 'emails', value: [{ value: 1 }] },
      ],
      'invalidValue',
      'Operation 2 (add "emails"): "emails[0].value" must be a string, not 1',
    ],
  ])('%j -> 400 %s', (list, scimType, detail) => {
    expect(scimFailure(() => patch(operations(...list)))).toEqual([400, scimType, detail]);
  });
});

function omit<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _, ...rest } = value;
  return rest;
}
