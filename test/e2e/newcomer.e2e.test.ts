import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FAKE_IDCS, FAKE_MINIORANGE } from '../../src/local/local-world';
import { describeBrowser, launchChromium } from '../kit/browser';
import { eventually } from '../kit/eventually';
import { startRuntimeBed, type RuntimeBed } from '../kit/runtime-bed';

// A newcomer's first trial in headless Chromium, README in hand, on the local runtime: the IDCS demo with a
// mistyped secret fixed by saving again, a restart that keeps the sandbox site and the page's choices, the
// options' messages, the plain-worded dry run and Users & groups, the Activity filter, Disable's confirmation,
// miniOrange's texts and the credentials test. SKIP_BROWSER_TESTS=1 skips where there is no Chromium.

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** Each test's last screen, for review (not committed). */
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

describeBrowser('a newcomer on the admin page, in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ugs-newcomer-'));
  let harness: RuntimeBed;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const open = async () => {
    await page.goto(`${harness.runtime.url}/admin`);
    await page.getByRole('heading', { name: 'User & Group Sync', exact: true }).waitFor({ timeout: 120_000 });
  };
  const tab = async (name: string) => {
    await page.getByRole('tab', { name, exact: true }).click();
    const panel = page.getByRole('tabpanel', { name });
    await panel.getByText('Loading…').waitFor({ state: 'detached' });
    return panel;
  };
  const siteUsers = async () => (await (await fetch(`${harness.runtime.url}/sandbox/users`)).json()) as { email: string }[];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    harness = await startRuntimeBed({ dataDir });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await open();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    await page.screenshot({
      path: join(ARTIFACTS, `newcomer-${expect.getState().currentTestName?.slice(-24).replace(/\W/g, '_')}.png`),
      fullPage: true,
    });
    expect(pageErrors).toEqual([]);
  });

  it('sets up the IDCS demo with a mistyped secret, sees it fail, saves the right one over it, and synchronizes', async () => {
    await page.getByRole('button', { name: 'Add new app' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('App name').fill('IDCS demo');
    await dialog.getByLabel('Identity provider').selectOption({ label: 'Oracle IDCS' });
    await dialog.getByLabel('Method').selectOption({ label: 'REST pull' });
    await dialog.getByRole('button', { name: 'Create app' }).click();

    const setup = page.getByRole('tabpanel', { name: 'Setup' });
    await setup.getByLabel('Oracle base URL').fill(FAKE_IDCS.baseUrl);
    await setup.getByLabel('Client ID').fill(FAKE_IDCS.clientId);
    await setup.getByLabel('Client secret').fill('mistyped-secret');
    await setup.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'Settings saved' }).waitFor();
    await setup.getByRole('button', { name: 'Test connection' }).click();
    await setup.getByRole('region', { name: 'Not connected' }).waitFor();

    const connections = await tab('Connections');
    await connections
      .getByRole('row', { name: /IDCS demo/ })
      .getByText('Failures', { exact: true })
      .waitFor();
    await connections
      .getByRole('row', { name: /IDCS demo/ })
      .getByText(/Test connection failed/)
      .waitFor();

    await tab('Setup');
    await setup.getByLabel('Client secret').fill(FAKE_IDCS.clientSecret);
    await setup.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'The new client secret is stored.' }).waitFor();
    expect(await setup.getByText('Check the highlighted fields').count()).toBe(0);
    await setup.getByRole('button', { name: 'Test connection' }).click();
    await setup.getByRole('region', { name: 'Connected' }).waitFor();
    await setup.getByRole('button', { name: 'Synchronize now' }).click();
    await setup.getByRole('cell', { name: 'succeeded' }).waitFor({ timeout: 30_000 });
    await setup.getByText(/Phase done, \d+ pages\./).waitFor();
    await eventually(async () => ((await siteUsers()).filter((user) => /^user\d+@example\.com$/.test(user.email)).length === 20 ? true : undefined));
  }, 120_000);

  it('after a restart on the same data directory, finds the synced users still on the site and the page as it was left', async () => {
    const activity = await tab('Activity');
    await activity.getByLabel('Result').selectOption({ label: 'failed or refused' });
    await activity.getByRole('cell', { name: 'connection tested' }).first().waitFor();

    await harness.stop();
    harness = await startRuntimeBed({ dataDir });
    expect((await siteUsers()).filter((user) => /^user\d+@example\.com$/.test(user.email))).toHaveLength(20);
    await open();
    await page.getByText('Oracle IDCS · REST pull').waitFor();
    expect(await page.getByLabel('App shown in the other tabs').inputValue()).not.toBe('');
    const connections = await tab('Connections');
    await connections
      .getByRole('row', { name: /IDCS demo/ })
      .getByText('Active', { exact: true })
      .waitFor();
    const again = await tab('Activity');
    expect(await again.getByLabel('Result').locator('option:checked').textContent()).toBe('failed or refused');

    const setup = await tab('Setup');
    await setup.getByRole('button', { name: 'Synchronize now' }).click();
    await setup
      .getByText(/Users: 20 seen, 0 created/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect((await siteUsers()).filter((user) => /^user\d+@example\.com$/.test(user.email))).toHaveLength(20);
  }, 180_000);

  it('shows Atlassian emails and mapped group names, clears a corrected regex message, and plans in plain words', async () => {
    const groupSync = await tab('Group sync');
    await groupSync.getByLabel('Group name regex', { exact: true }).fill('^group-(.*)$');
    await groupSync.getByLabel('Group name regex: replacement').fill('$2');
    await groupSync.getByRole('button', { name: 'Save provisioning options' }).click();
    await groupSync.getByText(/\$2/).first().waitFor();
    await groupSync.getByLabel('Group name regex: replacement').fill('team-$1');
    await groupSync.getByRole('cell', { name: 'team-0' }).first().waitFor();
    expect(await groupSync.getByText('Check the highlighted fields').count()).toBe(1);
    expect(await groupSync.getByText(/\$2/).count()).toBe(0);
    await groupSync.getByRole('button', { name: 'Save provisioning options' }).click();
    await page.getByRole('alert').filter({ hasText: 'Provisioning options saved' }).waitFor();

    const users = await tab('Users & groups');
    await users
      .getByRole('cell', { name: /^user0@example\.com/ })
      .first()
      .waitFor();
    await users.getByRole('cell', { name: 'team-0' }).waitFor();
    expect(await users.getByText(/^712020:/).count()).toBe(0);

    const activity = await tab('Activity');
    await activity.getByLabel('Result').selectOption({ label: 'Any result' });
    // The save re-evaluates every user, whose membership changes fill the first page: search for the save itself.
    await activity.getByLabel('Contains').fill('onTheFly');
    await activity.getByRole('button', { name: 'Search' }).click();
    await activity
      .getByRole('cell', { name: /changed: onTheFly\.nameRegex/ })
      .first()
      .waitFor();

    const token = (await harness.scim('/ServiceProviderConfig')).status;
    expect(token).toBe(200);
    await harness.scim('/Users', {
      method: 'POST',
      body: {
        schemas: [USER],
        userName: 'ada@example.com',
        displayName: 'Ada Lovelace',
        emails: [{ value: 'ada@example.com', primary: true }],
        active: false,
      },
    });
    await page.getByLabel('App shown in the other tabs').selectOption({ label: 'Default SCIM connection' });
    const dryRun = await tab('Dry run');
    await dryRun.getByRole('button', { name: 'Show the plan' }).click();
    await dryRun.getByRole('cell', { name: 'ada@example.com' }).waitFor();
    const planText = (await dryRun.textContent()) ?? '';
    expect(planText).not.toMatch(/(createUser|skip|updateProfile): \d/);
    expect(planText).toContain('not done: no Atlassian account, and the IdP reports the user inactive');
  }, 120_000);

  it('asks before disabling an app, says what miniOrange runs do, and tests each Atlassian credential', async () => {
    const connections = await tab('Connections');
    await connections
      .getByRole('row', { name: /Default SCIM connection/ })
      .getByRole('button', { name: 'Disable' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('While the app is disabled, its SCIM requests are refused').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(
      await connections
        .getByRole('row', { name: /Default SCIM connection/ })
        .getByText('Disabled', { exact: true })
        .count(),
    ).toBe(0);
    await connections
      .getByRole('row', { name: /Default SCIM connection/ })
      .getByRole('button', { name: 'Disable' })
      .click();
    await dialog.getByRole('button', { name: 'Disable app' }).click();
    await connections
      .getByRole('row', { name: /Default SCIM connection/ })
      .getByText('Disabled', { exact: true })
      .waitFor();
    const refused = await harness.scim('/Users');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/^This app is disabled in User & Group Sync/);
    await page.getByLabel('App shown in the other tabs').selectOption({ label: 'Default SCIM connection' });
    const scimSetup = await tab('Setup');
    await scimSetup.getByRole('row', { name: /GET \/Users 403/ }).waitFor();

    await tab('Connections');
    await page.getByRole('button', { name: 'Add new app' }).click();
    await dialog.getByLabel('App name').fill('miniOrange demo');
    await dialog.getByLabel('Identity provider').selectOption({ label: 'miniOrange' });
    await dialog.getByLabel('Method').selectOption({ label: 'REST pull' });
    await dialog.getByRole('button', { name: 'Create app' }).click();
    const setup = page.getByRole('tabpanel', { name: 'Setup' });
    await setup.getByLabel('miniOrange base URL').fill(FAKE_MINIORANGE.baseUrl);
    await setup.getByLabel('Customer key').fill(FAKE_MINIORANGE.customerKey);
    await setup.getByLabel('API key').fill(FAKE_MINIORANGE.apiKey);
    await setup.getByRole('button', { name: 'Save settings' }).click();
    await setup.getByText('miniOrange cannot list users, so no run finds new or removed ones').waitFor();
    expect(await setup.getByText(/disappeared/).count()).toBe(0);
    expect(await setup.getByLabel('Daily full run after (hour, UTC)').count()).toBe(0);
    await setup.getByLabel('Username or email').fill('user3@example.com');
    await setup.getByRole('button', { name: 'Sync user' }).click();
    await setup.getByRole('button', { name: 'Synchronize now' }).click();
    await setup.getByText(/Latest run \(refresh\)/).waitFor();
    await setup.getByText(/Phase done, 1 page\./).waitFor({ timeout: 30_000 });

    const credentials = await tab('Atlassian credentials');
    await credentials.getByRole('button', { name: 'Test Atlassian credentials' }).click();
    await credentials.getByText(/✓ Listed \d+ groups.* with a directory API key/).waitFor();
    await credentials.getByText(/✓ Listed \d+ groups.* with a site admin's API token/).waitFor();
  }, 120_000);
});
