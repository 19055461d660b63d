import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ensureDefaultConnection } from '../connections/default-connection';
import type { WebTriggerRequest, WebTriggerResponse } from '../platform/webtrigger';
import { createLocalFetchTransport } from '../platform/local/fetch-transport';
import { startIntervalScheduler, systemTicker, type IntervalScheduler } from '../platform/local/interval-scheduler';
import { WEB_TRIGGER_TIMEOUT_SECONDS } from '../platform/forge-limits';
import { underDeadline } from '../platform/local/invocation-deadline';
import type { Clock, Logger, Platform, Store } from '../platform/ports';
import { PROVISIONING_QUEUE } from '../provisioning/jobs';
import { handleProvisioningJob } from '../provisioning/worker-handler';
import type { ConnectionBudget } from '../scim-service/connection-budget';
import { handleScimRequest } from '../scim-service/scim-endpoint';
import { PULL_QUEUE } from '../sync/pull-queue';
import { handlePullPage } from '../sync/pull-page-handler';
import { runScheduledSweep, SWEEP_INTERVAL_MS } from '../sync/scheduled-sweep';
import { adminRoute } from './admin-route';
import { createLocalHttpServer, type LocalRoute } from './http-server';
import { createLocalPlatform, type LocalPlatform } from './local-platform';
import { createLocalWorld, type LocalWorld } from './local-world';
import { seedSandboxCredentials } from './sandbox-credentials';
import { sandboxRoute } from './sandbox-route';

export interface LocalRuntimeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** Replaces the default connection's token ($SCIM_BEARER_TOKEN). */
  presetToken?: string;
  clock?: Clock;
  log?: Logger;
  /** How often the scheduled sweep runs (Forge: every five minutes). */
  sweepEveryMs?: number;
  /** Wraps the store (load and fault tests add latency or failures). */
  wrapStore?: (store: Store) => Store;
  /** The SCIM endpoint's per-connection budgets (default: the instance's, as on Forge). */
  connectionBudget?: ConnectionBudget;
  /** Async events the queue accepts per minute (default Forge's 500). */
  eventsPerMinute?: number;
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
  world: LocalWorld;
  stop(): Promise<void>;
}

/**
 * `npm start` without the printing: the same handlers as on Forge behind a node HTTP server, the queue consumers
 * and the scheduled sweep in-process, and the sandbox Atlassian site and fake IdPs reached by their hostnames.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  let url = '';
  const triggerUrl = async () => url;
  const clock = options.clock;
  const worldClock = clock ?? { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  const world = createLocalWorld(worldClock, createLocalFetchTransport(), join(options.dataDir, 'sandbox-site.json'));
  const local = createLocalPlatform({
    dataDir: options.dataDir,
    clock,
    log: options.log,
    http: world.transport,
    asApp: world.asApp,
    wrapStore: options.wrapStore,
    eventsPerMinute: options.eventsPerMinute,
  });
  const { platform } = local;
  await seedSandboxCredentials(platform, world.sandbox.credentials);
  const defaults = await ensureDefaultConnection(platform, options.presetToken);
  registerConsumers(local);

  const routes: LocalRoute[] = [
    sandboxRoute(world.sandbox),
    adminRoute(platform, triggerUrl, join(options.dataDir, 'admin-preview'), options.host),
    // Past Forge's 55 s the invocation fails (the local server answers 500, as for any failed invocation).
    async (request: WebTriggerRequest): Promise<WebTriggerResponse | undefined> =>
      underDeadline(platform.clock, WEB_TRIGGER_TIMEOUT_SECONDS, 'The SCIM web trigger', () =>
        handleScimRequest({ platform, triggerUrl, budget: options.connectionBudget }, request),
      ),
  ];
  const server = createLocalHttpServer(routes, (error) =>
    platform.log.error('local.request_failed', { error: error instanceof Error ? error.name : 'unknown' }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  url = `http://${formatHost(options.host)}:${(server.address() as AddressInfo).port}`;
  const scheduler: IntervalScheduler = startIntervalScheduler(
    systemTicker,
    options.sweepEveryMs ?? SWEEP_INTERVAL_MS,
    () => runScheduledSweep(platform),
    platform.log,
  );

  return {
    url,
    scimBaseUrl: `${url}/${defaults.connection.id}/scim/v2`,
    connectionId: defaults.connection.id,
    token: defaults.token,
    local,
    world,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await scheduler.stop();
      world.flush();
      await local.close();
    },
  };
}

function registerConsumers(local: LocalPlatform): void {
  const platform: Platform = local.platform;
  local.queue.register(PROVISIONING_QUEUE, (message) => handleProvisioningJob(platform, message));
  local.queue.register(PULL_QUEUE, (message) => handlePullPage(platform, message));
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
