import type { AddressInfo } from 'node:net';
import { ensureDefaultConnection } from '../connections/default-connection';
import type { WebTriggerRequest, WebTriggerResponse } from '../entry/webtrigger';
import { handleScimRequest } from '../scim/endpoint/scim-endpoint';
import type { Clock, HttpTransport, Logger } from '../platform/ports';
import { createLocalHttpServer, type LocalRoute } from './http-server';
import { createLocalPlatform, type LocalPlatform } from './local-platform';
import { createLocalFetchTransport } from '../platform/local/fetch-transport';

export interface LocalRuntimeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** Replaces the default connection's token ($SCIM_BEARER_TOKEN). */
  presetToken?: string;
  clock?: Clock;
  log?: Logger;
  http?: HttpTransport;
}

export interface LocalRuntime {
  /** http://host:port */
  url: string;
  /** The default connection's SCIM base URL. */
  scimBaseUrl: string;
  connectionId: string;
  /** Set only when the token was just created or replaced. */
  token?: string;
  local: LocalPlatform;
  stop(): Promise<void>;
}

/** `npm start` without the printing: the same handlers as on Forge, behind a node HTTP server. */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const local = createLocalPlatform({
    dataDir: options.dataDir,
    clock: options.clock,
    log: options.log,
    http: options.http ?? createLocalFetchTransport(),
  });
  const { platform } = local;
  const defaults = await ensureDefaultConnection(platform, options.presetToken);

  let url = '';
  const scimRoute: LocalRoute = async (request: WebTriggerRequest): Promise<WebTriggerResponse | undefined> =>
    handleScimRequest({ platform, triggerUrl: async () => url }, request);
  const server = createLocalHttpServer([scimRoute], (error) =>
    platform.log.error('local.request_failed', { error: error instanceof Error ? error.name : 'unknown' }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://${formatHost(options.host)}:${address.port}`;

  return {
    url,
    scimBaseUrl: `${url}/${defaults.connection.id}/scim/v2`,
    connectionId: defaults.connection.id,
    token: defaults.token,
    local,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await local.close();
    },
  };
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
