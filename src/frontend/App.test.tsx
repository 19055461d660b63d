import { adminBed } from '../../test/kit/admin-bed';
import { renderAdminPage, resolversOf } from '../../test/kit/render-admin-page';

describe('the admin page', () => {
  it('lists the connections with provider, method, status, activity and counts', async () => {
    const bed = await adminBed();
    await bed.data('createConnection', { name: 'Okta production', provider: 'okta', method: 'scim' });
    await bed.data('createConnection', { name: 'IDCS nightly', provider: 'oracle-idcs', method: 'pull' });
    const ui = await renderAdminPage(resolversOf(bed));
    const table = ui.find({ type: 'DynamicTable', props: { caption: 'Configured identity providers' } });
    expect(ui.text(table)).toContain('Okta production');
    expect(ui.text(table)).toContain('Okta SCIM push Awaiting setup');
    expect(ui.text(table)).toContain('IDCS nightly');
    expect(ui.text(table)).toContain('Oracle IDCS REST pull Awaiting setup');
    expect(ui.text(table)).toContain('Save the connection’s IdP settings first.');
  });

  it('keeps the selected app and the Activity filter when the page is opened again', async () => {
    const bed = await adminBed();
    await bed.data('createConnection', { name: 'Okta production', provider: 'okta', method: 'scim' });
    await bed.data('createConnection', { name: 'IDCS nightly', provider: 'oracle-idcs', method: 'pull' });
    const first = await renderAdminPage(resolversOf(bed));
    await first.select(first.byLabel('App shown in the other tabs'), 'IDCS nightly');
    await first.click(first.byText('Activity', 'Tab'));
    await first.select(first.byLabel('Result'), 'failed or refused');
    first.unmount();

    const again = await renderAdminPage(resolversOf(bed));
    expect(again.byLabel('App shown in the other tabs').props.value).toMatchObject({ label: 'IDCS nightly' });
    await again.click(again.byText('Activity', 'Tab'));
    expect(again.byLabel('Result').props.value).toMatchObject({ label: 'failed or refused' });
  });

  it('adds an app, shows its base URL and token once, and opens its setup', async () => {
    const bed = await adminBed();
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Add new app', 'Button'));
    await ui.fill(ui.byLabel('App name'), 'Entra');
    await ui.select(ui.byLabel('Identity provider'), 'Microsoft Entra ID');
    await ui.click(ui.byText('Create app', 'LoadingButton'));

    expect(ui.find({ type: 'SectionMessage', props: { title: 'Copy the token now' } })).toBeDefined();
    const token = ui.byLabel('Token').props.value as string;
    expect(token).toMatch(/^ugs_/);
    expect(ui.byLabel('SCIM base URL').props.value).toMatch(/^https:\/\/example\.atlassian-dev\.net\/x1\/trigger-id\/[a-z0-9]+\/scim\/v2$/);
    await ui.click(ui.byText('Copy token', 'Button'));
    // No clipboard in jest: the admin is told how to copy by hand.
    expect(ui.flags).toEqual([expect.objectContaining({ title: 'Copying is not allowed here', type: 'warning' })]);

    await ui.click(ui.byText('Done, go to setup', 'Button'));
    expect(ui.query({ type: 'Modal' })).toBeUndefined();
    expect(ui.byText('In Microsoft Entra ID', 'Heading')).toBeDefined();
    expect(ui.text()).toContain('Tenant URL = https://example.atlassian-dev.net/x1/trigger-id/');
    expect(ui.text()).not.toContain(token);
  });

  it('puts the resolver’s field messages under the fields of the Add new app form', async () => {
    const bed = await adminBed();
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Add new app', 'Button'));
    await ui.click(ui.byText('Create app', 'LoadingButton'));
    expect(ui.byText('Enter a name.', 'ErrorMessage')).toBeDefined();
    expect(ui.byText('Choose an identity provider.', 'ErrorMessage')).toBeDefined();
  });

  it('offers REST pull only for the IdPs that have a connector', async () => {
    const bed = await adminBed();
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Add new app', 'Button'));
    await ui.select(ui.byLabel('Identity provider'), 'Okta');
    await expect(ui.select(ui.byLabel('Method'), 'REST pull')).rejects.toThrow('The option "REST pull" is disabled');
    await ui.select(ui.byLabel('Identity provider'), 'miniOrange');
    await ui.select(ui.byLabel('Method'), 'REST pull');
    await ui.fill(ui.byLabel('App name'), 'miniOrange');
    await ui.click(ui.byText('Create app', 'LoadingButton'));
    expect(ui.text()).toContain('miniOrange publishes no listing API');
    expect(ui.text()).toContain('Sync during user login is not possible on Forge');
    expect(ui.text()).toContain('LDAP directories cannot be reached from Forge');
  });

  it('tells a caller who is not an administrator that the page is for administrators only', async () => {
    const bed = await adminBed();
    bed.setAdministrator(false);
    const ui = await renderAdminPage(resolversOf(bed));
    expect(ui.text()).toBe('Administrators only Only site administrators can use User & Group Sync settings.');
  });
});
