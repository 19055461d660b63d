import { createSandboxSite, type SandboxSite, type SandboxSiteOptions } from '../../src/atlassian/sandbox/sandbox-site';
import { seedSandboxCredentials } from '../../src/local/sandbox-credentials';
import { PROVISIONING_QUEUE } from '../../src/provisioning/jobs';
import { handleProvisioningJob } from '../../src/provisioning/worker-handler';
import { saveProvisioningOptions } from '../../src/provisioning/options-store';
import type { Clock, QueueHandlerResult } from '../../src/platform/ports';
import { ScimTestClient } from './scim-client';
import { createTestPlatform, type TestPlatform } from './test-platform';

export interface ProvisioningHarness {
  platform: TestPlatform;
  sandbox: SandboxSite;
  scim: ScimTestClient;
  /** Delivers queued provisioning jobs (and the jobs they queue) until none is left; returns the retry answers. */
  runJobs(options?: { maxRounds?: number }): Promise<QueueHandlerResult[]>;
  setOptions(input: unknown): Promise<void>;
  snapshot(): ReturnType<SandboxSite['snapshot']>;
}

/** The SCIM endpoint, the directory and the worker over a sandbox site holding the credentials that can do everything. */
export async function provisioningHarness(sandboxOptions: SandboxSiteOptions = {}, clock?: Clock): Promise<ProvisioningHarness> {
  const sandbox = createSandboxSite({ searchIndexDelayMs: 0, ...sandboxOptions, ...(clock ? { clock } : {}) });
  const platform = createTestPlatform({ http: sandbox.transport, ...(clock ? { clock } : {}) });
  await seedSandboxCredentials(platform, sandbox.credentials);
  const scim = await ScimTestClient.create(platform);
  let delivered = 0;
  return {
    platform,
    sandbox,
    scim,
    async runJobs({ maxRounds = 20 } = {}) {
      const answers: QueueHandlerResult[] = [];
      for (let round = 0; round < maxRounds && delivered < platform.queue.pushed.length; round++) {
        const batch = platform.queue.pushed.slice(delivered).filter((p) => p.queueName === PROVISIONING_QUEUE);
        delivered = platform.queue.pushed.length;
        for (const [index, { event }] of batch.entries()) {
          answers.push(await handleProvisioningJob(platform, { queueName: PROVISIONING_QUEUE, eventId: `e${round}-${index}`, body: event.body, retryCount: 0 }));
        }
      }
      return answers;
    },
    async setOptions(input) {
      const result = await saveProvisioningOptions(platform.store, scim.connectionId, input);
      if (!result.ok) throw new Error(`Invalid options: ${JSON.stringify(result.issues)}`);
    },
    snapshot: () => sandbox.snapshot(),
  };
}
