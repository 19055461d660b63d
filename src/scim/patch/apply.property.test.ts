import fc from 'fast-check';
import type { JsonObject } from '../json';
import { normaliseResource } from '../schemas/normalise';
import { USER_RESOURCE_TYPE } from '../schemas/resource-types';
import type { MultiValue, ScimUser } from '../schemas/user';
import { applyPatch } from './apply';
import type { PatchOperation } from './operation';

const parseUser = (body: unknown) => normaliseResource(body, USER_RESOURCE_TYPE);

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const text = fc.string({ unit: fc.constantFrom('a', 'B', 'c', '@', '.', ' '), minLength: 1, maxLength: 4 });
const type = fc.constantFrom('work', 'home', 'other', 'Work');
const multiValue = fc.record({ value: text, type, primary: fc.boolean() }, { requiredKeys: ['value'] });

const user: fc.Arbitrary<ScimUser> = fc
  .record(
    {
      userName: text,
      title: text,
      nickName: text,
      name: fc.record({ givenName: text, middleName: text }, { requiredKeys: [] }),
      emails: fc.array(multiValue, { maxLength: 3 }),
      phoneNumbers: fc.array(multiValue, { maxLength: 2 }),
      addresses: fc.array(fc.record({ formatted: text, type }, { requiredKeys: [] }), { maxLength: 2 }),
      [ENTERPRISE]: fc.record({ department: text, manager: fc.record({ value: text }) }, { requiredKeys: [] }),
    },
    { requiredKeys: ['userName'] },
  )
  .map((body) => parseUser(body).value);

/** An add and a remove of the same path, and whether the path is absent from a user (so that the pair restores it). */
interface Round {
  add: PatchOperation;
  remove: PatchOperation;
  absentFrom(user: ScimUser): boolean;
}

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
const hasType = (values: MultiValue[] | undefined, wanted: string) => (values ?? []).some((value) => same(value.type, wanted));

const rounds: fc.Arbitrary<Round> = fc.oneof(
  fc.tuple(fc.constantFrom('title', 'nickName', 'displayName'), text).map(([name, value]): Round => ({
    add: { op: 'add', path: name, value },
    remove: { op: 'remove', path: name },
    absentFrom: (u: ScimUser) => (u as unknown as JsonObject)[name] === undefined,
  })),
  fc.tuple(fc.constantFrom('givenName', 'middleName', 'familyName'), text).map(([name, value]): Round => ({
    add: { op: 'add', path: `name.${name}`, value },
    remove: { op: 'remove', path: `name.${name}` },
    absentFrom: (u: ScimUser) => (u.name as JsonObject | undefined)?.[name] === undefined,
  })),
  fc.tuple(fc.constantFrom('emails', 'phoneNumbers'), type, text).map(([name, kind, value]): Round => ({
    add: { op: 'add', path: `${name}[type eq "${kind}"].value`, value },
    remove: { op: 'remove', path: `${name}[type eq "${kind}"].value` },
    absentFrom: (u: ScimUser) => !hasType(u[name as 'emails' | 'phoneNumbers'], kind),
  })),
  fc.tuple(type, text).map(([kind, value]): Round => ({
    add: { op: 'add', path: `addresses[type eq "${kind}"].formatted`, value },
    remove: { op: 'remove', path: `addresses[type eq "${kind}"]` },
    absentFrom: (u: ScimUser) => !(u.addresses ?? []).some((address) => same(address.type, kind)),
  })),
  fc.tuple(text, type).map(([value, kind]): Round => ({
    add: { op: 'add', path: 'emails', value: [{ value, type: kind }] },
    remove: { op: 'remove', path: `emails[value eq ${JSON.stringify(value)}]` },
    absentFrom: (u: ScimUser) => !(u.emails ?? []).some((email) => same(email.value, value)),
  })),
  fc.tuple(fc.constantFrom('department', 'manager', 'costCenter'), text).map(([name, value]): Round => ({
    add: { op: 'add', path: `${ENTERPRISE}:${name}`, value },
    remove: { op: 'remove', path: `${ENTERPRISE}:${name}` },
    absentFrom: (u: ScimUser) => (u[ENTERPRISE] as JsonObject | undefined)?.[name] === undefined,
  })),
);

describe('PATCH, property-based', () => {
  it('add then remove of the same path restores the resource', () => {
    fc.assert(
      fc.property(user, rounds, (original, round) => {
        fc.pre(round.absentFrom(original));
        const added = applyPatch({ ...original }, [round.add], USER_RESOURCE_TYPE).value;
        expect(added).not.toEqual(original);
        const removed = applyPatch({ ...added }, [round.remove], USER_RESOURCE_TYPE).value;
        expect(removed).toEqual(original);
      }),
      { numRuns: 400 },
    );
  });
});
