import { MICROSOFT_REQUESTS } from '../../test/fixtures/scim-conformance';
import type { JsonObject } from './json';
import { compileProjection, type ProjectionRequest } from './projection';
import { normaliseResource } from './schemas/normalise';
import { toUserResource } from './resources/user';
import { toGroupResource } from './resources/group';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from './schemas/resource-types';
import { scimFailure } from '../../test/kit/scim-errors';

const parseUser = (body: unknown) => normaliseResource(body, USER_RESOURCE_TYPE);

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const BASE = 'https://h/scim/v2';

const user = toUserResource(
  {
    id: 'u1',
    data: {
      userName: 'bjensen',
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      active: true,
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
      [ENTERPRISE]: { department: 'Sales', costCenter: '42' },
    },
    created: 'c',
    lastModified: 'm',
  },
  BASE,
) as unknown as JsonObject;

const always = { schemas: user['schemas'], id: 'u1', meta: user['meta'] };

function project(request: ProjectionRequest, resource: JsonObject = user): JsonObject {
  return compileProjection(request, USER_RESOURCE_TYPE).apply(resource);
}

describe('compileProjection: attributes', () => {
  it.each<[string, JsonObject]>([
    ['userName,emails', { userName: 'bjensen', emails: user['emails'] }],
    ['USERNAME, Name.GivenName', { userName: 'bjensen', name: { givenName: 'Barbara' } }],
    ['emails.value', { emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }] }],
    ['emails[type eq "work"]', { emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }] }],
    ['emails[type eq "work"].value', { emails: [{ value: 'bjensen@example.com' }] }],
    ['emails[type eq "other"]', {}],
    [`${ENTERPRISE}:department`, { [ENTERPRISE]: { department: 'Sales' } }],
    [ENTERPRISE, { [ENTERPRISE]: { department: 'Sales', costCenter: '42' } }],
    ['department', { [ENTERPRISE]: { department: 'Sales' } }],
    ['id,meta', {}],
    ['password,unknownThing', {}],
  ])('%s', (attributes, expected) => {
    expect(project({ attributes })).toEqual({ ...always, ...expected });
  });

  it.each(['ComplexAttribute tests/Get user attributes', 'ComplexAttribute tests/Get user via attributes filter'])(
    'answers "%s" of Microsoft\'s collection with the matching email',
    (name) => {
      const created = parseUser(JSON.parse(MICROSOFT_REQUESTS['ComplexAttribute tests/create user1']!.body!)).value;
      const resource = toUserResource({ id: 'u1', data: created, created: 'c', lastModified: 'm' }, BASE) as unknown as JsonObject;
      const projected = project({ attributes: MICROSOFT_REQUESTS[name]!.query['attributes']! }, resource);
      expect(projected['emails']).toEqual([{ primary: true, type: 'work', value: 'emailName357' }]);
    },
  );

  it('wins over excludedAttributes', () => {
    expect(project({ attributes: 'userName', excludedAttributes: 'userName' })).toEqual({ ...always, userName: 'bjensen' });
  });
});

describe('compileProjection: excludedAttributes', () => {
  it.each<[string, string[]]>([
    ['emails', ['emails']],
    ['name.givenName,EMAILS.TYPE', []],
    [ENTERPRISE, [ENTERPRISE]],
    ['id, meta, schemas', []],
  ])('%s', (excludedAttributes, dropped) => {
    const projected = project({ excludedAttributes });
    expect(Object.keys(projected)).toEqual(Object.keys(user).filter((key) => !dropped.includes(key)));
  });

  it('removes sub-attributes and filtered values', () => {
    const projected = project({ excludedAttributes: 'name.givenName,emails[type eq "home"],emails.primary' });
    expect(projected['name']).toEqual({ familyName: 'Jensen' });
    expect(projected['emails']).toEqual([{ value: 'bjensen@example.com', type: 'work' }]);
  });

  it('never returns a password, even when the resource holds one', () => {
    expect(project({}, { ...user, password: 'secret' })).toEqual(user);
  });

  it('drops the members of Microsoft\'s "Get group exclude members"', () => {
    const group = toGroupResource({ id: 'g1', data: { displayName: 'G', members: [{ value: 'u1' }] }, created: 'c', lastModified: 'm' }, BASE);
    const projection = compileProjection(MICROSOFT_REQUESTS['Group tests with garbage/Get group exclude members']!.query, GROUP_RESOURCE_TYPE);
    expect(projection.apply(group as unknown as JsonObject)).toEqual({ schemas: group.schemas, id: 'g1', displayName: 'G', meta: group.meta });
  });
});

describe('Projection.includes', () => {
  it.each<[ProjectionRequest, string, boolean]>([
    [{}, 'members', true],
    [{ excludedAttributes: 'members' }, 'members', false],
    [{ excludedAttributes: 'members.display' }, 'members', true],
    [{ attributes: 'displayName' }, 'members', false],
    [{ attributes: 'members[value eq "u1"]' }, 'members', true],
    [{ attributes: 'displayName' }, 'id', true],
    [{ excludedAttributes: 'id' }, 'id', true],
  ])('%j includes %s: %s', (request, name, expected) => {
    expect(compileProjection(request, GROUP_RESOURCE_TYPE).includes(name)).toBe(expected);
  });
});

describe('compileProjection errors', () => {
  it.each([
    ['userName,,emails', 'invalidValue'],
    ['emails[type eq work]', 'invalidPath'],
  ])('%s -> 400 %s', (attributes, scimType) => {
    expect(scimFailure(() => compileProjection({ attributes }, USER_RESOURCE_TYPE))[1]).toBe(scimType);
  });
});
