import { adminBed, type AdminBed } from '../../../test/kit/admin-bed';
import { renderAdminPage, resolversOf } from '../../../test/kit/render-admin-page';
import { FAKE_IDCS } from '../../local/local-world';

async function idcsPage(bed: AdminBed) {
  await bed.data('createConnection', { name: 'IDCS', provider: 'oracle-idcs', method: 'pull' });
  const ui = await renderAdminPage(resolversOf(bed));
  await ui.click(ui.byText('Setup', 'Tab'));
  return ui;
}

describe('the Setup tab of a REST-pull app', () => {
  it('says what Forge cannot do, and saves the settings and the secret, which is then only "set"', async () => {
    const bed = await adminBed();
    const ui = await idcsPage(bed);
    expect(ui.text()).toContain('Sync during user login is not possible on Forge (apps get no login hook)');
    expect(ui.text()).toContain('LDAP directories cannot be reached from Forge');
    expect(ui.text()).toContain('Not set yet: enter the client secret.');

    await ui.fill(ui.byLabel('Oracle base URL'), FAKE_IDCS.baseUrl);
    await ui.fill(ui.byLabel('Client ID'), FAKE_IDCS.clientId);
    await ui.fill(ui.byLabel('Client secret'), FAKE_IDCS.clientSecret);
    await ui.select(ui.byLabel('Scheduler interval'), 'Every 5 minutes');
    await ui.click(ui.byText('Save settings', 'LoadingButton'));

    expect(ui.byLabel('Client secret').props.value).toBe('');
    expect(ui.text()).toContain('Set (never shown). Type a new value only to replace it.');
    expect(ui.text()).not.toContain(FAKE_IDCS.clientSecret);
    const saved = ui.invocations.find((call) => call.functionKey === 'savePullSetup');
    expect(saved?.payload).toEqual({
      connectionId: expect.any(String),
      config: { enabled: true, intervalMinutes: 5, fullRunHourUtc: 3, settings: { baseUrl: FAKE_IDCS.baseUrl, clientId: FAKE_IDCS.clientId } },
      secret: FAKE_IDCS.clientSecret,
    });
  });

  it('says for miniOrange what its runs do, without promising a full run that finds what disappeared', async () => {
    const bed = await adminBed();
    await bed.data('createConnection', { name: 'miniOrange', provider: 'miniorange', method: 'pull' });
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Setup', 'Tab'));
    expect(ui.text()).toContain('miniOrange cannot list users, so no run finds new or removed ones');
    expect(ui.text()).not.toContain('disappeared');
    expect(ui.query({ type: 'Label', text: 'Daily full run after (hour, UTC)' })).toBeUndefined();
    expect(ui.query({ type: 'Button', text: 'Sync changes only' })).toBeUndefined();
  });

  it('saves the settings a second time, with a new secret, and says so each time', async () => {
    const bed = await adminBed();
    const ui = await idcsPage(bed);
    await ui.fill(ui.byLabel('Oracle base URL'), FAKE_IDCS.baseUrl);
    await ui.fill(ui.byLabel('Client ID'), FAKE_IDCS.clientId);
    await ui.fill(ui.byLabel('Client secret'), 'mistyped-secret');
    await ui.click(ui.byText('Save settings', 'LoadingButton'));
    expect(ui.flags.map((flag) => flag.title)).toEqual(['Settings saved']);

    await ui.fill(ui.byLabel('Client secret'), FAKE_IDCS.clientSecret);
    await ui.click(ui.byText('Save settings', 'LoadingButton'));
    expect(ui.query({ type: 'SectionMessage' })?.props.title).not.toBe('Check the highlighted fields');
    expect(ui.flags.map((flag) => flag.title)).toEqual(['Settings saved', 'Settings saved']);
    const saves = ui.invocations.filter((call) => call.functionKey === 'savePullSetup');
    // The stored setting the form does not show goes back as the number it is.
    expect(saves[1]?.payload).toMatchObject({
      config: { settings: { deltaSkewSeconds: 300, clientId: FAKE_IDCS.clientId } },
      secret: FAKE_IDCS.clientSecret,
    });
  });

  it('shows the messages of invalid settings under their fields', async () => {
    const bed = await adminBed();
    const ui = await idcsPage(bed);
    await ui.fill(ui.byLabel('Oracle base URL'), 'http://idcs.example.com');
    await ui.click(ui.byText('Save settings', 'LoadingButton'));
    expect(ui.byText('must be an https URL (the identity domain URL)', 'ErrorMessage')).toBeDefined();
  });

  it('tests the connection, looks a user up, synchronizes with a progress bar, and lists the run', async () => {
    const bed = await adminBed();
    const ui = await idcsPage(bed);
    await ui.fill(ui.byLabel('Oracle base URL'), FAKE_IDCS.baseUrl);
    await ui.fill(ui.byLabel('Client ID'), FAKE_IDCS.clientId);
    await ui.fill(ui.byLabel('Client secret'), FAKE_IDCS.clientSecret);
    await ui.click(ui.byText('Save settings', 'LoadingButton'));

    await ui.click(ui.byText('Test connection', 'LoadingButton'));
    expect(ui.find({ type: 'SectionMessage', props: { title: 'Connected' } })).toBeDefined();

    await ui.fill(ui.byLabel('Username or email'), 'user2@example.com');
    await ui.click(ui.byText('Test user lookup', 'LoadingButton'));
    const found = ui.find({ type: 'SectionMessage', props: { title: 'Found user2@example.com' } });
    expect(ui.text(found)).toContain('Create the user in the directory');

    await ui.click(ui.byText('Synchronize now', 'LoadingButton'));
    expect(ui.text()).toContain('Full run: every user and group the IdP lists');
    const bar = ui.find({ type: 'ProgressBar' });
    expect(bar.props.value).toBeGreaterThan(0);
    expect(ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Run history' } }))).toContain('full, manual running');
    await ui.click(ui.byText('Cancel run', 'Button'));
    expect(ui.text(ui.find({ type: 'DynamicTable', props: { caption: 'Run history' } }))).toContain('cancelled');
  });
});
