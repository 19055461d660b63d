import { adminBed } from '../../../test/kit/admin-bed';
import { renderAdminPage, resolversOf } from '../../../test/kit/render-admin-page';

describe('the Setup tab of a SCIM app', () => {
  it('shows the base URL, the IDCS guide with host and base URI, and the requests the IdP sent', async () => {
    const bed = await adminBed();
    const { connection, scim } = await bed.data('createConnection', { name: 'IDCS push', provider: 'oracle-idcs', method: 'scim' });
    await bed.scim(connection.id, scim!.token).get('/ServiceProviderConfig');
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Setup', 'Tab'));
    expect(ui.byLabel('SCIM base URL').props.value).toBe(scim!.baseUrl);
    expect(ui.text()).toContain('Host Name = https://example.atlassian-dev.net; Base URI = /x1/trigger-id/');
    expect(ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Last requests received' } }))).toContain('GET /ServiceProviderConfig 200');
    expect(ui.text()).not.toContain(scim!.token);
  });

  it('rotates the token after a confirmation, and shows the new one once', async () => {
    const bed = await adminBed();
    const { connection, scim } = await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Setup', 'Tab'));
    await ui.click(ui.byText('Rotate token', 'Button'));
    expect(ui.text(ui.find({ type: 'Modal' }))).toContain('The current token stops working at once');
    await ui.click(ui.find({ type: 'Button', text: 'Rotate token', props: { appearance: 'warning' } }));
    const token = ui.byLabel('Token').props.value as string;
    expect(token).toMatch(/^ugs_/);
    expect(token).not.toBe(scim!.token);
    expect((await bed.scim(connection.id, scim!.token).get('/Users')).status).toBe(401);
    expect((await bed.scim(connection.id, token).get('/Users')).status).toBe(200);
  });
});
