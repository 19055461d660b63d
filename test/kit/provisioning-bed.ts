import { saveAtlassianConfig, setAtlassianSecret } from '../../src/atlassian/credentials';
import { createSandboxSite, type SandboxCredentials, type SandboxSite, type SandboxSiteOptions } from '../../src/fakes/atlassian-site/sandbox-site';
import type { SandboxSnapshot } from '../../src/fakes/atlassian-site/state';
import type { CountingStore } from '../../src/platform/counting-store';
import type { HttpTransport, QueueHandlerResult, QueueMessage } from '../../src/platform/ports';
import { listActivity, type ActivityEntry, type ActivityFilter } from '../../src/records/activity-log';
import { PROVISIONING_QUEUE } from '../../src/provisioning/jobs';
import { saveProvisioningOptions } from '../../src/provisioning/options-store';
import { handleProvisioningJob } from '../../src/provisioning/worker-handler';
import { FakeClock } from './fake-clock';
import { oktaUser, ScimTestClient } from './scim-client';
import { createTestPlatform, type TestPlatform } from './test-platform';

/** The Atlassian credentials an installation can hold, as the sandbox issues them; asApp is the app acting as itself. */
export type GrantedCredential = 'directoryKey' | 'orgKey' | 'siteToken' | 'asApp';

export interface ProvisioningBedOptions {
  sandbox?: SandboxSiteOptions;
  clock?: FakeClock;
  /** Default: a directory API key and a site admin's API token, what `npm start` configures. */
  credentials?: GrantedCredential[];
  /** A store to use instead of a fresh one (a benchmark's, which counts its calls). */
  store?: CountingStore;
  /** Wraps the worker's way to the sandbox (a benchmark counts Atlassian calls with it). */
  wrapTransport?: (transport: HttpTransport) => HttpTransport;
  /**
   * Email domains assigned to every connection's options (ownership.linkDomains), so that it may link the sandbox's
   * existing accounts; setOptions keeps them unless its input sets ownership itself.
   */
  linkDomains?: string[];
}

export interface ProvisioningBed {
  platform: TestPlatform;
  sandbox: SandboxSite;
  scim: ScimTestClient;
  clock: FakeClock;
  /**
   * Delivers queued provisioning jobs (and the jobs they queue) until none is left, as the queue would: a job that
   * asks for a retry is delivered again once its Retry-After has passed on the fake clock, and the clock moves
   * through every wait inside a job. Returns every handler's answer.
   */
  runJobs(): Promise<QueueHandlerResult[]>;
  /**
   * The invocation dies while `calls` Atlassian calls from now: that call reaches the site, its answer never
   * comes back, and the job is lost (its change record stays pending, for the repair pass).
   */
  crashAfter(calls: number): void;
  /** Atlassian calls made by the worker so far. */
  atlassianCalls(): number;
  setOptions(input: unknown, connectionId?: string): Promise<void>;
  /** POST /Users with an Okta-style body; returns the directory id. */
  createUser(userName: string, extra?: Record<string, unknown>): Promise<string>;
  /** POST /Groups with the given directory user ids as members; returns the directory id. */
  createGroup(displayName: string, memberIds?: string[]): Promise<string>;
  snapshot(): SandboxSnapshot;
  account(email: string): SandboxSnapshot['users'][number] | undefined;
  /** The members' emails, sorted; undefined when the group does not exist. */
  memberEmails(group: string): string[] | undefined;
  /** The connection's activity, newest first. */
  activity(filter?: Omit<ActivityFilter, 'connectionId'>, connectionId?: string): Promise<ActivityEntry[]>;
}

const MAX_DELIVERIES = 5000;
const MAX_IDLE_TURNS = 1000;

/** The SCIM endpoint, the directory and the worker over a sandbox site, on a fake clock. */
export async function provisioningBed(options: ProvisioningBedOptions = {}): Promise<ProvisioningBed> {
  const clock = options.clock ?? new FakeClock();
  const sandbox = createSandboxSite({ searchIndexDelayMs: 0, ...options.sandbox, clock });
  const crash = { in: undefined as number | undefined, happened: false };
  let calls = 0;
  const transport: HttpTransport = {
    async send(request) {
      calls += 1;
      if (crash.in === undefined) return sandbox.transport.send(request);
      if (crash.in > 0) {
        crash.in -= 1;
        return sandbox.transport.send(request);
      }
      crash.in = undefined;
      crash.happened = true;
      await sandbox.transport.send(request).catch(() => undefined);
      return new Promise(() => undefined);
    },
  };
  const http = options.wrapTransport?.(transport) ?? transport;
  const asApp: HttpTransport = {
    send: (request) => http.send({ ...request, headers: { ...request.headers, authorization: `Bearer ${sandbox.credentials.asAppToken}` } }),
  };
  const platform = { ...createTestPlatform({ http, clock }), asApp, ...(options.store && { store: options.store }) };
  await grantCredentials(platform, sandbox.credentials, options.credentials ?? ['directoryKey', 'siteToken']);
  const scim = await ScimTestClient.create(platform);
  const withDomains = (input: unknown) => {
    if (!options.linkDomains || typeof input !== 'object' || input === null || 'ownership' in input) return input;
    return { ...input, ownership: { linkDomains: options.linkDomains } };
  };
  if (options.linkDomains) await saveProvisioningOptions(platform.store, scim.connectionId, withDomains({}));
  let taken = 0;

  /** Runs one delivery to its end, moving the clock to each wake-up; 'crashed' when the invocation died. */
  async function deliver(message: QueueMessage): Promise<QueueHandlerResult | 'crashed'> {
    let settled = false;
    const handled = handleProvisioningJob(platform, message).finally(() => (settled = true));
    for (let idle = 0; idle < MAX_IDLE_TURNS; idle++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return handled;
      if (crash.happened) {
        crash.happened = false;
        return 'crashed';
      }
      const wake = clock.nextWakeAt;
      if (wake !== undefined) {
        await clock.advance(wake - clock.now());
        idle = 0;
      }
    }
    throw new Error('A provisioning job neither finished nor waited on the clock');
  }

  return {
    platform,
    sandbox,
    scim,
    clock,
    async runJobs() {
      const answers: QueueHandlerResult[] = [];
      const due: { message: QueueMessage; at: number }[] = [];
      for (let deliveries = 0; ; deliveries++) {
        const fresh = platform.queue.pushed.slice(taken);
        taken = platform.queue.pushed.length;
        for (const { queueName, event } of fresh) {
          if (queueName !== PROVISIONING_QUEUE) continue;
          due.push({ message: { queueName, eventId: `e${taken}-${due.length}`, body: event.body, retryCount: 0 }, at: clock.now() });
        }
        if (due.length === 0) return answers;
        if (deliveries >= MAX_DELIVERIES) throw new Error(`Still ${due.length} jobs due after ${MAX_DELIVERIES} deliveries`);
        const next = due.reduce((earliest, candidate) => (candidate.at < earliest.at ? candidate : earliest));
        due.splice(due.indexOf(next), 1);
        if (next.at > clock.now()) await clock.advance(next.at - clock.now());
        const answer = await deliver(next.message);
        if (answer === 'crashed') continue;
        answers.push(answer);
        if (answer) {
          const message = { ...next.message, retryCount: next.message.retryCount + 1 };
          due.push({ message, at: clock.now() + answer.retryAfterSeconds * 1000 });
        }
      }
    },
    crashAfter(count) {
      crash.in = count;
    },
    atlassianCalls: () => calls,
    async setOptions(input, connectionId = scim.connectionId) {
      const result = await saveProvisioningOptions(platform.store, connectionId, withDomains(input));
      if (!result.ok) throw new Error(`Invalid options: ${JSON.stringify(result.issues)}`);
    },
    async createUser(userName, extra = {}) {
      const reply = await scim.post('/Users', oktaUser(userName, extra));
      if (reply.status !== 201) throw new Error(`POST /Users answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return reply.body.id as string;
    },
    async createGroup(displayName, memberIds = []) {
      const reply = await scim.post('/Groups', { displayName, members: memberIds.map((value) => ({ value })) });
      if (reply.status !== 201) throw new Error(`POST /Groups answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return reply.body.id as string;
    },
    snapshot: () => sandbox.snapshot(),
    account: (email) => sandbox.snapshot().users.find((user) => user.email === email),
    memberEmails(group) {
      const snapshot = sandbox.snapshot();
      const found = snapshot.groups.find((candidate) => candidate.name === group);
      const email = (accountId: string) => snapshot.users.find((user) => user.accountId === accountId)?.email ?? accountId;
      return found?.members.map(email).sort();
    },
    async activity(filter = {}, connectionId = scim.connectionId) {
      return (await listActivity(platform.store, { ...filter, connectionId }, { limit: 100 })).entries;
    },
  };
}

async function grantCredentials(platform: TestPlatform, sandbox: SandboxCredentials, kinds: GrantedCredential[]): Promise<void> {
  const has = (kind: GrantedCredential) => kinds.includes(kind);
  await saveAtlassianConfig(platform.store, {
    useAsApp: has('asApp'),
    ...((has('siteToken') || has('asApp')) && { siteUrl: sandbox.siteUrl }),
    ...(has('siteToken') && { siteAdminEmail: sandbox.siteAdmin.email }),
    ...(has('directoryKey') && { scimDirectoryId: sandbox.scimDirectoryId }),
    ...(has('orgKey') && { orgId: sandbox.orgId, orgDirectoryId: sandbox.orgDirectoryId }),
  });
  const secrets: Record<Exclude<GrantedCredential, 'asApp'>, string> = {
    directoryKey: sandbox.directoryKey,
    orgKey: sandbox.orgKey,
    siteToken: sandbox.siteAdmin.apiToken,
  };
  for (const kind of kinds) if (kind !== 'asApp') await setAtlassianSecret(platform.secrets, kind, secrets[kind]);
}
