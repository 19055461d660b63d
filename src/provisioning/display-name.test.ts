import fc from 'fast-check';
import type { IdpUser } from './attribute-path';
import { displayNameOf, parseDisplayNameTemplate } from './display-name';
import { previewUsernameRule, usernameRuleProblem } from './username-rule';

const DEFAULT_PATHS = ['displayName', 'name.formatted'];
const EMAIL = 'jane@corp.com';
/** Text an IdP may send: sometimes blank, which counts as not sent. */
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '  ', 'Jane', ' Doe ', 'Q.'));
const maybe = fc.option(text, { nil: undefined });
const collapse = (value: string) => value.replace(/\s+/g, ' ').trim();
const sent = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

const userArb = fc.record({ displayName: maybe, formatted: maybe, givenName: maybe, familyName: maybe, title: maybe });
type Sent = Partial<Record<'displayName' | 'formatted' | 'givenName' | 'familyName' | 'title', string>>;

function idpUser(values: Sent): IdpUser {
  const name = Object.fromEntries(
    Object.entries({ formatted: values.formatted, givenName: values.givenName, familyName: values.familyName }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  return {
    id: 'u',
    ...(values.displayName !== undefined && { displayName: values.displayName }),
    name,
    ...(values.title !== undefined && { title: values.title }),
  };
}

describe('displayNameOf', () => {
  it('falls back displayName → name.formatted → "givenName familyName" → email, never empty', () => {
    fc.assert(
      fc.property(userArb, (values) => {
        const given = sent(values.givenName)?.trim();
        const family = sent(values.familyName)?.trim();
        const expected =
          sent(values.displayName)?.trim() ??
          sent(values.formatted)?.trim() ??
          (given || family ? collapse([given, family].filter(Boolean).join(' ')) : EMAIL);
        const name = displayNameOf(idpUser(values), { displayName: DEFAULT_PATHS }, EMAIL);
        expect(name).toBe(expected);
        expect(name.trim()).not.toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('fills a template when every attribute it names has a value, and otherwise ignores it', () => {
    const template = '{name.familyName}, {name.givenName} - {title}';
    fc.assert(
      fc.property(userArb, (values) => {
        const parts = [values.familyName, values.givenName, values.title].map(sent);
        const withoutTemplate = displayNameOf(idpUser(values), { displayName: DEFAULT_PATHS }, EMAIL);
        const name = displayNameOf(idpUser(values), { displayName: DEFAULT_PATHS, displayNameTemplate: template }, EMAIL);
        if (parts.every((part) => part !== undefined)) {
          expect(name).toBe(collapse(`${parts[0]!.trim()}, ${parts[1]!.trim()} - ${parts[2]!.trim()}`));
        } else {
          expect(name).toBe(withoutTemplate);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads the template as written: literal text kept, {{ and }} as braces, every path found', () => {
    const literal = fc.string({ maxLength: 8 }).filter((value) => !/[{}]/.test(value));
    const path = fc.constantFrom(
      'name.givenName',
      'title',
      'emails[primary]',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(literal, path), { minLength: 1, maxLength: 2 }), literal, (pieces, tail) => {
        const template = pieces.map(([before, attribute]) => `${before}{${attribute}}`).join('') + `${tail}{{x}}`;
        const parsed = parseDisplayNameTemplate(template);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.parts.flatMap((part) => ('path' in part ? [part.path] : []))).toEqual(pieces.map(([, attribute]) => attribute));
        expect(parsed.parts.flatMap((part) => ('text' in part ? [part.text] : [])).join('')).toBe(
          pieces.map(([before]) => before).join('') + `${tail}{x}`,
        );
      }),
    );
  });

  it.each([
    ['{name.givenName', 'is not closed'],
    ['name}', 'closes nothing'],
    ['Mr Smith', 'at least one attribute'],
    ['{emails[}', 'is not an attribute path'],
  ])('refuses %j: %s', (template, message) => {
    const parsed = parseDisplayNameTemplate(template);
    expect(parsed.ok ? '' : parsed.error).toContain(message);
  });
});

describe('the username rule must leave an email', () => {
  it("refuses the Data Center app's documented example and says how to fix it, accepts its Cloud form", () => {
    expect(usernameRuleProblem({ pattern: '(.*)@.*', replacement: '$1' })).toEqual({
      field: 'replacement',
      message: expect.stringContaining('use "$1@corp.com"'),
    });
    expect(usernameRuleProblem({ pattern: '(.*)@.*', replacement: '$1@corp.com' })).toBeUndefined();
    expect(usernameRuleProblem({ pattern: '(.*)@corp\\.local', replacement: '$1@corp.com' })).toBeUndefined();
    expect(usernameRuleProblem({ pattern: '^zz-only-(.*)$', replacement: '$1' })).toBeUndefined();
  });

  it('marks each preview sample it turns into something that is not an email', () => {
    const rows = previewUsernameRule({ pattern: '^(.*)@corp\\.local$', replacement: '$1' }, ['ada@corp.local', 'bob@example.com']);
    expect(rows.map((row) => row.outcome)).toEqual(['notAnEmail', 'noMatch']);
    expect(rows[0]).toMatchObject({ result: 'ada', message: expect.stringContaining('"ada@corp.local" into "ada"') });
  });
});
