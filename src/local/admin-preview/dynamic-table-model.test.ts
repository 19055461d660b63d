import { pageCount, pageRows, readDynamicTable, sortRows } from './dynamic-table-model';
import type { ForgeDoc } from './forge-doc';

let keys = 0;
const node = (type: string, props: Record<string, unknown> = {}, children: ForgeDoc[] = []): ForgeDoc => ({
  type,
  props,
  children,
  key: `k${keys++}`,
});
const text = (value: string) => node('String', { text: value });
const cell = (cellKey: unknown, content: string) => node('Cell', { cellKey }, [text(content)]);
const row = (rowKey: string, ...cells: ForgeDoc[]) => node('Row', { rowKey }, cells);

// The shape @forge/react's DynamicTable gives the host.
const table = node('DynamicTable', { rowsPerPage: 2 }, [
  node('ContentWrapper', { name: 'head' }, [cell('name', 'Name'), cell('age', 'Age')]),
  node('ContentWrapper', { name: 'rows' }, [
    row('u1', cell('Grace', 'Grace'), cell(85, '85')),
    row('u2', cell('ada', 'Ada'), cell(36, '36')),
    row('u3', cell('Alan', 'Alan'), cell(41, '41')),
  ]),
]);

describe('DynamicTable model', () => {
  it('reads the head and rows back from the ForgeDoc', () => {
    const model = readDynamicTable(table);
    expect(model.head?.map((head) => head.key)).toEqual(['name', 'age']);
    expect(model.rows.map((each) => each.key)).toEqual(['u1', 'u2', 'u3']);
    expect(model.rows[0].cells.map((each) => each.key)).toEqual(['Grace', 85]);
    expect(readDynamicTable(node('DynamicTable', {}, [node('ContentWrapper', { name: 'head' }), node('ContentWrapper', { name: 'rows' })]))).toEqual({
      head: undefined,
      rows: [],
    });
  });

  it('sorts by the cell keys of the sorted column, strings case-insensitively and numbers numerically', () => {
    const model = readDynamicTable(table);
    expect(sortRows(model, 'name', 'ASC').map((each) => each.key)).toEqual(['u2', 'u3', 'u1']);
    expect(sortRows(model, 'age', 'DESC').map((each) => each.key)).toEqual(['u1', 'u3', 'u2']);
    expect(sortRows(model, 'missing', 'ASC')).toBe(model.rows);
  });

  it('pages from 1, clamping pages out of range', () => {
    expect(pageCount(3, 2)).toBe(2);
    expect(pageCount(0, 2)).toBe(1);
    expect(pageCount(3, undefined)).toBe(1);
    expect(pageRows([1, 2, 3], 2, 2)).toEqual([3]);
    expect(pageRows([1, 2, 3], 2, 9)).toEqual([3]);
    expect(pageRows([1, 2, 3], undefined, 2)).toEqual([1, 2, 3]);
  });
});
