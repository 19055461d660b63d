import type { invokeResolver as InvokeResolver } from '../admin/resolver-definitions';
import { createForgeAdminCheck } from '../platform/forge/admin-check';
import { createForgePlatform, forgeTriggerUrl } from '../platform/forge/forge-platform';
import { resolver } from './resolver';

const invoke = jest.fn<ReturnType<typeof InvokeResolver>, Parameters<typeof InvokeResolver>>(async (_deps, key, payload) => ({ ok: true, data: { key, payload } }));
const adminCheck = jest.fn(async () => true);

jest.mock('../platform/forge/forge-platform', () => ({
  createForgePlatform: jest.fn(() => ({ marker: 'forge-platform' })),
  forgeTriggerUrl: jest.fn(async () => 'https://trigger.example/x'),
}));
jest.mock('../platform/forge/admin-check', () => ({ createForgeAdminCheck: jest.fn(() => adminCheck) }));
jest.mock('../admin/resolver-definitions', () => ({
  resolverDefinitions: { echo: jest.fn() },
  invokeResolver: (...args: Parameters<typeof InvokeResolver>) => invoke(...args),
}));

describe('resolver', () => {
  it('defines every key of the admin map and invokes it with Forge deps built for this invocation', async () => {
    const result = await resolver(
      { call: { functionKey: 'echo', payload: { a: 1 } }, context: { extension: {} } },
      { principal: { accountId: 'acc-1' } },
    );
    expect(result).toEqual({ ok: true, data: { key: 'echo', payload: { a: 1 } } });
    const [deps, , , context] = invoke.mock.calls[0];
    expect(deps.platform).toEqual({ marker: 'forge-platform' });
    expect(deps.isAdministrator).toBe(adminCheck);
    expect(createForgeAdminCheck).toHaveBeenCalledTimes(1);
    expect(createForgePlatform).toHaveBeenCalledTimes(1);
    await expect(deps.triggerUrl()).resolves.toBe('https://trigger.example/x');
    expect(forgeTriggerUrl).toHaveBeenCalled();
    expect(context).toEqual(expect.objectContaining({ accountId: 'acc-1' }));
  });

  it('refuses a key the map does not define', async () => {
    await expect(resolver({ call: { functionKey: 'nope' }, context: {} })).rejects.toThrow(/no definition for 'nope'/);
  });
});
