import { boolProp, numberProp, ownControl, stringProp, testId, type ComponentRegistry, type EventScope } from '../component-api';
import { classes, h } from '../dom';
import type { ForgeDoc } from '../forge-doc';
import { pageCount, pageRows, readDynamicTable, sortRows, type SortOrder } from '../dynamic-table-model';

// DynamicTable with ADS's stateful behaviour: it pages (rowsPerPage, page/defaultPage, onSetPage) and sorts by
// sortable head cells (sortKey/defaultSortKey, sortOrder/defaultSortOrder) by itself.

interface TableState {
  page: number;
  sortKey?: string;
  sortOrder: SortOrder;
}

function initialState(node: ForgeDoc): TableState {
  return {
    page: numberProp(node, 'defaultPage') ?? 1,
    sortKey: stringProp(node, 'sortKey') ?? stringProp(node, 'defaultSortKey'),
    sortOrder: (stringProp(node, 'sortOrder') ?? stringProp(node, 'defaultSortOrder') ?? 'ASC') as SortOrder,
  };
}

function pagination(current: number, pages: number): HTMLElement {
  const pageButton = (page: number, label: string, attrs: Record<string, string | boolean | undefined> = {}) =>
    h('button', { type: 'button', class: 'fp-page-button', 'data-page': page, ...attrs }, [label]);
  const numbers = Array.from({ length: pages }, (_, index) => index + 1).map((page) =>
    pageButton(page, String(page), { 'aria-current': page === current ? 'page' : undefined, 'aria-label': `page ${page}` }),
  );
  return h('nav', { class: 'fp-pagination', 'aria-label': 'pagination' }, [
    pageButton(current - 1, '‹', { 'aria-label': 'previous', disabled: current <= 1 }),
    ...numbers,
    pageButton(current + 1, '›', { 'aria-label': 'next', disabled: current >= pages }),
  ]);
}

export const dynamicTableComponents: ComponentRegistry = {
  DynamicTable: {
    render: (node, scope) => {
      const state = scope.state(node, () => initialState(node));
      const model = readDynamicTable(node);
      const rowsPerPage = numberProp(node, 'rowsPerPage');
      const rows = sortRows(model, state.sortKey, state.sortOrder);
      const pages = pageCount(rows.length, rowsPerPage);
      const page = Math.min(Math.max(1, numberProp(node, 'page') ?? state.page), pages);
      const loading = boolProp(node, 'isLoading');
      const columns = model.head?.length ?? Math.max(1, ...model.rows.map((row) => row.cells.length));
      const highlighted = numberProp(node, 'highlightedRowIndex');

      const head = model.head
        ? h('thead', {}, [
            h(
              'tr',
              {},
              model.head.map((cell) => {
                const sortable = cell.node.props.isSortable === true;
                const sorted = sortable && state.sortKey === String(cell.key);
                const width = numberProp(cell.node, 'width');
                return h(
                  'th',
                  {
                    style: width ? `width: ${width}%` : undefined,
                    'aria-sort': sorted ? (state.sortOrder === 'ASC' ? 'ascending' : 'descending') : undefined,
                    class: classes(cell.node.props.shouldTruncate === true && 'fp-truncate'),
                  },
                  sortable
                    ? [
                        h('button', { type: 'button', class: 'fp-sort', 'data-sort-key': String(cell.key) }, [
                          ...scope.children(cell.node),
                          sorted ? (state.sortOrder === 'ASC' ? ' ▲' : ' ▼') : ' ↕',
                        ]),
                      ]
                    : scope.children(cell.node),
                );
              }),
            ),
          ])
        : null;

      const visible = pageRows(rows, rowsPerPage, page);
      const body =
        visible.length === 0 && !loading
          ? [h('tr', { class: 'fp-empty-row' }, [h('td', { colspan: columns }, scope.slot(node, 'emptyView'))])]
          : visible.map((row, index) =>
              h(
                'tr',
                {
                  class: classes((row.node.props.isHighlighted === true || highlighted === index) && 'fp-highlighted'),
                  'data-row-key': String(row.key),
                },
                row.cells.map((cell) =>
                  h('td', { class: classes(cell.node.props.shouldTruncate === true && 'fp-truncate') }, scope.children(cell.node)),
                ),
              ),
            );

      const caption = stringProp(node, 'caption');
      return h('div', { class: classes('fp-table-wrap', loading && 'fp-loading'), 'data-testid': testId(node) }, [
        h(
          'table',
          {
            class: classes('fp-table', boolProp(node, 'isFixedSize') && 'fp-fixed'),
            'aria-label': stringProp(node, 'label'),
            'aria-busy': loading ? 'true' : undefined,
          },
          [caption ? h('caption', {}, [caption]) : null, head, h('tbody', {}, body)],
        ),
        loading
          ? h('div', { class: 'fp-table-loading' }, [
              h('span', { class: 'fp-spinner', role: 'status', 'aria-label': 'Loading', style: 'width: 24px; height: 24px' }),
            ])
          : null,
        pages > 1 ? pagination(page, pages) : null,
      ]);
    },
    events: {
      click: (scope: EventScope) => {
        const state = scope.state(() => initialState(scope.node));
        const pageButton = ownControl(scope, '[data-page]');
        if (pageButton) {
          const page = Number(pageButton.dataset.page);
          scope.setState({ ...state, page });
          scope.call('onSetPage', page);
          return;
        }
        const sortButton = ownControl(scope, '[data-sort-key]');
        if (!sortButton) return false;
        const sortKey = sortButton.dataset.sortKey;
        const sortOrder: SortOrder = state.sortKey === sortKey && state.sortOrder === 'ASC' ? 'DESC' : 'ASC';
        scope.setState({ ...state, sortKey, sortOrder, page: 1 });
      },
    },
  },
};
