import type { ResolverDefinition } from '../admin/resolver-definitions';
import { createForgePlatform } from '../platform/forge/forge-platform';
import { resolver } from './resolver';

const echo = jest.fn<ReturnType<ResolverDefinition>, Parameters<ResolverDefinition>>(async (_platform, payload) => ({ echoed: payload }));

jest.mock('../platform/forge/forge-platform', () => ({ createForgePlatform: jest.fn(() => ({ marker: 'forge-platform' })) }));
jest.mock('../admin/resolver-definitions', () => ({ resolverDefinitions: { echo: (...args: Parameters<ResolverDefinition>) => echo(...args) } }));

describe('resolver', () => {
  it('defines every resolver of the admin map and calls it with the Forge platform, payload and caller', async () => {
    const result = await resolver(
      { call: { functionKey: 'echo', payload: { a: 1 } }, context: { extension: {} } },
      { principal: { accountId: 'acc-1' } },
    );
    expect(result).toEqual({ echoed: { a: 1 } });
    expect(createForgePlatform).toHaveBeenCalled();
    expect(echo).toHaveBeenCalledWith({ marker: 'forge-platform' }, { a: 1 }, expect.objectContaining({ accountId: 'acc-1' }));
  });

  it('refuses a key the map does not define', async () => {
    await expect(resolver({ call: { functionKey: 'nope' }, context: {} })).rejects.toThrow(/no definition for 'nope'/);
  });
});
