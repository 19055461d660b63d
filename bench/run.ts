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
    process.stderr.write(`running ${scenario.name} (${scenario.ops} ops)\n`);
    try {
      rows.push(await measure(scenario));
    } catch (error) {
      process.stderr.write(`${scenario.name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    }
  }
  process.stdout.write(`${formatTable(rows)}\n`);
}

void main();
