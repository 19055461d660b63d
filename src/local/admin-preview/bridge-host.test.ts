import { createBridgeHost, type BridgeHostOptions } from './bridge-host';
import type { ForgeDoc } from './forge-doc';
import { localAdminContext } from './preview-context';

function host(overrides: Partial<BridgeHostOptions> = {}) {
  const calls = {
    reconciled: [] as ForgeDoc[],
    flags: [] as unknown[],
    closed: [] as unknown[],
    unsupported: [] as string[],
    errors: [] as unknown[],
    navigated: [] as unknown[],
  };
  const callBridge = createBridgeHost({
    context: localAdminContext({ accountId: 'admin-1' }),
    reconcile: (doc) => calls.reconciled.push(doc),
    invoke: async (functionKey, payload) => ({ ok: true, result: { functionKey, payload } }),
    onError: (error) => calls.errors.push(error),
    showFlag: (flag) => calls.flags.push(flag),
    closeFlag: (id) => calls.closed.push(id),
    navigate: (url, target) => calls.navigated.push([url, target]),
    onUnsupported: (command) => calls.unsupported.push(command),
    ...overrides,
  });
  return { callBridge, calls };
}

describe('bridge host', () => {
  it('hands every reconciled tree to the renderer', async () => {
    const { callBridge, calls } = host();
    const forgeDoc: ForgeDoc = { type: 'Root', props: {}, children: [], key: 'root' };
    await callBridge('reconcile', { forgeDoc });
    expect(calls.reconciled).toEqual([forgeDoc]);
  });

  it('resolves invoke with the resolver result, and wraps it in { body, metadata } when metadata was asked for', async () => {
    const { callBridge } = host();
    await expect(callBridge('invoke', { functionKey: 'listConnections', payload: { page: 1 } })).resolves.toEqual({
      functionKey: 'listConnections',
      payload: { page: 1 },
    });
    await expect(callBridge('invoke', { functionKey: 'ping', payload: undefined, metadata: { rateLimitProperties: true } })).resolves.toEqual({
      body: { functionKey: 'ping', payload: undefined },
      metadata: {},
    });
  });

  it('rejects invoke as the Forge bridge does when the resolver failed', async () => {
    const { callBridge } = host({ invoke: async () => ({ ok: false, error: 'Connection not found' }) });
    await expect(callBridge('invoke', { functionKey: 'getConnection' })).rejects.toThrow(
      'There was an error invoking the function - Connection not found',
    );
  });

  it('refuses remote and container invocations, visibly', async () => {
    const { callBridge, calls } = host();
    await expect(callBridge('invoke', { functionKey: 'x', invokeType: 'ui-remote-fetch' })).rejects.toThrow('only invokes resolver functions');
    expect(calls.unsupported).toEqual(['invoke (ui-remote-fetch)']);
  });

  it('answers getContext with a copy of the admin context', async () => {
    const { callBridge } = host();
    const context = (await callBridge('getContext')) as { accountId: string; extension: { type: string } };
    expect(context).toMatchObject({ accountId: 'admin-1', moduleKey: 'admin-page', extension: { type: 'jira:adminPage' } });
    context.accountId = 'changed';
    expect(await callBridge('getContext')).toMatchObject({ accountId: 'admin-1' });
  });

  it('subscribes to events with an unsubscribable handle, and acknowledges theming and ready events', async () => {
    const { callBridge, calls } = host();
    const subscription = (await callBridge('on', { event: 'FORGE_CORE_THEME_CHANGED', callback: () => undefined })) as { unsubscribe(): void };
    expect(() => subscription.unsubscribe()).not.toThrow();
    await expect(callBridge('enableTheming')).resolves.toBeUndefined();
    await expect(callBridge('emitReadyEvent')).resolves.toBeUndefined();
    expect(calls.unsupported).toEqual([]);
  });

  it('shows and closes flags, navigates to URLs, and reports render errors', async () => {
    const { callBridge, calls } = host();
    await callBridge('showFlag', { id: 'saved', title: 'Saved', type: 'success' });
    await callBridge('closeFlag', { id: 'saved' });
    await callBridge('navigate', { url: 'https://example.com', type: 'new-tab' });
    await callBridge('onError', { error: new Error('render failed') });
    expect(calls.flags).toEqual([{ id: 'saved', title: 'Saved', type: 'success' }]);
    expect(calls.closed).toEqual(['saved']);
    expect(calls.navigated).toEqual([['https://example.com', 'new-tab']]);
    expect(calls.errors).toEqual([new Error('render failed')]);
    await expect(callBridge('navigate', { target: 'issue', issueKey: 'A-1', type: 'same-tab' })).rejects.toThrow('only navigate to URLs');
  });

  it('rejects what it does not support and says so', async () => {
    const { callBridge, calls } = host();
    await expect(callBridge('fetchProduct', {})).rejects.toThrow('does not support the bridge command "fetchProduct"');
    expect(calls.unsupported).toEqual(['fetchProduct']);
  });
});
