import { defaultOptions, validateOptions } from '../../provisioning/options';
import { draftFromOptions, toOptionsInput } from './options-draft';

describe('the provisioning options draft', () => {
  it('round-trips every option through the form and back', () => {
    const options = {
      ...defaultOptions(),
      targets: { jira: true, confluence: true, bitbucketWorkspace: 'acme' },
      usernameRegex: { pattern: '(.*)@corp.local', replacement: '$1@corp.com' },
      customAttributes: [{ source: 'title', name: 'Job title' }],
      groupImport: { enabled: true, filter: { include: ['^eng-'], exclude: ['-test$', 'tmp'] }, deleteEmptyGroups: true },
      manual: { mappings: [{ idpGroup: 'eng', atlassianGroups: ['a', 'b'] }], importUnmapped: true, keepExistingMembers: false },
      protectedGroups: ['finance*'],
      defaultComponentLead: 'acc-1',
      safety: { maxDisableShare: 0.25, minUsersForThreshold: 3 },
    };
    const parsed = validateOptions(toOptionsInput(draftFromOptions(options)));
    expect(parsed).toEqual({ ok: true, options: { ...options, protectedGroups: expect.arrayContaining(['finance*', 'site-admins']) } });
  });

  it('leaves out empty rules and leads, and drops blank lines', () => {
    const draft = draftFromOptions(defaultOptions());
    const input = toOptionsInput({
      ...draft,
      usernameRegex: { pattern: '', replacement: '' },
      defaultGroups: { newUsers: ' a \n\n b ', allUsers: '' },
      defaultProjectLead: ' ',
    });
    expect(input).toMatchObject({ usernameRegex: undefined, defaultProjectLead: undefined, defaultGroups: { newUsers: ['a', 'b'], allUsers: [] } });
  });

  it('sends what is not a number as typed, for the server to name', () => {
    const draft = draftFromOptions(defaultOptions());
    expect(toOptionsInput({ ...draft, safety: { maxDisablePercent: 'ten', minUsersForThreshold: '' } })).toMatchObject({
      safety: { maxDisableShare: 'ten', minUsersForThreshold: '' },
    });
  });
});
