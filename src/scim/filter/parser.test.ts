import { MICROSOFT_REQUESTS, OKTA_2023_REQUESTS, OKTA_REQUESTS } from '../../../test/fixtures/scim-conformance';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../schemas/resource-types';
import { scimFailure } from '../../../test/kit/scim-errors';
import type { ComparisonValue, Filter } from './ast';
import { formatFilter } from './format';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, parseFilter, parsePathExpression } from './parser';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const eq = (attribute: string, value: ComparisonValue): Filter => ({ op: 'eq', path: { attribute }, value });

// Quirks of Microsoft's reference collection: values without quotes, invalid per RFC 7644.
const MICROSOFT_UNQUOTED = new Map([
  [
    'User tests with garbage/filter eq and (val or val)',
    'Invalid filter at character 20, near \'Employee and (emails\': expected a value (a "double-quoted string", a number, true, false or null), found "Employee"',
  ],
  [
    'User tests with garbage/filter starts with',
    'Invalid filter at character 13, near \'O\': expected a value (a "double-quoted string", a number, true, false or null), found "O"',
  ],
  [
    'User tests with garbage/filter greater than',
    'Invalid filter at character 17, near \'2015-10-10T14:38:21.\': 2015-10-10T14:38:21.8617979-07:00 is not a number; quote strings and dates, e.g. meta.lastModified gt "2024-01-01T00:00:00Z"',
  ],
]);

describe('parseFilter: the examples of RFC 7644 §3.4.2.2', () => {
  it.each([
    'userName Eq "john"',
    'Username eq "john"',
    'userName eq "bjensen"',
    'name.familyName co "O\'Malley"',
    'userName sw "J"',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
    'title pr',
    'meta.lastModified gt "2011-05-13T04:42:34Z"',
    'meta.lastModified ge "2011-05-13T04:42:34Z"',
    'meta.lastModified lt "2011-05-13T04:42:34Z"',
    'meta.lastModified le "2011-05-13T04:42:34Z"',
    'title pr and userType eq "Employee"',
    'title pr or userType eq "Intern"',
    'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
    'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    'userType eq "Employee" and (emails.type eq "work")',
    'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
  ])('parses %s against the User schema, and its printed form parses to the same AST', (text) => {
    const filter = parseFilter(text, USER_RESOURCE_TYPE);
    expect(parseFilter(formatFilter(filter), USER_RESOURCE_TYPE)).toEqual(filter);
  });

  it('keeps attribute names as written and reads operators in any case', () => {
    expect(parseFilter('Username EQ "john"')).toEqual({ op: 'eq', path: { attribute: 'Username' }, value: 'john' });
  });

  it('splits a URN-qualified path at its last colon', () => {
    expect(parseFilter(`${ENTERPRISE}:manager.value eq "m1"`)).toEqual({
      op: 'eq',
      path: { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' },
      value: 'm1',
    });
  });

  it('gives "not" precedence over "and", and "and" over "or"', () => {
    expect(parseFilter('a eq 1 or b eq 2 and not (c eq 3) or d pr')).toEqual({
      op: 'or',
      left: {
        op: 'or',
        left: eq('a', 1),
        right: { op: 'and', left: eq('b', 2), right: { op: 'not', filter: eq('c', 3) } },
      },
      right: { op: 'pr', path: { attribute: 'd' } },
    });
  });

  it('lets parentheses regroup', () => {
    expect(parseFilter('(a eq 1 or b eq 2) AND c eq 3')).toEqual({
      op: 'and',
      left: { op: 'or', left: eq('a', 1), right: eq('b', 2) },
      right: eq('c', 3),
    });
  });

  it.each([
    ['"caf\\u00e9 \\"quoted\\" \\\\ /"', 'café "quoted" \\ /'],
    ['-12.5e2', -1250],
    ['0', 0],
    ['true', true],
    ['False', false],
    ['NULL', null],
  ])('reads the comparison value %s', (literal, value) => {
    expect(parseFilter(`x eq ${literal}`)).toEqual(eq('x', value));
  });

  it('reads the value path with a sub-attribute that Entra ID sends as a value path with an extra condition', () => {
    expect(parseFilter('emails[type eq "work"].value eq "bjensen@example.com"', USER_RESOURCE_TYPE)).toEqual({
      op: 'valuePath',
      path: { attribute: 'emails' },
      filter: { op: 'and', left: eq('type', 'work'), right: eq('value', 'bjensen@example.com') },
    });
  });

  it.each([
    ['userName eq "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"', USER_RESOURCE_TYPE],
    ['externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"', USER_RESOURCE_TYPE],
    ['id eq "2441309d85324e7793ae"', USER_RESOURCE_TYPE],
    ['displayName eq "Group1DisplayName"', GROUP_RESOURCE_TYPE],
    ['externalId eq "60f1bb27-2e1e-402d-bcc4-ec999564a194"', GROUP_RESOURCE_TYPE],
    ['members[value eq "u1"]', GROUP_RESOURCE_TYPE],
    ['meta.lastModified ge "2024-01-01T00:00:00Z"', USER_RESOURCE_TYPE],
  ])('parses the probe %s', (text, type) => {
    expect(() => parseFilter(text, type)).not.toThrow();
  });

  it.each(
    [...Object.entries(OKTA_REQUESTS), ...Object.entries(OKTA_2023_REQUESTS), ...Object.entries(MICROSOFT_REQUESTS)].filter(
      ([name, request]) => request.query['filter'] !== undefined && !MICROSOFT_UNQUOTED.has(name),
    ),
  )('parses the filter of "%s"', (_, request) => {
    expect(() => parseFilter(request.query['filter']!, USER_RESOURCE_TYPE)).not.toThrow();
  });
});

describe('parseFilter errors: 400 invalidFilter saying where and what to send', () => {
  it.each([...MICROSOFT_UNQUOTED])('refuses the unquoted values of "%s"', (name, detail) => {
    expect(scimFailure(() => parseFilter(MICROSOFT_REQUESTS[name]!.query['filter']!, USER_RESOURCE_TYPE))).toEqual([400, 'invalidFilter', detail]);
  });

  it.each([
    ['', 'Invalid filter at character 1 (the end): the filter is empty'],
    [
      'userName eq',
      'Invalid filter at character 12 (the end): expected a value (a "double-quoted string", a number, true, false or null), found the end of the input',
    ],
    [
      'userName "x"',
      'Invalid filter at character 10, near \'"x"\': expected an operator (eq ne co sw ew gt ge lt le pr) after the attribute, found "x"',
    ],
    [
      'userName eq "x" active eq true',
      'Invalid filter at character 17, near \'active eq true\': unexpected "active"; join conditions with "and" or "or"',
    ],
    ['(userName eq "x"', 'Invalid filter at character 17 (the end): expected ")" to close "(", found the end of the input'],
    ["userName eq 'x'", "Invalid filter at character 13, near ''x'': strings take double quotes, e.g. userName eq \"bjensen\""],
    ['userName eq "x', "Invalid filter at character 13, near '\"x': the string has no closing double quote"],
    ['userName eq "\\q"', 'Invalid filter at character 13, near \'"\\q"\': the string is not a valid JSON string (check its backslash escapes)'],
    [
      'userName eq 01',
      'Invalid filter at character 13, near \'01\': 01 is not a number; quote strings and dates, e.g. meta.lastModified gt "2024-01-01T00:00:00Z"',
    ],
    [
      'userName = "x"',
      'Invalid filter at character 10, near \'= "x"\': unexpected character \'=\'; a filter looks like userName eq "bjensen" (operators: eq ne co sw ew gt ge lt le pr, and or not)',
    ],
    ['emails[type eq "work"', 'Invalid filter at character 22 (the end): expected "]" to close "[", found the end of the input'],
    ['emails[value[type eq "x"]]', 'Invalid filter at character 13, near \'[type eq "x"]]\': a [...] filter cannot contain another [...] filter'],
    [
      'emails.value[type eq "x"]',
      'Invalid filter at character 13, near \'[type eq "x"]\': put the [...] filter right after the attribute, e.g. emails[type eq "work"].value',
    ],
    [
      'emails[name.givenName eq "x"]',
      "Invalid filter at character 8, near 'name.givenName eq \"x': inside emails[...] name a sub-attribute of emails, e.g. type or value",
    ],
    [
      'emails[type eq "work"].value.x eq "y"',
      'Invalid filter at character 23, near \'.value.x eq "y"\': ".value.x" is not a sub-attribute; write e.g. emails[type eq "work"].value',
    ],
    [
      '1userName eq "x"',
      'Invalid filter at character 1, near \'1userName eq "x"\': 1userName is not a number; quote strings and dates, e.g. meta.lastModified gt "2024-01-01T00:00:00Z"',
    ],
    [
      'user..name eq "x"',
      'Invalid filter at character 1, near \'user..name eq "x"\': "user..name" is not an attribute path; write name, name.subAttribute or urn:...:name',
    ],
    [
      'not userName eq "x"',
      'Invalid filter at character 5, near \'userName eq "x"\': expected an operator (eq ne co sw ew gt ge lt le pr) after the attribute, found "userName"',
    ],
  ])('%s', (text, detail) => {
    expect(scimFailure(() => parseFilter(text))).toEqual([400, 'invalidFilter', detail]);
  });

  it.each([
    ['nickname.first eq "x"', 'User resources have no attribute "nickname.first"'],
    ['costCentre eq "x"', 'User resources have no attribute "costCentre"'],
    ['emails[kind eq "work"]', 'emails has no sub-attribute "kind"'],
    ['userName[value eq "x"]', '"userName" has no sub-attributes; [...] filters apply to attributes such as emails'],
    ['active gt true', '"gt" cannot compare boolean attributes; use eq or ne'],
    ['emails[primary le false]', '"le" cannot compare boolean attributes; use eq or ne'],
    [`${ENTERPRISE} pr`, 'this names a schema; name one of its attributes, e.g. urn:...:User:department'],
  ])('checks %s against the User schema', (text, detail) => {
    const [status, scimType, message] = scimFailure(() => parseFilter(text, USER_RESOURCE_TYPE));
    expect([status, scimType]).toEqual([400, 'invalidFilter']);
    expect(message).toContain(detail);
  });

  it('accepts names of every case, URN-qualified or not, against the schema', () => {
    expect(() =>
      parseFilter(
        `USERNAME eq "x" and Emails[TYPE eq "work"].VALUE pr and ${ENTERPRISE.toUpperCase()}:Manager.Value eq "m" and department eq "d"`,
        USER_RESOURCE_TYPE,
      ),
    ).not.toThrow();
  });

  it(`refuses filters longer than ${MAX_FILTER_LENGTH} characters`, () => {
    const text = `userName eq "${'x'.repeat(MAX_FILTER_LENGTH)}"`;
    expect(scimFailure(() => parseFilter(text))[2]).toContain(`longer than ${MAX_FILTER_LENGTH} characters`);
  });

  it(`refuses nesting deeper than ${MAX_FILTER_DEPTH}`, () => {
    const depth = MAX_FILTER_DEPTH + 1;
    const text = `${'('.repeat(depth)}a pr${')'.repeat(depth)}`;
    expect(scimFailure(() => parseFilter(text))[2]).toContain(`nested more than ${MAX_FILTER_DEPTH} levels deep`);
    const allowed = `${'not ('.repeat(MAX_FILTER_DEPTH)}a pr${')'.repeat(MAX_FILTER_DEPTH)}`;
    expect(() => parseFilter(allowed)).not.toThrow();
  });
});

describe('parsePathExpression: PATCH paths and attributes items', () => {
  it.each([
    ['members', { path: { attribute: 'members' } }],
    ['name.givenName', { path: { attribute: 'name', subAttribute: 'givenName' } }],
    [`${ENTERPRISE}:manager`, { path: { schema: ENTERPRISE, attribute: 'manager' } }],
    [ENTERPRISE, { path: { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', attribute: 'User' } }],
    ['members[value eq "u1"]', { path: { attribute: 'members' }, filter: eq('value', 'u1') }],
    ['addresses[type eq "work"].formatted', { path: { attribute: 'addresses' }, filter: eq('type', 'work'), subAttribute: 'formatted' }],
  ])('%s', (text, expected) => {
    expect(parsePathExpression(text)).toEqual(expected);
  });

  it.each([
    ['emails[type eq "work"', 'expected "]" to close "["'],
    ['emails[type eq "work"].value eq "x"', 'unexpected "eq"'],
    ['name given', 'unexpected "given"'],
  ])('answers %s with 400 invalidPath', (text, detail) => {
    const [status, scimType, message] = scimFailure(() => parsePathExpression(text));
    expect([status, scimType]).toEqual([400, 'invalidPath']);
    expect(message).toContain(detail);
  });
});
