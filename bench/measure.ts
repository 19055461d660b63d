import { createBenchContext } from './bench-context';
import type { Scenario } from './scenario';

export interface BenchRow {
  scenario: string;
  ops: number;
  opsPerSecond: number;
  storeCallsPerOp: number;
  storeKeysPerOp: number;
  atlassianCallsPerOp: number;
  peakRssMb: number;
  budget?: number;
  /** Within the budget, allowing the request summary a read writes once a minute. */
  withinBudget: boolean;
}

// A read writes a request summary at most once per minute and connection, on top of the steady state.
function withinBudget(budget: number | undefined, calls: number, ops: number, seconds: number): boolean {
  return budget === undefined || calls <= budget * ops + Math.floor(seconds / 60) + 1;
}

// process.memoryUsage.rss() reads /proc: cheap, but not free at every operation.
const RSS_SAMPLE_EVERY = 50;

/** Sets the scenario up on a fresh context, times its ops, and reports what they cost per operation. */
export async function measure(scenario: Scenario): Promise<BenchRow> {
  const ctx = createBenchContext({ storeOnDisk: scenario.storeOnDisk });
  try {
    const prepared = await scenario.setup(ctx);
    try {
      ctx.store.reset();
      const atlassianBefore = ctx.atlassianCalls();
      let peakRss = process.memoryUsage.rss();
      const started = process.hrtime.bigint();
      for (let i = 0; i < scenario.ops; i++) {
        await prepared.run(i);
        if (i % RSS_SAMPLE_EVERY === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      const counts = ctx.store.snapshot();
      return {
        scenario: scenario.name,
        ops: scenario.ops,
        opsPerSecond: scenario.ops / seconds,
        storeCallsPerOp: counts.calls / scenario.ops,
        storeKeysPerOp: counts.keys / scenario.ops,
        atlassianCallsPerOp: (ctx.atlassianCalls() - atlassianBefore) / scenario.ops,
        peakRssMb: peakRss / 2 ** 20,
        budget: scenario.budget,
        withinBudget: withinBudget(scenario.budget, counts.calls, scenario.ops, seconds),
      };
    } finally {
      await prepared.teardown?.();
    }
  } finally {
    ctx.close();
  }
}
