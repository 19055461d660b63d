import { adminBed, type AdminBed } from '../../test/kit/admin-bed';
import { BUILT_IN_PROTECTED_GROUPS, defaultOptions } from '../provisioning/options';
import { loadProvisioningOptions } from '../provisioning/options-store';

async function withConnection(bed: AdminBed): Promise<{ connectionId: string; token: string }> {
  const { connection, scim } = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
  return { connectionId: connection.id, token: scim!.token };
}

describe('provisioning options resolvers', () => {
  it('shows the defaults, the built-in protected groups apart, and samples from the directory', async () => {
    const bed = await adminBed();
    const { connectionId, token } = await withConnection(bed);
    const client = bed.scim(connectionId, token);
    await client.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@corp.local' });
    await client.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineering' });

    const view = await bed.data('getOptions', { connectionId });
    expect(view.options).toEqual({ ...defaultOptions(), protectedGroups: [] });
    expect(view.builtInProtectedGroups).toEqual(BUILT_IN_PROTECTED_GROUPS);
    expect(view.samples).toEqual({ userNames: ['ada@corp.local'], groupNames: ['Engineering'] });
  });

  it('saves valid options and reads them back', async () => {
    const bed = await adminBed();
    const { connectionId } = await withConnection(bed);
    const options = {
      ...defaultOptions(),
      usernameRegex: { pattern: '(.*)@corp.local', replacement: '$1@corp.com' },
      groupMappingMode: 'manual' as const,
      manual: { mappings: [{ idpGroup: 'eng', atlassianGroups: ['jira-software-users'] }], importUnmapped: false, keepExistingMembers: true },
      protectedGroups: ['finance'],
      defaultProjectLead: '5b10ac8d82e05b22cc7d4ef5',
    };
    const saved = await bed.data('saveOptions', { connectionId, options });
    expect(saved.options).toMatchObject({ usernameRegex: options.usernameRegex, groupMappingMode: 'manual', protectedGroups: ['finance'] });
    const stored = await loadProvisioningOptions(bed.platform.store, connectionId);
    expect(stored.protectedGroups).toEqual([...BUILT_IN_PROTECTED_GROUPS, 'finance']);
    expect(stored.defaultProjectLead).toBe('5b10ac8d82e05b22cc7d4ef5');
  });

  it('logs which options a save changed, by key and without their values', async () => {
    const bed = await adminBed();
    const { connectionId } = await withConnection(bed);
    await bed.data('saveOptions', {
      connectionId,
      options: { disableUsers: false, usernameRegex: { pattern: '(.*)@corp.local', replacement: '$1@corp.com' } },
    });
    await bed.data('saveOptions', {
      connectionId,
      options: { disableUsers: false, usernameRegex: { pattern: '(.*)@corp.local', replacement: '$1@corp.com' } },
    });
    await bed.data('saveOptions', { connectionId, options: { onTheFly: { createMissing: false } } });
    const saves = (await bed.data('listActivity', { connectionId, text: 'provisioning options saved' })).entries.map((entry) => entry.reason);
    expect(saves).toEqual([
      'changed: disableUsers, usernameRegex, onTheFly.createMissing',
      'nothing changed',
      'changed: disableUsers, usernameRegex',
    ]);
    expect(JSON.stringify(saves)).not.toContain('corp.com');
  });

  it('names each invalid field by its dotted path under options, and saves nothing', async () => {
    const bed = await adminBed();
    const { connectionId } = await withConnection(bed);
    const result = await bed.call('saveOptions', {
      connectionId,
      options: {
        usernameRegex: { pattern: '(a+)+', replacement: '$1' },
        defaultGroups: { newUsers: ['site-admins'] },
        customAttributes: [{ source: 'department', name: 'a.b' }],
        targets: { jira: false, confluence: false },
      },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toEqual({
      code: 'invalid',
      message: '4 fields need attention.',
      fields: {
        'options.usernameRegex.pattern': expect.stringMatching(/^Nested quantifier/),
        'options.defaultGroups.newUsers.0': 'site-admins is a protected group; the app never changes its members.',
        'options.customAttributes.0.name': 'Use up to 64 letters, digits, spaces, - and _, starting with a letter or digit.',
        'options.targets': 'Select at least one product.',
      },
    });
    expect(await loadProvisioningOptions(bed.platform.store, connectionId)).toEqual(defaultOptions());
  });

  it('previews a rule on samples, and puts a bad rule’s message on its field', async () => {
    const bed = await adminBed();
    const rows = await bed.data('previewRegex', {
      rule: { pattern: '(.*)@corp.local', replacement: '$1@corp.com' },
      samples: ['ada@corp.local', 'grace@elsewhere.org', ''],
    });
    expect(rows).toEqual({
      rows: [
        { sample: 'ada@corp.local', outcome: 'match', result: 'ada@corp.com' },
        { sample: 'grace@elsewhere.org', outcome: 'noMatch', result: 'grace@elsewhere.org' },
      ],
    });
    const bad = await bed.call('previewRegex', { rule: { pattern: '(.*)', replacement: '$2' }, samples: ['x'] });
    expect(!bad.ok && bad.error.fields).toEqual({ 'rule.replacement': '$2 refers to group 2, but the pattern has 1 group.' });
    const empty = await bed.call('previewRegex', { rule: { pattern: '', replacement: '' }, samples: [] });
    expect(!empty.ok && empty.error.fields).toEqual({ 'rule.pattern': 'Enter a pattern.' });
  });
});
