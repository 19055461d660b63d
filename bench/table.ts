import type { BenchRow } from './measure';

const COLUMNS: { title: string; cell: (row: BenchRow) => string }[] = [
  { title: 'scenario', cell: (row) => row.scenario },
  { title: 'ops', cell: (row) => String(row.ops) },
  { title: 'ops/s', cell: (row) => row.opsPerSecond.toFixed(0) },
  { title: 'store calls/op', cell: (row) => row.storeCallsPerOp.toFixed(2) },
  { title: 'budget', cell: (row) => (row.budget === undefined ? '-' : `${row.withinBudget ? '' : 'OVER '}<= ${row.budget}`) },
  { title: 'store keys/op', cell: (row) => row.storeKeysPerOp.toFixed(2) },
  { title: 'Atlassian calls/op', cell: (row) => row.atlassianCallsPerOp.toFixed(2) },
  { title: 'peak RSS MB', cell: (row) => row.peakRssMb.toFixed(0) },
];

/** A plain-text table: the scenario column left-aligned, numbers right-aligned. */
export function formatTable(rows: BenchRow[]): string {
  const cells = [COLUMNS.map((column) => column.title), ...rows.map((row) => COLUMNS.map((column) => column.cell(row)))];
  const widths = COLUMNS.map((_, c) => Math.max(...cells.map((line) => line[c].length)));
  const format = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [format(cells[0]), rule, ...cells.slice(1).map(format)].join('\n');
}
