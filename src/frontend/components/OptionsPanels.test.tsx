import { adminBed, type AdminBed } from '../../../test/kit/admin-bed';
import { renderAdminPage, resolversOf } from '../../../test/kit/render-admin-page';
import { loadProvisioningOptions } from '../../provisioning/options-store';

async function optionsPage(bed: AdminBed) {
  const { connection, scim } = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
  await bed.scim(connection.id, scim!.token).post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@corp.local' });
  const ui = await renderAdminPage(resolversOf(bed));
  return { ui, connectionId: connection.id };
}

describe('the User sync and Group sync tabs', () => {
  it('previews the username regex live on the directory’s own userNames, and saves it', async () => {
    const bed = await adminBed();
    const { ui, connectionId } = await optionsPage(bed);
    await ui.click(ui.byText('User sync', 'Tab'));
    expect(ui.byLabel('Username regex: try it on (one value a line)').props.value).toBe('ada@corp.local');
    await ui.fill(ui.byLabel('Username regex'), '(.*)@corp.local');
    await ui.fill(ui.byLabel('Username regex: replacement'), '$1@corp.com');
    expect(ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Preview' } }))).toContain('ada@corp.local ada@corp.com changed');

    await ui.check(ui.byLabel('Disable users the IdP reports inactive'), false);
    await ui.select(ui.byLabel('Disabling a user means'), 'Remove its product access (site admin)');
    await ui.select(ui.byLabel('The daily check of the site (and Check the site now)'), 'Only reports them (as planned in Activity)');
    await ui.select(ui.byLabel('When several apps send the same person, deactivate the account'), 'only when every one of them says so');
    await ui.click(ui.byText('Add custom attribute', 'Button'));
    await ui.fill(ui.byLabel('IdP attribute'), 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department');
    await ui.fill(ui.byLabel('Name in Atlassian'), 'Department');
    await ui.click(ui.byText('Save provisioning options', 'LoadingButton'));
    expect(ui.flags).toEqual([expect.objectContaining({ title: 'Provisioning options saved' })]);
    const saved = await loadProvisioningOptions(bed.platform.store, connectionId);
    expect(saved).toMatchObject({
      usernameRegex: { pattern: '(.*)@corp.local', replacement: '$1@corp.com' },
      disableUsers: false,
      disableAction: 'removeProductAccess',
      driftRepair: 'report',
      ownership: { deactivateWhen: 'all' },
      customAttributes: [{ source: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', name: 'Department' }],
    });
  });

  it('refuses a username rule whose result is no email, in the preview and at save, with the way out; saves a display name template', async () => {
    const bed = await adminBed();
    const { ui, connectionId } = await optionsPage(bed);
    await ui.click(ui.byText('User sync', 'Tab'));
    await ui.fill(ui.byLabel('Username regex'), '(.*)@.*');
    await ui.fill(ui.byLabel('Username regex: replacement'), '$1');
    expect(ui.byText(/use "\$1@corp\.com"/, 'ErrorMessage')).toBeDefined();
    // A rule only the directory's own usernames show wrong: marked in the preview, refused at save.
    await ui.fill(ui.byLabel('Username regex'), '^ada@corp\\.local$');
    await ui.fill(ui.byLabel('Username regex: replacement'), 'ada');
    expect(ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Preview' } }))).toContain('ada@corp.local ada not an email');
    await ui.click(ui.byText('Save provisioning options', 'LoadingButton'));
    expect(ui.byText(/"ada@corp\.local" into "ada"/, 'ErrorMessage')).toBeDefined();

    await ui.fill(ui.byLabel('Username regex'), '^(.*)@corp\\.local$');
    await ui.fill(ui.byLabel('Username regex: replacement'), '$1@corp.com');
    await ui.fill(ui.byLabel('Display name template (optional)'), '{name.givenName} {name.familyName}');
    await ui.click(ui.byText('Save provisioning options', 'LoadingButton'));
    expect(ui.flags).toEqual([expect.objectContaining({ title: 'Provisioning options saved' })]);
    const saved = await loadProvisioningOptions(bed.platform.store, connectionId);
    expect(saved.attributeMapping.displayNameTemplate).toBe('{name.givenName} {name.familyName}');
    expect(saved.usernameRegex).toEqual({ pattern: '^(.*)@corp\\.local$', replacement: '$1@corp.com' });
  });

  it('shows a bad pattern’s problem while typing, and the save’s messages under the fields', async () => {
    const bed = await adminBed();
    const { ui } = await optionsPage(bed);
    await ui.click(ui.byText('User sync', 'Tab'));
    await ui.fill(ui.byLabel('Username regex'), '(a+)+');
    expect(ui.byText(/^Nested quantifier at position 2/, 'ErrorMessage')).toBeDefined();

    await ui.fill(ui.byLabel('Username regex'), '');
    await ui.fill(ui.byLabel('Ask before a run disables more than (%)'), '150');
    await ui.click(ui.byText('Save provisioning options', 'LoadingButton'));
    expect(ui.byText('Enter a share of at most 1 (100%).', 'ErrorMessage')).toBeDefined();
    expect(ui.find({ type: 'SectionMessage', props: { title: 'Check the highlighted fields' } })).toBeDefined();
  });

  it('drops a save’s message under a regex once the corrected pattern previews', async () => {
    const bed = await adminBed();
    const { ui } = await optionsPage(bed);
    await ui.click(ui.byText('User sync', 'Tab'));
    await ui.fill(ui.byLabel('Username regex'), '(.*)@corp.local');
    await ui.fill(ui.byLabel('Username regex: replacement'), '$2@corp.com');
    await ui.click(ui.byText('Save provisioning options', 'LoadingButton'));
    const message = ui.findAll({ type: 'ErrorMessage' }).map((node) => ui.text(node));
    expect(message.length).toBeGreaterThan(0);

    await ui.fill(ui.byLabel('Username regex: replacement'), '$1@corp.com');
    expect(ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Preview' } }))).toContain('ada@corp.com');
    expect(ui.findAll({ type: 'ErrorMessage' })).toEqual([]);
  });

  it('shows every bad line of a one-a-line field, as many as the banner counts', async () => {
    const bed = await adminBed();
    const { ui } = await optionsPage(bed);
    await ui.click(ui.byText('Group sync', 'Tab'));
    await ui.fill(ui.byLabel('Only groups matching (one regex a line)'), '^eng-\n(a+)+\n[x');
    await ui.click(ui.byText('Save provisioning options', 'LoadingButton'));
    expect(ui.text(ui.find({ type: 'SectionMessage' }))).toContain('2 fields need attention.');
    const field = ui
      .findAll({ type: 'ErrorMessage' })
      .map((node) => ui.text(node))
      .join(' ');
    expect(field).toMatch(/^Line 2: .+ Line 3: .+/);
  });

  it('edits group sync: filters, a manual mapping, protected groups and the default leads', async () => {
    const bed = await adminBed();
    const { ui, connectionId } = await optionsPage(bed);
    await ui.click(ui.byText('Group sync', 'Tab'));
    expect(ui.text()).toContain('site-admins');
    await ui.fill(ui.byLabel('Only groups matching (one regex a line)'), '^eng-');
    await ui.select(ui.byLabel('Group mapping'), 'Manual: a table maps IdP groups to Atlassian groups');
    await ui.click(ui.byText('Add mapping', 'Button'));
    await ui.fill(ui.byLabel('IdP group (name or id)'), 'eng-all');
    await ui.fill(ui.byLabel('Atlassian groups (comma-separated)'), 'jira-software-users, confluence-users');
    await ui.fill(ui.byLabel('Also protect (one a line; end with * for a prefix)'), 'finance*');
    await ui.fill(ui.byLabel('For new users (one a line)'), 'site-admins');
    await ui.pickUsers(ui.byLabel('Default project lead'), '5b10ac8d82e05b22cc7d4ef5');
    await ui.click(ui.byText('Save provisioning options', 'LoadingButton'));
    expect(ui.byText('site-admins is a protected group; the app never changes its members.', 'ErrorMessage')).toBeDefined();

    await ui.fill(ui.byLabel('For new users (one a line)'), 'new-starters');
    expect(ui.byLabel('Delete a group this app created once its IdP group is deleted and it has no members left').props.isChecked).toBe(false);
    await ui.check(ui.byLabel('Delete a group this app created once its IdP group is deleted and it has no members left'), true);
    await ui.click(ui.byText('Save provisioning options', 'LoadingButton'));
    const saved = await loadProvisioningOptions(bed.platform.store, connectionId);
    expect(saved).toMatchObject({
      groupImport: { filter: { include: ['^eng-'] }, deleteEmptyGroups: true },
      groupMappingMode: 'manual',
      manual: { mappings: [{ idpGroup: 'eng-all', atlassianGroups: ['jira-software-users', 'confluence-users'] }] },
      defaultGroups: { newUsers: ['new-starters'] },
      defaultProjectLead: '5b10ac8d82e05b22cc7d4ef5',
    });
    expect(saved.protectedGroups).toContain('finance*');
    expect(ui.text()).not.toContain('5b10ac8d82e05b22cc7d4ef5');
    expect(ui.text()).toContain('Set: the user shown in the picker');
    await ui.click(ui.byText('Clear default project lead', 'Button'));
    expect(ui.text()).not.toContain('Set: the user shown in the picker');
  });
});
