import { createBridgeHost } from './bridge-host';
import { createFlags } from './flags';
import { INVOKE_PATH, parseInvokeOutcome, type InvokeOutcome } from './invoke-protocol';
import { createNotices, errorMessage } from './notices';
import type { AdminPreviewContext } from './preview-context';
import { createForgeDocRenderer } from './render-forge-doc';

// Browser entry of the local preview, loaded before app.js: it plays the part of Atlassian's frame. It must
// install self.__bridge before the app's bundle runs, because @forge/bridge looks the bridge up when loaded.

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The preview page has no #${id}`);
  return found;
}

const context = JSON.parse(element('forge-context').textContent ?? '{}') as AdminPreviewContext;
const notices = createNotices(element('preview-notices'));
const flags = createFlags(element('preview-flags'));
const renderer = createForgeDocRenderer(element('root'), {
  onHandlerError: (error) => {
    console.error(error);
    notices.show('error', `An event handler of the app failed: ${errorMessage(error)}`);
  },
});

async function postInvoke(functionKey: string, payload: unknown): Promise<InvokeOutcome> {
  const response = await fetch(INVOKE_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ functionKey, payload }),
  });
  if (!response.ok) return { ok: false, error: `the local server answered ${response.status}: ${await response.text()}` };
  return parseInvokeOutcome(await response.json());
}

(globalThis as unknown as { __bridge: { callBridge: ReturnType<typeof createBridgeHost> } }).__bridge = {
  callBridge: createBridgeHost({
    context,
    reconcile: (forgeDoc) => renderer.render(forgeDoc),
    invoke: postInvoke,
    onError: (error) => notices.show('error', `The app failed to render: ${errorMessage(error)}`),
    showFlag: (flag) => flags.show(flag),
    closeFlag: (id) => flags.close(id),
    navigate: (url, target) => (target === 'new-tab' ? window.open(url, '_blank', 'noopener') : window.location.assign(url)),
    onUnsupported: (command) => notices.show('warning', `The local preview does not support the bridge call "${command}"; it was rejected.`),
  }),
};
