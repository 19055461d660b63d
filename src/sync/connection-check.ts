import type { IdpCapabilities } from '../idp/connector';
import type { Platform } from '../platform/ports';
import { buildConnector } from './build-connector';
import { notesFor } from './platform-notes';
import { loadPullSetup } from './pull-setup';
import type { Refusal } from './refusal';

export type ConnectionCheckResult = { ok: true; connected: boolean; detail: string; capabilities: IdpCapabilities; notes: string[] } | Refusal;

/** "Test connection": the IdP accepts the credentials and settings (the connector's detail says what to fix). */
export async function testConnection(platform: Platform, connectionId: string): Promise<ConnectionCheckResult> {
  const setup = await loadPullSetup(platform, connectionId);
  if (!setup.ok) return setup;
  const connector = buildConnector(platform, connectionId, setup.config);
  const result = await connector.testConnection();
  return { ok: true, connected: result.ok, detail: result.detail, capabilities: connector.capabilities, notes: notesFor(setup.config.provider) };
}
