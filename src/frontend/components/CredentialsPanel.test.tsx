import { adminBed } from '../../../test/kit/admin-bed';
import { renderAdminPage, resolversOf } from '../../../test/kit/render-admin-page';
import { FakeClock } from '../../../test/kit/fake-clock';
import { readAtlassianSecret } from '../../atlassian/credentials';

describe('the Atlassian credentials tab', () => {
  it('shows which keys are set without their values, and the capability matrix with what each one enables', async () => {
    const bed = await adminBed();
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Atlassian credentials', 'Tab'));
    expect(ui.byLabel('Directory API key').props.value).toBe('');
    expect(ui.byLabel('Organization API key').props.value).toBe('');
    expect(ui.text()).not.toContain(bed.world.sandbox.credentials.directoryKey);
    const matrix = ui.find({ type: 'DynamicTable', props: { caption: 'What each credential enables' } });
    expect(ui.text(matrix)).toContain('Creating users yes yes partly no no uses a directory API key');
    expect(ui.text(matrix)).toContain('Managing Bitbucket workspace groups');
  });

  it('saves a new key (sent once, never shown back), removes one, and tests what is left', async () => {
    const bed = await adminBed();
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Atlassian credentials', 'Tab'));
    await ui.fill(ui.byLabel('Organization ID'), 'sandbox-org');
    await ui.fill(ui.byLabel('Organization directory ID'), bed.world.sandbox.credentials.orgDirectoryId);
    await ui.fill(ui.byLabel('Organization API key'), 'org-key-from-admin');
    await ui.check(ui.byLabel('Remove the stored directory API key'));
    await ui.click(ui.byText('Save credentials', 'LoadingButton'));

    expect(await readAtlassianSecret(bed.platform.secrets, 'orgKey')).toBe('org-key-from-admin');
    expect(await readAtlassianSecret(bed.platform.secrets, 'directoryKey')).toBeUndefined();
    expect(ui.byLabel('Organization API key').props.value).toBe('');
    expect(ui.text()).not.toContain('org-key-from-admin');
    expect(ui.text(ui.find({ type: 'DynamicTable' }))).toContain('Creating users yes yes partly no no uses an org API key');

    // Each credential is tried on its own: the org key typed here is not the sandbox's, though the others work.
    await ui.click(ui.byText('Test Atlassian credentials', 'LoadingButton'));
    const result = ui.find({ type: 'SectionMessage', props: { title: 'The test failed' } });
    expect(ui.text(result)).toMatch(/✗ an org API key: /);
    expect(ui.text(result)).toMatch(/✓ Listed \d+ groups.* with a site admin's API token\./);
  });

  it('puts a wrong site URL’s message under its field', async () => {
    const bed = await adminBed();
    const ui = await renderAdminPage(resolversOf(bed));
    await ui.click(ui.byText('Atlassian credentials', 'Tab'));
    await ui.fill(ui.byLabel('Site URL'), 'acme');
    await ui.click(ui.byText('Save credentials', 'LoadingButton'));
    expect(ui.byText('Enter the site URL, e.g. https://acme.atlassian.net', 'ErrorMessage')).toBeDefined();
  });

  it('warns atop the page 30 days before a key expires, and takes the date Atlassian shows for a key', async () => {
    const clock = new FakeClock(Date.parse('2026-03-01T09:00:00Z'));
    const bed = await adminBed({ clock });
    await clock.advance(350 * 86_400_000);
    const ui = await renderAdminPage(resolversOf(bed));
    const banner = ui.find({ type: 'SectionMessage', props: { title: 'An Atlassian key expires soon' } });
    expect(ui.text(banner)).toContain('The directory API key expires on 2027-03-01, in 15 days');

    await ui.click(ui.byText('Atlassian credentials', 'Tab'));
    expect(ui.byLabel('Directory API key expires on').props.value).toBe('2027-03-01');
    await ui.fill(ui.byLabel('Directory API key expires on'), '2027-09-01');
    await ui.click(ui.byText('Save credentials', 'LoadingButton'));
    expect(ui.byLabel('Directory API key expires on').props.value).toBe('2027-09-01');

    await ui.fill(ui.byLabel('Directory API key expires on'), 'next year');
    await ui.click(ui.byText('Save credentials', 'LoadingButton'));
    expect(ui.byText('Enter the expiry date as YYYY-MM-DD.', 'ErrorMessage')).toBeDefined();
  });
});
