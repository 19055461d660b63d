import { createConnectionBudget } from '../../src/scim-service/connection-budget';
import type { SandboxSiteOptions } from '../../src/fakes/atlassian-site/sandbox-site';
import { provisioningBed, type ProvisioningBed } from '../../test/kit/provisioning-bed';
import { patchOps, UNLIMITED_BUDGET } from '../../test/kit/scim-client';
import { envCount } from '../env';
import type { BenchContext, Scenario } from '../scenario';

// The provisioning worker against the sandbox site: Atlassian REST calls per provisioned user and per membership
// change, and how long an initial load takes at the site's rate limit. The sandbox runs on a fake clock, so the
// load reports simulated seconds (the waits that 429s and Retry-After impose) without waiting for them.

const MEMBERSHIP_OPS = 500;
/** 1000 by default; BENCH_PROVISION_USERS=10000 for the full initial load (two and a half minutes of real time). */
const LOAD_USERS = envCount('BENCH_PROVISION_USERS', 1000);
/** Okta pushes users first, then groups with their members: one IdP group per this many new users. */
const LOAD_GROUP_SIZE = 50;
/**
 * Atlassian publishes no per-second figures for the SCIM and admin APIs (docs/design.md §4) nor for Jira's
 * burst limits; 10 requests per second per endpoint and method, with a burst of 20, is a conservative reading of
 * the per-app figures reported for Atlassian Cloud. The sandbox keeps one bucket per API, endpoint and method.
 */
const RATE_PER_SECOND = envCount('BENCH_RATE_PER_SECOND', 10);
const BURST = 2 * RATE_PER_SECOND;
/** Forge delivers about 500 async events a minute per installation: a floor under any load. */
const QUEUE_EVENTS_PER_MINUTE = 500;

/** The bench pushes minutes of IdP traffic in seconds: the per-connection budget for a minute would refuse it. */
async function harness(ctx: BenchContext, sandbox: SandboxSiteOptions = {}): Promise<ProvisioningBed> {
  const h = await provisioningBed({ store: ctx.store, wrapTransport: (transport) => ctx.countAtlassianCalls(transport), sandbox });
  h.scim.budget = createConnectionBudget(UNLIMITED_BUDGET);
  return h;
}

/** SCIM POST /Users and the job it queues, until the account exists: no group, no rate limit. */
export const provisionUser: Scenario = {
  name: 'provisioning.create-user',
  ops: 500,
  async setup(ctx) {
    const h = await harness(ctx);
    return {
      async run(i) {
        await h.createUser(`user${i}@bench.example`);
        await h.runJobs();
      },
    };
  },
};

/** A PATCH that adds one provisioned user to a provisioned group, and the job it queues. */
export const provisionMembership: Scenario = {
  name: 'provisioning.membership-change',
  ops: MEMBERSHIP_OPS,
  async setup(ctx) {
    const h = await harness(ctx);
    const users: string[] = [];
    for (let n = 0; n < MEMBERSHIP_OPS; n++) users.push(await h.createUser(`member${n}@bench.example`));
    const group = await h.createGroup('bench-team');
    await h.runJobs();
    return {
      async run(i) {
        await h.scim.patch(`/Groups/${group}`, patchOps({ op: 'add', path: 'members', value: [{ value: users[i] }] }));
        await h.runJobs();
      },
    };
  },
};

/** An IdP's first push of LOAD_USERS users and their groups, at the sandbox's rate limit; one op per user. */
export const initialLoad: Scenario = {
  name: 'provisioning.initial-load',
  ops: LOAD_USERS,
  async setup(ctx) {
    const h = await harness(ctx, { rateLimits: { burst: { capacity: BURST, refillPerSecond: RATE_PER_SECOND } } });
    const started = h.clock.now();
    const jobsBefore = h.platform.queue.pushed.length;
    const batch: string[] = [];
    let groups = 0;
    return {
      async run(i) {
        batch.push(await h.createUser(`load${i}@bench.example`));
        if (batch.length === LOAD_GROUP_SIZE || i === LOAD_USERS - 1) await h.createGroup(`team-${(groups += 1)}`, batch.splice(0));
        await h.runJobs();
      },
      async teardown() {
        const minutes = (h.clock.now() - started) / 60_000;
        const { total, rateLimited } = h.sandbox.stats();
        const jobs = h.platform.queue.pushed.length - jobsBefore;
        process.stderr.write(
          `provisioning.initial-load: ${LOAD_USERS} users in ${groups} groups, ${RATE_PER_SECOND} requests/s per endpoint ` +
            `(burst ${BURST}): ${minutes.toFixed(1)} simulated minutes; ${total} Atlassian calls, ${rateLimited} answered 429; ` +
            `${jobs} jobs, which the queue delivers in no less than ${(jobs / QUEUE_EVENTS_PER_MINUTE).toFixed(1)} minutes\n`,
        );
      },
    };
  },
};
