import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FAKE_IDCS } from '../../src/local/local-world';
import { loadProvisioningOptions } from '../../src/provisioning/options-store';
import { describeBrowser, launchChromium } from '../kit/browser';
import { eventually } from '../kit/eventually';
import { startRuntimeBed, type RuntimeBed } from '../kit/runtime-bed';

// The real admin page (src/frontend) in headless Chromium, as `npm start` serves it at /admin: bundled as Forge
// bundles it, over the real resolvers and the real local runtime (sandbox site, fake IdPs, in-process queue).
// SKIP_BROWSER_TESTS=1 skips where there is no Chromium.

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
// The README's pictures: small viewport screenshots, taken by the last test so that they show the IDCS demo synced.
const DOCS_SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const DOCS_VIEWPORT = { width: 1100, height: 700 };

describeBrowser('the admin page in Chromium, on the local runtime', () => {
  let harness: RuntimeBed;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const screenshot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    harness = await startRuntimeBed();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.runtime.url });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${harness.runtime.url}/admin`);
    await page.getByRole('heading', { name: 'User & Group Sync', exact: true }).waitFor({ timeout: 120_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  afterEach(() => expect(pageErrors).toEqual([]));

  it('creates a connection, copies its token, changes options, and shows the user a SCIM client created with it', async () => {
    await page.getByRole('button', { name: 'Add new app' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('App name').fill('Okta e2e');
    await dialog.getByLabel('Identity provider').selectOption({ label: 'Okta' });
    await dialog.getByRole('button', { name: 'Create app' }).click();
    await dialog.getByText('Copy the token now').waitFor();
    const baseUrl = await dialog.getByRole('textbox', { name: 'SCIM base URL' }).inputValue();
    expect(baseUrl).toMatch(new RegExp(`^${harness.runtime.url}/[a-z0-9]+/scim/v2$`));
    await dialog.getByRole('button', { name: 'Copy token' }).click();
    await page.getByText('Token copied').waitFor();
    const token = await page.evaluate(() => navigator.clipboard.readText());
    expect(token).toMatch(/^ugs_/);
    expect(await dialog.getByRole('textbox', { name: 'Token' }).inputValue()).toBe(token);
    await dialog.getByRole('button', { name: 'Done, go to setup' }).click();
    await page.getByRole('heading', { name: 'In Okta' }).waitFor();

    await page.getByRole('tab', { name: 'User sync' }).click();
    const userSync = page.getByRole('tabpanel', { name: 'User sync' });
    await userSync.getByLabel('Username regex', { exact: true }).fill('(.*)@corp.local');
    await userSync.getByLabel('Username regex: replacement').fill('$1@corp.com');
    await userSync.getByLabel('Username regex: try it on (one value a line)').fill('ada@corp.local');
    await userSync.getByRole('cell', { name: 'ada@corp.com' }).waitFor();
    await userSync.getByLabel('Disable users the IdP reports inactive').uncheck();
    await userSync.getByRole('button', { name: 'Save provisioning options' }).click();
    await page.getByText('Provisioning options saved').waitFor();
    const connectionId = baseUrl.split('/').at(-3)!;
    const saved = await loadProvisioningOptions(harness.runtime.local.platform.store, connectionId);
    expect(saved).toMatchObject({ usernameRegex: { pattern: '(.*)@corp.local', replacement: '$1@corp.com' }, disableUsers: false });

    const created = await fetch(`${baseUrl}/Users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'ada@corp.local',
        displayName: 'Ada Lovelace',
        emails: [{ value: 'ada@corp.local', primary: true }],
      }),
    });
    expect(created.status).toBe(201);

    await page.getByRole('tab', { name: 'Users & groups' }).click();
    await page
      .getByRole('tabpanel', { name: 'Users & groups' })
      .getByRole('cell', { name: /Ada Lovelace/ })
      .waitFor();
    await screenshot('admin-page');
  }, 120_000);

  it('sets up a REST-pull app for Oracle IDCS, tests it and synchronizes it', async () => {
    await page.getByRole('tab', { name: 'Connections', exact: true }).click();
    await page.getByRole('button', { name: 'Add new app' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('App name').fill('IDCS e2e');
    await dialog.getByLabel('Identity provider').selectOption({ label: 'Oracle IDCS' });
    await dialog.getByLabel('Method').selectOption({ label: 'REST pull' });
    await dialog.getByRole('button', { name: 'Create app' }).click();

    const setup = page.getByRole('tabpanel', { name: 'Setup' });
    await setup.getByText('Sync during user login is not possible on Forge', { exact: false }).waitFor();
    await setup.getByLabel('Oracle base URL').fill(FAKE_IDCS.baseUrl);
    await setup.getByLabel('Client ID').fill(FAKE_IDCS.clientId);
    await setup.getByLabel('Client secret').fill(FAKE_IDCS.clientSecret);
    await setup.getByRole('button', { name: 'Save settings' }).click();
    await setup.getByText('Set (never shown). Type a new value only to replace it.').waitFor();
    expect(await setup.getByLabel('Client secret').inputValue()).toBe('');

    await setup.getByRole('button', { name: 'Test connection' }).click();
    await setup.getByRole('region', { name: 'Connected' }).waitFor();
    await setup.getByRole('button', { name: 'Synchronize now' }).click();
    await setup.getByRole('progressbar', { name: 'Synchronization progress' }).waitFor();
    await setup.getByRole('cell', { name: 'succeeded' }).waitFor({ timeout: 30_000 });
    await screenshot('admin-page-rest-pull');

    // Through the provisioning engine onto the sandbox site: the fake IDCS's 20 users and 3 groups of 5.
    const site = await eventually(async () => {
      const [users, groups] = await Promise.all(
        ['users', 'groups'].map(async (kind) => (await fetch(`${harness.runtime.url}/sandbox/${kind}`)).json()),
      );
      const pulled = (groups as { name: string; memberEmails: string[] }[]).filter((group) => group.name.startsWith('group-'));
      const ready = pulled.length === 3 && pulled.every((group) => group.memberEmails.length === 5);
      return ready ? { users: users as { email: string }[], groups: pulled } : undefined;
    });
    expect(site.users.map((user) => user.email)).toEqual(expect.arrayContaining(Array.from({ length: 20 }, (_, i) => `user${i}@example.com`)));
    expect(site.groups.find((group) => group.name === 'group-0')?.memberEmails.sort()).toEqual([
      'user0@example.com',
      'user1@example.com',
      'user2@example.com',
      'user3@example.com',
      'user4@example.com',
    ]);
  }, 120_000);
  it('changes an option, sees its impact before saving, and follows the re-evaluation to completion on the site', async () => {
    await page.getByRole('tab', { name: 'Group sync' }).click();
    const groupSync = page.getByRole('tabpanel', { name: 'Group sync' });
    await groupSync.getByLabel('For all users (one a line)').fill('confluence-users');
    await groupSync.getByRole('button', { name: 'Preview impact' }).click();
    await groupSync.getByText(/For the first 20 of 20 users: 0 accounts to create, .* 20 memberships to add/).waitFor({ timeout: 30_000 });
    await groupSync.getByRole('button', { name: 'Save provisioning options' }).click();
    await groupSync
      .getByText(/Applying the new options: \d+ of \d+/)
      .first()
      .waitFor({ timeout: 30_000 });
    await groupSync.getByText(/Applying the new options: (\d+) of \1, /).waitFor({ timeout: 60_000 });
    const members = await eventually(async () => {
      const groups = (await (await fetch(`${harness.runtime.url}/sandbox/groups`)).json()) as { name: string; memberEmails: string[] }[];
      const emails = groups.find((group) => group.name === 'confluence-users')?.memberEmails ?? [];
      return emails.filter((email) => /^user\d+@example\.com$/.test(email)).length === 20 ? emails : undefined;
    });
    expect(members).toEqual(expect.arrayContaining(['user0@example.com', 'user19@example.com']));
    await screenshot('admin-page-reevaluation');
  }, 120_000);

  it('keeps a screenshot of every tab, with the IDCS demo synchronized, in docs/screenshots for the README', async () => {
    await page.locator('.fp-flag').evaluateAll((flags) => flags.forEach((flag) => flag.remove()));
    await page.setViewportSize(DOCS_VIEWPORT);
    // The Connections tab whole (the README's first picture), the others from the tab bar down.
    await page.getByRole('tab', { name: 'Connections', exact: true }).click();
    await page.getByRole('tabpanel', { name: 'Connections' }).getByRole('cell', { name: 'IDCS e2e Active.' }).waitFor();
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'admin-page.png'), clip: { x: 0, y: 0, width: DOCS_VIEWPORT.width, height: 660 } });
    for (const tab of ['Setup', 'User sync', 'Group sync', 'Atlassian credentials', 'Users & groups', 'Activity', 'Dry run']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.getByRole('tabpanel', { name: tab }).getByText('Loading…').waitFor({ state: 'detached' });
      const name = tab.toLowerCase().replaceAll(' & ', '-and-').replaceAll(' ', '-');
      const tabs = (await page.getByRole('tablist').boundingBox())!;
      await page.screenshot({
        path: join(DOCS_SCREENSHOTS, `${name}.png`),
        clip: { x: 0, y: tabs.y - 16, width: DOCS_VIEWPORT.width, height: DOCS_VIEWPORT.height - tabs.y + 16 },
      });
    }
  }, 60_000);
});
