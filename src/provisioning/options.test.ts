import { BUILT_IN_PROTECTED_GROUPS, defaultOptions, targetProducts, validateOptions } from './options';

function issuesOf(input: unknown) {
  const result = validateOptions(input);
  if (result.ok) throw new Error('expected validation issues');
  return result.issues;
}

describe('defaultOptions', () => {
  it('fills every option the Data Center app has', () => {
    expect(defaultOptions()).toEqual({
      targets: { jira: true, confluence: false },
      createUsers: true,
      updateUsers: true,
      enableUsers: true,
      disableUsers: true,
      disableAction: 'suspend',
      attributeMapping: {
        email: ['emails[primary]', 'mail'],
        username: ['userName', 'userPrincipalName'],
        displayName: ['displayName', 'name.formatted'],
      },
      customAttributes: [],
      groupImport: { enabled: true, filter: { include: [], exclude: [] }, deleteEmptyGroups: false },
      groupMappingMode: 'onTheFly',
      onTheFly: { createMissing: true, keepUnassertedMembers: false },
      manual: { mappings: [], importUnmapped: false, keepExistingMembers: true },
      defaultGroups: { newUsers: [], allUsers: [] },
      protectedGroups: BUILT_IN_PROTECTED_GROUPS,
      safety: { maxDisableShare: 0.1, minUsersForThreshold: 10 },
      dryRun: false,
      ownership: { linkDomains: [], deactivateWhen: 'any' },
      driftRepair: 'repair',
    });
  });

  it('takes email domains lower-cased and refuses an address or a pattern in their place', () => {
    expect(validateOptions({ ownership: { linkDomains: [' Example.COM '] } })).toMatchObject({
      ok: true,
      options: { ownership: { linkDomains: ['example.com'] } },
    });
    expect(validateOptions({ ownership: { linkDomains: ['ada@example.com', '*.example.com'] } })).toEqual({
      ok: false,
      issues: [
        { path: 'ownership.linkDomains.0', message: 'Enter a domain such as example.com, without @.' },
        { path: 'ownership.linkDomains.1', message: 'Enter a domain such as example.com, without @.' },
      ],
    });
  });

  it('fills nested defaults when only part of a section is given', () => {
    const result = validateOptions({ onTheFly: { keepUnassertedMembers: true }, groupImport: { filter: { exclude: ['^test-'] } } });
    expect(result).toMatchObject({
      ok: true,
      options: {
        onTheFly: { createMissing: true, keepUnassertedMembers: true },
        groupImport: { enabled: true, filter: { include: [], exclude: ['^test-'] } },
      },
    });
  });
});

describe('validateOptions accepts each seed option', () => {
  it.each([
    ['directory selection → target products', { targets: { jira: true, confluence: true, bitbucketWorkspace: 'acme' } }],
    ['Enable Import Users off', { createUsers: false }],
    ['Enable Update Users off', { updateUsers: false }],
    ['Enable/Disable Users', { enableUsers: false, disableUsers: true, disableAction: 'removeProductAccess' }],
    ['Regex on Username (its Cloud form: the result is an email)', { usernameRegex: { pattern: '(.*)@.*', replacement: '$1@corp.com' } }],
    ['attribute mapping', { attributeMapping: { email: ['mail'], username: ['userPrincipalName'], displayName: ['name.formatted'] } }],
    [
      'custom attributes',
      { customAttributes: [{ source: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', name: 'Department' }] },
    ],
    ['group import with filter', { groupImport: { enabled: true, filter: { include: ['^jira-'], exclude: ['-test$'] } } }],
    [
      'on-the-fly mapping',
      {
        groupMappingMode: 'onTheFly',
        onTheFly: { createMissing: false, nameRegex: { pattern: '^okta-(.*)', replacement: '$1' }, keepUnassertedMembers: true },
      },
    ],
    [
      'manual mapping',
      {
        groupMappingMode: 'manual',
        manual: {
          mappings: [{ idpGroup: 'Engineering', atlassianGroups: ['jira-software-users', 'developers'] }],
          importUnmapped: true,
          keepExistingMembers: false,
        },
      },
    ],
    ['default groups', { defaultGroups: { newUsers: ['new-starters'], allUsers: ['jira-software-users'] } }],
    [
      'default project/component lead',
      { defaultProjectLead: '5b10ac8d82e05b22cc7d4ef5', defaultComponentLead: '712020:2c4a9f2e-1a2b-4c3d-9e8f-0a1b2c3d4e5f' },
    ],
    ['safety and dry run', { safety: { maxDisableShare: 0.25, minUsersForThreshold: 50 }, dryRun: true }],
  ])('%s', (_name, input) => {
    const result = validateOptions(input);
    expect(result).toMatchObject({ ok: true, options: input });
  });

  it("adds the built-in protected groups to the admin's own, which cannot remove them", () => {
    const result = validateOptions({ protectedGroups: ['hr-admins', 'Site-Admins'] });
    expect(result.ok && result.options.protectedGroups).toEqual([...BUILT_IN_PROTECTED_GROUPS, 'hr-admins']);
  });
});

describe('validateOptions messages name the field', () => {
  it.each([
    [{ targets: { jira: false, confluence: false } }, 'targets', 'Select at least one product.'],
    [{ targets: { bitbucketWorkspace: 'bitbucket.org/acme' } }, 'targets.bitbucketWorkspace', expect.stringMatching(/workspace ID/)],
    [{ disableAction: 'delete' }, 'disableAction', expect.any(String)],
    [{ usernameRegex: { pattern: '(a+)+@corp', replacement: '' } }, 'usernameRegex.pattern', expect.stringMatching(/Nested quantifier/)],
    [{ usernameRegex: { pattern: '(.*)@.*', replacement: '$2' } }, 'usernameRegex.replacement', '$2 refers to group 2, but the pattern has 1 group.'],
    [{ usernameRegex: { pattern: '', replacement: '' } }, 'usernameRegex.pattern', 'Enter a pattern.'],
    // The Data Center app's documented example makes usernames; Atlassian Cloud needs an email, and the message says how.
    [{ usernameRegex: { pattern: '(.*)@.*', replacement: '$1' } }, 'usernameRegex.replacement', expect.stringContaining('use "$1@corp.com"')],
    [
      { usernameRegex: { pattern: '^CORP\\\\(.*)$', replacement: '$1' } },
      'usernameRegex.replacement',
      expect.stringContaining('"CORP\\jane.doe" into "jane.doe"'),
    ],
    [
      { attributeMapping: { displayNameTemplate: '{name.givenName} {name.familyName' } },
      'attributeMapping.displayNameTemplate',
      expect.stringContaining('is not closed'),
    ],
    [
      { attributeMapping: { displayNameTemplate: 'Mr Smith' } },
      'attributeMapping.displayNameTemplate',
      expect.stringContaining('at least one attribute'),
    ],
    [{ onTheFly: { nameRegex: { pattern: '(?=x)', replacement: '' } } }, 'onTheFly.nameRegex.pattern', expect.stringMatching(/lookaround/)],
    [{ groupImport: { filter: { include: ['ok', '(a|b)*'] } } }, 'groupImport.filter.include.1', expect.stringMatching(/Alternation/)],
    [{ attributeMapping: { email: ['emails['] } }, 'attributeMapping.email.0', expect.stringMatching(/is not an attribute path/)],
    [{ attributeMapping: { displayName: [] } }, 'attributeMapping.displayName', 'Map at least one attribute.'],
    [{ customAttributes: [{ source: 'mail', name: 'a.b' }] }, 'customAttributes.0.name', expect.stringMatching(/letters, digits/)],
    [
      {
        customAttributes: [
          { source: 'mail', name: 'Dept' },
          { source: 'title', name: 'dept' },
        ],
      },
      'customAttributes.1.name',
      'Another custom attribute already has this name.',
    ],
    [
      { manual: { mappings: [{ idpGroup: 'eng', atlassianGroups: [] }] } },
      'manual.mappings.0.atlassianGroups',
      'Choose at least one Atlassian group.',
    ],
    [
      {
        manual: {
          mappings: [
            { idpGroup: 'eng', atlassianGroups: ['a'] },
            { idpGroup: 'ENG', atlassianGroups: ['b'] },
          ],
        },
      },
      'manual.mappings.1.idpGroup',
      expect.stringMatching(/already mapped/),
    ],
    [
      { manual: { mappings: [{ idpGroup: 'admins', atlassianGroups: ['site-admins'] }] } },
      'manual.mappings.0.atlassianGroups.0',
      'site-admins is a protected group; the app never changes its members.',
    ],
    [{ defaultGroups: { allUsers: ['jira-admins-acme'] } }, 'defaultGroups.allUsers.0', expect.stringMatching(/protected group/)],
    [{ protectedGroups: ['a*b'] }, 'protectedGroups.0', expect.stringMatching(/only at the end/)],
    [{ defaultProjectLead: 'jane@corp.com' }, 'defaultProjectLead', expect.stringMatching(/account ID/)],
    [{ safety: { maxDisableShare: 0 } }, 'safety.maxDisableShare', 'Enter a share above 0.'],
    [{ safety: { maxDisableShare: 1.5 } }, 'safety.maxDisableShare', 'Enter a share of at most 1 (100%).'],
  ])('%j', (input, path, message) => {
    expect(issuesOf(input)).toContainEqual({ path, message });
  });
});

describe('targetProducts', () => {
  it('lists the selected products', () => {
    expect(targetProducts(defaultOptions())).toEqual(['jira']);
    expect(targetProducts({ targets: { jira: false, confluence: true, bitbucketWorkspace: 'acme' } })).toEqual(['confluence', 'bitbucket']);
  });
});
