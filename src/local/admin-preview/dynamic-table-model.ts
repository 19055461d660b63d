import { childrenOfType, type ForgeDoc } from './forge-doc';

// @forge/react turns DynamicTable's head and rows into ForgeDoc children so cell contents reconcile:
// DynamicTable > ContentWrapper{name:'head'} > Cell*  and  DynamicTable > ContentWrapper{name:'rows'} > Row > Cell*,
// with the cells' and rows' `key` renamed to cellKey / rowKey. This reads that back, and pages and sorts
// rows the way ADS's stateful DynamicTable does.

export interface TableCell {
  /** The cell's `key`: in the head, the column key; in a row, the value the column sorts by. */
  key: unknown;
  node: ForgeDoc;
}

export interface TableRow {
  key: unknown;
  node: ForgeDoc;
  cells: TableCell[];
}

export interface TableModel {
  head?: TableCell[];
  rows: TableRow[];
}

function wrapper(table: ForgeDoc, name: string): ForgeDoc | undefined {
  return childrenOfType(table, 'ContentWrapper').find((child) => child.props.name === name);
}

function cells(parent: ForgeDoc): TableCell[] {
  return childrenOfType(parent, 'Cell').map((node) => ({ key: node.props.cellKey, node }));
}

export function readDynamicTable(table: ForgeDoc): TableModel {
  const head = wrapper(table, 'head');
  const rows = wrapper(table, 'rows');
  return {
    head: head && head.children.length > 0 ? cells(head) : undefined,
    rows: rows ? childrenOfType(rows, 'Row').map((node) => ({ key: node.props.rowKey, node, cells: cells(node) })) : [],
  };
}

export type SortOrder = 'ASC' | 'DESC';

export function sortRows(model: TableModel, sortKey: string | undefined, sortOrder: SortOrder): TableRow[] {
  const column = sortKey === undefined ? -1 : (model.head ?? []).findIndex((cell) => String(cell.key) === sortKey);
  if (column < 0) return model.rows;
  const direction = sortOrder === 'DESC' ? -1 : 1;
  return [...model.rows].sort((a, b) => direction * compareKeys(a.cells[column]?.key, b.cells[column]?.key));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function pageCount(rowCount: number, rowsPerPage: number | undefined): number {
  return rowsPerPage && rowsPerPage > 0 ? Math.max(1, Math.ceil(rowCount / rowsPerPage)) : 1;
}

/** Pages are 1-based, as in DynamicTable's page / defaultPage / onSetPage. */
export function pageRows<T>(rows: T[], rowsPerPage: number | undefined, page: number): T[] {
  if (!rowsPerPage || rowsPerPage <= 0) return rows;
  const last = pageCount(rows.length, rowsPerPage);
  const current = Math.min(Math.max(1, page), last);
  return rows.slice((current - 1) * rowsPerPage, current * rowsPerPage);
}
