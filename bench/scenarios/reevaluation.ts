import { createConnectionBudget } from '../../src/scim-service/connection-budget';
import { startDriftCheck, startReevaluation } from '../../src/provisioning/reevaluation';
import { provisioningBed, type ProvisioningBed } from '../../test/kit/provisioning-bed';
import { UNLIMITED_BUDGET } from '../../test/kit/scim-client';
import { envCount } from '../env';
import type { BenchContext, Scenario, ScenarioRun } from '../scenario';

// What it costs to bring a whole connection in line without the IdP sending anything: re-evaluating every user after
// an options change (here a new default group for all users), and the drift check that reads the site for what the
// app manages. One op is the whole run, delivered batch by batch through the queue until it is done.

/** 10,000 by default; BENCH_REEVALUATE_USERS to change it (setting them up takes most of the time). */
const USERS = envCount('BENCH_REEVALUATE_USERS', 10_000);
/** The initial load is delivered in slices, so that the bed's delivery cap is never reached. */
const LOAD_SLICE = 1000;

async function loaded(ctx: BenchContext): Promise<ProvisioningBed> {
  const h = await provisioningBed({ store: ctx.store, wrapTransport: (transport) => ctx.countAtlassianCalls(transport) });
  // The setup pushes 10,000 users in a few seconds: far more than one connection's budget for a minute.
  h.scim.budget = createConnectionBudget(UNLIMITED_BUDGET);
  for (let i = 0; i < USERS; i++) {
    await h.createUser(`reeval${i}@bench.example`);
    if ((i + 1) % LOAD_SLICE === 0 || i === USERS - 1) await h.runJobs();
  }
  h.sandbox.state.createGroup('everyone');
  return h;
}

function reporting(name: string, h: ProvisioningBed, start: () => Promise<void>): ScenarioRun {
  let events = 0;
  let calls = 0;
  return {
    async run() {
      const pushed = h.platform.queue.pushed.length;
      const before = h.atlassianCalls();
      await start();
      await h.runJobs();
      events = h.platform.queue.pushed.length - pushed;
      calls = h.atlassianCalls() - before;
    },
    async teardown() {
      process.stderr.write(`${name}: ${USERS} users, ${calls} Atlassian calls, ${events} queue events\n`);
    },
  };
}

export const reevaluateAfterOptions: Scenario = {
  name: 'provisioning.reevaluate-options',
  ops: 1,
  async setup(ctx) {
    const h = await loaded(ctx);
    return reporting(this.name, h, async () => {
      await h.setOptions({ defaultGroups: { allUsers: ['everyone'] } });
      await startReevaluation(h.platform, h.scim.connectionId, 'options');
    });
  },
};

export const driftCheck: Scenario = {
  name: 'provisioning.drift-check',
  ops: 1,
  async setup(ctx) {
    const h = await loaded(ctx);
    return reporting(this.name, h, async () => {
      await startDriftCheck(h.platform, h.scim.connectionId);
    });
  },
};
