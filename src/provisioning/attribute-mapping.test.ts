import { desiredUser, type AttributeOptions } from './attribute-mapping';
import type { IdpUser } from './attribute-path';
import { defaultOptions } from './options';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function options(changes: Partial<AttributeOptions> = {}): AttributeOptions {
  return { ...defaultOptions(), ...changes };
}

describe("desiredUser with the Data Center app's default attribute mapping", () => {
  it('takes the email from emails[primary], the display name from displayName', () => {
    const user: IdpUser = {
      id: 'okta-1',
      userName: 'jdoe',
      displayName: 'Jane Doe',
      emails: [{ value: 'Jane.Doe@Corp.com', primary: true }],
      active: true,
    };
    expect(desiredUser(user, options())).toEqual({
      ok: true,
      user: { email: 'jane.doe@corp.com', displayName: 'Jane Doe', active: true, customAttributes: {} },
    });
  });

  it('falls back to mail, then to the username attributes (userName, userPrincipalName)', () => {
    expect(desiredUser({ id: 'i', userName: 'x', extra: { mail: 'm@corp.com' } }, options())).toMatchObject({ user: { email: 'm@corp.com' } });
    expect(desiredUser({ id: 'i', userName: 'u@corp.com' }, options())).toMatchObject({ user: { email: 'u@corp.com' } });
    expect(desiredUser({ id: 'i', extra: { userPrincipalName: 'upn@corp.com' } }, options())).toMatchObject({ user: { email: 'upn@corp.com' } });
  });

  it('uses the full name when there is no displayName, and the email when there is neither', () => {
    expect(desiredUser({ id: 'i', userName: 'a@b.io', name: { formatted: 'Ann B' } }, options())).toMatchObject({ user: { displayName: 'Ann B' } });
    expect(desiredUser({ id: 'i', userName: 'a@b.io' }, options())).toMatchObject({ user: { displayName: 'a@b.io' } });
  });

  it('reads active from the IdP; absent asserts nothing (RFC 7644 §3.5.2.2: a removed attribute is unassigned)', () => {
    expect(desiredUser({ id: 'i', userName: 'a@b.io', active: false }, options())).toMatchObject({ user: { active: false } });
    const absent = desiredUser({ id: 'i', userName: 'a@b.io' }, options());
    expect(absent.ok ? absent.user.active : 'refused').toBeUndefined();
  });
});

describe('desiredUser with the username regex', () => {
  it('rewrites the domain of the value we find the account by', () => {
    const rule = { pattern: '(.*)@corp\\.local', replacement: '$1@corp.com' };
    const entra: IdpUser = { id: 'e-1', userName: 'JDoe@corp.local', displayName: 'J Doe' };
    expect(desiredUser(entra, options({ usernameRegex: rule }))).toMatchObject({ ok: true, user: { email: 'jdoe@corp.com' } });
  });

  it("refuses a rewrite that leaves no email (the Data Center app's (.*)@.* → $1 gives a username, which Cloud does not have)", () => {
    const result = desiredUser({ id: 'e-2', userName: 'demouser@gmail.com' }, options({ usernameRegex: { pattern: '(.*)@.*', replacement: '$1' } }));
    expect(result).toEqual({
      ok: false,
      refusal: {
        reason: 'notAnEmail',
        message: expect.stringMatching(/^User e-2: userName after the username regex is not an email address/),
      },
    });
  });
});

describe('desiredUser refusals', () => {
  it('names the attributes it looked at when there is no email', () => {
    expect(desiredUser({ id: 'x-9', displayName: 'Nobody' }, options())).toEqual({
      ok: false,
      refusal: {
        reason: 'noEmail',
        message: 'User x-9 has no email at emails[primary], mail, userName, userPrincipalName; map another attribute.',
      },
    });
  });

  it('refuses a value that is not an email', () => {
    expect(desiredUser({ id: 'x', userName: 'jdoe' }, options())).toMatchObject({ ok: false, refusal: { reason: 'notAnEmail' } });
  });

  it('reports a username regex that cannot run on the value', () => {
    const result = desiredUser({ id: 'x', userName: `${'a'.repeat(1100)}@b.io` }, options({ usernameRegex: { pattern: 'a', replacement: 'b' } }));
    expect(result).toMatchObject({ ok: false, refusal: { reason: 'usernameRegexFailed' } });
  });
});

describe('desiredUser custom attributes (seed 003: "create custom attributes and assign values from the IdP")', () => {
  it('maps IdP attributes to named attributes, with an empty value when the IdP sends none', () => {
    const user: IdpUser = { id: 'i', userName: 'a@b.io', [ENTERPRISE]: { department: 'Finance' }, extra: { costCentre: 'CC-7' } };
    const result = desiredUser(
      user,
      options({
        customAttributes: [
          { source: `${ENTERPRISE}:department`, name: 'Department' },
          { source: 'costCentre', name: 'Cost centre' },
          { source: `${ENTERPRISE}:division`, name: 'Division' },
        ],
      }),
    );
    expect(result).toMatchObject({ user: { customAttributes: { Department: 'Finance', 'Cost centre': 'CC-7', Division: '' } } });
  });
});

describe('desiredUser with a changed attribute mapping (seed 003)', () => {
  it('uses the attributes the admin mapped', () => {
    const mapping = { email: ['emails[type eq "work"].value'], username: ['userName'], displayName: ['name.givenName'] };
    const user: IdpUser = {
      id: 'i',
      userName: 'jdoe',
      name: { givenName: 'Jane' },
      emails: [
        { value: 'jane@home.io', primary: true },
        { value: 'jane@work.io', type: 'work' },
      ],
    };
    expect(desiredUser(user, options({ attributeMapping: mapping }))).toMatchObject({ user: { email: 'jane@work.io', displayName: 'Jane' } });
  });
});
