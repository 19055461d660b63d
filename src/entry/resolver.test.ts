import type { invokeResolver as InvokeResolver } from '../admin/resolver-definitions';
import { createForgeAdminCheck } from '../platform/forge/admin-check';
import { createForgePlatform, forgeTriggerUrl } from '../platform/forge/forge-platform';
import { createTestPlatform } from '../../test/kit/test-platform';
import { resolver } from './resolver';

const invoke = jest.fn<ReturnType<typeof InvokeResolver>, Parameters<typeof InvokeResolver>>(async (_deps, key, payload) => ({
  ok: true,
  data: { key, payload },
}));
const adminCheck = jest.fn(async () => true);
const platform = createTestPlatform();

jest.mock('../platform/forge/forge-platform', () => ({
  createForgePlatform: jest.fn(),
  forgeTriggerUrl: jest.fn(),
}));
jest.mock('../platform/forge/admin-check', () => ({ createForgeAdminCheck: jest.fn(() => adminCheck) }));
jest.mock('../admin/resolver-definitions', () => ({
  resolverDefinitions: { echo: jest.fn() },
  invokeResolver: (...args: Parameters<typeof InvokeResolver>) => invoke(...args),
}));

const JIRA_CONTEXT = { moduleKey: 'admin-page', extension: { type: 'jira:adminPage' } };
const CONFLUENCE_CONTEXT = { moduleKey: 'confluence-settings', extension: { type: 'confluence:globalSettings' } };

/** One resolver call from a page; returns the deps the use case got. */
async function callFrom(context: Record<string, unknown>) {
  invoke.mockClear();
  await resolver({ call: { functionKey: 'echo', payload: { a: 1 } }, context }, { principal: { accountId: 'acc-1' } });
  return invoke.mock.calls[0][0];
}

describe('resolver', () => {
  beforeEach(() => {
    jest.mocked(createForgePlatform).mockReturnValue(platform);
    jest.mocked(forgeTriggerUrl).mockResolvedValue('https://jira-context.example/x1/abc');
  });

  it('defines every key of the admin map and invokes it with Forge deps built for this invocation', async () => {
    const result = await resolver({ call: { functionKey: 'echo', payload: { a: 1 } }, context: JIRA_CONTEXT }, { principal: { accountId: 'acc-1' } });
    expect(result).toEqual({ ok: true, data: { key: 'echo', payload: { a: 1 } } });
    const [deps, , , context] = invoke.mock.calls[0];
    expect(deps.platform).toBe(platform);
    expect(deps.isAdministrator).toBe(adminCheck);
    expect(context).toEqual(expect.objectContaining({ accountId: 'acc-1' }));
  });

  it("checks each page's own administrators: Jira's on the Jira page, Confluence's on the Confluence page", async () => {
    jest.mocked(createForgeAdminCheck).mockClear();
    await callFrom(JIRA_CONTEXT);
    await callFrom(CONFLUENCE_CONTEXT);
    expect(jest.mocked(createForgeAdminCheck).mock.calls).toEqual([['jira'], ['confluence']]);
  });

  it('shows one set of SCIM URLs: the Confluence page shows what the Jira page got, and never asks Forge from its own context', async () => {
    const before = await callFrom(CONFLUENCE_CONTEXT);
    await expect(before.triggerUrl()).rejects.toThrow(/open User & Group Sync once from Jira settings/);

    await expect((await callFrom(JIRA_CONTEXT)).triggerUrl()).resolves.toBe('https://jira-context.example/x1/abc');
    jest.mocked(forgeTriggerUrl).mockClear().mockResolvedValue('https://confluence-context.example/x1/other');
    await expect((await callFrom(CONFLUENCE_CONTEXT)).triggerUrl()).resolves.toBe('https://jira-context.example/x1/abc');
    expect(forgeTriggerUrl).not.toHaveBeenCalled();
  });

  it('refuses a key the map does not define', async () => {
    await expect(resolver({ call: { functionKey: 'nope' }, context: {} })).rejects.toThrow(/no definition for 'nope'/);
  });
});
