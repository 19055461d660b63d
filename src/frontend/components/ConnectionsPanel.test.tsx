import { adminBed } from '../../../test/kit/admin-bed';
import { renderAdminPage, resolversOf } from '../../../test/kit/render-admin-page';

describe('the Connections tab', () => {
  it('renames, disables (after saying what that stops) and enables an app', async () => {
    const bed = await adminBed();
    await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Rename', 'Button'));
    await ui.fill(ui.byLabel('App name'), 'Okta EU');
    await ui.click(ui.byText('Rename', 'LoadingButton'));
    expect(ui.text(ui.find({ type: 'DynamicTable' }))).toContain('Okta EU');

    await ui.click(ui.byText('Disable', 'Button'));
    expect(ui.text(ui.find({ type: 'Modal' }))).toContain('While the app is disabled, its SCIM requests are refused');
    await ui.click(ui.byText('Cancel', 'Button'));
    expect(ui.text(ui.find({ type: 'DynamicTable' }))).not.toContain('Disabled');
    await ui.click(ui.byText('Disable', 'Button'));
    await ui.click(ui.byText('Disable app', 'LoadingButton'));
    expect(ui.query({ type: 'Modal' })).toBeUndefined();
    expect(ui.text(ui.find({ type: 'DynamicTable' }))).toContain('Disabled');
    await ui.click(ui.byText('Enable', 'Button'));
    expect(ui.text(ui.find({ type: 'DynamicTable' }))).not.toContain('Disabled');
  });

  it('says what deleting does to provisioned users before deleting, then removes the app', async () => {
    const bed = await adminBed();
    await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Delete', 'Button'));
    const modal = ui.find({ type: 'Modal' });
    expect(ui.text(modal)).toContain('does not touch Atlassian: users and groups it provisioned stay in your site as they are');
    expect(ui.text(modal)).toContain('Nothing is deactivated or deleted there');
    expect(ui.text(modal)).toContain('removes what the app stored for it: 0 users and 0 groups');
    await ui.click(ui.byText('Delete app', 'LoadingButton'));
    expect(ui.query({ type: 'Modal' })).toBeUndefined();
    expect(ui.text()).toContain('No identity provider yet');
  });

  it('goes on deleting while a large directory is not gone yet', async () => {
    const bed = await adminBed();
    await bed.data('createConnection', { name: 'Okta', provider: 'okta', method: 'scim' });
    const real = resolversOf(bed);
    let calls = 0;
    const ui = await renderAdminPage(async (key, payload, context) => {
      if (key !== 'deleteConnection') return real(key, payload, context);
      calls += 1;
      return calls < 3 ? { ok: true, data: { done: false, deletedKeys: 100 } } : real(key, payload, context);
    });
    await ui.click(ui.byText('Delete', 'Button'));
    await ui.click(ui.byText('Delete app', 'LoadingButton'));
    expect(calls).toBe(3);
    expect(ui.query({ type: 'Modal' })).toBeUndefined();
  });
});
