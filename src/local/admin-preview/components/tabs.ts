import { boolProp, numberProp, ownControl, stringProp, testId, type ComponentRegistry } from '../component-api';
import { h } from '../dom';
import { childrenOfType } from '../forge-doc';

// Tabs > TabList > Tab*, then TabPanel* in the same order. As in ADS, panels that are not selected stay in
// the page, hidden (so what was typed in them survives switching), unless shouldUnmountTabPanelOnChange.

export const tabComponents: ComponentRegistry = {
  Tabs: {
    render: (node, scope) => {
      const state = scope.state(node, () => ({ selected: numberProp(node, 'defaultSelected') ?? 0 }));
      const selected = numberProp(node, 'selected') ?? state.selected;
      const baseId = stringProp(node, 'id') ?? `fp-tabs-${node.key}`;
      const tabs = childrenOfType(node, 'TabList').flatMap((list) => childrenOfType(list, 'Tab'));
      const unmount = boolProp(node, 'shouldUnmountTabPanelOnChange');
      const tabList = h(
        'div',
        { class: 'fp-tab-list', role: 'tablist' },
        tabs.map((tab, index) =>
          h(
            'button',
            {
              type: 'button',
              role: 'tab',
              class: 'fp-tab',
              id: `${baseId}-${index}`,
              'aria-selected': index === selected ? 'true' : 'false',
              'aria-controls': `${baseId}-${index}-tab`,
              tabindex: index === selected ? 0 : -1,
              'data-tab-index': index,
              'data-testid': testId(tab),
            },
            scope.children(tab),
          ),
        ),
      );
      const panels = childrenOfType(node, 'TabPanel').map((panel, index) =>
        unmount && index !== selected
          ? null
          : h(
              'div',
              {
                role: 'tabpanel',
                class: 'fp-tab-panel',
                id: `${baseId}-${index}-tab`,
                'aria-labelledby': `${baseId}-${index}`,
                hidden: index !== selected,
                'data-testid': testId(panel),
              },
              scope.children(panel),
            ),
      );
      return h('div', { class: 'fp-tabs', 'data-testid': testId(node) }, [tabList, ...panels]);
    },
    events: {
      click: (scope) => {
        const tab = ownControl(scope, '[data-tab-index]');
        if (!tab) return false;
        const index = Number(tab.dataset.tabIndex);
        scope.setState({ selected: index });
        scope.call('onChange', index);
      },
    },
  },
};
