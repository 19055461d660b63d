import type { ForgeDoc } from './forge-doc';
import { invokeError, type InvokeOutcome } from './invoke-protocol';
import type { AdminPreviewContext } from './preview-context';

// The host side of `self.__bridge.callBridge(command, data)`: what Atlassian's frame answers to
// @forge/react (reconcile, onError) and @forge/bridge (invoke, getContext, showFlag, events…). The browser
// host and the jest kit both use it, so a page behaves the same in component tests and in the preview.

export type CallBridge = (command: string, data?: unknown) => Promise<unknown>;

export interface FlagOptions {
  id: string | number;
  title?: string;
  description?: string;
  type: 'info' | 'success' | 'warning' | 'error';
  appearance?: string;
  isAutoDismiss?: boolean;
  actions?: { text: string; onClick: () => void }[];
}

export interface BridgeHostOptions {
  context: AdminPreviewContext;
  /** Called with the live tree after every commit; the same object is passed each time, mutated in place. */
  reconcile(forgeDoc: ForgeDoc): void;
  invoke(functionKey: string, payload: unknown): Promise<InvokeOutcome>;
  /** An error React could not recover from (the reconciler reports it before rethrowing). */
  onError(error: unknown): void;
  showFlag(flag: FlagOptions): void;
  closeFlag(id: string | number): void;
  navigate(url: string, target: 'same-tab' | 'new-tab'): void;
  /** A command the local preview does not answer: made visible so a gap is noticed, then rejected. */
  onUnsupported(command: string): void;
}

interface InvokeData {
  functionKey: string;
  payload?: unknown;
  metadata?: unknown;
  invokeType?: string;
}

// Commands with no visible effect in a single-page preview: answered so the app carries on as in Atlassian.
const ACKNOWLEDGED = new Set(['enableTheming', 'emitReadyEvent', 'emit', 'emitPublic', 'emitFrontendCustomMetric', 'changeWindowTitle']);

export function createBridgeHost(options: BridgeHostOptions): CallBridge {
  return async (command, data) => {
    switch (command) {
      case 'reconcile':
        options.reconcile((data as { forgeDoc: ForgeDoc }).forgeDoc);
        return undefined;
      case 'onError':
        options.onError((data as { error?: unknown } | undefined)?.error);
        return undefined;
      case 'invoke':
        return invoke(options, data as InvokeData);
      case 'getContext':
        return structuredClone(options.context);
      case 'on':
      case 'onPublic':
        // Locally no product event (theme change, macro config change…) ever arrives.
        return { unsubscribe: () => undefined };
      case 'showFlag':
        options.showFlag(data as FlagOptions);
        return undefined;
      case 'closeFlag':
        options.closeFlag((data as { id: string | number }).id);
        return undefined;
      case 'navigate':
        return navigate(options, data as { url?: string; type: 'same-tab' | 'new-tab' });
      default:
        if (ACKNOWLEDGED.has(command)) return undefined;
        options.onUnsupported(command);
        throw new Error(`The local admin preview does not support the bridge command "${command}"`);
    }
  };
}

async function invoke(options: BridgeHostOptions, data: InvokeData): Promise<unknown> {
  if (data.invokeType) {
    options.onUnsupported(`invoke (${data.invokeType})`);
    throw new Error(`The local admin preview only invokes resolver functions, not ${data.invokeType}`);
  }
  const outcome = await options.invoke(data.functionKey, data.payload);
  if (!outcome.ok) throw invokeError(outcome.error);
  // With metadata requested the bridge wraps the answer (see @forge/bridge invoke.js); no rate-limit data here.
  return data.metadata === undefined ? outcome.result : { body: outcome.result, metadata: {} };
}

function navigate(options: BridgeHostOptions, data: { url?: string; type: 'same-tab' | 'new-tab' }): undefined {
  if (typeof data.url !== 'string') {
    options.onUnsupported('navigate (to a product location)');
    throw new Error('The local admin preview can only navigate to URLs, not to product locations');
  }
  options.navigate(data.url, data.type);
  return undefined;
}
