import { MICROSOFT_REQUESTS, OKTA_2023_REQUESTS } from '../../../test/fixtures/scim-conformance';
import { scimFailure } from '../../../test/kit/scim-errors';
import { planGroupPatch, type GroupPatchPlan } from './group-plan';
import { parsePatchRequest, PATCH_OP_SCHEMA } from './operation';

function plan(body: unknown): GroupPatchPlan {
  return planGroupPatch(parsePatchRequest(body), 'g1');
}

function operations(...list: unknown[]) {
  return { schemas: [PATCH_OP_SCHEMA], Operations: list };
}

const nothing: GroupPatchPlan = { addMembers: [], removeMembers: [], memberDisplays: {} };

describe('planGroupPatch with the PATCH bodies of the Microsoft and Okta test collections', () => {
  it.each<[string, GroupPatchPlan]>([
    ['Group tests/Patch add user4 to group1', { ...nothing, addMembers: ['{{id4}}'], memberDisplays: { '{{id4}}': 'new User' } }],
    ['Group tests/Patch remove user4 to group1', { ...nothing, removeMembers: ['{{id4}}'] }],
    ['Group tests/Patch remove all users', { ...nothing, replaceMembers: [] }],
    // A bare string is taken as a member id; the endpoint answers 400 when no user has that id.
    ['Group tests with garbage/Group patch add member', { ...nothing, addMembers: ['string id 1'] }],
    ['Optional Test: Remove User From Group', { ...nothing, removeMembers: ['{{idUserOne}}'] }],
    ['Optional Test: Add User To Group', { ...nothing, addMembers: ['{{idUserOne}}'], memberDisplays: { '{{idUserOne}}': '{{randomUserEmail}}' } }],
  ])('plans "%s"', (name, expected) => {
    const request = MICROSOFT_REQUESTS[name] ?? OKTA_2023_REQUESTS[name];
    expect(plan(JSON.parse(request!.body!))).toEqual(expected);
  });
});

describe('planGroupPatch: the dialects of identity providers', () => {
  it.each<[string, unknown[], GroupPatchPlan]>([
    ["Okta's rename, pathless with the id", [{ op: 'replace', value: { id: 'g1', displayName: 'Renamed' } }], { ...nothing, displayName: 'Renamed' }],
    [
      'Entra ID add members',
      [{ name: 'addMember', op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }],
      { ...nothing, addMembers: ['f648f8d5ea4e4cd38e9c'] },
    ],
    [
      'Entra ID remove members by value list',
      [{ name: 'removeMember', op: 'Remove', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }],
      { ...nothing, removeMembers: ['f648f8d5ea4e4cd38e9c'] },
    ],
    ['Entra ID rename', [{ op: 'Replace', path: 'displayName', value: 'New name' }], { ...nothing, displayName: 'New name' }],
    [
      'remove of several members by filter',
      [{ op: 'remove', path: 'members[value eq "a" or value eq "b" or VALUE eq "c"]' }],
      { ...nothing, removeMembers: ['a', 'b', 'c'] },
    ],
    [
      'pathless add of members',
      [{ op: 'add', value: { members: [{ value: 'a', display: 'Ann' }, 'b'] } }],
      { ...nothing, addMembers: ['a', 'b'], memberDisplays: { a: 'Ann' } },
    ],
    ['pathless replace of members', [{ op: 'replace', value: { Members: [{ value: 'a' }] } }], { ...nothing, replaceMembers: ['a'] }],
    ['replace of members', [{ op: 'replace', path: 'members', value: [{ value: 'a' }, { value: 'b' }] }], { ...nothing, replaceMembers: ['a', 'b'] }],
    ['replace of members with nothing', [{ op: 'replace', path: 'members', value: [] }], { ...nothing, replaceMembers: [] }],
    [
      'URN-qualified paths',
      [{ op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:Group:displayName', value: 'Qualified' }],
      { ...nothing, displayName: 'Qualified' },
    ],
    ['externalId set', [{ op: 'add', path: 'externalId', value: 'e1' }], { ...nothing, externalId: 'e1' }],
    ['externalId removed', [{ op: 'remove', path: 'externalId' }], { ...nothing, externalId: null }],
    [
      'add then remove of the same member',
      [
        { op: 'add', path: 'members', value: [{ value: 'a' }] },
        { op: 'remove', path: 'members[value eq "a"]' },
      ],
      { ...nothing, removeMembers: ['a'] },
    ],
    [
      'remove then add of the same member',
      [
        { op: 'remove', path: 'members[value eq "a"]' },
        { op: 'add', path: 'members', value: [{ value: 'a' }] },
      ],
      { ...nothing, addMembers: ['a'] },
    ],
    [
      'changes after a replacement, folded into it',
      [
        { op: 'add', path: 'members', value: [{ value: 'x' }] },
        { op: 'replace', path: 'members', value: [{ value: 'a' }, { value: 'b' }] },
        { op: 'add', path: 'members', value: [{ value: 'c' }] },
        { op: 'remove', path: 'members[value eq "a"]' },
      ],
      { ...nothing, replaceMembers: ['b', 'c'] },
    ],
    ['attributes outside the Group schema, ignored', [{ op: 'replace', value: { description: 'x', schemas: [] } }], nothing],
  ])('%s', (_, list, expected) => {
    expect(plan(operations(...list))).toEqual(expected);
  });
});

describe('planGroupPatch errors', () => {
  it.each([
    [
      [{ op: 'add', path: 'members', value: [42] }],
      'invalidValue',
      'Operation 1 (add "members"): members must be given as {"value": "<user id>"}, not 42',
    ],
    [
      [{ op: 'add', path: 'members', value: [{ display: 'x' }] }],
      'invalidValue',
      'Operation 1 (add "members"): members must be given as {"value": "<user id>"}, not {"display":"x"}',
    ],
    [
      [{ op: 'add', path: 'members', value: [{ value: '' }] }],
      'invalidValue',
      'Operation 1 (add "members"): members must be given as {"value": "<user id>"}, not {"value":""}',
    ],
    [
      [{ op: 'add', path: 'members[value eq "a"]', value: [{ value: 'a' }] }],
      'invalidPath',
      'Operation 1 (add "members[value eq "a"]"): members can be selected only to remove them, by id: members[value eq "<id>"] (or several joined by or)',
    ],
    [
      [{ op: 'remove', path: 'members[display eq "Ann"]' }],
      'invalidPath',
      'Operation 1 (remove "members[display eq "Ann"]"): members can be selected only to remove them, by id: members[value eq "<id>"] (or several joined by or)',
    ],
    [
      [{ op: 'remove', path: 'members.value' }],
      'invalidPath',
      'Operation 1 (remove "members.value"): members can be selected only to remove them, by id: members[value eq "<id>"] (or several joined by or)',
    ],
    [
      [{ op: 'remove', path: 'displayName' }],
      'mutability',
      'Operation 1 (remove "displayName"): "displayName" is required; replace it instead of removing it',
    ],
    [
      [{ op: 'replace', path: 'displayName', value: 5 }],
      'invalidValue',
      'Operation 1 (replace "displayName"): "displayName" must be a non-empty string, not 5',
    ],
    [[{ op: 'replace', value: { id: 'g2' } }], 'mutability', 'Operation 1 (replace without a path): "id" is read-only; it comes from the URL'],
    [
      [{ op: 'replace', path: 'meta.lastModified', value: 'x' }],
      'invalidPath',
      'Operation 1 (replace "meta.lastModified"): group PATCH paths are displayName, externalId, members and members[value eq "<id>"]',
    ],
    [[{ op: 'replace', path: 'meta', value: {} }], 'mutability', 'Operation 1 (replace "meta"): "meta" is read-only; leave it out of the request'],
    [[{ op: 'remove' }], 'noTarget', 'Operation 1 (remove without a path): remove needs a "path", e.g. "members[value eq \\"<user id>\\"]"'],
  ])('%j -> 400 %s', (list, scimType, detail) => {
    expect(scimFailure(() => plan(operations(...list)))).toEqual([400, scimType, detail]);
  });
});
