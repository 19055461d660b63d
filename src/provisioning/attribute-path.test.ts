import fc from 'fast-check';
import { parseAttributePath, resolveAttribute, type IdpUser } from './attribute-path';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const entraUser: IdpUser = {
  id: 'u-1',
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  userName: 'jdoe@corp.local',
  active: true,
  displayName: 'Jane Doe',
  name: { givenName: 'Jane', familyName: 'Doe', formatted: 'Jane Q. Doe' },
  emails: [
    { value: 'jane.home@example.com', type: 'home' },
    { value: 'jane.doe@corp.com', type: 'work', primary: 'True' },
  ],
  phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
  [ENTERPRISE]: { department: 'Finance', employeeNumber: 1042, manager: { value: 'u-9', displayName: 'Boss' } },
  'urn:ietf:params:scim:schemas:extension:acme:1.0:User': { costCenter: ' CC-7 ' },
  extra: { mail: 'jane@corp.com', userPrincipalName: 'jdoe@corp.local', title: '' },
};

describe('resolveAttribute', () => {
  it.each([
    ['userName', 'jdoe@corp.local'],
    ['USERNAME', 'jdoe@corp.local'],
    ['displayName', 'Jane Doe'],
    ['active', 'true'],
    ['name.givenName', 'Jane'],
    ['name.formatted', 'Jane Q. Doe'],
    ['emails', 'jane.doe@corp.com'],
    ['emails.value', 'jane.doe@corp.com'],
    ['emails[primary]', 'jane.doe@corp.com'],
    ['emails[primary eq true]', 'jane.doe@corp.com'],
    ['emails[type eq "work"].value', 'jane.doe@corp.com'],
    ['emails[type eq "HOME"].value', 'jane.home@example.com'],
    ['emails[type eq "home"]', 'jane.home@example.com'],
    ['emails[type eq "other"]', undefined],
    ['phoneNumbers[type eq "work"].value', '+1 555 0100'],
    [`${ENTERPRISE}:department`, 'Finance'],
    [`${ENTERPRISE}:employeeNumber`, '1042'],
    [`${ENTERPRISE}:manager`, 'u-9'],
    [`${ENTERPRISE}:manager.displayName`, 'Boss'],
    ['urn:ietf:params:scim:schemas:extension:acme:1.0:User:costCenter', 'CC-7'],
    ['mail', 'jane@corp.com'],
    ['userPrincipalName', 'jdoe@corp.local'],
    ['title', undefined],
    ['nickName', undefined],
    ['name', undefined],
    ['department', 'Finance'],
    ['costCenter', 'CC-7'],
    [`${ENTERPRISE}:mail`, 'jane@corp.com'],
  ])('%s → %s', (path, expected) => {
    expect(resolveAttribute(entraUser, path)).toBe(expected);
  });

  describe('finds a name whether the IdP sent it top-level or in an extension', () => {
    const name = fc.constantFrom('costCenter', 'division', 'organization', 'badgeColour', 'region');
    const value = fc.string({ minLength: 1, maxLength: 20 }).filter((text) => text.trim() !== '');
    const placements: ((attribute: string, text: string) => IdpUser)[] = [
      (attribute, text) => ({ id: 'u', [attribute]: text }),
      (attribute, text) => ({ id: 'u', extra: { [attribute]: text } }),
      (attribute, text) => ({ id: 'u', [ENTERPRISE]: { [attribute]: text } }),
      (attribute, text) => ({ id: 'u', extra: { [`${ENTERPRISE}:${attribute}`]: text } }),
      (attribute, text) => ({ id: 'u', extra: { 'urn:okta:custom:1.0:User': { [attribute]: text } } }),
    ];

    it('by its plain name, and by the enterprise URN wherever it is not in another extension', () => {
      fc.assert(
        fc.property(name, value, fc.integer({ min: 0, max: placements.length - 1 }), (attribute, text, where) => {
          const user = placements[where](attribute, text);
          expect(resolveAttribute(user, attribute)).toBe(text.trim());
          if (where < 4) expect(resolveAttribute(user, `${ENTERPRISE}:${attribute}`)).toBe(text.trim());
        }),
      );
    });

    it('prefers where the path points: the top level for a plain name, the named extension for a URN path', () => {
      fc.assert(
        fc.property(name, value, value, (attribute, top, inExtension) => {
          fc.pre(top.trim() !== inExtension.trim());
          const user: IdpUser = { id: 'u', [attribute]: top, [ENTERPRISE]: { [attribute]: inExtension } };
          expect(resolveAttribute(user, attribute)).toBe(top.trim());
          expect(resolveAttribute(user, `${ENTERPRISE}:${attribute}`)).toBe(inExtension.trim());
        }),
      );
    });
  });

  it('takes the first value when none is primary', () => {
    expect(resolveAttribute({ id: 'x', emails: [{ value: 'a@x.io' }, { value: 'b@x.io' }] }, 'emails')).toBe('a@x.io');
  });

  it('finds the primary value wherever it sits among the values', () => {
    const value = fc.emailAddress();
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5 }), value, fc.array(value, { maxLength: 5 }), (before, primary, after) => {
        const emails = [...before.map((v) => ({ value: v })), { value: primary, primary: true }, ...after.map((v) => ({ value: v }))];
        expect(resolveAttribute({ id: 'x', emails }, 'emails[primary]')).toBe(primary);
        expect(resolveAttribute({ id: 'x', emails }, 'emails')).toBe(primary);
      }),
    );
  });

  it('reads any attribute regardless of the case of its name, from the user or from extra', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/).filter((n) => !['id', 'active', 'extra'].includes(n.toLowerCase()));
    const value = fc.string({ minLength: 1, maxLength: 20 }).filter((v) => v.trim() !== '');
    fc.assert(
      fc.property(name, value, fc.boolean(), fc.boolean(), (attribute, text, inExtra, upper) => {
        const user: IdpUser = inExtra ? { id: 'x', extra: { [attribute]: text } } : { id: 'x', [attribute]: text };
        expect(resolveAttribute(user, upper ? attribute.toUpperCase() : attribute)).toBe(text.trim());
      }),
    );
  });

  it('throws for a path that skipped validation', () => {
    expect(() => resolveAttribute(entraUser, 'emails[')).toThrow(/Unvalidated attribute path/);
  });
});

describe('parseAttributePath', () => {
  it.each([
    ['emails[type eq "work"].value', { attribute: 'emails', filter: { attribute: 'type', value: 'work' }, subAttribute: 'value' }],
    ['emails[primary]', { attribute: 'emails', filter: { attribute: 'primary', value: 'true' } }],
    [`${ENTERPRISE}:department`, { schema: ENTERPRISE, attribute: 'department' }],
    ['  mail ', { attribute: 'mail' }],
  ])('%s', (path, expected) => {
    expect(parseAttributePath(path)).toEqual({ ok: true, path: expected });
  });

  it.each(['', 'emails[', 'emails[type eq work]', 'name.given.more', 'full name', 'urn:department', 'a'.repeat(301)])('refuses %j', (path) => {
    expect(parseAttributePath(path)).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it('never throws, whatever the admin types', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const parsed = parseAttributePath(text);
        expect(typeof parsed.ok).toBe('boolean');
      }),
    );
  });
});
