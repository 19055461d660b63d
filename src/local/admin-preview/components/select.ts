import { boolProp, ownControl, stringProp, testId, type ComponentRegistry } from '../component-api';
import { classes, h } from '../dom';
import { eventFrom } from '../dom-events';
import type { ForgeDoc } from '../forge-doc';
import { flatOptions, optionGroups, sameOption, selectChange, selectedOptions, type SelectOption } from '../select-options';

// Select as a native <select> (no type-to-search: onInputChange is never called). Option elements carry
// their index, so option values of any type come back as the app's own option objects.

function currentValue(node: ForgeDoc, lastChosen: SelectOption[] | undefined): { controlled: boolean; selected: SelectOption[] } {
  const controlled = node.props.value !== undefined;
  if (controlled) return { controlled, selected: selectedOptions(node.props.value) };
  return { controlled, selected: lastChosen ?? selectedOptions(node.props.defaultValue) };
}

export const selectComponents: ComponentRegistry = {
  Select: {
    render: (node, scope) => {
      const multi = boolProp(node, 'isMulti');
      const chosen = scope.state<{ last?: SelectOption[] }>(node, () => ({}));
      const { controlled, selected } = currentValue(node, chosen.last);
      let index = 0;
      const optionElement = (option: SelectOption) =>
        h('option', { value: index++, selected: selected.some((value) => sameOption(value, option)), disabled: option.isDisabled === true }, [
          option.label,
        ]);
      const groups = optionGroups(node.props.options).map((group) =>
        group.label === undefined ? group.options.map(optionElement) : [h('optgroup', { label: group.label }, group.options.map(optionElement))],
      );
      const placeholder = multi
        ? null
        : h(
            'option',
            { value: '', selected: selected.length === 0, disabled: !boolProp(node, 'isClearable') && selected.length > 0, 'data-placeholder': true },
            [stringProp(node, 'placeholder') ?? 'Select…'],
          );
      return h(
        'div',
        { class: classes('fp-select', `fp-spacing-${stringProp(node, 'spacing') ?? 'default'}`, boolProp(node, 'isDisabled') && 'fp-disabled') },
        [
          h(
            'select',
            {
              class: classes('fp-input', node.props['aria-invalid'] === true || boolProp(node, 'isInvalid') ? 'fp-invalid' : undefined),
              id: stringProp(node, 'id') ?? stringProp(node, 'inputId'),
              name: stringProp(node, 'name'),
              multiple: multi,
              size: multi ? Math.min(6, Math.max(2, flatOptions(node.props.options).length)) : undefined,
              disabled: boolProp(node, 'isDisabled'),
              'aria-invalid': node.props['aria-invalid'] === true || boolProp(node, 'isInvalid') ? 'true' : undefined,
              'aria-required': boolProp(node, 'isRequired') ? 'true' : undefined,
              'aria-busy': boolProp(node, 'isLoading') ? 'true' : undefined,
              'data-controlled': controlled,
              'data-testid': testId(node),
            },
            [placeholder, ...groups.flat()],
          ),
        ],
      );
    },
    events: {
      change: (scope) => {
        const select = ownControl(scope, 'select') as HTMLSelectElement | undefined;
        if (!select) return false;
        const options = flatOptions(scope.node.props.options);
        const next = Array.from(select.selectedOptions)
          .filter((option) => option.value !== '')
          .map((option) => options[Number(option.value)])
          .filter((option): option is SelectOption => option !== undefined);
        const state = scope.state<{ last?: SelectOption[] }>(() => ({}));
        const previous = currentValue(scope.node, state.last).selected;
        const { value, actionMeta } = selectChange(boolProp(scope.node, 'isMulti'), previous, next, stringProp(scope.node, 'name'));
        state.last = next;
        scope.call('onChange', value, actionMeta);
      },
      focusin: (scope) => {
        const select = ownControl(scope, 'select');
        if (!select) return false;
        scope.call('onFocus', eventFrom('focus', select, scope.event));
      },
      focusout: (scope) => {
        const select = ownControl(scope, 'select');
        if (!select) return false;
        scope.call('onBlur', eventFrom('blur', select, scope.event));
      },
    },
  },
};
