import { formatTable } from './table';
import { measure, type BenchRow } from './measure';
import { scenarios } from './scenarios';

// `npm run bench [-- <filter>...]`: every scenario whose name contains one of the filters (all without one).
async function main(): Promise<void> {
  const filters = process.argv.slice(2).map((filter) => filter.toLowerCase());
  const chosen = scenarios.filter((s) => filters.length === 0 || filters.some((f) => s.name.toLowerCase().includes(f)));
  if (chosen.length === 0) {
    process.stderr.write(`No scenario matches ${filters.join(', ')}. Scenarios: ${scenarios.map((s) => s.name).join(', ')}\n`);
    process.exitCode = 1;
    return;
  }
  const rows: BenchRow[] = [];
  for (const scenario of chosen) {
    if (scenario.optInEnv && process.env[scenario.optInEnv] !== '1') {
      process.stderr.write(`skipping ${scenario.name}: run it with ${scenario.optInEnv}=1 npm run bench -- ${scenario.name}\n`);
      continue;
    }
    process.stderr.write(`running ${scenario.name} (${scenario.ops} ops)\n`);
    try {
      const row = await measure(scenario);
      rows.push(row);
      if (!row.withinBudget) {
        process.stderr.write(`${scenario.name}: ${row.storeCallsPerOp.toFixed(2)} store calls/op is over its budget of ${row.budget}\n`);
        process.exitCode = 1;
      }
    } catch (error) {
      process.stderr.write(`${scenario.name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  }
  process.stdout.write(`${formatTable(rows)}\n`);
}

void main();
