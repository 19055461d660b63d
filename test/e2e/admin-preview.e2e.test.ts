import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildAdminPreview, type AdminPreviewBundle } from '../../src/local/admin-preview/build';
import { serveAdminPreview } from '../../src/local/admin-preview/serve';
import { createLocalHttpServer } from '../../src/local/http-server';
import { demoInvoke } from '../fixtures/ui-kit-demo/demo-resolvers';

// The local admin preview in headless Chromium: the demo UI Kit app is bundled as the real page will be,
// served with a fake invoke, and driven like a user. Needs Debian's chromium (CI installs it); set
// SKIP_BROWSER_TESTS=1 to skip where there is none.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = join(__dirname, '..', '..', 'test-artifacts', 'admin-preview.png');
const describeBrowser = process.env.SKIP_BROWSER_TESTS === '1' ? describe.skip : describe;

describeBrowser('local admin preview in Chromium', () => {
  let outDir: string;
  let server: Server;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  const invocations: { functionKey: string; payload: unknown; accountId: string }[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get update && apt-get install -y chromium), set CHROMIUM_PATH, or set SKIP_BROWSER_TESTS=1`,
      );
    }
    outDir = mkdtempSync(join(tmpdir(), 'admin-preview-'));
    const bundle: Promise<AdminPreviewBundle> = buildAdminPreview({ entry: 'test/fixtures/ui-kit-demo/index.tsx', outDir });
    const route = serveAdminPreview({
      build: () => bundle,
      invoke: async (functionKey, payload, context) => {
        invocations.push({ functionKey, payload, accountId: context.accountId });
        return demoInvoke(functionKey, payload);
      },
    });
    server = createLocalHttpServer([route], (error) => pageErrors.push(`server: ${String(error)}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    [browser] = await Promise.all([chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }), bundle]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    invocations.length = 0;
    pageErrors = [];
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${baseUrl}/admin`);
    await page.getByRole('heading', { name: 'UI Kit demo' }).waitFor();
  });

  afterEach(async () => {
    await page?.close();
    expect(pageErrors).toEqual([]);
  });

  it('types, picks and submits a useForm form, sends the values to the resolver and shows its answer', async () => {
    const name = page.getByLabel('Display name');
    await name.click();
    // Key by key: every keystroke re-renders the page, and focus and caret must survive each one.
    await name.pressSequentially('Okta prod', { delay: 10 });
    expect(await name.inputValue()).toBe('Okta prod');
    expect(await name.evaluate((input) => input === document.activeElement)).toBe(true);
    await name.press('ArrowLeft');
    await name.press('ArrowLeft');
    await name.pressSequentially('X');
    expect(await name.inputValue()).toBe('Okta prXod');
    await name.press('Backspace');

    await page.getByLabel('Identity provider').selectOption({ label: 'Microsoft Entra ID' });
    await page.getByLabel('Create users').uncheck();
    await page.getByLabel('Enabled').check();
    await page.getByLabel('REST pull').check();
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByText('Saved connection “Okta prod” using entra (no user creation, enabled, pull).').waitFor();
    expect(invocations.find((call) => call.functionKey === 'saveConnection')).toEqual({
      functionKey: 'saveConnection',
      payload: {
        name: 'Okta prod',
        idp: { label: 'Microsoft Entra ID', value: 'entra' },
        createUsers: false,
        enabled: true,
        mode: 'pull',
        notes: '',
      },
      accountId: 'local-admin',
    });

    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('shows validation errors from useForm and invokes nothing until they are fixed', async () => {
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Enter a display name').waitFor();
    await page.getByText('Choose an identity provider').waitFor();
    expect(invocations.map((call) => call.functionKey)).toEqual(['listUsers']);

    await page.getByLabel('Display name').fill('Okta');
    await page.getByLabel('Identity provider').selectOption({ label: 'Okta' });
    await page.getByLabel('Display name').press('Enter');
    await page.getByText('Saved connection “Okta” using okta (creates users, disabled, push).').waitFor();
    expect(await page.getByText('Enter a display name').count()).toBe(0);
  });

  it('pages, sorts and filters a DynamicTable and keeps typed values across tab switches', async () => {
    await page.getByLabel('Display name').fill('kept');
    await page.getByRole('tab', { name: 'Users' }).click();
    const rows = page.locator('tbody tr');
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('Ada Lovelace'), expect.stringContaining('Grace Hopper')]);
    await page.getByRole('button', { name: 'page 2' }).click();
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('Alan Turing')]);
    await page.getByRole('button', { name: /Name/ }).click();
    await page.getByRole('button', { name: /Name/ }).click();
    await page.getByRole('button', { name: 'page 1' }).click();
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('Grace Hopper'), expect.stringContaining('Alan Turing')]);

    // A controlled Textfield (value + onChange) re-rendering the table on every key.
    const filter = page.getByLabel('Filter users');
    await filter.click();
    await filter.pressSequentially('gr', { delay: 10 });
    expect(await filter.inputValue()).toBe('gr');
    expect(await filter.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('Grace Hopper')]);
    await filter.fill('zz');
    await page.getByText('No matching users').waitFor();

    await page.getByRole('tab', { name: 'Connection' }).click();
    expect(await page.getByLabel('Display name').inputValue()).toBe('kept');
  });

  it('opens and closes a modal, shows a flag, reports a failing resolver, and marks what it cannot draw', async () => {
    await page.getByRole('tab', { name: 'Misc' }).click();
    await page.getByRole('button', { name: 'Open details' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Nothing to see here.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Show flag' }).click();
    await page.getByRole('alert').getByText('Flag shown').waitFor();

    await page.getByRole('button', { name: 'Trigger failure' }).click();
    await page.getByText('There was an error invoking the function - The identity provider refused the credentials').waitFor();

    await page.getByLabel('Project lead').fill('acc-42');
    await page.getByLabel('Project lead').press('Tab');
    await page.getByText('Picked acc-42').waitFor();

    expect(await page.getByText('Unsupported component: Calendar').count()).toBe(1);
  });
});
