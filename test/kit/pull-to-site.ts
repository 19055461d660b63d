// Test support: an IDCS REST-pull connection on the provisioning harness, so that a test follows a pull run from the
// fake IDCS through the directory and the provisioning worker to the sandbox site.
import { createConnection } from '../../src/connections/connection-repository';
import { createFakeIdcs, type FakeIdcs, type FakeIdcsOptions } from '../../src/fakes/idp/fake-idcs';
import type { HttpTransport } from '../../src/platform/ports';
import { savePullConfig, setPullSecret } from '../../src/sync/pull-config';
import { handlePullPage } from '../../src/sync/pull-page-handler';
import { PULL_QUEUE } from '../../src/sync/pull-queue';
import { getRunStatus } from '../../src/sync/run-history';
import type { RunStatus } from '../../src/sync/run-record';
import { startRun } from '../../src/sync/start-run';
import { IDCS_BASE_URL } from './connector-bed';
import { FakeClock } from './fake-clock';
import { IDCS_CLIENT } from './pull-bed';
import { provisioningBed, type ProvisioningBed, type ProvisioningBedOptions } from './provisioning-bed';

export interface PullToSite {
  h: ProvisioningBed;
  fake: FakeIdcs;
  connectionId: string;
  /** Runs a pull to its end, then the provisioning jobs it queued. */
  run(mode?: 'full' | 'delta'): Promise<RunStatus>;
}

export async function pullToSite(
  fakeOptions: Partial<FakeIdcsOptions> = {},
  settings: Record<string, unknown> = {},
  options: ProvisioningBedOptions = {},
): Promise<PullToSite> {
  const clock = options.clock ?? new FakeClock();
  const fake = createFakeIdcs({ ...IDCS_CLIENT, clock, ...fakeOptions });
  const idcsHost = new URL(IDCS_BASE_URL).host;
  const toIdcs = (site: HttpTransport): HttpTransport => ({
    send: (request) => (new URL(request.url).host === idcsHost ? fake.transport.send(request) : site.send(request)),
  });
  const h = await provisioningBed({ ...options, clock, wrapTransport: toIdcs });
  const { connection } = await createConnection(h.platform, { provider: 'oracle-idcs', method: 'pull', name: 'IDCS' });
  const saved = await savePullConfig(h.platform, connection.id, {
    provider: 'oracle-idcs',
    settings: { baseUrl: IDCS_BASE_URL, clientId: IDCS_CLIENT.clientId, ...settings },
    intervalMinutes: 15,
  });
  if (!saved.ok) throw new Error(`pull-to-site: ${JSON.stringify(saved.issues)}`);
  await setPullSecret(h.platform, connection.id, IDCS_CLIENT.clientSecret);
  let delivered = 0;

  async function drainPull(): Promise<void> {
    while (delivered < h.platform.queue.pushed.length) {
      const { queueName, event } = h.platform.queue.pushed[delivered++]!;
      if (queueName !== PULL_QUEUE) continue;
      const answer = await handlePullPage(h.platform, { queueName, eventId: `p${delivered}`, body: event.body, retryCount: 0 });
      if (answer) throw new Error(`pull-to-site: a page asked to be retried (${answer.reason ?? 'no reason'})`);
    }
  }

  return {
    h,
    fake,
    connectionId: connection.id,
    async run(mode = 'full') {
      const started = await startRun(h.platform, connection.id, { mode, trigger: 'manual' });
      if (!started.ok) throw new Error(`pull-to-site: ${started.message}`);
      await drainPull();
      await h.runJobs();
      return (await getRunStatus(h.platform, connection.id, started.run.id))!;
    },
  };
}
